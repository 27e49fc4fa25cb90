"""The finished page's document element: its language's direction on `<html>` (WCAG 1.3.2).

Material writes `<html lang="ar">` and puts `dir="rtl"` on `<body>` only: the document's own
direction (what the browser's scrollbars, the `<head>`'s title and a reader's tools read) stays
left to right. The direction belongs where the language is.
"""

from __future__ import annotations

import re

from . import i18n

_HTML_TAG = re.compile(r"<html\b([^>]*)>", re.IGNORECASE)
_HAS_DIR = re.compile(r"\sdir=", re.IGNORECASE)


def html_dir(html: str, lang: str) -> str:
    """`html` with `dir` of `lang` on its `<html>` element (left alone when one is there)."""
    m = _HTML_TAG.search(html)
    if m is None or _HAS_DIR.search(m.group(1)):
        return html
    tag = f'<html{m.group(1)} dir="{i18n.direction(lang)}">'
    return html[: m.start()] + tag + html[m.end() :]
