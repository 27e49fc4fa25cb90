"""Open data: the metadata of every country and objective as JSON and CSV.

Analysts get the same validated data the pages are made from, without scraping:
`downloads/data/portal.json` (everything) and one CSV per table (UTF-8 with a header row).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vobject

from . import schema
from .content import Content
from .paths import DATA_FILES

FILES = DATA_FILES


def _in(text: dict | None, lang: str) -> str:
    """The text in `lang` (the portal's default language in the tables), else empty."""
    return (text or {}).get(lang, "")


@dataclass(frozen=True)
class Column:
    name: str
    doc: str  # what the column holds, for the codebook on the open-data page
    get: Callable[[Any], Any]


@dataclass(frozen=True)
class Table:
    file: str  # under downloads/data/
    row: str  # what one row is
    columns: tuple[Column, ...]
    items: list[Any]  # what each row is made from


class FieldDoc(str):
    """A column's meaning taken from a schema field, which it keeps (`field`): the Data
    Package reads the column's type and constraints from it (portal.datacatalog)."""

    field: schema.Field


def _doc(field: schema.Field) -> str:
    """A schema field's description, with its allowed values: the codebook repeats no list."""
    values = field.type.values()
    doc = FieldDoc(field.description + (f" ({', '.join(values)})" if values else ""))
    doc.field = field
    return doc


def tables(content: Content) -> list[Table]:
    """Every CSV table: its columns (name, meaning, value) and what its rows are made from."""
    default = content.settings.languages[0]
    country, instrument = schema.COUNTRY.fields, schema.INSTRUMENT.fields
    treaty, contact = schema.vocabulary.TREATY.fields, schema.CONTACT.fields
    activity = schema.vocabulary.ACTIVITY.fields
    model = schema.vocabulary.MODEL_POLICY.fields

    def text_of(text: dict | None) -> str:
        return (text or {}).get(default, "")

    def joined(values: list | None) -> str:
        return " ".join(values or [])

    def keys(kind: str) -> str:
        terms = getattr(content.programme, kind)
        return ", ".join(f"{t.key} ({text_of(t.name)})" for t in terms)

    def of_country(key: str, doc: str) -> Column:
        return Column(key, doc, lambda row: row[0].data[key] if key == "iso3" else row[0].slug)

    slug = of_country("country", "Slug of the country (its folder name)")
    iso3 = of_country("iso3", _doc(country["iso3"]))
    lang = f"in the default language ({default})"
    countries = content.countries
    return [
        Table(
            "instruments.csv",
            "law, strategy, action plan, policy, programme or agreement of a country",
            (
                slug,
                iso3,
                Column("id", _doc(instrument["id"]), lambda r: r[1]["id"]),
                Column("type", _doc(instrument["type"]), lambda r: r[1]["type"]),
                Column(f"title_{default}", f"Title {lang}", lambda r: text_of(r[1]["title"])),
                Column(
                    "original_title",
                    _doc(instrument["original_title"]),
                    lambda r: r[1].get("original_title"),
                ),
                Column(
                    "original_language",
                    _doc(instrument["original_language"]),
                    lambda r: r[1].get("original_language"),
                ),
                Column("number", _doc(instrument["number"]), lambda r: r[1].get("number")),
                Column("year", _doc(instrument["year"]), lambda r: r[1].get("year")),
                Column("start", _doc(instrument["start"]), lambda r: r[1].get("start")),
                Column("end", _doc(instrument["end"]), lambda r: r[1].get("end")),
                Column("status", _doc(instrument["status"]), lambda r: r[1].get("status")),
                Column(
                    "themes",
                    f"What it addresses, space-separated: {keys('themes')}",
                    lambda r: joined(r[1].get("themes")),
                ),
                Column(
                    "objectives",
                    "Slugs of the objectives it serves, space-separated",
                    lambda r: joined(r[1].get("objectives")),
                ),
                Column("source", _doc(instrument["source"]), lambda r: r[1]["source"]),
                Column(
                    "further_sources",
                    "Further web addresses, space-separated",
                    lambda r: joined(r[1].get("sources")),
                ),
            ),
            [(c, ins) for c in countries for ins in c.data["instruments"]],
        ),
        Table(
            "treaties.csv",
            f"country and treaty ({len(content.programme.treaties)} rows per country)",
            (
                slug,
                iso3,
                Column("treaty", f"Treaty: {keys('treaties')}", lambda r: r[1]),
                Column("status", _doc(treaty["status"]), lambda r: r[2].get("status")),
                Column("signed", _doc(treaty["signed"]), lambda r: r[2].get("signed")),
                Column("act", _doc(treaty["act"]), lambda r: r[2].get("act")),
                Column("date", _doc(treaty["date"]), lambda r: r[2].get("date")),
                Column("as_of", _doc(treaty["as_of"]), lambda r: r[2].get("as_of")),
                Column(f"note_{default}", f"Note {lang}", lambda r: text_of(r[2].get("note"))),
                Column("source", _doc(treaty["source"]), lambda r: r[2].get("source")),
                Column(
                    "further_sources",
                    "Further web addresses, space-separated",
                    lambda r: joined(r[2].get("sources")),
                ),
            ),
            [
                (c, t.key, (c.data.get("treaties") or {}).get(t.key) or {})
                for c in countries
                for t in content.programme.treaties
            ],
        ),
        Table(
            "contacts.csv",
            "contact of a country or of an objective",
            (
                Column("kind", "country or objective", lambda r: r[0].kind),
                Column("slug", "Slug of the country or objective", lambda r: r[0].slug),
                Column("name", _doc(contact["name"]), lambda r: r[1]["name"]),
                Column(f"role_{default}", f"Role {lang}", lambda r: text_of(r[1].get("role"))),
                Column(
                    f"organisation_{default}",
                    f"Organisation {lang}",
                    lambda r: text_of(r[1].get("organisation")),
                ),
                Column("email", _doc(contact["email"]), lambda r: r[1].get("email")),
                Column("phone", _doc(contact["phone"]), lambda r: r[1].get("phone")),
                Column("website", _doc(contact["website"]), lambda r: r[1].get("website")),
                Column("start", _doc(contact["start"]), lambda r: r[1].get("start")),
                Column("end", _doc(contact["end"]), lambda r: r[1].get("end")),
                Column("verified", _doc(contact["verified"]), lambda r: r[1].get("verified")),
                Column("source", _doc(contact["source"]), lambda r: r[1]["source"]),
            ),
            [
                (e, x)
                for e in content.countries + content.objectives
                for x in e.data.get("contacts") or []
            ],
        ),
        Table(
            "activities.csv",
            "programme activity in a country",
            (
                slug,
                iso3,
                Column("date", _doc(activity["date"]), lambda r: r[1]["date"]),
                Column("end", _doc(activity["end"]), lambda r: r[1].get("end")),
                Column(f"place_{default}", f"Place {lang}", lambda r: text_of(r[1].get("place"))),
                Column("objective", _doc(activity["objective"]), lambda r: r[1].get("objective")),
                Column(f"summary_{default}", f"Summary {lang}", lambda r: text_of(r[1]["summary"])),
                Column("source", _doc(activity["source"]), lambda r: r[1]["source"]),
            ),
            [(c, a) for c in countries for a in c.data["activities"]],
        ),
        Table(
            "model-policies.csv",
            "model policy or tool listed under an objective",
            (
                Column("objective", "Slug of the objective", lambda r: r[0].slug),
                Column(f"title_{default}", f"Title {lang}", lambda r: text_of(r[1]["title"])),
                Column("publisher", _doc(model["publisher"]), lambda r: r[1]["publisher"]),
                Column("year", _doc(model["year"]), lambda r: r[1].get("year")),
                Column(
                    "languages",
                    "ISO 639-1 codes it is available in, space-separated",
                    lambda r: joined(r[1].get("languages")),
                ),
                Column("url", _doc(model["url"]), lambda r: r[1]["url"]),
            ),
            [(o, m) for o in content.objectives for m in o.data.get("model_policies") or []],
        ),
    ]


def _rows(content: Content) -> dict[str, tuple[list[str], list[list]]]:
    out = {}
    for table in tables(content):
        header = [col.name for col in table.columns]
        rows = [
            ["" if (v := col.get(item)) is None else v for col in table.columns]
            for item in table.items
        ]
        out[table.file] = (header, rows)
    return out


def vcard(contact: dict, lang: str) -> str:
    """A vCard 3.0 of one contact (texts in `lang`, the default language). vobject escapes CR,
    LF, ',', ';' and '\\' as RFC 6350 asks, so no text can end a line, add a property or start
    another card."""
    card = vobject.vCard()
    card.add("fn").value = contact["name"]
    parts = contact["name"].rsplit(" ", 1)
    card.add("n").value = vobject.vcard.Name(
        family=parts[-1], given=parts[0] if len(parts) > 1 else ""
    )
    if contact.get("organisation"):
        card.add("org").value = [_in(contact["organisation"], lang)]
    if contact.get("role"):
        card.add("title").value = _in(contact["role"], lang)
    if contact.get("email"):
        card.add("email").value = contact["email"]
        card.email.type_param = "work"
    if contact.get("phone"):
        card.add("tel").value = contact["phone"]
        card.tel.type_param = "work"
    card.add("source").value = contact["source"]
    if contact.get("verified"):
        card.add("note").value = f"Verified {contact['verified']}"
    return str(card.serialize())


# OWASP's rule against formula injection: a cell a spreadsheet would read as a formula
# (=, +, -, @, or a tab or CR before them) starts with a quote, which makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write(content: Content, site: Path) -> list[Path]:
    out = site / "downloads" / "data"
    out.mkdir(parents=True, exist_ok=True)
    everything = {
        "programme": {
            "name": content.programme.name,
            "short_name": content.programme.short_name,
            "licence": content.programme.licence,  # None: no licence is stated
            "treaties": [t.__dict__ for t in content.programme.treaties],
            "themes": [t.__dict__ for t in content.programme.themes],
            "regions": [t.__dict__ for t in content.programme.regions],
        },
        "countries": {c.slug: c.data for c in content.countries},
        "objectives": {o.slug: o.data for o in content.objectives},
    }
    written = [out / "portal.json"]
    written[0].write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")
    for name, (header, rows) in _rows(content).items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([csv_cell(v) for v in row] for row in rows)
        (out / name).write_text(buffer.getvalue(), encoding="utf-8")
        written.append(out / name)
    for entry in content.countries + content.objectives:
        for i, contact in enumerate(entry.data.get("contacts") or []):
            path = site / f"downloads/contacts/{entry.slug}-{i + 1}.vcf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                vcard(contact, content.settings.languages[0]), encoding="utf-8", newline=""
            )
            written.append(path)
    return written
