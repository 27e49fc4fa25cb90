"""Validation types: declare a file's fields once, then validate, normalise and describe it.

Validation never raises on bad content: every problem is added to the `Problems` list of the
`Context` with the field path, what was expected and what was found. Nothing here knows any
programme: values that a programme declares (treaties, themes, regions) come in through the
context's `Vocabulary`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pycountry
from babel import Locale

from .. import addresses

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..problems import Problems
    from ..yamlio import Loaded

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Control characters (CR, LF, tab, NUL, ...) never belong in a value that ends up in a header,
# a vCard line, a CSV cell or a URL.
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Invisible formatting characters that change how text reads without being seen: bidirectional
# embeddings, overrides and isolates (a reversed e-mail address reads as another), direction
# marks, zero-width space and joiner-like invisibles, a byte-order mark inside text. The portal
# isolates every run of the other direction itself (<bdi>, dir=), so right-to-left text needs
# none of them. Zero-width (non-)joiners U+200C/U+200D stay allowed: Persian and Indic
# scripts need them to spell words.
INVISIBLE_RE = re.compile(
    r"[\u200b\u200e\u200f\u061c\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# Texts that templates print where HTML or Markdown is read (the theme's header and <title>,
# the generated pages' Markdown): the portal's name and the interface's labels. These
# characters have a meaning there (tags, entities, links, code, emphasis, tables, quotes of
# attributes) and none in a name or an interface word.
MARKUP_RE = re.compile(r"[<>`\\*_|\"]|\]\s*[(\[:]|!\[|&#?\w+;")


def markup_problem(text: str) -> str | None:
    m = MARKUP_RE.search(text)
    if not m:
        return None
    return (
        f"expected plain text; {m[0]!r} has a meaning in HTML or Markdown (this text is "
        f"shown as written, never as markup): remove it"
    )


INVISIBLE_HINT = (
    "without invisible direction or zero-width characters (U+200B, U+200E/U+200F, "
    "U+202A-U+202E, U+2066-U+2069, ...): they make text read as something else; retype the "
    "value (right-to-left text needs none: the portal sets the direction itself)"
)


@dataclass(frozen=True)
class Vocabulary:
    """The keys a programme declares in programme.yml, in display order."""

    treaties: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    known: bool = True  # False when programme.yml could not be read: accept any key then


def language_name(code: str) -> str:
    """'French' for 'fr': messages to editors are in English and name languages in full."""
    try:
        return Locale("en").languages.get(code) or code
    except Exception:  # noqa: BLE001 - an unknown code is shown as itself
        return code


@dataclass
class Context:
    """Where we are while validating one file, and what the portal allows."""

    file: str
    problems: Problems
    lines: Loaded
    languages: tuple[str, ...]  # the portal's languages, default first
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    today: dt.date = field(default_factory=dt.date.today)
    # references checked after every file is loaded: (kind, value, path)
    refs: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def default(self) -> str:
        return self.languages[0]

    def error(self, path: str, message: str) -> None:
        self.problems.add(self.file, path, message, self.lines.line(path))

    def error_count(self) -> int:
        return len(self.problems.items)


def describe(value: Any) -> str:
    """A found value as a message shows it: quoted text, or its kind."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else f"{type(value).__name__} {value!r}"
    return text if len(text) <= 60 else text[:57] + "..."


def did_you_mean(value: Any, allowed: tuple[str, ...] | list[str]) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class Type:
    def check(self, value: Any, path: str, ctx: Context) -> Any:
        raise NotImplementedError

    def empty(self) -> Any:
        return None

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        raise NotImplementedError

    def values(self) -> tuple[str, ...]:
        """The allowed values, for documentation (scaffold comments, CONTRIBUTING)."""
        return ()


