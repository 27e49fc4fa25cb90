"""The facts that changed between two versions of the content, in readers' words: "<country> ·
International treaties · <treaty> · Status: not yet documented → Party",
each field named by its label in the default language. `diff` puts them in a pull request's
summary; items of lists are paired by `versions`, the rule What's new uses too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import i18n
from .content import Content, Entry
from .model import plain
from .versions import IDENTITY, is_text, pair, short

# The labels key naming a field, where the labels have one without placeholders; any other
# field is named by its key in words ("as of" for as_of).
FIELD_LABELS = {
    "address": "address",
    "date": "date",
    "email": "email",
    "iso3": "iso3",
    "languages": "languages_available",
    "lead_agencies": "lead_agencies",
    "model_policies": "model_policies",
    "name": "name",
    "names": "name",
    "note": "note",
    "number": "number",
    "objective": "objective",
    "objectives": "objectives",
    "official_languages": "official_languages",
    "organisation": "organisation",
    "original_title": "original_title",
    "phone": "phone",
    "place": "place",
    "publisher": "publisher",
    "region": "region",
    "reviewed": "last_reviewed",
    "role": "role",
    "source": "source",
    "sources": "sources",
    "status": "status",
    "summary": "summary",
    "themes": "themes",
    "title": "title",
    "type": "type",
    "url": "link",
    "verified": "verified",
    "website": "website",
    "year": "year",
    "instruments": "instruments",
    "contacts": "contacts",
    "activities": "activities",
    "coordinating_bodies": "coordinating_bodies",
    "treaties": "treaties",
}
# The labels prefix of an enumerated value, by (list or mapping it is in, field).
VALUE_LABELS = {
    ("treaties", "status"): "treaty_",
    ("treaties", "act"): "act_",
    ("instruments", "status"): "status_",
    ("instruments", "type"): "type_",
    ("relations", "kind"): "relation_",
}
# What identifies an item of a list across the two sides (else: its position).
COLLECTIONS = frozenset(IDENTITY) | {"treaties"}


@dataclass
class _Words:
    """How facts are named: labels and the programme's terms in the default language."""

    content: Content
    default: str
    labels: dict[str, Any]

    def text(self, value: Any) -> str:
        if isinstance(value, Mapping):
            picked = i18n.pick(value, self.default, self.default)
            return picked[0] if picked else ""
        return str(value)

    def field(self, key: str) -> str:
        label = self.labels.get(FIELD_LABELS.get(key, ""), "")
        return label if isinstance(label, str) and label else key.replace("_", " ")

    def value(self, value: Any, within: str, key: str) -> str:
        if value is None or value == [] or value == {}:
            return self.labels["not_documented"].lower()
        prefix = VALUE_LABELS.get((within, key))
        if prefix and isinstance(value, str):
            label = self.labels.get(prefix + value)
            return label if isinstance(label, str) else value
        if key == "region":
            return self.term("regions", value)
        if key == "themes" and isinstance(value, list):
            return ", ".join(self.term("themes", v) for v in value)
        if isinstance(value, list):
            return ", ".join(self.short(self.text(v)) for v in value)
        return self.short(self.text(value))

    def term(self, kind: str, key: str) -> str:
        found = self.content.programme.term(kind, key)
        return self.text(found.name) if found else key

    def item(self, within: str, item: Any) -> str:
        """What names an item of a list: an instrument's title, a contact's name..."""
        if not isinstance(item, dict):
            return self.short(str(item))
        for key in ("title", "name", "agency", "summary", "key", "date"):
            if item.get(key):
                return self.short(self.text(item[key]))
        if within == "relations":
            return f"{self.value(item.get('kind'), within, 'kind')} {item.get('target')}"
        return "?"

    short = staticmethod(short)


def _differing(old: str, new: str) -> tuple[str, str]:
    """Two versions of a long text, each cut to where they differ (a few words before it)."""
    old, new = " ".join(old.split()), " ".join(new.split())
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = old.rfind(" ", 0, max(0, same - 20)) + 1 if same > 30 else 0
    lead = "…" if start else ""
    return (_Words.short(lead + old[start:]), _Words.short(lead + new[start:]))


