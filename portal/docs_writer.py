"""Writing the generated pages and the narratives' images into `docs/`.

Why `docs/`: mkdocs-static-i18n localises only files under `docs_dir` (a page `x.fr.md`
becomes `/fr/x/`), so the generated pages must live there, beside the hand-written ones,
in the folders `paths.GENERATED_DIRS` names (git-ignored; a test checks `.gitignore`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import paths
from .content import Content, Entry

# Images an editor may put beside a narrative (countries/<slug>/figure.png, referenced from
# index.md as `figure.png`): copied next to the generated page, so the web page and its PDFs
# show them. Only regular files (no symbolic link) of these types are copied.
MEDIA_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def media(content: Content, root: Path) -> dict[str, bytes]:
    """Docs-relative path -> bytes of every image beside a country's or objective's narrative.

    mkdocs-static-i18n (suffix structure) publishes `figure.png` in the default language's
    folder only: each further language gets its copy as `figure.<lang>.png`.
    """
    out: dict[str, bytes] = {}
    for entry in content.entries:
        folder = root / entry.folder
        if folder.is_symlink() or not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in MEDIA_SUFFIXES and path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                out[f"{entry.folder}/{path.name}"] = data
                for lang in content.settings.languages[1:]:
                    out[f"{entry.folder}/{path.stem}.{lang}{path.suffix}"] = data
    return out


def media_links(entry: Entry[Any], text: str, root: Path | None) -> str:
    """Point a narrative's references to an image beside it (`figure.png`) at the copy
    beside the generated page (`morocco/figure.png` from `countries/morocco.md`)."""
    if root is None or "." not in text:
        return text
    folder = root / entry.folder
    if folder.is_symlink() or not folder.is_dir():
        return text
    slug = entry.folder.rstrip("/").rsplit("/", 1)[-1]
    for path in folder.iterdir():
        if path.suffix.lower() not in MEDIA_SUFFIXES or path.is_symlink():
            continue
        name = re.escape(path.name)
        text = re.sub(
            rf"(\]\(\s*<?|\bsrc=[\"']|^\s*\[[^\]]+\]:\s*<?)(?:\./)?{name}(?=[\s>)\"']|$)",
            rf"\g<1>{slug}/{path.name}",
            text,
            flags=re.MULTILINE,
        )
    return text


def write_tree(
    docs_dir: Path, pages: dict[str, str | bytes], languages: tuple[str, ...] = ()
) -> int:
    """Write generated pages under docs_dir; return how many files changed.

    Files are rewritten only when their text changed (an unchanged build writes nothing, so
    `mkdocs serve` sees nothing new), and files in the generated folders that no longer
    correspond to a page (a removed country) are deleted. With `languages` (a preview of some
    languages), the pages of the other languages are left as they are.
    """
    changed = 0
    for rel, text in pages.items():
        path = docs_dir / rel
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.write_bytes(data)
        changed += 1
    wanted = {docs_dir / rel for rel in pages}
    for folder in paths.GENERATED_DIRS:
        base = docs_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                if languages and paths.language_of(path.name, languages) is None:
                    continue  # a language this run does not build
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed
