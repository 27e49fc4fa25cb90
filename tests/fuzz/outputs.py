"""What no output of a build may hold, read with parsers: an HTML parser for pages, the csv
module for open data, vCard lines unfolded, pypdf for PDFs' link annotations."""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from portal import csp

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "poster", "cite", "data", "background",
    "ping", "xlink:href", "manifest", "longdesc", "usemap", "codebase", "srcset",
}  # fmt: skip
SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What the portal writes into a vCard (portal/opendata.py), and vobject's framing.
VCARD_PROPERTIES = {
    "BEGIN", "VERSION", "PRODID", "FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "SOURCE",
    "NOTE", "END",
}  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def url_problem(value: str) -> str | None:
    """A URL a browser would open with a scheme outside http(s), mailto and tel."""
    text = re.sub(
        r"[\t\n\r]",
        "",
        value.strip(
            "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c"
            "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
            "\x19\x1a\x1b\x1c\x1d\x1e\x1f "
        ),
    )
    m = _SCHEME.match(text)
    if m and m[1].lower() not in SCHEMES:
        return f"a {m[1]}: address"
    if text.startswith(("\\\\", "/\\", "\\/")):
        return "an address the browser reads as another host"
    return None


class _Page(HTMLParser):
    def __init__(self, own: csp.OwnScripts) -> None:
        super().__init__(convert_charrefs=True)
        self.own, self.found = own, []
        self.script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in ("style", "base", "iframe", "object", "embed", "frame"):
            self.found.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            elif name == "style":
                self.found.append(f"<{tag} style=...>")
            elif name in URL_ATTRIBUTES:
                for part in value.split(",") if name == "srcset" else [value]:
                    problem = url_problem(part.strip().split(" ")[0] if name == "srcset" else part)
                    if problem:
                        self.found.append(f"<{tag} {name}={value[:60]!r}>: {problem}")
        self.script = values if tag == "script" and "src" not in values else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            self.handle_data("")

    def handle_data(self, data: str) -> None:
        if self.script is None:
            return
        kind = self.script.get("type", "").strip().lower()
        if kind == "application/ld+json":  # a country's schema.org data (portal/jsonld.py)
            if "<" in data or ">" in data or not _is_json(data):
                self.found.append(f"a JSON-LD block that is not inert JSON: {data[:60]!r}")
        elif kind != "application/json" and not self.own.allows(data):
            self.found.append(f"an inline script that is not the portal's: {data[:60]!r}")
        self.script = None


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def page_problems(text: str, own: csp.OwnScripts) -> list[str]:
    parser = _Page(own)
    parser.feed(text)
    parser.close()
    return parser.found


def csv_problems(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            f"a cell a spreadsheet evaluates: {cell[:40]!r}"
            for row in csv.reader(f)
            for cell in row
            if cell.startswith(FORMULA_START)
        ]


def vcard_problems(text: str) -> list[str]:
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    out = []
    for line in unfolded.splitlines():
        name = re.split(r"[;:]", line, maxsplit=1)[0].upper()
        if line and name not in VCARD_PROPERTIES:
            out.append(f"a vCard property the portal did not write: {line[:60]!r}")
    if unfolded.upper().count("BEGIN:VCARD") != 1:
        out.append("more than one card in a file")
    return out


def pdf_problems(path: Path) -> list[str]:
    from pypdf import PdfReader

    out = []
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            uri = str(action.get("/URI", "")) if action else ""
            kind = str(action.get("/S", "")) if action else ""
            if kind not in ("", "/URI", "/GoTo") or (uri and url_problem(uri)):
                out.append(f"a link annotation {kind} {uri[:60]!r}")
    return out


def site_problems(site: Path, own: csp.OwnScripts) -> list[str]:
    """Every problem of every output of a built site, each with its file."""
    out: list[str] = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith("assets/"):
            continue
        if path.suffix == ".html":
            found = page_problems(path.read_text(encoding="utf-8"), own)
        elif path.suffix == ".csv":
            found = csv_problems(path)
        elif path.suffix == ".vcf":
            found = vcard_problems(path.read_text(encoding="utf-8"))
        elif path.suffix == ".pdf":
            found = pdf_problems(path)
        else:
            continue
        out += [f"{rel}: {problem}" for problem in found]
    return out


# Bidirectional embeddings, overrides and isolates, and zero-width characters: they make a
# text read as another ("moc.live@" shown as "@evil.com").
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def invisible_problems(site: Path) -> list[str]:
    """Every page, CSV and vCard holding a bidi or zero-width control."""
    out = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".csv", ".vcf"):
            if not path.relative_to(site).as_posix().startswith("assets/"):
                found = INVISIBLE.search(path.read_text(encoding="utf-8"))
                if found:
                    out.append(f"{path.relative_to(site)}: U+{ord(found[0]):04X}")
    return out
