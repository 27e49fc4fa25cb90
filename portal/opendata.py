"""Open data: the metadata of every country and objective as JSON and CSV.

Analysts get the same validated data the pages are made from, without scraping:
`downloads/data/portal.json` (everything) and one CSV per table (UTF-8 with a header row).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import vobject

from .content import Content

FILES = (
    "downloads/data/portal.json",
    "downloads/data/instruments.csv",
    "downloads/data/protocols.csv",
    "downloads/data/contacts.csv",
    "downloads/data/activities.csv",
    "downloads/data/model-policies.csv",
)


def _en(text: dict | None) -> str:
    return (text or {}).get("en", "")


def _rows(content: Content) -> dict[str, tuple[list[str], list[list]]]:
    instruments, protocols, contacts, activities, models = [], [], [], [], []
    for c in content.countries:
        d = c.data
        for ins in d["instruments"]:
            instruments.append(
                [
                    c.slug,
                    d["iso3"],
                    ins["type"],
                    _en(ins["title"]),
                    ins.get("original_title") or "",
                    ins.get("original_language") or "",
                    ins.get("number") or "",
                    ins.get("year") or "",
                    ins.get("start") or "",
                    ins.get("end") or "",
                    ins.get("status") or "",
                    " ".join(ins.get("scope") or []),
                    " ".join(ins.get("objectives") or []),
                    ins["source"],
                    " ".join(ins.get("sources") or []),
                ]
            )
        for key in ("tip", "som"):
            p = (d.get("protocols") or {}).get(key) or {}
            protocols.append(
                [
                    c.slug,
                    d["iso3"],
                    key,
                    p.get("status") or "",
                    p.get("year") or "",
                    p.get("as_of") or "",
                    _en(p.get("note")),
                    p.get("source") or "",
                ]
            )
        for a in d["activities"]:
            activities.append(
                [
                    c.slug,
                    d["iso3"],
                    a["date"],
                    a.get("end") or "",
                    _en(a.get("place")),
                    a.get("objective") or "",
                    _en(a["summary"]),
                    a["source"],
                ]
            )
    for entry in content.countries + content.objectives:
        for x in entry.data.get("contacts") or []:
            contacts.append(
                [
                    entry.kind,
                    entry.slug,
                    x["name"],
                    _en(x.get("role")),
                    _en(x.get("organisation")),
                    x.get("email") or "",
                    x.get("phone") or "",
                    x.get("verified") or "",
                    x["source"],
                ]
            )
    for o in content.objectives:
        for m in o.data.get("model_policies") or []:
            models.append(
                [
                    o.slug,
                    _en(m["title"]),
                    m["publisher"],
                    m.get("year") or "",
                    " ".join(m.get("languages") or []),
                    m["url"],
                ]
            )
    return {
        "instruments.csv": (
            [
                "country",
                "iso3",
                "type",
                "title_en",
                "original_title",
                "original_language",
                "number",
                "year",
                "start",
                "end",
                "status",
                "scope",
                "objectives",
                "source",
                "further_sources",
            ],
            instruments,
        ),
        "protocols.csv": (
            ["country", "iso3", "protocol", "status", "year", "as_of", "note_en", "source"],
            protocols,
        ),
        "contacts.csv": (
            [
                "kind",
                "slug",
                "name",
                "role_en",
                "organisation_en",
                "email",
                "phone",
                "verified",
                "source",
            ],
            contacts,
        ),
        "activities.csv": (
            ["country", "iso3", "date", "end", "place_en", "objective", "summary_en", "source"],
            activities,
        ),
        "model-policies.csv": (
            ["objective", "title_en", "publisher", "year", "languages", "url"],
            models,
        ),
    }


def vcard(contact: dict) -> str:
    """A vCard 3.0 of one contact (English texts). vobject escapes CR, LF, ',', ';' and '\\'
    as RFC 6350 asks, so no text can end a line, add a property or start another card."""
    card = vobject.vCard()
    card.add("fn").value = contact["name"]
    parts = contact["name"].rsplit(" ", 1)
    card.add("n").value = vobject.vcard.Name(
        family=parts[-1], given=parts[0] if len(parts) > 1 else ""
    )
    if contact.get("organisation"):
        card.add("org").value = [_en(contact["organisation"])]
    if contact.get("role"):
        card.add("title").value = _en(contact["role"])
    if contact.get("email"):
        card.add("email").value = contact["email"]
        card.email.type_param = "work"
    if contact.get("phone"):
        card.add("tel").value = contact["phone"]
        card.tel.type_param = "work"
    card.add("source").value = contact["source"]
    if contact.get("verified"):
        card.add("note").value = f"Verified {contact['verified']}"
    return card.serialize()


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
            path.write_text(vcard(contact), encoding="utf-8", newline="")
            written.append(path)
    return written
