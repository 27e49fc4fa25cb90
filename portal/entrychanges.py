"""What changed in one country, objective or programme between two versions, in readers'
words: a list of `Change`s per language (an instrument added, a treaty's status updated, a
contact removed...). Items are paired by `versions` (the rule the pull request's summary uses
too); texts are compared in the reader's language, so a French correction is news in French
only. The versions are YAML as it was written then (from git history): anything may be in it,
and nothing here raises on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import i18n
from .schema.base import CONTROL_RE, INVISIBLE_RE
from .versions import IDENTITY, is_text, pair, short


@dataclass(frozen=True)
class Change:
    """One thing a reader of one language would notice, in one commit."""

    kind: str  # "country", "objective" or "programme"
    slug: str  # the folder's name ("" for the programme)
    label: str  # labels key of the sentence, e.g. "wn_instrument_added"
    item: str = ""  # the item's name in the language ("" when the sentence has none)
    anchor: str = ""  # the item's anchor on its page, when it has one
    key: str = ""  # what the change is about, stable across builds (for the feed's ids)


_UNSHOWN = re.compile(
    f"{CONTROL_RE.pattern[:-1]}{INVISIBLE_RE.pattern[1:-1]}\ud800-\udfff\ufffe\uffff]"
)


def clean(text: str) -> str:
    """A text from history as readers may see it: one line, no invisible or control
    characters, at most SHORT characters."""
    return short(_UNSHOWN.sub("", text))


def view(value: Any, lang: str, languages: tuple[str, ...]) -> Any:
    """The data as a reader of `lang` sees it: every text in that language (or its fallback)."""
    if is_text(value, languages):
        picked = i18n.pick(value, lang, languages[0])
        return picked[0] if picked else None
    if isinstance(value, dict):
        return {k: view(v, lang, languages) for k, v in value.items()}
    if isinstance(value, list):
        return [view(v, lang, languages) for v in value]
    return value


def _text(value: Any) -> str:
    return clean(str(value)) if value not in (None, "") else ""


# collection -> (label stem, identity of an item, its name for readers, status-like fields)
_Collection = tuple[str, Any, Any, tuple[str, ...]]
COLLECTIONS: dict[str, _Collection] = {
    "instruments": (
        "instrument",
        IDENTITY["instruments"],
        lambda x: _text(x.get("title")),
        ("status",),
    ),
    "contacts": ("contact", IDENTITY["contacts"], lambda x: _text(x.get("name")), ()),
    "activities": (
        "activity",
        IDENTITY["activities"],
        lambda x: str(x.get("date") or ""),  # shown in the reader's language (_list_changes)
        (),
    ),
    "coordinating_bodies": (
        "body",
        IDENTITY["coordinating_bodies"],
        lambda x: _text(x.get("name")),
        (),
    ),
    "model_policies": (
        "model_policy",
        IDENTITY["model_policies"],
        lambda x: _text(x.get("title")),
        (),
    ),
}
TREATY_STATUS = ("status", "act", "date", "signed", "as_of")


def _pairs(
    stem: str, old: list[Any], new: list[Any], languages: tuple[str, ...]
) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Items of two versions of a list paired by identity, then by name, both read in the
    default language (a translation changes no item's identity); in the new order, removed
    items last."""
    _, ident, name, _ = COLLECTIONS[stem]

    def who(x: dict[str, Any]) -> Any:
        return ident(_item(x, languages[0], languages))

    def called(x: dict[str, Any]) -> str:
        return str(name(_item(x, languages[0], languages)))

    old = [x for x in old if isinstance(x, dict)]
    return pair(old, [x for x in new if isinstance(x, dict)], who, called)


def _item(
    raw: dict[str, Any] | None, lang: str, languages: tuple[str, ...]
) -> dict[str, Any] | None:
    """An item of a list as the reader of `lang` sees it (a mapping, whatever it held)."""
    if raw is None:
        return None
    seen = view(raw, lang, languages)
    return seen if isinstance(seen, dict) else {}


def _when(activity: dict[str, Any], lang: str) -> str:
    """An activity's date in the reader's language; as written when it is no date (an older
    version in history need not have passed today's checks)."""
    start, end = activity.get("date"), activity.get("end")
    try:
        return i18n.format_date_range(str(start or ""), str(end) if end else None, lang)
    except (ValueError, TypeError, OverflowError):
        return _text(start)


