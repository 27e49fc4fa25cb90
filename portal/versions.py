"""Two versions of the same content: which item of a list is which, and a text cut short.

The pull request's summary (`diff`) and What's new (`whatsnew`) both compare two versions of
a country or an objective, item by item. They pair the items with this one rule, so that an
item the summary calls "changed" is not one What's new calls "removed and added": an
instrument by its id (as the content derives it when none is written), a contact or a body by
its name, an activity by its date and summary, a model policy by its address, a relation by
its kind and target, a programme's treaty, theme or region by its key. Items no identity
pairs are paired by their name for readers (an id derived from a year changes with the year).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .programme import slugify

SHORT = 80  # characters of a long text shown before "…"


def instrument_id(item: dict[str, Any]) -> str:
    """An instrument's id as the content gives it: written, or derived from its type and
    number or year (`content._instrument_ids`; a second one of the same derivation is paired
    by its title)."""
    given = item.get("id")
    if isinstance(given, str) and given:
        return given
    when = item.get("number") or item.get("year") or item.get("start") or ""
    return slugify(f"{item.get('type') or 'instrument'}-{when}")


def _keys(*names: str) -> Callable[[dict[str, Any]], Any]:
    """The identity of an item by its fields `names`: one field's value, or their tuple."""
    if len(names) == 1:
        return lambda item: item.get(names[0])
    return lambda item: tuple(item.get(name) for name in names)


# list field -> the identity of one of its items
IDENTITY: dict[str, Callable[[dict[str, Any]], Any]] = {
    "instruments": instrument_id,
    "contacts": _keys("name"),
    "coordinating_bodies": _keys("name"),
    "activities": _keys("date", "summary"),
    "relations": _keys("kind", "target"),
    "lead_agencies": _keys("agency"),
    "model_policies": lambda item: item.get("url") or item.get("title"),
    "treaties": _keys("key"),
    "themes": _keys("key"),
    "regions": _keys("key"),
}


def pair(
    old: list[Any],
    new: list[Any],
    identity: Callable[[Any], Any],
    name: Callable[[Any], str],
) -> list[tuple[Any, Any]]:
    """The items of two versions of a list, paired by `identity`, else by their `name` (when
    they have one), else unpaired: (old, None) removed, (None, new) added. In the new list's
    order, removed items last; the first of two items of one identity counts."""
    before: dict[str, Any] = {}
    for item in old:
        before.setdefault(repr(identity(item)), item)
    pairs: list[tuple[Any, Any]] = []
    for item in new:
        pairs.append((before.pop(repr(identity(item)), None), item))
    gone = list(before.values())
    for i, (was, item) in enumerate(pairs):
        if was is None:
            called = name(item)
            same = next((g for g in gone if called and name(g) == called), None)
            if same is not None:
                gone.remove(same)
                pairs[i] = (same, item)
    return pairs + [(item, None) for item in gone]


def is_text(value: Any, languages: tuple[str, ...]) -> bool:
    """Is this a text for readers: a mapping of the portal's languages to strings?"""
    return isinstance(value, dict) and bool(value) and all(k in languages for k in value)


def short(text: str) -> str:
    """One line of at most SHORT characters."""
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"
