"""The content model: what a validated `country.yml` or `objective.yml` holds, as frozen types.

`schema` validates a file and normalises it (every problem at once, with file and line); this
module turns the normalised mapping into these records, so that the rest of the generator reads
attributes that mypy checks (`instrument.title`), never string keys that give `None` when they
are misspelt. The field names are the schema's, one for one: `tests/unit/test_model.py` walks
every `schema.Object` and its record and fails on a field one has and the other lacks.

A text for readers is a `Text`: its versions by language and its kind. Lists are tuples and
every record is frozen, so a page cannot change what the next page reads.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar


class Text(Mapping[str, str]):
    """A text for readers in the languages it was written in: `text["fr"]`, `text.languages`.

    `kind` is the schema's (set by `record` from the declaration): "plain" for a text refused
    if it holds a character with a meaning in HTML or Markdown (a name the theme prints),
    "text" for the rest. Read-only; equal to a mapping with the same versions.
    """

    __slots__ = ("_by_lang", "kind")

    def __init__(self, by_lang: Mapping[str, str], kind: str = "text") -> None:
        self._by_lang = dict(by_lang)
        self.kind = kind

    def __getitem__(self, lang: str) -> str:
        return self._by_lang[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_lang)

    def __len__(self) -> int:
        return len(self._by_lang)

    def __repr__(self) -> str:
        return f"Text({self._by_lang!r})"

    def __hash__(self) -> int:
        return hash(tuple(self._by_lang.items()))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._by_lang)

    def as_dict(self) -> dict[str, str]:
        return dict(self._by_lang)


@dataclass(frozen=True)
class Relation:
    kind: str
    target: str
    source: str


@dataclass(frozen=True)
class Instrument:
    id: str  # given by the editor, or derived by `content` from type and number
    type: str
    title: Text
    original_title: str | None
    original_language: str | None
    number: str | None
    year: int | None
    start: int | None
    end: int | None
    status: str | None
    status_note: Text | None
    themes: tuple[str, ...]
    objectives: tuple[str, ...]
    relations: tuple[Relation, ...]
    summary: Text | None
    note: Text | None
    source: str
    sources: tuple[str, ...]

    @property
    def period(self) -> str:
        """When it applies: '2018–2022', '2018–…', the year, or ''."""
        if self.start or self.end:
            return f"{self.start or '…'}–{self.end or '…'}"
        return str(self.year) if self.year else ""


@dataclass(frozen=True)
class TreatyStatus:
    status: str | None
    signed: str | None
    act: str | None
    date: str | None
    as_of: str | None
    note: Text | None
    source: str | None
    sources: tuple[str, ...]


def international(phone: str | None) -> bool:
    """Is this a number a reader abroad can dial: +<country code> <number>?"""
    return bool(phone) and str(phone).startswith("+")


# What a reader can reach a contact by: a contact with none of them has nothing to verify.
CHANNELS = ("email", "phone", "website", "address")


@dataclass(frozen=True)
class Contact:
    name: str
    role: Text | None
    organisation: Text | None
    email: str | None
    phone: str | None
    website: str | None
    address: Text | None
    start: int | None
    end: int | None
    verified: str | None
    note: Text | None
    source: str

    @property
    def reachable(self) -> bool:
        return any(getattr(self, channel) for channel in CHANNELS)


@dataclass(frozen=True)
class Activity:
    date: str
    end: str | None
    place: Text | None
    objective: str | None
    summary: Text
    source: str


@dataclass(frozen=True)
class Body:
    name: Text
    original_name: str | None
    original_language: str | None
    note: Text | None
    source: str


@dataclass(frozen=True)
class Country:
    iso3: str
    names: Text
    aliases: Text | None
    region: str
    official_languages: tuple[str, ...]
    languages_note: Text | None
    coordinating_bodies: tuple[Body, ...]
    treaties: Mapping[str, TreatyStatus]  # keyed by the programme's treaty keys, in file order
    instruments: tuple[Instrument, ...]
    contacts: tuple[Contact, ...]
    activities: tuple[Activity, ...]
    reviewed: str | None


@dataclass(frozen=True)
class Lead:
    agency: str
    note: Text | None
    source: str | None


@dataclass(frozen=True)
class ModelPolicy:
    title: Text
    publisher: str
    year: int | None
    languages: tuple[str, ...]
    summary: Text | None
    url: str


@dataclass(frozen=True)
class Objective:
    number: int
    title: Text
    summary: Text
    lead_agencies: tuple[Lead, ...]
    model_policies: tuple[ModelPolicy, ...]
    contacts: tuple[Contact, ...]
    source: str | None


R = TypeVar("R")


def record(cls: type[R], data: Mapping[str, Any], declared: Any = None) -> R:
    """The record `cls` of a mapping that `schema` validated: nested records, tuples, `Text`.

    What to build for each field is read from the record's own annotations, so the model is
    declared once here and the schema once in `schema.vocabulary`; `declared`, the schema's
    `Object` of the mapping, gives each `Text` its kind.
    """
    hints = typing.get_type_hints(cls)
    fields = getattr(declared, "fields", {})
    values = {
        f.name: _value(hints[f.name], data.get(f.name), _type_of(fields.get(f.name)))
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
    }
    return cls(**values)


def _type_of(spec: Any) -> Any:
    return getattr(spec, "type", None)


def _value(hint: Any, value: Any, declared: Any = None) -> Any:
    origin = typing.get_origin(hint)
    if value is None:  # an empty field: a list is empty, a mapping too, the rest None
        return () if origin is tuple else types.MappingProxyType({}) if origin is Mapping else None
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _value(inner[0], value, declared)
    if hint is Text:
        plain_text = getattr(getattr(declared, "inner", None), "plain", False)
        return Text(value, "plain" if plain_text else "text")
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return record(hint, value, declared)
    item_type = getattr(declared, "item", None)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_value(item, x, item_type) for x in value)
    if origin is Mapping:
        item = typing.get_args(hint)[1]
        return types.MappingProxyType({k: _value(item, v, item_type) for k, v in value.items()})
    return value


def plain(value: Any, keep_empty: bool = False) -> Any:
    """A record as JSON-like data (mappings, lists, strings): for comparing two versions of a
    file and for writing it out. Empty fields are left out, or kept as null, [] and {}."""
    if isinstance(value, Text):
        return value.as_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            v = plain(getattr(value, f.name), keep_empty)
            if keep_empty or v not in (None, [], {}):
                out[f.name] = v
        return out
    if isinstance(value, Mapping):
        return {k: plain(v, keep_empty) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [plain(v, keep_empty) for v in value]
    return value