def _list_changes(
    kind: str, slug: str, key: str, old: Any, new: Any, lang: str, languages: tuple[str, ...]
) -> list[Change]:
    stem, ident, name, status_fields = COLLECTIONS[key]
    old_l = old if isinstance(old, list) else []
    new_l = new if isinstance(new, list) else []
    out: list[Change] = []
    for raw_before, raw_after in _pairs(key, old_l, new_l, languages):
        before = _item(raw_before, lang, languages)
        after = _item(raw_after, lang, languages)
        item = after if after is not None else before
        assert item is not None
        shown = name(item)
        if key == "activities":
            shown = _when(item, lang)
        raw = raw_after if raw_after is not None else raw_before
        ident_default = ident(_item(raw, languages[0], languages) or {})
        anchor = str(ident_default) if key == "instruments" else ""
        what = f"{stem}:{ident_default!r}"
        if before is None:
            out.append(Change(kind, slug, f"wn_{stem}_added", shown, anchor, f"{what}:added"))
        elif after is None:
            out.append(Change(kind, slug, f"wn_{stem}_removed", shown, "", f"{what}:removed"))
        elif before != after:
            status = any(before.get(f) != after.get(f) for f in status_fields)
            rest = (before.keys() | after.keys()) - set(status_fields)
            if status:
                out.append(Change(kind, slug, f"wn_{stem}_status", shown, anchor, f"{what}:st"))
            if any(before.get(k) != after.get(k) for k in rest):
                out.append(
                    Change(kind, slug, f"wn_{stem}_updated", shown, anchor, f"{what}:updated")
                )
    return out


def _treaty_changes(slug: str, old: Any, new: Any, names: dict[str, str]) -> list[Change]:
    """Treaties by their key: a change of status, act or dates, or of notes and sources."""
    old_d = old if isinstance(old, dict) else {}
    new_d = new if isinstance(new, dict) else {}
    out: list[Change] = []
    for key in [*new_d, *(k for k in old_d if k not in new_d)]:
        before, after = old_d.get(key), new_d.get(key)
        before = before if isinstance(before, dict) else {}
        after = after if isinstance(after, dict) else {}
        if before == after:
            continue
        shown = names.get(str(key), str(key))
        rest = (before.keys() | after.keys()) - set(TREATY_STATUS)
        if any(before.get(f) != after.get(f) for f in TREATY_STATUS):
            out.append(Change("country", slug, "wn_treaty_status", shown, "", f"treaty:{key}:st"))
        if any(before.get(f) != after.get(f) for f in rest):
            out.append(Change("country", slug, "wn_treaty_updated", shown, "", f"treaty:{key}:up"))
    return out


def entry_changes(
    kind: str,
    slug: str,
    old: Any,
    new: Any,
    lang: str,
    languages: tuple[str, ...],
    treaty_names: dict[str, str] | None = None,
) -> list[Change]:
    """What changed in a country's or objective's YAML (`old`, `new`: the parsed files, None
    when absent), for a reader of `lang`."""
    if new is None and old is None:
        return []
    if old is None:
        return [Change(kind, slug, f"wn_{kind}_added", key="added")]
    if new is None:
        return [Change(kind, slug, "wn_removed", key="removed")]
    if not isinstance(old, dict) or not isinstance(new, dict):
        return [Change(kind, slug, "wn_details", key="details")]
    out: list[Change] = []
    details = False
    for key in [*new, *(k for k in old if k not in new)]:
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        if key in COLLECTIONS:
            out += _list_changes(kind, slug, key, was, now, lang, languages)
            continue
        was, now = view(was, lang, languages), view(now, lang, languages)
        if was == now:
            continue
        if key == "treaties" and kind == "country":
            out += _treaty_changes(slug, was, now, treaty_names or {})
        elif key == "reviewed" and now:
            out.append(Change(kind, slug, "wn_reviewed", key="reviewed"))
        else:
            details = True
    if details:
        out.append(Change(kind, slug, "wn_details", key="details"))
    return out


def programme_changes(old: Any, new: Any, lang: str, languages: tuple[str, ...]) -> list[Change]:
    """programme.yml: the portal's own names, treaties, themes and regions, as one sentence."""
    if old is None or view(old, lang, languages) == view(new, lang, languages):
        return []
    return [Change("programme", "", "wn_programme", key="programme")]


# -- the whole history ----------------------------------------------------------------------
