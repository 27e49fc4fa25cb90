"""Language of parts (WCAG 3.1.1, 3.1.2) over the built HTML: every page's `<html>` carries its
language and direction; every name the content declares in another language (an instrument's
original title, a body's original name) carries that language wherever it is shown; the
language menu's names carry their own language.

Run on the fixture portal and on the shipped one (whose content is read, not named: a pull
request that adds a country breaks nothing here)."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

from contenttree import ROOT
from sitebuild import html_pages

from portal import a11y, build, config, i18n

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr", "image", "path", "circle", "rect"}  # fmt: skip


class _Langs(HTMLParser):
    """Every text node with the language it is in (the nearest `lang` around it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, lang in force)
        self.texts: list[tuple[str, str]] = []
        self.root: dict[str, str] = {}
        self.menu: list[tuple[str, str]] = []  # (hreflang of a menu link, lang of its name)
        self._menu_link: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.root = a
        here = a.get("lang", self.stack[-1][1] if self.stack else "")
        if tag == "a" and "data-portal-lang" in a:
            self._menu_link = a.get("hreflang", "")
        elif self._menu_link is not None and "lang" in a:
            self.menu.append((self._menu_link, a["lang"]))
        if tag not in _VOID:
            self.stack.append((tag, here))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._menu_link = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and self.stack:
            self.texts.append((data.strip(), self.stack[-1][1]))


def _read(page: Path) -> _Langs:
    parser = _Langs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def declared(root: Path) -> dict[str, set[str]]:
    """Text -> the languages it may be marked in, for every name the content declares in
    another language: its own, and the portal languages whose translation is the same text
    ("Decreto 1818 de 2020" is Spanish, and Portuguese too)."""
    loaded = build.load(config.from_file(root))
    # The rule of which language a declared name is in is the build's own (portal.a11y);
    # what is tested here is that every page marks each one.
    declared = a11y.declared_names(list(loaded.countries))
    return {text: {lang, *same} for text, (lang, same) in declared.items()}


def problems(site: Path, names: dict[str, set[str]]) -> list[str]:
    found: list[str] = []
    for rel in html_pages(site):
        page = _read(site / rel)
        lang, direction = page.root.get("lang", ""), page.root.get("dir", "")
        if not lang or direction != i18n.direction(lang):
            found.append(f"{rel}: <html lang={lang!r} dir={direction!r}>")
        wrong_menu = [(code, name_lang) for code, name_lang in page.menu if code != name_lang]
        if not page.menu or wrong_menu:
            found.append(f"{rel}: language menu names {page.menu}")
        for text, in_lang in page.texts:
            want = names.get(html.unescape(text))
            if want and in_lang not in want:
                found.append(f"{rel}: {text[:40]!r} in {in_lang!r}, declared {sorted(want)}")
    return found


def test_fixture_pages_mark_their_parts(builds):
    site = builds.get("site").site
    names = declared(builds.get("site").project)
    assert names  # the fixture declares original titles
    assert problems(site, names) == []


def test_shipped_pages_mark_their_parts(shipped_site):
    names = declared(ROOT)
    assert problems(shipped_site, names) == []
