"""Texts from YAML written into places Jinja's autoescaping does not cover: MkDocs titles
(printed unescaped by the theme) and Markdown headings of generated pages."""

from __future__ import annotations

import html
import re

# Characters Markdown (with attr_list) gives a meaning to, as numeric character references:
# they show as themselves and mean nothing to Markdown.
_MARKDOWN_ACTIVE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]!#~"}
_TAG_OR_ENTITY_RE = re.compile(r"(<[^>]*>|&#?[A-Za-z0-9]+;)")
_TEMPLATE_ANCHOR_RE = re.compile(r"(\s\{ #[a-z0-9-]+ \})$")


def page_title(title: str) -> str:
    """A page title (or description) from YAML, for front matter: MkDocs and Material output
    them unescaped (navigation, <title>, previous/next, meta description), so it must already
    be HTML."""
    return html.escape(title)


def inert_headings(markdown: str, keep: str = "") -> str:
    """Markdown headings of a generated page with Markdown syntax made inert.

    Generated pages are rendered by Jinja with autoescaping, so every '<', '&' and quote of
    YAML text is already an entity: any tag left on a heading line is the template's own. Only
    the Markdown that YAML text could carry is left to neutralise: links, emphasis, attribute
    lists. The template's own trailing anchor `{ #id }` is kept, and so is `keep`, the
    narrative included in the page (editors' Markdown, checked by `check_markup` instead).
    """
    if keep.strip():
        return keep.join(inert_headings(part) for part in markdown.split(keep))
    out = []
    for line in markdown.split("\n"):
        m = re.match(r"(#{1,6} )(.*)$", line)
        if m:
            body, anchor = m[2], ""
            a = _TEMPLATE_ANCHOR_RE.search(body)
            if a:
                body, anchor = body[: a.start()], a[1]
            line = m[1] + _inert(body) + anchor
        out.append(line)
    return "\n".join(out)


def _inert(text: str) -> str:
    return "".join(
        part if i % 2 else "".join(_MARKDOWN_ACTIVE.get(c, c) for c in part)
        for i, part in enumerate(_TAG_OR_ENTITY_RE.split(text))
    )
