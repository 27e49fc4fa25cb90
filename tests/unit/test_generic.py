"""The generator names nothing of its first programme (GLO.ACT): that lives in its content.

Every text file of `portal/`, `hooks/` and `overrides/` is searched for GLO.ACT's vocabulary:
its name and agency, its subject, its treaties, its regions and its objectives. The words are
listed here rather than read from the shipped `programme.yml` and `objectives/`, so that an
editor who adds or renames an objective never breaks this test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SEARCHED = ("portal", "hooks", "overrides")
TEXT_SUFFIXES = {
    ".py", ".j2", ".yml", ".yaml", ".md", ".css", ".js", ".html", ".json", ".txt", ".xml", ".svg",
}  # fmt: skip
# Not searched, with the reason:
SKIPPED_SUFFIXES = {
    ".ttf",  # font files (binary)
    ".otf",
    ".woff",
    ".woff2",
    ".pyc",  # bytecode of the files that are searched
}
SKIPPED_NAMES = {
    # Licence texts of third-party files: their wording is the licensor's.
    "LICENSE",
    "LICENSE-world-atlas",
}

# Word-ish: a match may not continue a longer word ("Asian" is fine, "asia" is not), but a
# hyphen, dot or underscore is a boundary, so "south-africa" and "portal-protocol" are caught.
_SEP = r"[\s_-]*"
WORDS = {
    "GLO.ACT": r"glo[\s._-]?act",
    "UNODC": r"unodc",
    "trafficking": r"traffick\w*",
    "smuggling": r"smuggl\w*",
    # "location.protocol" / "url.protocol" is the JavaScript URL API, not a treaty.
    "protocol": r"(?<!\.)protocols?",
    # GLO.ACT's regions (keys and English names).
    "africa": r"africa",
    "asia": r"asia",
    "eastern-europe": rf"eastern{_SEP}europe",
    "latin-america": rf"latin{_SEP}america",
    # GLO.ACT's objectives: slugs and English titles.
    "capacity-building": rf"capacity{_SEP}building",
    "child-victims": rf"child{_SEP}victims",
    "legislative-assistance": rf"legislative{_SEP}assistance",
    "regional-cooperation": rf"regional{_SEP}(?:and{_SEP}trans-regional{_SEP})?cooperation",
    "strategy-and-policy": rf"strategy{_SEP}and{_SEP}policy",
    "victim-protection": rf"victims?{_SEP}protection",
    "victims of trafficking": rf"victims{_SEP}of{_SEP}traffick\w*",
    "smuggled migrants": rf"smuggled{_SEP}migrants",
    # The same in the other languages of its content (fr, es, pt, ru, ar): region names and
    # treaty words once lived in the package's labels files.
    "protocol (translated)": r"protoco(?:le|lo)s?|протокол\w*|بروتوكول",
    "trafficking (translated)": (
        r"traite\s+des\s+(?:personnes|êtres)|trata\s+de\s+personas|tráfico\s+(?:de|ilícito)"
        r"|trafic\s+illicite|торговл\w*\s+людьми|незаконн\w*\s+ввоз\w*|الاتجار|تهريب"
    ),
    "region (translated)": (
        r"afrique|asie|europe\s+de\s+l.est|amérique\s+latine|áfrica|ásia|europa\s+oriental"
        r"|américa\s+latina|африк\w*|азия|восточная\s+европа|латинская\s+америка"
        r"|أفريقيا|آسيا|أوروبا\s+الشرقية|أمريكا\s+اللاتينية"
    ),
}
PATTERN = re.compile(
    "|".join(rf"(?<![a-z0-9])(?P<w{i}>{p})(?![a-z0-9])" for i, p in enumerate(WORDS.values())),
    re.IGNORECASE,
)
NAMES = list(WORDS)


def searched_files() -> list[Path]:
    files = []
    for folder in SEARCHED:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            if path.suffix in SKIPPED_SUFFIXES or path.name in SKIPPED_NAMES:
                continue
            files.append(path)
    return files


def findings(path: Path, base: Path = ROOT) -> list[str]:
    """'file:line: word (text)' for every match in one file, the file relative to base."""
    text = path.read_text(encoding="utf-8")
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for m in PATTERN.finditer(line):
            word = NAMES[int(next(k for k, v in m.groupdict().items() if v)[1:])]
            excerpt = line[max(0, m.start() - 30) : m.end() + 30].strip()
            found.append(f"{path.relative_to(base).as_posix()}:{number}: {word} ({excerpt[:100]})")
    return found


def test_every_file_is_known_text():
    # A new kind of file must be either searched or skipped for a stated reason.
    unknown = [
        p.relative_to(ROOT).as_posix()
        for p in searched_files()
        if p.suffix not in TEXT_SUFFIXES and p.name not in SKIPPED_NAMES
    ]
    assert not unknown, f"files of a kind this test does not know: {unknown}"


def test_the_map_data_holds_no_continent_names():
    # world.json is searched like any file: it holds only ISO codes and SVG paths.
    world = (ROOT / "portal" / "map_assets" / "world.json").read_text(encoding="utf-8")
    assert '"MAR":"M' in world.replace(" ", "")
    assert not re.search(r"(?i)africa|asia|europe|america", world)


def test_no_word_of_the_first_programme_outside_its_content():
    found = [line for path in searched_files() for line in findings(path)]
    assert not found, (
        "the generator must not name the first programme's vocabulary (it belongs in "
        "programme.yml, countries/, objectives/ and docs/); found:\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("GLO.ACT portal", "GLO.ACT"),
        ("glo-act-offline.zip", "GLO.ACT"),
        ("the UNODC model law", "UNODC"),
        ("Trafficking in Persons", "trafficking"),
        ("trafficked", "trafficking"),
        ("migrant smuggling", "smuggling"),
        (".portal-protocol-party {", "protocol"),
        ("protocols.csv", "protocol"),
        ("like 'south-africa'", "africa"),
        ("Latin America", "latin-america"),
        ("eastern_europe", "eastern-europe"),
        ("objective-capacity-building.fr.pdf", "capacity-building"),
        ("Regional and trans-regional cooperation", "regional-cooperation"),
        ("victim-protection", "victim-protection"),
        ("Protocole relatif", "protocol (translated)"),
        ("la traite des personnes", "trafficking (translated)"),
        ("trata de personas", "trafficking (translated)"),
        ("торговля людьми", "trafficking (translated)"),
        ("بروتوكول", "protocol (translated)"),
        ("Amérique latine", "region (translated)"),
        ("أوروبا الشرقية", "region (translated)"),
    ],
)
def test_the_search_finds(line, word, tmp_path):
    path = tmp_path / "page.md"
    path.write_text(f"first line\n{line}\n", encoding="utf-8")
    assert findings(path, tmp_path) == [f"page.md:2: {word} ({line.strip()})"]


@pytest.mark.parametrize(
    "line",
    [
        'location.protocol==="file:"',  # the JavaScript URL API
        "Caucasian",
        "an asian-style",  # "asian" is a longer word than "asia"
        "capacity to build",
        "regional contacts",
        "treaty-party",
    ],
)
def test_the_search_leaves(line):
    assert not PATTERN.search(line), line