class Str(Type):
    def __init__(
        self,
        max_len: int = 300,
        pattern: str | None = None,
        hint: str = "text",
        plain: bool = False,
    ) -> None:
        self.max_len, self.hint, self.plain = max_len, hint, plain
        self.pattern = re.compile(pattern) if pattern else None

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # "27-14" typed as a number is still the right text
        if not isinstance(value, str):
            ctx.error(path, f"expected {self.hint}, got {describe(value)}")
            return None
        value = value.strip()
        if len(value) > self.max_len:
            ctx.error(path, f"expected at most {self.max_len} characters, got {len(value)}")
            return None
        if self.pattern and not self.pattern.fullmatch(value):
            ctx.error(path, f"expected {self.hint}, got {describe(value)}")
            return None
        if "\n" in value and self.max_len <= 300:
            ctx.error(path, f"expected {self.hint} on one line, got several lines")
            return None
        if CONTROL_RE.search(value.replace("\n", "")):
            ctx.error(
                path,
                f"expected {self.hint} without control characters (carriage return, tab, ...); "
                "retype the value",
            )
            return None
        if INVISIBLE_RE.search(value):
            ctx.error(path, f"expected {self.hint} {INVISIBLE_HINT}")
            return None
        problem = markup_problem(value) if self.plain else None
        if problem:
            ctx.error(path, f"{problem}; got {describe(value)}")
            return None
        return value or None

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "maxLength": self.max_len}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern.pattern})$"
        return out


class Text(Type):
    """Text for readers: a plain string (default language) or a mapping language -> string."""

    def __init__(self, max_len: int = 300, require_default: bool = True, plain: bool = False):
        self.inner = Str(max_len, plain=plain)
        self.require_default = require_default

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, str):
            value = {ctx.default: value}
        if not isinstance(value, dict):
            ctx.error(
                path,
                f"expected text, or a mapping of language codes to text such as "
                f"{{{ctx.default}: ...}}, got {describe(value)}",
            )
            return None
        out: dict[str, str] = {}
        for lang, text in value.items():
            sub = f"{path}.{lang}"
            if not isinstance(lang, str) or not LANG_CODE.valid(lang):
                ctx.error(
                    sub,
                    f"expected a two-letter ISO 639-1 language code such as "
                    f"{', '.join(ctx.languages)}, got {describe(lang)}",
                )
                continue
            checked = self.inner.check(text, sub, ctx)
            if checked:
                out[lang] = checked
        if out and self.require_default and ctx.default not in out:
            ctx.error(
                path,
                f"expected a text in {language_name(ctx.default)} ({ctx.default}), the default "
                f"language and the fallback for every other, got only {', '.join(sorted(out))}",
            )
        return out or None

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
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

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.error(path, f"expected {self.hint}, got {describe(value)}")
            return None
        if not self.low <= value <= self.high:
            ctx.error(path, f"expected {self.hint} from {self.low} to {self.high}, got {value}")
            return None
        return value

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


class Year(Type):
    """A year; `ahead` is how many years past the current one are allowed (plans end later)."""

    def __init__(self, ahead: int = 0):
        self.ahead = ahead

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
            ctx.error(path, f"expected a year like 2016, got {describe(value)}")
            return None
        latest = ctx.today.year + self.ahead
        if value < 1900 or value > latest:
            what = "in the future" if value > latest else "before 1900"
            ctx.error(path, f"expected a year from 1900 to {latest}, got {value} ({what})")
            return None
        return value

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        return {"type": "integer", "minimum": 1900, "maximum": 2100}


DATE_HINT = "a date like 2018-09-24 (or 2018-09, or 2018, when only that is known)"
PARTIAL_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def first_day(text: str) -> dt.date:
    """The first day a partial date ('2018', '2018-09', '2018-09-24') can mean."""
    m = PARTIAL_DATE_RE.fullmatch(text)
    if not m:
        raise ValueError(f"not a partial date: {text!r}")
    return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))


