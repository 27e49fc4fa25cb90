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
from .paths import DATA_FILES

FILES = DATA_FILES


def _en(text: dict | None, lang: str = "en") -> str:
    """The text in `lang` (the portal's default language in the tables), else empty."""
    return (text or {}).get(lang, "")


def _rows(content: Content) -> dict[str, tuple[list[str], list[list]]]:
    instruments, treaties, contacts, activities, models = [], [], [], [], []
    default = content.settings.languages[0]

    def text_of(text: dict | None) -> str:
        return (text or {}).get(default, "")

    for c in content.countries:
        d = c.data
        for ins in d["instruments"]:
            instruments.append(
                [
                    c.slug,
                    d["iso3"],
                    ins["id"],
                    ins["type"],
                    text_of(ins["title"]),
                    ins.get("original_title") or "",
                    ins.get("original_language") or "",
                    ins.get("number") or "",
                    ins.get("year") or "",
                    ins.get("start") or "",
                    ins.get("end") or "",
                    ins.get("status") or "",
                    " ".join(ins.get("themes") or []),
                    " ".join(ins.get("objectives") or []),
                    ins["source"],
                    " ".join(ins.get("sources") or []),
                ]
            )
        for treaty in content.programme.treaties:
            p = (d.get("treaties") or {}).get(treaty.key) or {}
            treaties.append(
                [
                    c.slug,
                    d["iso3"],
                    treaty.key,
                    p.get("status") or "",
                    p.get("signed") or "",
                    p.get("act") or "",
                    p.get("date") or "",
                    p.get("as_of") or "",
                    text_of(p.get("note")),
                    p.get("source") or "",
                    " ".join(p.get("sources") or []),
                ]
            )
        for a in d["activities"]:
            activities.append(
                [
                    c.slug,
                    d["iso3"],
                    a["date"],
                    a.get("end") or "",
                    text_of(a.get("place")),
                    a.get("objective") or "",
                    text_of(a["summary"]),
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
                    text_of(x.get("role")),
                    text_of(x.get("organisation")),
                    x.get("email") or "",
                    x.get("phone") or "",
                    x.get("website") or "",
                    x.get("start") or "",
                    x.get("end") or "",
                    x.get("verified") or "",
                    x["source"],
                ]
            )
    for o in content.objectives:
        for m in o.data.get("model_policies") or []:
            models.append(
                [
                    o.slug,
                    text_of(m["title"]),
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
                "id",
                "type",
                f"title_{default}",
                "original_title",
                "original_language",
                "number",
                "year",
                "start",
                "end",
                "status",
                "themes",
                "objectives",
                "source",
                "further_sources",
            ],
            instruments,
        ),
        "treaties.csv": (
            [
                "country",
                "iso3",
                "treaty",
                "status",
                "signed",
                "act",
                "date",
                "as_of",
                f"note_{default}",
                "source",
                "further_sources",
            ],
            treaties,
        ),
        "contacts.csv": (
            [
                "kind",
                "slug",
                "name",
                f"role_{default}",
                f"organisation_{default}",
                "email",
                "phone",
                "website",
                "start",
                "end",
                "verified",
                "source",
            ],
            contacts,
        ),
        "activities.csv": (
            [
                "country",
                "iso3",
                "date",
                "end",
                f"place_{default}",
                "objective",
                f"summary_{default}",
                "source",
            ],
            activities,
        ),
        "model-policies.csv": (
            ["objective", f"title_{default}", "publisher", "year", "languages", "url"],
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
    lines.append(f"SOURCE:{contact['source']}")
    if contact.get("verified"):
        lines.append(f"NOTE:Verified {contact['verified']}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def write(content: Content, site: Path) -> list[Path]:
    out = site / "downloads" / "data"
    out.mkdir(parents=True, exist_ok=True)
    everything = {
        "programme": {
            "name": content.programme.name,
            "short_name": content.programme.short_name,
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
