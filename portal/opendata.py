"""Open data: the metadata of every country and objective as JSON and CSV.

Analysts get the same validated data the pages are made from, without scraping:
`downloads/data/portal.json` (everything) and one CSV per table (UTF-8 with a header row).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

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
                    x["verified"],
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


def _vcard_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", " ")


def vcard(contact: dict) -> str:
    """A vCard 3.0 of one contact (English texts), CRLF line ends as the format wants."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_vcard_text(contact['name'])}"]
    parts = contact["name"].rsplit(" ", 1)
    lines.append(f"N:{_vcard_text(parts[-1])};{_vcard_text(parts[0] if len(parts) > 1 else '')};;;")
    if contact.get("organisation"):
        lines.append(f"ORG:{_vcard_text(_en(contact['organisation']))}")
    if contact.get("role"):
        lines.append(f"TITLE:{_vcard_text(_en(contact['role']))}")
    if contact.get("email"):
        lines.append(f"EMAIL;TYPE=work:{contact['email']}")
    if contact.get("phone"):
        lines.append(f"TEL;TYPE=work:{contact['phone']}")
    lines += [f"SOURCE:{contact['source']}", f"NOTE:Verified {contact['verified']}", "END:VCARD"]
    return "\r\n".join(lines) + "\r\n"


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
        writer.writerows(rows)
        (out / name).write_text(buffer.getvalue(), encoding="utf-8")
        written.append(out / name)
    for entry in content.countries + content.objectives:
        for i, contact in enumerate(entry.data.get("contacts") or []):
            path = site / f"downloads/contacts/{entry.slug}-{i + 1}.vcf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(vcard(contact), encoding="utf-8", newline="")
            written.append(path)
    return written
