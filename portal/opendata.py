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
from .model import Contact, Text, TreatyStatus, plain
from .paths import DATA_FILES

FILES = DATA_FILES


EMPTY_TREATY = TreatyStatus(None, None, None, None, None, None, None, ())


def _in(text: Text | None, lang: str) -> str:
    """The text in `lang` (the portal's default language in the tables), else empty."""
    return text.get(lang, "") if text else ""


@dataclass(frozen=True)
class Column:
    name: str
    doc: str  # what the column holds, for the codebook on the open-data page
    get: Callable[[Any], Any]
    # The schema field it holds, if any: the Data Package reads the column's type and
    # constraints from it (portal.datacatalog).
    field: schema.Field | None = None


@dataclass(frozen=True)
class Table:
    file: str  # under downloads/data/
    row: str  # what one row is
    columns: tuple[Column, ...]
    items: list[Any]  # what each row is made from


def _doc(field: schema.Field) -> str:
    """A schema field's description, with its allowed values: the codebook repeats no list."""
    values = field.type.values()
    return field.description + (f" ({', '.join(values)})" if values else "")


def _cell(value: Any, default: str) -> Any:
    """A record's value in a CSV cell: a text in the default language, lists space-separated."""
    if isinstance(value, Text):
        return value.get(default, "")
    if isinstance(value, tuple):
        return " ".join(value)
    return value


def _getter(name: str, default: str) -> Callable[[Any], Any]:
    return lambda row: _cell(getattr(row[1], name), default)


def _columns(
    obj: schema.Object, default: str, docs: dict[str, str] | None = None, leave_out: str = ""
) -> tuple[Column, ...]:
    """A column for every field of the row's record (its second item) in the schema's order,
    but those `leave_out` names (long texts and nested lists a table cannot hold): a field
    added to the schema is a column without more. Each is documented by the schema unless
    `docs` says more. A text's column is `<name>_<default>`; `sources` is `further_sources`."""
    lang = f"in the default language ({default})"
    out = []
    for name in (n for n in obj.fields if n not in leave_out.split()):
        spec = obj.fields[name]
        if isinstance(spec.type, schema.types.Text):
            column, doc = f"{name}_{default}", f"{name.replace('_', ' ').capitalize()} {lang}"
        elif name == "sources":
            column, doc = "further_sources", "Further web addresses, space-separated"
        else:
            column, doc = name, _doc(spec)
        doc = (docs or {}).get(name, doc)
        out.append(Column(column, doc, _getter(name, default), spec))
    return tuple(out)


def _keys(content: Content, kind: str, default: str) -> str:
    """The keys of the programme's treaties, themes or regions, each with its name."""
    terms = getattr(content.programme, kind)
    return ", ".join(f"{t.key} ({t.name.get(default, '')})" for t in terms)


_SLUG = Column("country", "Slug of the country (its folder name)", lambda r: r[0].slug)
_ISO3 = Column(
    "iso3",
    _doc(schema.COUNTRY.fields["iso3"]),
    lambda r: r[0].data.iso3,
    schema.COUNTRY.fields["iso3"],
)


def _country_tables(content: Content, default: str) -> list[Table]:
    """The tables whose rows belong to a country: instruments, treaty statuses, activities."""
    countries = content.countries
    themes = _keys(content, "themes", default)
    treaties = _keys(content, "treaties", default)
    return [
        Table(
            "instruments.csv",
            "law, strategy, action plan, policy, programme or agreement of a country",
            (_SLUG, _ISO3)
            + _columns(
                schema.INSTRUMENT,
                default,
                {
                    "themes": f"What it addresses, space-separated: {themes}",
                    "objectives": "Slugs of the objectives it serves, space-separated",
                },
                leave_out="status_note relations summary note",
            ),
            [(c, ins) for c in countries for ins in c.data.instruments],
        ),
        Table(
            "treaties.csv",
            f"country and treaty ({len(content.programme.treaties)} rows per country)",
            (_SLUG, _ISO3, Column("treaty", f"Treaty: {treaties}", lambda r: r[2]))
            + _columns(schema.vocabulary.TREATY, default),
            [
                (c, c.data.treaties.get(t.key) or EMPTY_TREATY, t.key)
                for c in countries
                for t in content.programme.treaties
            ],
        ),
        Table(
            "activities.csv",
            "programme activity in a country",
            (_SLUG, _ISO3) + _columns(schema.vocabulary.ACTIVITY, default),
            [(c, a) for c in countries for a in c.data.activities],
        ),
    ]


def tables(content: Content) -> list[Table]:
    """Every CSV table: its columns (name, meaning, value) and what its rows are made from."""
    default = content.settings.languages[0]
    instruments, treaties, activities = _country_tables(content, default)
    contacts = Table(
        "contacts.csv",
        "contact of a country or of an objective",
        (
            Column("kind", "country or objective", lambda r: r[0].kind),
            Column("slug", "Slug of the country or objective", lambda r: r[0].slug),
        )
        + _columns(schema.CONTACT, default, leave_out="address note"),
        [(e, x) for e in content.entries for x in e.data.contacts],
    )
    model_policies = Table(
        "model-policies.csv",
        "model policy or tool listed under an objective",
        (Column("objective", "Slug of the objective", lambda r: r[0].slug),)
        + _columns(
            schema.vocabulary.MODEL_POLICY,
            default,
            {"languages": "ISO 639-1 codes it is available in, space-separated"},
            leave_out="summary",
        ),
        [(o, m) for o in content.objectives for m in o.data.model_policies],
    )
    return [instruments, treaties, contacts, activities, model_policies]


def _rows(content: Content) -> dict[str, tuple[list[str], list[list[Any]]]]:
    out = {}
    for table in tables(content):
        header = [col.name for col in table.columns]
        rows = [
            ["" if (v := col.get(item)) is None else v for col in table.columns]
            for item in table.items
        ]
        out[table.file] = (header, rows)
    return out


def vcard(contact: Contact, lang: str) -> str:
    """A vCard 3.0 of one contact (texts in `lang`, the default language). vobject escapes CR,
    LF, ',', ';' and '\\' as RFC 6350 asks, so no text can end a line, add a property or start
    another card."""
    card = vobject.vCard()
    card.add("fn").value = contact.name
    parts = contact.name.rsplit(" ", 1)
    card.add("n").value = vobject.vcard.Name(
        family=parts[-1], given=parts[0] if len(parts) > 1 else ""
    )
    if contact.organisation:
        card.add("org").value = [_in(contact.organisation, lang)]
    if contact.role:
        card.add("title").value = _in(contact.role, lang)
    if contact.email:
        card.add("email").value = contact.email
        card.email.type_param = "work"
    if contact.phone:
        card.add("tel").value = contact.phone
        card.tel.type_param = "work"
    card.add("source").value = contact.source
    if contact.verified:
        card.add("note").value = f"Verified {contact.verified}"
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
        "countries": {c.slug: plain(c.data, keep_empty=True) for c in content.countries},
        "objectives": {o.slug: plain(o.data, keep_empty=True) for o in content.objectives},
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
    for entry in content.entries:
        for i, contact in enumerate(entry.data.contacts):
            path = site / f"downloads/contacts/{entry.slug}-{i + 1}.vcf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                vcard(contact, content.settings.languages[0]), encoding="utf-8", newline=""
            )
            written.append(path)
    return written
