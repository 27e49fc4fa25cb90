"""Accessibility of the finished page: its language's direction on `<html>` (WCAG 1.3.2), and
the language of every name the content declares in another language where a narrative quotes
it (3.1.2).

Material writes `<html lang="ar">` and puts `dir="rtl"` on `<body>` only: the document's own
direction (what the browser's scrollbars, the `<head>`'s title and a reader's tools read) stays
left to right. The direction belongs where the language is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import i18n

if TYPE_CHECKING:
    from .content import Entry
    from .model import Country

_HTML_TAG = re.compile(r"<html\b([^>]*)>", re.IGNORECASE)
_HAS_DIR = re.compile(r"\sdir=", re.IGNORECASE)


def html_dir(page_html: str, lang: str) -> str:
    """`page_html` with `dir` of `lang` on its `<html>` element (left alone when one is there)."""
    m = _HTML_TAG.search(page_html)
    if m is None or _HAS_DIR.search(m.group(1)):
        return page_html
    tag = f'<html{m.group(1)} dir="{i18n.direction(lang)}">'
    return page_html[: m.start()] + tag + page_html[m.end() :]


# -- Names the content declares in another language, wherever a page quotes them (3.1.2).

_NAMES_ATTR = "_portal_declared_names"


def declared_names(countries: list[Entry[Country]]) -> dict[str, tuple[str, frozenset[str]]]:
    """Text -> (its language, the portal languages whose translation is the same text), for
    every name the content declares in another language: an instrument's original title (its
    `original_language`), a body's original name (its `original_language`, else the country's
    official language when it has only one). "Decreto 1818 de 2020" is Spanish, and
    Portuguese too: on a Portuguese page it is the page's own text."""
    out: dict[str, tuple[str, frozenset[str]]] = {}

    def add(text: str | None, lang: str, translations: Any) -> None:
        if text and lang:
            same = translations if isinstance(translations, Mapping) else {}
            out[text] = (lang, frozenset(k for k, v in same.items() if v == text))

    for c in countries:
        official = c.data.official_languages
        for ins in c.data.instruments:
            add(ins.original_title, ins.original_language or "", ins.title)
        for body in c.data.coordinating_bodies:
            lang = body.original_language or (official[0] if len(official) == 1 else "")
            add(body.original_name, lang, body.name)
    return out


def _pattern(names: dict[str, Any]) -> re.Pattern[str] | None:
    if not names:
        return None
    texts = sorted((html.escape(t, quote=False) for t in names), key=len, reverse=True)
    alternatives = "|".join(re.escape(t) for t in texts)
    # An inline element whose whole text is one of the names: <em>О противодействии…</em>,
    # <bdi dir="ltr">…</bdi> (a narrative quoting a law's original title).
    return re.compile(rf"<(em|i|bdi|span|strong|cite|q|b)((?:\s[^<>]*)?)>({alternatives})</\1>")


def mark_parts(page_html: str, renderer: Any, page_lang: str) -> str:
    """`page_html` with the language of every quoted declared name on its element."""
    cached = getattr(renderer, _NAMES_ATTR, None)
    if cached is None:
        content = getattr(renderer, "content", None)
        names = declared_names(list(content.countries)) if content is not None else {}
        cached = (names, _pattern(names))
        setattr(renderer, _NAMES_ATTR, cached)
    names, pattern = cached
    if pattern is None:
        return page_html

    def add(m: re.Match[str]) -> str:
        tag, attrs, text = m.group(1), m.group(2), m.group(3)
        lang, same = names.get(html.unescape(text), ("", frozenset()))
        if " lang=" in attrs or not lang or page_lang in same or page_lang == lang:
            return m.group(0)
        attrs = re.sub(r'\sdir="[^"]*"', "", attrs)
        return f'<{tag}{attrs} lang="{lang}" dir="{i18n.direction(lang)}">{text}</{tag}>'

    return pattern.sub(add, page_html)
