"""The structure of a file: lists of items, objects of named fields, mappings keyed by what the
programme declares. Each validates its parts with their own types and reports every problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .base import Context, Type, Vocabulary, describe, did_you_mean
from .types import Declared


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
        checks: tuple[Callable[[dict[str, Any], str, Context], None], ...] = (),
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
