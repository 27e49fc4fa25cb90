"""Machine-readable laws: a country page's schema.org data as JSON-LD (issue 24).

Each country page carries, in its head, one `<script type="application/ld+json">`: the country
as a schema.org `Country` and each of its instruments as a `Legislation`, in the page's
language. A JSON-LD block is data, never run: the Content-Security-Policy lets data blocks
through (`csp._DATA_TYPES`), and `rendering.finish` adds the block after the sanitiser and every
rewrite of the page. No text can end the element: `<`, `>` and `&` are written as `\\u003c`,
`\\u003e` and `\\u0026` inside the JSON, which still reads the same.

What each instrument field becomes (schema.org names; `tests/unit/test_jsonld.py` checks each
type and property against schema.org's vocabulary):

| field | property |
|---|---|
| title (page's language) | `name` |
| original_title | `alternateName` |
| number | `legislationIdentifier` |
| year | `legislationDate` (a year, as ISO 8601 allows) |
| start, end | `temporalCoverage` (`2018/2022`, `2018/..`) |
| status | `legislationLegalForce` (table below) |
| type | `legislationType` (its label in the page's language) |
| themes | `keywords` (the themes' names) |
| summary | `description` |
| the country | `legislationJurisdiction` (the page's `Country`) |
| source | `url` |
| relations | `legislationRepeals`, `legislationAmends`, `legislationChanges`, `isBasedOn` (below) |

Statuses and schema.org's `LegalForceStatus`:

| status | legislationLegalForce |
|---|---|
| `in-force` | `InForce` |
| `draft`, `expired`, `repealed` | `NotInForce` |
| `adopted`, `under-review` | none: adoption does not say it is in force, a review does not say it is not |

No status of ours means `PartiallyInForce`. Relations are written on the instrument that acts
(a `repealed-by` on the repealed one is the repealing one's `legislationRepeals`): `repeals` is
`legislationRepeals`, `amends` `legislationAmends`, `replaces` `legislationChanges` (which
covers replacement), and `implements` `isBasedOn` (a plan implementing a law is based on it;
schema.org's `legislationEnsuresImplementationOf` claims a legal effect our sources do not
state). The source is the `url`, not `sameAs`: a source states the law, it is rarely the law.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .timeline import ACTIVE

if TYPE_CHECKING:
    from .content import Entry
    from .model import Country, Instrument
    from .view import View

SCHEMA = "https://schema.org/"
LEGAL_FORCE = {
    "draft": "NotInForce",
    "adopted": None,
    "in-force": "InForce",
    "expired": "NotInForce",
    "repealed": "NotInForce",
    "under-review": None,
}
RELATION_PROPERTY = {
    "repeals": "legislationRepeals",
    "amends": "legislationAmends",
    "replaces": "legislationChanges",
    "implements": "isBasedOn",
}
COUNTRY_ID = "#country"


def country_graph(view: View, entry: Entry[Country]) -> dict[str, Any]:
    """The country and its instruments as one JSON-LD graph, in `view`'s language."""
    data = entry.data
    country = {
        "@type": "Country",
        "@id": COUNTRY_ID,
        "name": view.name(entry),
        "identifier": data.iso3,
    }
    items = [legislation(view, ins) for ins in data.instruments]
    by_id = {item["@id"]: item for item in items}
    for ins in data.instruments:
        for rel in ins.relations:
            if f"#{rel.target}" not in by_id:
                continue
            active = ACTIVE[rel.kind]
            acting, acted = (ins.id, rel.target) if active == rel.kind else (rel.target, ins.id)
            refs = by_id[f"#{acting}"].setdefault(RELATION_PROPERTY[active], [])
            if {"@id": f"#{acted}"} not in refs:
                refs.append({"@id": f"#{acted}"})
    return {"@context": SCHEMA.rstrip("/"), "@graph": [country, *items]}


def legislation(view: View, ins: Instrument) -> dict[str, Any]:
    """One instrument as a schema.org `Legislation` (the module's table)."""
    item: dict[str, Any] = {
        "@type": "Legislation",
        "@id": f"#{ins.id}",
        "name": view.plain(ins.title),
        "legislationType": view.choice("type", ins.type),
        "legislationJurisdiction": {"@id": COUNTRY_ID},
        "url": ins.source,
    }
    if ins.original_title and ins.original_title != item["name"]:
        item["alternateName"] = ins.original_title
    if ins.number:
        item["legislationIdentifier"] = ins.number
    if ins.year:
        item["legislationDate"] = str(ins.year)
    if ins.start or ins.end:
        item["temporalCoverage"] = f"{ins.start or '..'}/{ins.end or '..'}"
    force = LEGAL_FORCE.get(ins.status or "")
    if force:
        item["legislationLegalForce"] = SCHEMA + force
    if ins.themes:
        item["keywords"] = [view.term("themes", key) for key in ins.themes]
    if ins.summary:
        item["description"] = view.plain(ins.summary)
    return item


def script(data: dict[str, Any]) -> str:
    """The data as an inert `<script type="application/ld+json">` element: valid JSON in
    which no `<`, `>` or `&` can end the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'
