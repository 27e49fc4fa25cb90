"""Valid HTML from the Markdown: attributes that only steer Markdown are removed.

Python-Markdown's md_in_html leaves `markdown="0"` on the blocks it was told not to parse
(`<div markdown="0">`), and no HTML element has a `markdown` attribute (Nu HTML Checker).
Every page passes through here: the attribute is found by its text, and only then checked
to stand in an opening tag, which is ten times faster than matching every tag of a page.
"""

from __future__ import annotations

import re

_ATTRIBUTE = re.compile(r'markdown="[^"]*"')
_SPACE = " \t\r\n\f"


def strip_markdown_attributes(html: str) -> str:
    pieces: list[str] = []
    pos = 0
    for m in _ATTRIBUTE.finditer(html):
        start = m.start()
        before = start
        while before > pos and html[before - 1] in _SPACE:
            before -= 1
        opened = html.rfind("<", 0, start)
        if (
            before == start  # part of a longer name
            or opened < html.rfind(">", 0, start)  # in text, not in a tag
            or not html[opened + 1 : opened + 2].isalpha()  # in a comment or closing tag
        ):
            continue
        pieces.append(html[pos:before])
        pos = m.end()
    if not pieces:
        return html
    pieces.append(html[pos:])
    return "".join(pieces)
