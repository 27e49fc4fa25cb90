"""Valid HTML from the Markdown: attributes that only steer Markdown are removed.

Python-Markdown's md_in_html leaves `markdown="0"` on the blocks it was told not to parse
(`<div markdown="0">`), and no HTML element has a `markdown` attribute (Nu HTML Checker).
"""

from __future__ import annotations

import re

_MARKDOWN_ATTR = re.compile(r'(<[a-zA-Z][\w-]*\b[^<>]*?)\s+markdown="[^"]*"')


def strip_markdown_attributes(html: str) -> str:
    return _MARKDOWN_ATTR.sub(r"\1", html)
