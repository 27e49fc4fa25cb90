"""Fonts by script: which fonts the PDFs use, and whether they cover every portal language.

The bundled fonts (portal/pdf_assets/fonts: Noto Sans, Noto Naskh Arabic) cover Latin,
Cyrillic, Greek and Arabic. A programme in another script declares its fonts in
programme.yml (`fonts:`, a file in the repository or a system font found by fontconfig). A
language's script is known from CLDR through babel: the letters of its own names of
territories, languages, months and days (babel ships no exemplar characters; those names use
the script's common letters). A font covers a letter when its character map (fontTools) has
it. A language with letters no font covers is a problem of `portal check`, naming the Debian
package that provides a font, because WeasyPrint would draw a box for each of them.

The PDF cache key includes the bytes of every font file the PDFs may use (`digest`), so a
font installed, changed or declared renders the PDFs again.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .problems import Problems

BUNDLED_DIR = Path(__file__).parent / "pdf_assets" / "fonts"
FILE = "programme.yml"
# Where a font for a script comes from on Debian (the first word of a letter's Unicode name
# names its script). Fonts of other scripts: Debian's fonts-noto-core, or Google's Noto.
PACKAGES = {
    "CJK": "fonts-noto-cjk (Noto Sans CJK SC/TC/JP/KR) or fonts-wqy-microhei",
    "HIRAGANA": "fonts-noto-cjk (Noto Sans CJK JP)",
    "KATAKANA": "fonts-noto-cjk (Noto Sans CJK JP)",
    "HANGUL": "fonts-noto-cjk (Noto Sans CJK KR)",
}
DEFAULT_PACKAGE = "fonts-noto-core (Noto Sans {script}) or a Noto font file (OFL)"


@dataclass(frozen=True)
class Font:
    """A font file the PDFs may use, under the CSS family name the print stylesheet gives."""

    path: Path
    family: str
    origin: str  # "bundled" or "programme.yml fonts[0]"


def bundled() -> tuple[Font, ...]:
    return tuple(Font(p, "", "bundled") for p in sorted(BUNDLED_DIR.glob("*.ttf")) if p.is_file())


def system_font(family: str) -> Path | None:
    """The file fontconfig gives for exactly this family, or None (not installed)."""
    if not shutil.which("fc-match"):
        return None
    found = subprocess.run(
        ["fc-match", "-f", "%{family}\n%{file}", f"{family}:style=Regular"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split("\n")
    families = [f.strip().casefold() for f in found[0].split(",")] if found else []
    if len(found) < 2 or family.strip().casefold() not in families:
        return None  # fontconfig substituted another family: the one asked for is missing
    return Path(found[1])


def declared(root: Path, specs: tuple[dict[str, str], ...], problems: Problems) -> list[Font]:
    """The fonts programme.yml declares, each checked (a missing one is a problem)."""
    fonts = []
    for i, spec in enumerate(specs):
        where = f"fonts[{i}]"
        if bool(spec.get("file")) == bool(spec.get("system")):
            problems.add(FILE, where, "expected either `file:` or `system:`, not both or none")
            continue
        if spec.get("system"):
            path = system_font(spec["system"])
            if path is None:
                problems.add(
                    FILE,
                    f"{where}.system",
                    f"no font of the family {spec['system']!r} is installed (fc-list shows "
                    "those that are); install its package (Debian: fonts-noto-cjk, "
                    "fonts-wqy-microhei...) or declare a font file of the repository",
                )
                continue
            fonts.append(Font(path.resolve(), spec["system"], f"{FILE} {where}"))
            continue
        path = (root / spec["file"]).resolve()
        if not path.is_relative_to(root.resolve()) or not path.is_file():
            problems.add(
                FILE,
                f"{where}.file",
                f"expected a font file inside the repository, got {spec['file']!r}",
            )
            continue
        fonts.append(Font(path, path.stem, f"{FILE} {where}"))
    return fonts


@cache
def _coverage(path: Path, size: int, mtime: int) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() == ".ttc":
        faces = TTCollection(str(path), lazy=True).fonts
    else:
        faces = [TTFont(str(path), lazy=True, fontNumber=0)]
    covered: set[int] = set()
    for face in faces:
        covered |= set(face.getBestCmap() or {})
    return frozenset(covered)


def coverage(path: Path) -> frozenset[int]:
    """The characters a font file has a glyph for (read once per file and version)."""
    st = path.stat()
    return _coverage(path, st.st_size, st.st_mtime_ns)


@cache
def letters(lang: str) -> frozenset[str]:
    """Letters of the language's script, from CLDR (its names of places, languages, months)."""
    from babel import Locale

    try:
        locale = Locale.parse(lang)
    except Exception:  # noqa: BLE001 - an unknown code: nothing known of its script
        return frozenset()
    texts = [
        *locale.territories.values(),
        *locale.languages.values(),
        *locale.months["format"]["wide"].values(),
        *locale.days["format"]["wide"].values(),
    ]
    return frozenset(c for t in texts for c in t if unicodedata.category(c).startswith("L"))