class Date(Type):
    """A date as precise as the source: YYYY-MM-DD, YYYY-MM or YYYY. Never in the future."""

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            text = value.isoformat()
        elif isinstance(value, int) and not isinstance(value, bool):
            text = str(value)
        elif isinstance(value, str):
            text = value.strip()
        else:
            ctx.error(path, f"expected {DATE_HINT}, got {describe(value)}")
            return None
        if not PARTIAL_DATE_RE.fullmatch(text):
            ctx.error(path, f"expected {DATE_HINT}, got {describe(value)}")
            return None
        try:
            first = first_day(text)
        except ValueError:
            ctx.error(
                path,
                "expected a real calendar date like 2018-09-24 (months 01 to 12, days that the "
                f"month has), got {text!r}",
            )
            return None
        if first > ctx.today:
            ctx.error(path, f"expected a date not in the future, got {text!r}")
            return None
        return text

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        return {"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}


class Url(Type):
    """A web address, read as a browser reads it (WHATWG rules, `addresses.web_host`): the
    host readers are shown as its publisher is the host the browser opens. Checked as
    written: `urlsplit` would silently drop CR, LF and tabs."""

    HINT = "a web address starting with https:// or http://"
    HOST_RE = re.compile(r"(?:[^\W_]|[-.])+(?::\d{1,5})?", re.U)

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if not isinstance(value, str):
            ctx.error(path, f"expected {self.HINT}, got {describe(value)}")
            return None
        value = value.strip()
        if CONTROL_RE.search(value) or re.search(r"\s", value) or INVISIBLE_RE.search(value):
            ctx.error(
                path,
                f"expected {self.HINT} without spaces, line breaks or invisible characters, "
                f"got {describe(value)}; encode a space as %20",
            )
            return None
        if "\\" in value:
            ctx.error(
                path,
                f"expected {self.HINT} with '/' only: a browser reads '\\' as '/', so the "
                f"address would open another host than it shows; got {describe(value)}",
            )
            return None
        scheme, sep, rest = value.partition("://")
        authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
        if "@" in authority:
            ctx.error(
                path,
                f"expected {self.HINT} without a user name: in 'https://name@host/' the browser "
                f"opens the host after '@', not what the address seems to name; write "
                f"https://{authority.rpartition('@')[2]}/... ; got {describe(value)}",
            )
            return None
        host = addresses.web_host(value)
        if (
            not sep
            or scheme.lower() not in ("http", "https")
            or not host
            or not self.HOST_RE.fullmatch(authority)
            or len(value) > 2000
        ):
            ctx.error(path, f"expected {self.HINT}, got {describe(value)}")
            return None
        return value

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^https?://[^\\s/@\\\\]+[^\\s\\\\]*$"}


EMAIL_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


class Email(Str):
    def __init__(self) -> None:
        super().__init__(120, EMAIL_RE.pattern, "an email address like name@example.org")


class Choice(Type):
    """One of a fixed set of values; `labels` is the prefix of each value's label key in
    labels/<lang>.yml ('treaty_' + 'party'), declared here once: templates and the labels
    test (tests/unit/test_labels.py) read it from the schema."""

    def __init__(self, choices: tuple[str, ...], what: str, labels: str = ""):
        self.choices, self.what, self.labels = choices, what, labels

    def label_keys(self) -> dict[str, str]:
        """value -> its label key ({} for a choice shown as itself)."""
        return {c: self.labels + c for c in self.choices} if self.labels else {}

    def allowed(self, ctx: Context) -> tuple[str, ...]:
        return self.choices

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        allowed = self.allowed(ctx)
        if not isinstance(value, str) or value not in allowed:
            listed = ", ".join(allowed) if allowed else "(none declared)"
            ctx.error(
                path,
                f"expected a {self.what}, one of: {listed}; got {describe(value)}"
                f"{did_you_mean(value, allowed)}",
            )
            return None
        return value

    def values(self) -> tuple[str, ...]:
        return self.choices

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.choices)}


class Declared(Choice):
    """A value the programme declares in programme.yml (a treaty, theme or region key)."""

    def __init__(self, kind: str, what: str):
        super().__init__((), what)
        self.kind = kind  # "treaties", "themes" or "regions"

    def allowed(self, ctx: Context) -> tuple[str, ...]:
        return getattr(ctx.vocabulary, self.kind)

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if not ctx.vocabulary.known and isinstance(value, str):
            return value  # programme.yml is broken (reported): do not add a message per use
        return super().check(value, path, ctx)

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        keys = getattr(vocabulary, self.kind)
        if keys:
            return {"type": "string", "enum": list(keys)}
        return {"type": "string", "pattern": f"^{SLUG_RE.pattern}$"}


class Code(Type):
    """A code from an ISO list (pycountry), as an exact upper- or lower-case string."""

    def __init__(self, kind: str):
        self.kind = kind

    def valid(self, value: str) -> bool:
        if self.kind == "iso3":
            return (
                len(value) == 3
                and value.isupper()
                and pycountry.countries.get(alpha_3=value) is not None
            )
        return (
            len(value) == 2
            and value.islower()
            and pycountry.languages.get(alpha_2=value) is not None
        )

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, str) and self.valid(value):
            return value
        if self.kind == "iso3":
            ctx.error(
                path,
                f"expected an ISO 3166-1 alpha-3 country code in capitals such as MAR, "
                f"got {describe(value)}",
            )
        else:
            ctx.error(
                path,
                f"expected a two-letter ISO 639-1 language code such as fr, got {describe(value)}",
            )
        return None

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": "^[A-Z]{3}$" if self.kind == "iso3" else "^[a-z]{2}$",
        }


