"""The portal's files, declared with the types of `types`: programme.yml, country.yml and
objective.yml. What a programme reports on (its treaties, themes and regions) is not listed
here: programme.yml declares it, and `Declared`/`KeyedBy` check against that declaration.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import Context, first_day, subpath
from .codes import LANG_CODE, Code
from .structure import Field, KeyedBy, ListOf, Object
from .types import (
    Choice,
    Date,
    Declared,
    Email,
    Integer,
    Ref,
    Slug,
    Str,
    Text,
    Url,
    Year,
)

INSTRUMENT_TYPES = (
    "law",
    "strategy",
    "action-plan",
    "policy",
    "programme",
    "decree",
    "code",
    "agreement",
    "other",
)
INSTRUMENT_STATUSES = (
    "draft",
    "adopted",
    "in-force",
    "expired",
    "repealed",
    "under-review",
)
TREATY_STATUSES = ("party", "signatory", "not-party")
TREATY_ACTS = ("ratification", "accession", "acceptance", "approval", "succession")
RELATION_KINDS = (
    "repeals",
    "repealed-by",
    "amends",
    "amended-by",
    "implements",
    "implemented-by",
    "replaces",
    "replaced-by",
)


def _period_order(item: dict[str, Any], path: str, ctx: Context) -> None:
    start, end = item.get("start"), item.get("end")
    if start is not None and end is not None and end < start:
        ctx.error(
            subpath(path, "end"),
            f"expected an end ({end}) not before the start ({start}); check the order",
        )


def _instrument_when(item: dict[str, Any], path: str, ctx: Context) -> None:
    _period_order(item, path, ctx)
    if item.get("year") is not None and item.get("start") is not None:
        ctx.error(
            subpath(path, "year"),
            "expected either 'year' (a single year) or 'start'/'end' (a period), got both",
        )


def _date_range(item: dict[str, Any], path: str, ctx: Context) -> None:
    date, end = item.get("date"), item.get("end")
    if date and end and first_day(end) < first_day(date):
        ctx.error(subpath(path, "end"), f"expected an end ({end}) not before the date ({date})")


def _treaty_consistent(item: dict[str, Any], path: str, ctx: Context) -> None:
    stated = [k for k in ("status", "signed", "act", "date") if item.get(k)]
    if stated and not item.get("source"):
        ctx.error(
            subpath(path, "source"),
            f"required when {', '.join(stated)} is given: add the web address of the "
            "depositary's page that states it",
        )
    if item.get("act") and item.get("status") != "party":
        ctx.error(
            subpath(path, "act"),
            f"expected status 'party' with an act of {item['act']}, "
            f"got status {item.get('status')!r}",
        )
    signed, date = item.get("signed"), item.get("date")
    if signed and date and first_day(date) < first_day(signed):
        ctx.error(
            subpath(path, "date"),
            f"expected the date of {item.get('act') or 'the act'} ({date}) not before the "
            f"signature ({signed})",
        )


SOURCE = Field(Url(), "Web address of a public page that states this fact", required=True)
MORE_SOURCES = Field(ListOf(Url(), unique=True), "Further web addresses that state this fact")
NOTE = Field(
    Text(600),
    "A short remark for readers, e.g. where sources disagree or what is not verified",
)


CONTACT = Object(
    {
        "name": Field(Str(160), "Full name as published by the source, or the office's name", True),
        "role": Field(Text(), "Position or function"),
        "organisation": Field(Text(), "Organisation the person or office belongs to"),
        "email": Field(Email(), "Work email address as published by the source"),
        "phone": Field(
            Str(40, r"\+?[0-9 ()./-]{6,40}", "a phone number like +43 1 26060"),
            "Work phone number, international format",
        ),
        "website": Field(Url(), "Web address of the office"),
        "address": Field(Text(300), "Postal address of the office, as published"),
        "start": Field(Year(), "First year this contact applies to (e.g. 2015)"),
        "end": Field(Year(), "Last year this contact applies to (e.g. 2019); empty if current"),
        "verified": Field(
            Date(), "Date someone really checked these details against the source; else empty"
        ),
        "note": NOTE,
        "source": SOURCE,
    },
    "A person or office to contact",
    checks=(_period_order,),
)

TREATY = Object(
    {
        "status": Field(
            Choice(TREATY_STATUSES, "treaty status", labels="treaty_"), "Where the country stands"
        ),
        "signed": Field(Date(), "Date of signature, if the country signed"),
        "act": Field(
            Choice(TREATY_ACTS, "kind of act", labels="act_"),
            "How it became party",
        ),
        "date": Field(Date(), "Date of that act, as the depositary gives it"),
        "as_of": Field(Date(), "Date at which the source states this status"),
        "note": NOTE,
        "source": Field(Url(), "Web address of the depositary's page that states this status"),
        "sources": MORE_SOURCES,
    },
    "Status of a treaty in this country; leave status and source empty when not documented",
    checks=(_treaty_consistent,),
)

RELATION = Object(
    {
        "kind": Field(
            Choice(RELATION_KINDS, "relation", labels="relation_"),
            "How the two instruments relate",
            True,
        ),
        "target": Field(Slug("the id of an instrument"), "id of the other instrument", True),
        "source": Field(Url(), "Web address that states the relation", True),
    },
    "A relation to another instrument of the same country",
)

INSTRUMENT = Object(
    {
        "id": Field(
            Slug("an id"),
            "Stable id, used as the anchor in links (e.g. law-27-14); never change it",
        ),
        "type": Field(
            Choice(INSTRUMENT_TYPES, "type of instrument", labels="type_"),
            "Kind of instrument",
            True,
        ),
        "title": Field(Text(), "Title for readers, in the default language at least", True),
        "original_title": Field(Str(600), "Title exactly as in the original language"),
        "original_language": Field(LANG_CODE, "ISO 639-1 code of the original title's language"),
        "number": Field(Str(60), "Official number, e.g. 27-14 or No. 350-Z"),
        "year": Field(Year(), "Year of adoption or enactment"),
        "start": Field(Year(ahead=15), "First year of the period it covers"),
        "end": Field(Year(ahead=15), "Last year of the period it covers"),
        "status": Field(
            Choice(INSTRUMENT_STATUSES, "status", labels="status_"), "Current legal status"
        ),
        "status_note": Field(Text(400), "Why the status cannot be known, when no source states it"),
        "themes": Field(
            ListOf(Declared("themes", "theme"), unique=True),
            "What it addresses (keys declared in programme.yml themes)",
        ),
        "objectives": Field(
            ListOf(Ref("objective"), unique=True),
            "Slugs of the objectives it serves, by what its source says it does",
        ),
        "relations": Field(ListOf(RELATION), "Instruments it repeals, amends or implements"),
        "summary": Field(Text(600), "One or two sentences on what it does, restating the source"),
        "note": NOTE,
        "source": SOURCE,
        "sources": MORE_SOURCES,
    },
    "A law, strategy, action plan, policy, programme or agreement",
    checks=(_instrument_when,),
)

ACTIVITY = Object(
    {
        "date": Field(Date(), "Date it took place (or began)", True),
        "end": Field(Date(), "Last day, for events of several days"),
        "place": Field(Text(120), "City or place, in each language"),
        "objective": Field(Ref("objective"), "Slug of the objective it served"),
        "summary": Field(Text(400), "One line on what took place", True),
        "source": SOURCE,
    },
    "A programme activity in this country",
    checks=(_date_range,),
)

BODY = Object(
    {
        "name": Field(Text(), "Name of the body", True),
        "original_name": Field(Str(300), "Name in the original language"),
        "original_language": Field(
            LANG_CODE,
            "ISO 639-1 code of the original name's language (default: the country's official"
            " language, when it has one only)",
        ),
        "note": NOTE,
        "source": SOURCE,
    },
    "A national body that coordinates the response",
)

COUNTRY = Object(
    {
        "iso3": Field(Code("iso3"), "ISO 3166-1 alpha-3 code, e.g. MAR", True),
        "names": Field(Text(120), "Name of the country in each portal language", True),
        "aliases": Field(
            Text(300, require_default=False),
            "Other names readers type for the country, per language, separated by commas "
            "(common names, former names, frequent misspellings): search and the countries "
            "filter find the country by them",
        ),
        "region": Field(
            Declared("regions", "region"), "Region (declared in programme.yml regions)", True
        ),
        "official_languages": Field(
            ListOf(LANG_CODE, unique=True), "ISO 639-1 codes of the official languages"
        ),
        "languages_note": NOTE,
        "coordinating_bodies": Field(ListOf(BODY), "National coordinating bodies"),
        "treaties": Field(
            KeyedBy("treaties", "treaty", TREATY),
            "Status of the treaties programme.yml declares, keyed by their key",
        ),
        "instruments": Field(
            ListOf(INSTRUMENT, max_items=300),
            "Laws, strategies, action plans, policies and agreements",
        ),
        "contacts": Field(ListOf(CONTACT), "National contacts and contact points"),
        "activities": Field(ListOf(ACTIVITY), "Programme activities in the country"),
        "reviewed": Field(
            Date(), "Date the whole entry was really reviewed against its sources; else empty"
        ),
    },
    "A country of the portal: countries/<slug>/country.yml",
)

LEAD = Object(
    {
        "agency": Field(Str(80), "Name or acronym of the agency", True),
        "note": NOTE,
        "source": Field(Url(), "Web address that names this agency as lead"),
    },
    "An agency leading this objective",
)

MODEL_POLICY = Object(
    {
        "title": Field(Text(), "Title, in the default language at least", True),
        "publisher": Field(Str(120), "Who published it", True),
        "year": Field(Year(), "Year of publication or adoption"),
        "languages": Field(ListOf(LANG_CODE, unique=True), "Languages it is available in"),
        "summary": Field(Text(600), "One or two sentences on what it is for"),
        "url": Field(Url(), "Web address where it can be read", True),
    },
    "A model policy, law, toolkit or international instrument",
)

OBJECTIVE = Object(
    {
        "number": Field(
            Integer(1, 99, "an objective number like 3"),
            "Number of the objective",
            True,
        ),
        "title": Field(Text(), "Title in each portal language", True),
        "summary": Field(Text(600), "One-sentence summary in each portal language", True),
        "lead_agencies": Field(ListOf(LEAD), "Agencies leading the objective"),
        "model_policies": Field(ListOf(MODEL_POLICY), "Model policies and tools"),
        "contacts": Field(ListOf(CONTACT), "Programme contacts for this objective"),
        "source": Field(Url(), "Web address that describes the objective"),
    },
    "An objective of the programme: objectives/<slug>/objective.yml",
)


# The choices whose values readers see as labels, by the name templates use for them:
# `choice('status', ins.status)` is the label `status_in-force` of labels/<lang>.yml. Each
# Choice declares its labels' prefix; tests/unit/test_labels.py checks every value of each has
# its label in every language, and that templates ask for labels only through these names.
def _choice(obj: Object, name: str) -> Choice:
    kind = obj.fields[name].type
    assert isinstance(kind, Choice), name
    return kind


CHOICES: dict[str, Choice] = {
    "type": _choice(INSTRUMENT, "type"),
    "status": _choice(INSTRUMENT, "status"),
    "treaty": _choice(TREATY, "status"),
    "act": _choice(TREATY, "act"),
    "relation": _choice(RELATION, "kind"),
}


def choice_label(labels: Mapping[str, Any], name: str, value: str) -> str:
    """The label of `value` of the choice `name` (CHOICES) among `labels` (a language's)."""
    return str(labels[CHOICES[name].label_keys()[value]])