def _walk(
    old: Any, new: Any, trail: list[str], within: str, key: str, words: _Words
) -> Iterator[str]:
    """One line per fact that differs between `old` and `new`."""
    if old == new or (old in (None, [], {}) and new in (None, [], {})):
        return
    languages = words.content.settings.languages
    where = " · ".join(trail)
    if is_text(old, languages) or is_text(new, languages):
        old_t, new_t = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
        for lang in [x for x in languages if old_t.get(x) != new_t.get(x)]:
            if lang in old_t and lang in new_t:
                before, after = _differing(old_t[lang], new_t[lang])
            else:
                before = words.short(old_t[lang]) if lang in old_t else words.value(None, "", "")
                after = words.short(new_t[lang]) if lang in new_t else words.value(None, "", "")
            yield f"{where} ({lang}): {before} → {after}"
        return
    if isinstance(old, dict) or isinstance(new, dict):
        old_d = old if isinstance(old, dict) else {}
        new_d = new if isinstance(new, dict) else {}
        # The fields of a treaty's entry or of a list's item belong to that collection.
        inside = key if key in COLLECTIONS else within
        for k in [*new_d, *(k for k in old_d if k not in new_d)]:
            # A treaty's entry is named by the treaty; any other field by its label.
            step = words.term("treaties", k) if key == "treaties" else words.field(k)
            yield from _walk(old_d.get(k), new_d.get(k), [*trail, step], inside, k, words)
        return
    if isinstance(old, list) and isinstance(new, list) and key in IDENTITY:
        for before, after in _paired(key, old, new, words):
            named = words.item(key, after if after is not None else before)
            if before is None:
                yield f"{where}: added {named}"
            elif after is None:
                yield f"{where}: removed {named}"
            else:
                yield from _walk(before, after, [*trail, named], key, "", words)
        return
    yield f"{where}: {words.value(old, within, key)} → {words.value(new, within, key)}"


def _paired(key: str, old: list[Any], new: list[Any], words: _Words) -> list[tuple[Any, Any]]:
    """The items of a list in two versions (versions.pair); a value that is not an item with
    fields (a list of keys) is known by its place."""
    ident = IDENTITY[key]

    def identity(placed: tuple[int, Any]) -> Any:
        return ident(placed[1]) if isinstance(placed[1], dict) else placed[0]

    def name(placed: tuple[int, Any]) -> str:
        return words.item(key, placed[1])

    found = pair(list(enumerate(old)), list(enumerate(new)), identity, name)
    return [(a[1] if a else None, b[1] if b else None) for a, b in found]


def _entries(content: Content, kind: str) -> dict[str, Entry[Any]]:
    return {e.slug: e for e in content.entries if e.kind == kind}


def fact_changes(old: Content, new: Content) -> list[str]:
    default = new.settings.languages[0]
    words = _Words(new, default, new.labels(default))
    old_words = _Words(old, default, words.labels)
    lines: list[str] = []
    programme = words.labels.get("portal_name") or "programme.yml"
    lines += _walk(
        _programme_data(old), _programme_data(new), [f"{programme} (programme.yml)"], "", "", words
    )
    for kind in ("country", "objective"):
        before, after = _entries(old, kind), _entries(new, kind)
        for slug in sorted(before.keys() | after.keys()):
            if slug not in before:
                lines.append(f"{_name(after[slug], words)}: added ({after[slug].folder})")
            elif slug not in after:
                lines.append(f"{_name(before[slug], old_words)}: removed ({before[slug].folder})")
            else:
                trail = [_name(after[slug], words)]
                old_data = plain(before[slug].data, keep_empty=True)
                new_data = plain(after[slug].data, keep_empty=True)
                lines += _walk(old_data, new_data, trail, "", "", words)
    return lines


def _name(entry: Entry[Any], words: _Words) -> str:
    return words.text(entry.name or {"": entry.slug})


def _programme_data(content: Content) -> dict[str, Any]:
    data = dataclasses.asdict(content.programme)
    for kind in ("treaties", "themes", "regions"):
        data[kind] = list(data[kind])
    return data


# -- the summary ----------------------------------------------------------------------------
