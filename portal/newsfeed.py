"""What's new, as readers get it: the page's rows by day, and an Atom feed per language.

`whatsnew.read` gives the changes of the history; here they are named in the reader's
language (the country or objective as the portal names it now, or as its last version in
history did when it is gone), linked to their pages, and written as `feed.xml` at each
language's root (RFC 4287), with absolute links under a published address, else relative ones
(the offline edition's `.html` pages).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from . import entrychanges, i18n, paths, whatsnew
from .content import Content, Entry
from .model import Country, Objective
from .whatsnew import Change, Dated, Log

FEED_ENTRIES = 100  # the newest changes in each language's feed.xml
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Row:
    """One change as the page and the feed show it, in one language."""

    dated: Dated
    sentence: str  # the label, its placeholders still in it
    name: str  # the country's or objective's name (or the portal's)
    item: str
    target: str | None  # the page it is about ('countries/mali'), None when it is gone
    anchor: str


def _current(content: Content) -> dict[tuple[str, str], Entry[Any]]:
    """Each country and objective the portal has now, by (kind, slug)."""
    return {(e.kind, e.slug): e for e in content.entries}


def _name(kind: str, found: Any, slug: str, labels: dict[str, Any], lang: str, default: str) -> str:
    """What a change is about, as its readers call it: the portal, 'Objective 3', a country's
    name; `found` is the entry of today, or the last version in history of one removed."""
    if kind == "programme":
        return str(labels["portal_name"])
    if isinstance(found, Entry):
        number = found.data.number if isinstance(found.data, Objective) else None
        names: Any = found.name
    elif isinstance(found, dict):
        number = found.get("number") if kind == "objective" else None
        names = found.get(paths.KINDS[kind].name_field) if kind in paths.KINDS else None
    else:
        return slug
    if number is not None:
        return str(labels["objective_n"]).format(n=number)
    picked = i18n.pick(names if isinstance(names, Mapping) else None, lang, default)
    return entrychanges.clean(str(picked[0])) if picked else slug


def rows(log: Log, content: Content, lang: str) -> list[Row]:
    """The changes of `lang`, newest first (by commit date, git's order within a date)."""
    default = content.settings.languages[0]
    now = _current(content)
    labels = content.labels(lang)
    out = []
    for dated in log.by_lang.get(lang, []):
        c = dated.change
        found = now.get((c.kind, c.slug)) or log.names.get((c.kind, c.slug))
        # The programme's changes, and those of an entry since removed, have no page to open.
        target = f"{paths.KINDS[c.kind].folder}/{c.slug}" if (c.kind, c.slug) in now else None
        anchor = c.anchor if c.kind == "country" and _has_instrument(now, c) else ""
        out.append(
            Row(
                dated,
                str(labels[c.label]),
                _name(c.kind, found, c.slug, labels, lang, default),
                c.item,
                target,
                anchor,
            )
        )
    out.sort(key=lambda r: whatsnew.instant(r.dated.commit.when), reverse=True)
    return out


def _has_instrument(now: dict[tuple[str, str], Entry[Any]], change: Change) -> bool:
    found = now.get((change.kind, change.slug))
    if found is None or not isinstance(found.data, Country):
        return False
    return any(i.id == change.anchor for i in found.data.instruments)


def by_day(found: list[Row], lang: str) -> list[tuple[str, list[Row]]]:
    """Rows grouped by the day of their commit (YYYY-MM-DD), newest day first; within a day
    by country or objective (the programme first), each sentence once."""
    days: dict[str, dict[tuple[str, str, str], Row]] = {}
    for row in found:
        said = (row.sentence, row.name, row.item)
        days.setdefault(row.dated.commit.when[:10], {}).setdefault(said, row)
    rank = {"programme": 0, "country": 1, "objective": 2}
    return [
        (
            day,
            sorted(
                same.values(),
                key=lambda r: (rank[r.dated.change.kind], i18n.sort_key(r.name, lang)),
            ),
        )
        for day, same in days.items()
    ]


def feed(
    found: list[Row],
    lang: str,
    namespace: str,
    link: Any,
    updated: str,
    self_url: str = "",
    *,
    words: i18n.Labels,
) -> bytes:
    """The Atom feed (RFC 4287) of one language's newest changes. `link(target, anchor)`
    gives an entry's address as the feed may hold it (absolute with a published address,
    else relative to the feed, which readers resolve against the feed's own address)."""
    ET.register_namespace("", ATOM)
    labels = words(lang)

    def sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        node.text = text or None
        return node

    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    sub(root, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"{namespace}/{lang}/feed").urn)
    sub(root, "title", str(labels["whats_new_feed_title"]).format(portal=labels["portal_name"]))
    sub(root, "updated", updated)
    author = sub(root, "author")
    sub(author, "name", str(labels["portal_name"]))
    sub(root, "link", rel="alternate", type="text/html", href=link("whats-new/", ""))
    if self_url:
        sub(root, "link", rel="self", type="application/atom+xml", href=self_url)
    for row in found[:FEED_ENTRIES]:
        entry = sub(root, "entry")
        sub(entry, "id", row.dated.uid(lang, namespace))
        sub(entry, "title", row.sentence.format(name=row.name, item=row.item))
        sub(entry, "updated", row.dated.commit.when)
        target = row.target if row.target is not None else "whats-new/"
        sub(entry, "link", rel="alternate", type="text/html", href=link(target, row.anchor))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feeds(
    log: Log,
    content: Content,
    site: Path,
    languages: tuple[str, ...],
    site_url: str | None,
    directory_urls: bool,
) -> list[str]:
    """Write feed.xml at the root of each language in `languages`; the files written.
    With a published address (`site_url`) the links are absolute, else relative to the
    feed (the offline edition's: its pages end in .html)."""
    default = content.settings.languages[0]
    namespace = content.programme.slug
    written = []
    for lang in languages:
        prefix = "" if lang == default else f"{lang}/"
        base = f"{site_url.rstrip('/')}/{prefix}" if site_url else ""

        def link(target: str, anchor: str, base: str = base) -> str:
            return (
                base + paths.target_url(target, directory_urls) + (f"#{anchor}" if anchor else "")
            )

        rel = paths.feed_file(lang, default)
        found = rows(log, content, lang)
        data = feed(
            found,
            lang,
            namespace,
            link,
            # The newest change of this language; without any, the newest commit of the content
            found[0].dated.commit.when if found else log.updated,
            self_url=f"{base}feed.xml" if base else "",
            words=content.labels,
        )
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
        written.append(rel)
    return written


def page_context(log: Log | None, content: Content, lang: str) -> dict[str, Any]:
    """What the page's template (whats_new.md.j2) needs: the rows by day, or None."""
    if log is None:
        return {"changes": None, "feed": None}
    default = content.settings.languages[0]
    feed_here = paths.feed_file(lang, default).rsplit("/", 1)[-1]
    return {"changes": by_day(rows(log, content, lang), lang), "feed": "../" + feed_here}
