"""Validation types: declare a file's fields once, then validate, normalise and describe it.

Validation never raises on bad content: every problem is added to the `Problems` list of the
`Context` with the field path, what was expected and what was found. Nothing here knows any
programme: values that a programme declares (treaties, themes, regions) come in through the
context's `Vocabulary`. The scalar types are here; lists, objects and keyed mappings are in
`structure`, what they all share in `base`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .. import addresses
from .base import (
    CONTROL_RE,
    DATE_HINT,
    INVISIBLE_HINT,
    INVISIBLE_RE,
    PARTIAL_DATE_RE,
    SLUG_RE,
    Context,
    Type,
    Vocabulary,
    describe,
    did_you_mean,
    first_day,
    language_name,
    markup_problem,
)
from .codes import LANG_CODE


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
