"""Links between pages, checked before the build: what `mkdocs build --strict` would refuse.

MkDocs warns (and `--strict` fails) when a page links to a Markdown file or another file
that is not among the documentation files. The check sees the same set of files the build
will: the hand-written pages and files of docs/, and the pages the portal generates (their
names come from the renderer itself, `pages.Renderer.render_all`, so there is one list). It
reads the links of every hand-written page and every narrative (a country's or objective's
index*.md, which the build places at countries/<slug>.md). A link to a missing page is an
error, as in the strict build; a link to a missing anchor (`page.md#section`) is a warning,
as MkDocs reports it (`make check STRICT=1` fails on it).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify

from . import paths
from .problems import Problems

# [text](target "title"), ![alt](target), and reference definitions `[id]: target`.
_INLINE = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)>?", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"\bid=[\"']([^\"']+)[\"']")


def targets(text: str) -> list[tuple[int, str]]:
    """(line, target) of every relative link of a Markdown text (code blocks left out)."""
    text = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    found = []
    for pattern in (_INLINE, _REFERENCE):
        for m in pattern.finditer(text):
            target = m.group(1)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("/"):
                continue  # another site, mailto:, an absolute path: not a page of the portal
            found.append((text.count("\n", 0, m.start()) + 1, target))
    return sorted(found)


def anchors(markdown: str) -> set[str]:
    """The ids a page's headings and HTML get (toc's slugify, `{#id}`, `id="..."`)."""
    ids = set(_HTML_ID.findall(markdown))
    for heading in _HEADING.findall(markdown):
        explicit = _ATTR_ID.search(heading)
        ids.add(explicit.group(1) if explicit else slugify(_ATTR_ID.sub("", heading), "-"))
    return ids


def check(
    root: Path,
    languages: tuple[str, ...],
    generated: dict[str, str | None],
    narratives: Iterable[tuple[str, str, str]],
    problems: Problems,
) -> None:
    """Check every hand-written page of docs/ and every narrative.

    generated: docs-relative path -> Markdown of each generated page (the default language's
    suffices: a translation links to the same names). narratives: (file relative to root,
    docs-relative page it is shown in, its Markdown).
    """
    docs = root / "docs"
    files: dict[str, str | None] = dict(generated)  # path -> Markdown (None: not a page)
    own: list[tuple[str, str, str]] = []
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        rel = path.relative_to(docs).as_posix()
        if not path.is_file() or rel.split("/")[0] in paths.GENERATED_DIRS:
            continue
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8", errors="replace")
            files.setdefault(_default_name(rel, languages), text)
            own.append((f"docs/{rel}", rel, text))
        else:
            files[rel] = None
    for source, page, text in [*own, *narratives]:
        for line, target in targets(text):
            _check_one(source, page, line, target, files, problems)


def _default_name(rel: str, languages: tuple[str, ...]) -> str:
    """'about.fr.md' -> 'about.md': a translation is found under its default page's name."""
    folder, _, name = rel.rpartition("/")
    stem, _, rest = name.partition(".")
    lang, _, suffix = rest.partition(".")
    if suffix and lang in languages:
        name = f"{stem}.{suffix}"
    return f"{folder}/{name}" if folder else name


def _check_one(
    source: str,
    page: str,
    line: int,
    target: str,
    files: dict[str, str | None],
    problems: Problems,
) -> None:
    path, _, anchor = target.partition("#")
    path = unquote(path)
    if not path:
        return  # an anchor of the same page: its headings may come from the template
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if not path.endswith(".md") and "." not in posixpath.basename(path.rstrip("/")):
        return  # 'countries/': MkDocs leaves such a link as it is, and does not check it
    if resolved.startswith("../") or resolved not in files:
        problems.add(
            source,
            "",
            f"links to {target!r}, which is not a page or file of the site (the strict build "
            "refuses it); point it at an existing page, e.g. countries/index.md, or remove it",
            line,
        )
        return
    text = files[resolved]
    if anchor and text is not None and anchor not in anchors(text):
        problems.add(
            source,
            "",
            f"links to {target!r}, but {resolved} has no heading or element with the id {anchor!r}",
            line,
            severity="warning",
        )
