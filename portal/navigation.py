"""Arranging MkDocs' automatic navigation: order, translated section titles, localised sorting.

Works on any objects shaped like MkDocs' navigation (items with `title`, sections with
`children`, pages with `file.src_uri`), so it holds no MkDocs import.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from . import i18n, paths
from .content import Content

# Sections whose pages are listed on their index page (map, table, filter) rather than in
# every page's sidebar: a sidebar of 240 countries would make every page heavier (and the
# catalogue, past `catalogue_rows` instruments, has a page per region).
LISTED_ON_INDEX = ("countries", "instruments")


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


def arrange(nav: Any, content: Content, lang: str) -> list[Any]:
    """Order and title the navigation in `lang`; return every page in reading order.

    The returned list (for previous/next links and the PDFs) includes the pages that
    `LISTED_ON_INDEX` keeps out of the sidebar.
    """
    labels = content.labels(lang)
    default = content.settings.languages[0]
    names = {
        c.slug: i18n.sort_key((i18n.pick(c.data.names, lang, default) or ("",))[0], lang)
        for c in content.countries
    }
    numbers = {o.slug: o.data.number or 0 for o in content.objectives}

    items = []
    for item in nav.items:
        stem = _stem(item)
        if stem in paths.HIDDEN:
            continue
        children = getattr(item, "children", None)
        section = paths.BY_KEY.get(stem)
        if section and section.generated and children is not None:
            item.title = labels[section.label]
            if stem == "countries":
                children.sort(key=lambda p: (_slug(p) != "index", names.get(_slug(p), "")))
            elif stem == "objectives":
                children.sort(key=lambda p: (_slug(p) != "index", numbers.get(_slug(p), 0)))
        items.append(item)
    rank = {s.key: i for i, s in enumerate(paths.SECTIONS)}
    items.sort(key=lambda it: rank.get(_stem(it), len(rank)))
    pages = list(_pages(items))
    shown = []
    for item in items:
        children = getattr(item, "children", None)
        stem = _stem(item)
        if children is not None and (len(children) == 1 or stem in LISTED_ON_INDEX):
            # A section holding only its index page, or listed there: show the index page.
            index = next((c for c in children if _slug(c) == "index"), children[0])
            index.parent = None
            index.title = labels[paths.BY_KEY[stem].label] if stem in paths.BY_KEY else index.title
            item = index
        shown.append(item)
    nav.items[:] = shown
    nav.pages[:] = pages
    # Previous/next links (Material's footer) follow the new order.
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=False):
        page.previous_page, page.next_page = before, after
    return pages


def _pages(items: list[Any]) -> Any:
    for item in items:
        children = getattr(item, "children", None)
        if children is not None:
            yield from _pages(children)
        elif getattr(item, "file", None) is not None:
            yield item
