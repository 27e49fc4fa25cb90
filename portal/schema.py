"""The one schema of the portal's content, declared once.

`COUNTRY` and `OBJECTIVE` describe `country.yml` and `objective.yml`. The same declarations
validate and normalise the files at build time and in `make check`, and produce the JSON
Schema that editors' IDEs use (`json_schema()`), so the three can never disagree.

Validation never raises on bad content: every problem is added to a `Problems` list with the
field path, what was expected and what was found.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pycountry

# ---------------------------------------------------------------------------------------------
# Validation context


@dataclass
class Context:
    """Where we are while validating one file, and what the portal allows."""

    file: str
    problems: Any  # Problems
    lines: Any  # Loaded
    languages: tuple[str, ...]  # the portal's languages, default first
    regions: tuple[str, ...] = ()
    today: dt.date = field(default_factory=dt.date.today)
    # references checked after every file is loaded: (kind, value, path)
    refs: list[tuple[str, str, str]] = field(default_factory=list)

    def error(self, path: str, message: str) -> None:
        self.problems.add(self.file, path, message, self.lines.line(path))

    def warn(self, path: str, message: str) -> None:
        self.problems.add(self.file, path, message, self.lines.line(path), severity="warning")


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else f"{type(value).__name__} {value!r}"
    if isinstance(value, (dict, list)):
        text = "a mapping" if isinstance(value, dict) else "a list"
    return text if len(text) <= 60 else text[:57] + "..."


_MISSING = object()


class Type:
    description = ""

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        raise NotImplementedError

    def empty(self) -> Any:
        return None

    def json(self) -> dict[str, Any]:
        raise NotImplementedError


class Str(Type):
    def __init__(self, max_len: int = 300, pattern: str | None = None, hint: str = "text"):
        self.max_len, self.hint = max_len, hint
        self.pattern = re.compile(pattern) if pattern else None

    def check(self, value, path, ctx):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # "27-14" typed as a number is still the right text
        if not isinstance(value, str):
            ctx.error(path, f"expected {self.hint}, got {_shown(value)}")
            return None
        value = value.strip()
        if len(value) > self.max_len:
            ctx.error(path, f"expected at most {self.max_len} characters, got {len(value)}")
            return None
        if self.pattern and not self.pattern.fullmatch(value):
            ctx.error(path, f"expected {self.hint}, got {_shown(value)}")
            return None
        if ("\n" in value or "\r" in value) and self.max_len <= 300:
            ctx.error(path, f"expected {self.hint} on one line, got several lines")
            return None
        if CONTROL_RE.search(value.replace("\n", "").replace("\t", "")):
            ctx.error(path, f"expected {self.hint} without control characters, got {_shown(value)}")
            return None
        return value or None

    def json(self):
        out: dict[str, Any] = {"type": "string", "maxLength": self.max_len}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern.pattern})$"
        return out


class Text(Type):
    """Text for readers: a plain string (English) or a mapping language code -> string."""

    def __init__(self, max_len: int = 300, require_default: bool = True):
        self.inner = Str(max_len)
        self.require_default = require_default

    def check(self, value, path, ctx):
        if isinstance(value, str):
            value = {ctx.languages[0]: value}
        if not isinstance(value, dict):
            ctx.error(
                path,
                f"expected text, or a mapping of language codes to text such as "
                f"{{en: ..., fr: ...}}, got {_shown(value)}",
            )
            return None
        out: dict[str, str] = {}
        for lang, text in value.items():
            sub = f"{path}.{lang}"
            if not isinstance(lang, str) or not LANG_CODE.valid(lang):
                ctx.error(
                    sub,
                    f"expected a two-letter ISO 639-1 language code such as "
                    f"{', '.join(ctx.languages)}, got {_shown(lang)}",
                )
                continue
            checked = self.inner.check(text, sub, ctx)
            if checked:
                out[lang] = checked
        if out and self.require_default and ctx.languages[0] not in out:
            ctx.error(
                path,
                f"expected a text in '{ctx.languages[0]}', the fallback for every language, "
                f"got only {', '.join(sorted(out))}",
            )
        return out or None

    def json(self):
        return {
            "oneOf": [
                {"type": "string", "maxLength": self.inner.max_len},
                {
                    "type": "object",
                    "propertyNames": {"pattern": "^[a-z]{2}$"},
                    "additionalProperties": {
                        "type": "string",
                        "maxLength": self.inner.max_len,
                    },
                },
            ]
        }


class Integer(Type):
    def __init__(self, low: int, high: int, hint: str):
        self.low, self.high, self.hint = low, high, hint

    def check(self, value, path, ctx):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.error(path, f"expected {self.hint}, got {_shown(value)}")
            return None
        if not self.low <= value <= self.high:
            ctx.error(
                path,
                f"expected {self.hint} from {self.low} to {self.high}, got {value}",
            )
            return None
        return value

    def json(self):
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


class Year(Type):
    """A year; `ahead` is how many years past the current one are allowed (plans end later)."""

    def __init__(self, ahead: int = 0):
        self.ahead = ahead

    def check(self, value, path, ctx):
        if isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
            ctx.error(path, f"expected a year like 2016, got {_shown(value)}")
            return None
        latest = ctx.today.year + self.ahead
        if value < 1900 or value > latest:
            what = "in the future" if value > latest else "before 1900"
            ctx.error(path, f"expected a year from 1900 to {latest}, got {value} ({what})")
            return None
        return value

    def json(self):
        return {"type": "integer", "minimum": 1900, "maximum": 2100}


DATE_HINT = "a date like 2018-09-24 (or 2018-09, or 2018, when only that is known)"


class Date(Type):
    """A date as precise as the source: YYYY-MM-DD, YYYY-MM or YYYY. Never in the future."""

    def check(self, value, path, ctx):
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            text = value.isoformat()
        elif isinstance(value, int) and not isinstance(value, bool):
            text = str(value)
        elif isinstance(value, str):
            text = value.strip()
        else:
            ctx.error(path, f"expected {DATE_HINT}, got {_shown(value)}")
            return None
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if not m:
            ctx.error(path, f"expected {DATE_HINT}, got {_shown(value)}")
            return None
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        try:
            first = dt.date(year, month, day)
        except ValueError:
            ctx.error(path, f"expected a real calendar date ({DATE_HINT}), got {text!r}")
            return None
        if first > ctx.today:
            ctx.error(path, f"expected a date not in the future, got {text!r}")
            return None
        return text

    def json(self):
        return {"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}


# Control characters (a CR in a name would start a new vCard line) and, in addresses, spaces.
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
ADDRESS_BAD_RE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


class Url(Type):
    def check(self, value, path, ctx):
        if not isinstance(value, str):
            ctx.error(
                path,
                f"expected a web address starting with https://, got {_shown(value)}",
            )
            return None
        value = value.strip()
        parts = urlsplit(value)  # which drops tabs and line breaks: check the original too
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or ADDRESS_BAD_RE.search(value)
        ):
            ctx.error(
                path,
                f"expected a web address starting with https:// or http://, got {_shown(value)}",
            )
            return None
        return value

    def json(self):
        return {"type": "string", "format": "uri", "pattern": "^https?://[^\\s/]+"}


EMAIL_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


class Email(Str):
    def __init__(self):
        super().__init__(120, EMAIL_RE.pattern, "an email address like name@example.org")


class Choice(Type):
    def __init__(self, choices: tuple[str, ...], what: str):
        self.choices, self.what = choices, what

    def allowed(self, ctx: Context) -> tuple[str, ...]:
        return self.choices

    def check(self, value, path, ctx):
        allowed = self.allowed(ctx)
        if not isinstance(value, str) or value not in allowed:
            hint = ""
            if isinstance(value, str):
                close = difflib.get_close_matches(value, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
            ctx.error(
                path,
                f"expected a {self.what}, one of: {', '.join(allowed)}; got {_shown(value)}{hint}",
            )
            return None
        return value

    def json(self):
        return {"type": "string", "enum": list(self.choices)}


class Region(Choice):
    def __init__(self):
        super().__init__((), "region")

    def allowed(self, ctx):
        return ctx.regions

    def json(self):
        return {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"}


class Code(Type):
    """A code from an ISO list (pycountry), as an exact upper- or lower-case string."""

    def __init__(self, kind: str):
        self.kind = kind

    def valid(self, value: str) -> bool:
        if self.kind == "iso3":
            return len(value) == 3 and value.isupper() and pycountry.countries.get(alpha_3=value)
        return (
            len(value) == 2
            and value.islower()
            and pycountry.languages.get(alpha_2=value) is not None
        )

    def check(self, value, path, ctx):
        if isinstance(value, str) and self.valid(value):
            return value
        if self.kind == "iso3":
            ctx.error(
                path,
                f"expected an ISO 3166-1 alpha-3 country code in capitals such as MAR, "
                f"got {_shown(value)}",
            )
        else:
            ctx.error(
                path,
                f"expected a two-letter ISO 639-1 language code such as fr, got {_shown(value)}",
            )
        return None

    def json(self):
        return {
            "type": "string",
            "pattern": "^[A-Z]{3}$" if self.kind == "iso3" else "^[a-z]{2}$",
        }


LANG_CODE = Code("lang")


class Ref(Type):
    """A slug that must name another piece of content; resolved after everything is loaded."""

    def __init__(self, kind: str):
        self.kind = kind

    def check(self, value, path, ctx):
        if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
            ctx.error(
                path,
                f"expected the slug of an {self.kind} (its folder name), got {_shown(value)}",
            )
            return None
        ctx.refs.append((self.kind, value, path))
        return value

    def json(self):
        return {"type": "string", "pattern": f"^{SLUG_RE.pattern}$"}


class ListOf(Type):
    def __init__(self, item: Type, unique: bool = False):
        self.item, self.unique = item, unique

    def empty(self):
        return []

    def check(self, value, path, ctx):
        if value is None:
            return []
        if not isinstance(value, list):
            ctx.error(path, f"expected a list (lines starting with '- '), got {_shown(value)}")
            return []
        out = []
        for i, item in enumerate(value):
            checked = self.item.check(item, f"{path}[{i}]", ctx)
            if checked is None:
                continue
            if self.unique and checked in out:
                ctx.error(f"{path}[{i}]", f"expected each value once, got {checked!r} twice")
                continue
            out.append(checked)
        return out

    def json(self):
        out = {"type": ["array", "null"], "items": self.item.json()}
        if self.unique:
            out["uniqueItems"] = True
        return out


@dataclass
class F:
    """A field of an object: its type, whether it is required, and what it means."""

    type: Type
    description: str
    required: bool = False


class Obj(Type):
    def __init__(self, fields: dict[str, F], description: str = "", checks=()):
        self.fields, self.description, self.checks = fields, description, checks

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            ctx.error(path or "(file)", f"expected a mapping of fields, got {_shown(value)}")
            return None
        out: dict[str, Any] = {}
        for key in value:
            if key not in self.fields:
                sub = f"{path}.{key}" if path else str(key)
                close = difflib.get_close_matches(str(key), self.fields, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                ctx.error(
                    sub,
                    f"unknown field {str(key)!r}{hint} (allowed here: {', '.join(self.fields)})",
                )
        for name, spec in self.fields.items():
            sub = f"{path}.{name}" if path else name
            raw = value.get(name, _MISSING)
            if raw is _MISSING or raw is None or raw == "":
                if spec.required:
                    ctx.error(sub, f"required field is missing: {spec.description}")
                out[name] = spec.type.empty()
                continue
            out[name] = spec.type.check(raw, sub, ctx)
        for check in self.checks:
            check(out, path, ctx)
        return out

    def json(self):
        props = {}
        for name, spec in self.fields.items():
            sub = dict(spec.type.json())
            sub["description"] = spec.description
            props[name] = sub
        out: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": props,
        }
        required = [n for n, s in self.fields.items() if s.required]
        if required:
            out["required"] = required
        if self.description:
            out["description"] = self.description
        return out


# ---------------------------------------------------------------------------------------------
# The portal's vocabulary

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

INSTRUMENT_TYPES = (
    "law",
    "strategy",
    "action-plan",
    "policy",
    "programme",
    "decree",
    "code",
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
PROTOCOL_STATUSES = ("party", "signatory", "not-party")


def _period_order(item: dict, path: str, ctx: Context) -> None:
    start, end = item.get("start"), item.get("end")
    if start is not None and end is not None and end < start:
        ctx.error(
            f"{path}.end" if path else "end",
            f"expected an end ({end}) not before the start ({start}); check the order",
        )


def _instrument_when(item: dict, path: str, ctx: Context) -> None:
    _period_order(item, path, ctx)
    if item.get("year") is not None and item.get("start") is not None:
        ctx.error(
            f"{path}.year",
            "expected either 'year' (a single year) or 'start'/'end' (a period), got both",
        )


def _date_range(item: dict, path: str, ctx: Context) -> None:
    date, end = item.get("date"), item.get("end")
    if date and end and end < date:
        ctx.error(f"{path}.end", f"expected an end ({end}) not before the date ({date})")


SOURCE = F(Url(), "Web address of a public page that states this fact", required=True)
MORE_SOURCES = F(ListOf(Url(), unique=True), "Further web addresses that state this fact")
NOTE = F(
    Text(600),
    "A short remark for readers, e.g. where sources disagree or what is not verified",
)

CONTACT = Obj(
    {
        "name": F(Str(120), "Full name, as published by the source", required=True),
        "role": F(Text(), "Position or function"),
        "organisation": F(Text(), "Organisation the person works for"),
        "email": F(Email(), "Work email address as published by the source"),
        "phone": F(
            Str(40, r"\+?[0-9 ()./-]{6,40}", "a phone number like +43 1 26060"),
            "Work phone number, international format",
        ),
        "verified": F(Date(), "Date someone last checked these details against the source", True),
        "note": NOTE,
        "source": SOURCE,
    },
    "A person to contact",
)

PROTOCOL = Obj(
    {
        "status": F(
            Choice(PROTOCOL_STATUSES, "protocol status"),
            "party, signatory or not-party",
        ),
        "year": F(Year(), "Year of ratification, accession or signature"),
        "as_of": F(Date(), "Date at which the source states this status"),
        "note": NOTE,
        "source": F(Url(), "Web address of a public page that states this status"),
        "sources": MORE_SOURCES,
    },
    "Status of a UN protocol in this country; leave status and source empty when not documented",
)


def _protocol_sourced(item: dict, path: str, ctx: Context) -> None:
    for key in ("tip", "som"):
        p = item.get(key) or {}
        if (p.get("status") or p.get("year")) and not p.get("source"):
            ctx.error(
                f"{path}.{key}.source" if path else f"{key}.source",
                "required when a status or year is given: add the web address that states it",
            )


INSTRUMENT = Obj(
    {
        "type": F(Choice(INSTRUMENT_TYPES, "type of instrument"), "Kind of instrument", True),
        "title": F(
            Text(),
            "Title for readers: English at least, other languages optional",
            True,
        ),
        "original_title": F(Str(300), "Title exactly as in the original language"),
        "original_language": F(LANG_CODE, "ISO 639-1 code of the original title's language"),
        "number": F(Str(60), "Official number, e.g. 27-14 or No. 350-Z"),
        "year": F(Year(), "Year of adoption or enactment"),
        "start": F(Year(ahead=15), "First year of the period it covers"),
        "end": F(Year(ahead=15), "Last year of the period it covers"),
        "status": F(Choice(INSTRUMENT_STATUSES, "status"), "Current legal status"),
        "scope": F(
            ListOf(Choice(("tip", "som"), "scope"), unique=True),
            "What it addresses: tip (trafficking in persons), som (smuggling of migrants)",
        ),
        "objectives": F(ListOf(Ref("objective"), unique=True), "Slugs of the objectives it serves"),
        "summary": F(Text(600), "One or two sentences on what it does, restating the source"),
        "note": NOTE,
        "source": SOURCE,
        "sources": MORE_SOURCES,
    },
    "A law, strategy, action plan, policy or programme",
    checks=(_instrument_when,),
)

ACTIVITY = Obj(
    {
        "date": F(Date(), "Date it took place (or began)", True),
        "end": F(Date(), "Last day, for events of several days"),
        "place": F(Text(120), "City or place"),
        "objective": F(Ref("objective"), "Slug of the objective it served"),
        "summary": F(Text(400), "One line on what took place", True),
        "source": SOURCE,
    },
    "A programme activity in this country",
    checks=(_date_range,),
)

BODY = Obj(
    {
        "name": F(Text(), "Name of the body", True),
        "original_name": F(Str(300), "Name in the original language"),
        "note": NOTE,
        "source": SOURCE,
    },
    "A national body that coordinates the response",
)

COUNTRY = Obj(
    {
        "iso3": F(Code("iso3"), "ISO 3166-1 alpha-3 code, e.g. MAR", True),
        "names": F(Text(120), "Name of the country in each portal language", True),
        "region": F(
            Region(),
            "Programme region (listed in mkdocs.yml, extra.portal.regions)",
            True,
        ),
        "official_languages": F(
            ListOf(LANG_CODE, unique=True), "ISO 639-1 codes of the official languages"
        ),
        "languages_note": NOTE,
        "coordinating_bodies": F(ListOf(BODY), "National coordinating bodies"),
        "protocols": F(
            Obj(
                {
                    "tip": F(
                        PROTOCOL,
                        "UN Protocol to Prevent, Suppress and Punish Trafficking in Persons",
                    ),
                    "som": F(
                        PROTOCOL,
                        "UN Protocol against the Smuggling of Migrants by Land, Sea and Air",
                    ),
                },
                checks=(_protocol_sourced,),
            ),
            "Status of the two UN protocols",
        ),
        "instruments": F(ListOf(INSTRUMENT), "Laws, strategies, action plans and policies"),
        "contacts": F(ListOf(CONTACT), "National contacts"),
        "activities": F(ListOf(ACTIVITY), "Programme activities in the country"),
        "reviewed": F(Date(), "Date the whole entry was last reviewed against its sources", True),
    },
    "A country of the portal: countries/<slug>/country.yml",
)

LEAD = Obj(
    {
        "agency": F(Str(80), "Name or acronym of the agency", True),
        "note": NOTE,
        "source": F(Url(), "Web address that names this agency as lead"),
    },
    "An agency leading this objective",
)

MODEL_POLICY = Obj(
    {
        "title": F(Text(), "Title, English at least", True),
        "publisher": F(Str(120), "Who published it", True),
        "year": F(Year(), "Year of publication or adoption"),
        "languages": F(ListOf(LANG_CODE, unique=True), "Languages it is available in"),
        "summary": F(Text(600), "One or two sentences on what it is for"),
        "url": F(Url(), "Web address where it can be read", True),
    },
    "A model policy, law, toolkit or international instrument",
)

OBJECTIVE = Obj(
    {
        "number": F(
            Integer(1, 99, "an objective number like 3"),
            "Number of the objective",
            True,
        ),
        "title": F(Text(), "Title in each portal language", True),
        "summary": F(Text(600), "One-sentence summary in each portal language", True),
        "lead_agencies": F(ListOf(LEAD), "Agencies leading the objective"),
        "model_policies": F(ListOf(MODEL_POLICY), "Model policies and tools"),
        "contacts": F(ListOf(CONTACT), "Programme contacts for this objective"),
        "source": F(Url(), "Web address that describes the objective"),
    },
    "An objective of the programme: objectives/<slug>/objective.yml",
)


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of `country.yml` or `objective.yml`, for editors' IDEs."""
    obj = {"country": COUNTRY, "objective": OBJECTIVE}[kind]
    out = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{kind}.yml",
    }
    out.update(obj.json())
    return out