LANG_CODE = Code("lang")


class Slug(Str):
    def __init__(self, what: str = "a slug"):
        super().__init__(
            60,
            SLUG_RE.pattern,
            f"{what}: lower-case ASCII letters, digits and single hyphens, like 'law-27-14'",
        )


class Ref(Type):
    """A slug that must name another piece of content; resolved after everything is loaded."""

    def __init__(self, kind: str):
        self.kind = kind

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
            ctx.error(
                path,
                f"expected the slug of an {self.kind} (its folder name), got {describe(value)}",
            )
            return None
        ctx.refs.append((self.kind, value, path))
        return value

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{SLUG_RE.pattern}$"}


class ListOf(Type):
    """A list of `item`s, at most `max_items` long: the build's work and memory grow with every
    item on every page in every language (6,000 instruments in one country took 20 s and
    300 MB), so that a country stays a few seconds of build."""

    def __init__(self, item: Type, unique: bool = False, max_items: int = 200):
        self.item, self.unique, self.max_items = item, unique, max_items

    def empty(self) -> Any:
        return []

    def values(self) -> tuple[str, ...]:
        return self.item.values()

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if value is None:
            return []
        if not isinstance(value, list):
            ctx.error(path, f"expected a list (lines starting with '- '), got {describe(value)}")
            return []
        if len(value) > self.max_items:
            ctx.error(
                path,
                f"expected at most {self.max_items} items, got {len(value)}; a portal lists "
                "the main ones (link to a fuller list with a source)",
            )
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

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        out = {
            "type": ["array", "null"],
            "items": self.item.json(vocabulary),
            "maxItems": self.max_items,
        }
        if self.unique:
            out["uniqueItems"] = True
        return out


@dataclass
class Field:
    """A field of an object: its type, whether it is required, and what it means."""

    type: Type
    description: str
    required: bool = False


class Object(Type):
    def __init__(
        self,
        fields: dict[str, Field],
        description: str = "",
        checks: tuple[Callable[[dict, str, Context], None], ...] = (),
    ):
        self.fields, self.description, self.checks = fields, description, checks

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if not isinstance(value, dict):
            ctx.error(path or "(file)", f"expected a mapping of fields, got {describe(value)}")
            return None
        out: dict[str, Any] = {}
        for key in value:
            if key not in self.fields:
                sub = f"{path}.{key}" if path else str(key)
                ctx.error(
                    sub,
                    f"unknown field {str(key)!r}{did_you_mean(str(key), tuple(self.fields))} "
                    f"(allowed here: {', '.join(self.fields)})",
                )
        for name, spec in self.fields.items():
            sub = f"{path}.{name}" if path else name
            raw = value.get(name)
            if raw is None or raw == "":
                if spec.required:
                    ctx.error(sub, f"required field is missing: {spec.description}")
                out[name] = spec.type.empty()
                continue
            before = ctx.error_count()
            out[name] = spec.type.check(raw, sub, ctx)
            if spec.required and not out[name] and ctx.error_count() == before:
                # Only spaces, or an empty mapping: present, but says nothing.
                ctx.error(sub, f"required field is empty: {spec.description}")
        for check in self.checks:
            check(out, path, ctx)
        return out

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        props = {}
        for name, spec in self.fields.items():
            sub = dict(spec.type.json(vocabulary))
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


class KeyedBy(Type):
    """A mapping whose keys the programme declares (`treaties: {tip: {...}, som: {...}}`)."""

    def __init__(self, kind: str, what: str, item: Object):
        self.key = Declared(kind, what)
        self.item = item

    def empty(self) -> Any:
        return {}

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if not isinstance(value, dict):
            ctx.error(path, f"expected a mapping of {self.key.what} keys, got {describe(value)}")
            return {}
        out = {}
        for key, item in value.items():
            sub = f"{path}.{key}"
            if self.key.check(key, sub, ctx) is None:
                continue
            checked = self.item.check(item if item is not None else {}, sub, ctx)
            if checked is not None:
                out[key] = checked
        return out

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        keys = getattr(vocabulary, self.key.kind)
        item = self.item.json(vocabulary)
        if keys:
            return {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {k: item for k in keys},
            }
        return {"type": ["object", "null"], "additionalProperties": item}
