"""What a country page shows first: its main laws and the strategy or action plan in force.

"In force" is a claim readers act on, so it is made only when the content supports it: an
instrument of a planning type whose status is in force or adopted and whose period has not
ended on the build's date (`today`, a parameter: the build date, never the clock read here).
Otherwise the page says what is known of the last plan (ended, repealed, a draft, status not
documented), never shows it as if it were in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Instrument

LAWS = ("law", "code")
PLANS = ("strategy", "action-plan", "programme")
_WITHDRAWN = ("repealed", "expired", "draft")
_CURRENT = ("in-force", "adopted")


def _year(ins: Instrument) -> int:
    return ins.end or ins.start or ins.year or 0


def main_laws(instruments: Sequence[Instrument], limit: int = 3) -> list[Instrument]:
    """Laws not repealed, expired or draft: in force first, then the most recent."""
    laws = [i for i in instruments if i.type in LAWS and i.status not in _WITHDRAWN]
    laws.sort(key=lambda i: (i.status != "in-force", -_year(i)))
    return laws[:limit]


@dataclass(frozen=True)
class Plans:
    """The answer to "which strategy or plan is in force?".

    `in_force`: the plans in force, most recent first. When there is none, `last` is the most
    recent plan and `why` says what is known of it: "ended" (its period is over, or it
    expired), "repealed", "draft", "under-review" or "unknown" (no status documented); "none" when the
    country has no plan at all."""

    in_force: tuple[Instrument, ...] = ()
    last: Instrument | None = None
    why: str = "none"


def _ended(ins: Instrument, today: dt.date) -> bool:
    return ins.end is not None and ins.end < today.year


def plans_in_force(instruments: Sequence[Instrument], today: dt.date, limit: int = 2) -> Plans:
    """The strategies, action plans and programmes in force on `today` (the build date)."""
    plans = sorted((i for i in instruments if i.type in PLANS), key=lambda i: -_year(i))
    current = [i for i in plans if i.status in _CURRENT and not _ended(i, today)]
    if current:
        return Plans(in_force=tuple(current[:limit]), why="in-force")
    if not plans:
        return Plans()
    last = plans[0]
    status = last.status
    if status in (*_CURRENT, "expired") or (status is None and _ended(last, today)):
        why = "ended"  # its period is over, whatever its status was
    else:
        why = status or "unknown"
    return Plans(last=last, why=why)