def script(char: str) -> str:
    """'CJK', 'DEVANAGARI', 'HANGUL'...: the first word of the character's Unicode name."""
    return unicodedata.name(char, "UNKNOWN").split()[0]


def uncovered(lang: str, fonts: list[Font]) -> dict[str, list[str]]:
    """Script -> letters of the language no font has a glyph for."""
    covered: set[int] = set()
    for font in fonts:
        covered |= coverage(font.path)
    missing: dict[str, list[str]] = {}
    for char in sorted(letters(lang)):
        if ord(char) not in covered:
            missing.setdefault(script(char), []).append(char)
    return missing


def check(
    root: Path,
    languages: tuple[str, ...],
    specs: tuple[dict[str, str], ...],
    problems: Problems,
    severity: str = "error",
) -> list[Font]:
    """Every font the PDFs may use; a problem for each language whose script none covers
    (a warning only when the build makes no PDF)."""
    fonts = [*bundled(), *declared(root, specs, problems)]
    for lang in languages:
        for name, chars in uncovered(lang, fonts).items():
            package = PACKAGES.get(name) or DEFAULT_PACKAGE.format(script=name.title())
            problems.add(
                "mkdocs.yml",
                f"languages: {lang}",
                f"no font of the PDFs covers its script ({name}: {len(chars)} letters such as "
                f"{' '.join(chars[:3])}), its PDFs would show boxes; install a font (Debian: "
                f"{package}) and declare it in programme.yml, `fonts: [{{system: <family>}}]`, "
                "or add a font file (OFL) to the repository, `fonts: [{file: fonts/<name>}]`",
                severity=severity,
            )
    return fonts


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def check_texts(
    texts: Iterable[tuple[str, object]], fonts: Sequence[Font], problems: Problems
) -> None:
    """A warning for each file whose letters no font covers (a word in another script inside
    a narrative or a name), naming the script: its PDFs would show boxes there."""
    covered: set[int] = set()
    for font in fonts:
        covered |= coverage(font.path)
    for file, value in texts:
        missing: dict[str, set[str]] = {}
        for text in _strings(value):
            for char in text:
                if ord(char) not in covered and unicodedata.category(char).startswith("L"):
                    missing.setdefault(script(char), set()).add(char)
        for name, chars in sorted(missing.items()):
            package = PACKAGES.get(name) or DEFAULT_PACKAGE.format(script=name.title())
            problems.add(
                file,
                "",
                f"no font of the PDFs has its {name} letters ({' '.join(sorted(chars)[:3])}): "
                f"its PDFs would show boxes there; install a font (Debian: {package}) and "
                "declare it in programme.yml `fonts:`",
                severity="warning",
            )


def css(fonts: Sequence[Font]) -> str:
    """The print stylesheet's addition: the declared fonts after the bundled ones."""
    if not fonts:
        return ""
    faces = " ".join(
        f"@font-face {{ font-family: {_quoted(f.family)}; src: url({_quoted(f.path.as_uri())}); }}"
        for f in fonts
    )
    extra = ", ".join(_quoted(f.family) for f in fonts)
    latin, arabic = '"Noto Sans", "Noto Naskh Arabic"', '"Noto Naskh Arabic", "Noto Sans"'
    # As specific as print.css's html and :lang() rules or more, and after them.
    return (
        f"{faces}\nhtml, html [lang] {{ font-family: {latin}, {extra}; }}\n"
        f"html[lang|=ar], html [lang|=ar] {{ font-family: {arabic}, {extra}; }}\n"
    )


def _quoted(text: str) -> str:
    return (
        '"' + "".join(c if c.isalnum() or c in " -_./:" else f"\\{ord(c):x} " for c in text) + '"'
    )


def digest(fonts: Sequence[Font]) -> str:
    """Hash of the font files' bytes and how they are used (the bytes cached by path, size
    and time: CJK fonts are large)."""
    h = hashlib.sha256(css(fonts).encode())
    for font in fonts:
        st = font.path.stat()
        h.update(_file_digest(font.path, st.st_size, st.st_mtime_ns).encode())
    return h.hexdigest()


@cache
def _file_digest(path: Path, size: int, mtime: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
