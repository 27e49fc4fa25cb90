"""The classes editors' markup may carry: a declared list, and nothing of the theme's.

Material styles and scripts its own parts by class (`md-consent__overlay` is a page-wide
blurred overlay, `md-button` a button): a narrative wearing them could fake the portal's
interface (a "Sign in again" dialog over every page). So a class in a narrative or a docs
page, written as `class="..."`, as `{: .name }` or as an admonition's type (`!!! name`), must
be one of `CONTENT_CLASSES`. `portal.safety` refuses any other with its line and what to
write instead; `portal.sanitize` removes any other that slipped past (the second wall).
"""

from __future__ import annotations

import re

# Admonitions (`!!! note "Title"`): the types Material draws, one class each.
ADMONITION_TYPES = frozenset(
    {
        "note",
        "abstract",
        "info",
        "tip",
        "success",
        "question",
        "warning",
        "failure",
        "danger",
        "bug",
        "example",
        "quote",
    }
)
CONTENT_CLASSES = frozenset(
    {
        *ADMONITION_TYPES,
        "admonition",  # written by Markdown's admonition extension
        "admonition-title",
        "headerlink",  # toc's permalinks
        "grid",  # Material's cards grid (docs/index.md): a layout, nothing interactive
        "cards",
    }
)

_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_SHORTHAND = re.compile(r"(?:^|\s)\.([^\s{}]+)")
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+([^\"\n]*)", re.M)


def refused(value: str) -> list[str]:
    """The classes of a `class` value that are not the portal's allowlist."""
    return [name for name in value.split() if name not in CONTENT_CLASSES]


def message(names: list[str]) -> str:
    listed = ", ".join(sorted(CONTENT_CLASSES))
    return (
        f"the class {' '.join(names)!r} is not one content may use (the theme's and the "
        f"portal's classes style their own parts: a narrative wearing them can fake the "
        f"interface); use one of: {listed}, or none"
    )


def in_markdown(text: str) -> list[tuple[int, list[str]]]:
    """(offset, refused classes) of each attribute list `{: .name }` and admonition type of a
    Markdown text (code already masked); `class="..."` in HTML is read with the other
    attributes."""
    found: list[tuple[int, list[str]]] = []
    for m in _ATTR_LIST.finditer(text):
        names = refused(" ".join(_SHORTHAND.findall(m[1])))
        if names:
            found.append((m.start(), names))
    for m in _ADMONITION.finditer(text):
        names = refused(m[1])
        if names:
            found.append((m.start(), names))
    return sorted(found)
