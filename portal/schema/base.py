"""What every validation type shares: the context a file is checked in (its problems, lines,
languages and the programme's vocabulary), the base `Type`, how a value is described in a
message, and the text rules (slugs, control, invisible and markup characters, partial dates).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import i18n

if TYPE_CHECKING:
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
    return i18n.language_name(code, "en")


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


def subpath(path: str, name: str) -> str:
    """The path of a field inside the item at `path`: 'instruments[0].end'."""
    return f"{path}.{name}" if path else name


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


DATE_HINT = "a date like 2018-09-24 (or 2018-09, or 2018, when only that is known)"
PARTIAL_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def first_day(text: str) -> dt.date:
    """The first day a partial date ('2018', '2018-09', '2018-09-24') can mean."""
    m = PARTIAL_DATE_RE.fullmatch(text)
    if not m:
        raise ValueError(f"not a partial date: {text!r}")
    return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
