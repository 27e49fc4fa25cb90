"""A country's timeline: every dated event its content states, in date order (issue 24).

A pure function of the typed model (`events(country)`), so that the country page, its PDF and
the tests read the same list. Each event keeps the facts it comes from (the treaty key and act,
the instrument, the activity), the addresses that state it and the id of its row on the
country page, so the page can write it in any language and link it to where it is told.

What counts as an event, and its date:

| kind | from | date |
|---|---|---|
| `signature` | a treaty status's `signed` | that date |
| `treaty-act` | a treaty status's `date` (its `act`: ratification, accession...) | that date |
| `adoption` | an instrument's `year` | that year |
| `period-start`, `period-end` | an instrument's `start`, `end` (a plan's period) | those years |
| `relation` | an instrument's `relations` (repeals, amends, implements, replaces, and their `-by` forms) | the year of the instrument that acts (the repealing, amending, implementing or replacing one), when it has a `year`; else no event, since no source dates the change |
| `activity` | an activity's `date` (and `end`) | its first day |

A relation stated on both instruments (A `repeals` B, B `repealed-by` A) is one event. Its
row is the acting instrument's, and its source the relation's own.

Order: by date, a date with only a year or a month placed at the start of what it covers
(`2016` before `2016-03`, before `2016-03-04`, before `2016-04`), then by kind in the order of
the table above, then in the order of the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Activity, Country, Instrument

KINDS = (
    "signature",
    "treaty-act",
    "adoption",
    "period-start",
    "period-end",
    "relation",
    "activity",
)
# The active form of each relation: ('repealed-by', 'repeals'): B repealed by A is A repeals B.
ACTIVE = {
    "repeals": "repeals",
    "repealed-by": "repeals",
    "amends": "amends",
    "amended-by": "amends",
    "implements": "implements",
    "implemented-by": "implements",
    "replaces": "replaces",
    "replaced-by": "replaces",
}


@dataclass(frozen=True)
class Event:
    """One dated event. `date` is as precise as the source ('2016', '2016-03', '2016-03-04');
    `anchor` the id of its row on the country page; `source` and `sources` the addresses that
    state it (the templates' `sources` macro reads them as it reads any fact's)."""

    date: str
    kind: str
    anchor: str
    source: str | None
    sources: tuple[str, ...] = ()
    end: str | None = None  # the last day of an activity of several days
    treaty: str | None = None  # a treaty event: the programme's treaty key
    act: str | None = None  # a treaty-act: ratification, accession... (None: not documented)
    status: str | None = None  # a treaty event: party, signatory...
    instrument: Instrument | None = None  # the instrument, or the acting one of a relation
    relation: str | None = None  # a relation event: its active kind (repeals, amends...)
    other: Instrument | None = None  # a relation event: the instrument acted upon
    activity: Activity | None = None

    @property
    def precision(self) -> int:
        """1 for a year, 2 for a month, 3 for a day."""
        return self.date.count("-") + 1


def sort_key(date: str) -> tuple[int, int, int]:
    """A partial date's place: (year, month or 0, day or 0), so a year comes before its
    months and a month before its days."""
    parts = [int(p) for p in date.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


def treaty_anchor(key: str) -> str:
    """The id of a treaty's row in the country page's treaties table."""
    return f"treaty-{key}"


def activity_rows(activities: Iterable[Activity]) -> list[tuple[str, Activity]]:
    """The activities as the country page's table lists them (by date, then file order), each
    with the id of its row: activity-1, activity-2..."""
    ordered = sorted(activities, key=lambda a: a.date)
    return [(f"activity-{n}", a) for n, a in enumerate(ordered, start=1)]


def events(country: Country) -> list[Event]:
    """Every dated event of a country, in date order (see the module's table)."""
    found = [*_treaty_events(country), *_instrument_events(country)]
    found += [
        Event(a.date, "activity", anchor, a.source, end=a.end, activity=a)
        for anchor, a in activity_rows(country.activities)
    ]
    order = {kind: n for n, kind in enumerate(KINDS)}
    indexed = sorted(enumerate(found), key=lambda p: (sort_key(p[1].date), order[p[1].kind], p[0]))
    return [event for _, event in indexed]


def _treaty_events(country: Country) -> list[Event]:
    out = []
    for key, status in country.treaties.items():
        anchor, sources = treaty_anchor(key), status.sources
        if status.signed:
            out.append(
                Event(str(status.signed), "signature", anchor, status.source, sources, treaty=key)
            )
        if status.date:
            out.append(
                Event(
                    str(status.date),
                    "treaty-act",
                    anchor,
                    status.source,
                    sources,
                    treaty=key,
                    act=status.act,
                    status=status.status,
                )
            )
    return out


def _instrument_events(country: Country) -> list[Event]:
    out = []
    by_id = {ins.id: ins for ins in country.instruments}
    for ins in country.instruments:
        for kind, year in (
            ("adoption", ins.year),
            ("period-start", ins.start),
            ("period-end", ins.end),
        ):
            if year:
                out.append(Event(str(year), kind, ins.id, ins.source, ins.sources, instrument=ins))
    seen: set[tuple[str, str, str]] = set()
    for ins in country.instruments:
        for rel in ins.relations:
            other = by_id.get(rel.target)
            if other is None:
                continue  # `content` reports a relation to an unknown id
            acting, acted = (ins, other) if ACTIVE[rel.kind] == rel.kind else (other, ins)
            key = (acting.id, ACTIVE[rel.kind], acted.id)
            if acting.year is None or key in seen:
                continue
            seen.add(key)
            out.append(
                Event(
                    str(acting.year),
                    "relation",
                    acting.id,
                    rel.source,
                    instrument=acting,
                    relation=ACTIVE[rel.kind],
                    other=acted,
                )
            )
    return out
