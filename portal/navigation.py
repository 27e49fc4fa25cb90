"""Arranging MkDocs' automatic navigation: order, translated section titles, localised sorting.

Works on any objects shaped like MkDocs' navigation (items with `title`, sections with
`children`, pages with `file.src_uri`), so it holds no MkDocs import.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from . import i18n
from .content import Content

# Top-level order: hand-written pages first, then the generated sections.
ORDER = (
    "index",
    "about",
    "countries",
    "objectives",
    "instruments",
    "matrix",
    "compare",
    "contacts",
    "downloads",
    "open-data",
    "translations",
)
SECTION_LABELS = {
    "countries": "nav_countries",
    "objectives": "nav_objectives",
    "instruments": "nav_instruments",
    "matrix": "nav_matrix",
    "contacts": "nav_contacts",
    "downloads": "nav_downloads",
    "open-data": "open_data",
    "compare": "nav_compare",
}
# Pages for editors, linked from every page's footer rather than from the navigation.
HIDDEN = ("translations",)


def hidden(inner_url: str) -> bool:
    """Is this page (its URL without language prefix) left out of navigation and PDFs?"""
    return inner_url.strip("/").split("/")[0] in HIDDEN


def _stem(item: Any) -> str:
    """'countries' for a section of docs/countries/, 'about' for about.fr.md."""
    file = getattr(item, "file", None)
    if file is not None:
        path = PurePosixPath(file.src_uri)
        first = path.parts[0]
        return first if len(path.parts) > 1 else path.name.split(".")[0]
    for child in getattr(item, "children", None) or []:
        stem = _stem(child)
        if stem:
            return stem
    return ""


def _slug(page: Any) -> str:
    return PurePosixPath(page.file.src_uri).name.split(".")[0]


def arrange(nav: Any, content: Content, lang: str) -> None:
    labels = i18n.labels(lang)
    names = {
        c.slug: i18n.sort_key(i18n.pick(c.data.get("names"), lang)[0]) for c in content.countries
    }
    numbers = {o.slug: o.data.get("number") or 0 for o in content.objectives}

    items = []
    for item in nav.items:
        stem = _stem(item)
        if stem in HIDDEN:
            continue
        children = getattr(item, "children", None)
        if stem in SECTION_LABELS and children is not None:
            item.title = labels[SECTION_LABELS[stem]]
            if len(children) == 1:  # a section holding only its index page: show the page
                only = children[0]
                only.parent = None
                only.title = labels[SECTION_LABELS[stem]]
                item = only
            elif stem == "countries":
                children.sort(key=lambda p: (_slug(p) != "index", names.get(_slug(p), "")))
            elif stem == "objectives":
                children.sort(key=lambda p: (_slug(p) != "index", numbers.get(_slug(p), 0)))
        items.append(item)
    rank = {stem: i for i, stem in enumerate(ORDER)}
    items.sort(key=lambda it: rank.get(_stem(it), len(ORDER)))
    nav.items[:] = items
    # Previous/next links (Material's footer) follow the new order.
    pages = list(_pages(items))
    nav.pages[:] = pages
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=False):
        page.previous_page, page.next_page = before, after


def _pages(items: list) -> Any:
    for item in items:
        children = getattr(item, "children", None)
        if children is not None:
            yield from _pages(children)
        elif getattr(item, "file", None) is not None:
            yield item
