"""What a country page shows first: its main laws and the strategy or action plan in force.

"In force" is a claim readers act on, so it is made only when the content supports it: an
instrument of a planning type whose status is in force or adopted and whose period has not
ended on the build's date (`today`, a parameter: the build date, never the clock read here).
Otherwise the page says what is known of the last plan (ended, repealed, a draft, status not
documented), never shows it as if it were in force.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

LAWS = ("law", "code")
PLANS = ("strategy", "action-plan", "programme")
_WITHDRAWN = ("repealed", "expired", "draft")
_CURRENT = ("in-force", "adopted")


def _year(ins: dict[str, Any]) -> int:
    when = ins.get("end") or ins.get("start") or ins.get("year") or 0
    return int(str(when)[:4]) if str(when)[:4].isdigit() else 0


def main_laws(instruments: list[dict[str, Any]], limit: int = 3) -> list[dict[str, Any]]:
    """Laws not repealed, expired or draft: in force first, then the most recent."""
    laws = [i for i in instruments if i.get("type") in LAWS and i.get("status") not in _WITHDRAWN]
    laws.sort(key=lambda i: (i.get("status") != "in-force", -_year(i)))
    return laws[:limit]


@dataclass(frozen=True)
class Plans:
    """The answer to "which strategy or plan is in force?".

    `in_force`: the plans in force, most recent first. When there is none, `last` is the most
    recent plan and `why` says what is known of it: "ended" (its period is over, or it
    expired), "repealed", "draft", "under-review" or "unknown" (no status documented); "none" when the
    country has no plan at all."""

    in_force: tuple[dict[str, Any], ...] = ()
    last: dict[str, Any] | None = None
    why: str = "none"


def _ended(ins: dict[str, Any], today: dt.date) -> bool:
    end = str(ins.get("end") or "")[:4]
    return end.isdigit() and int(end) < today.year


def plans_in_force(instruments: list[dict[str, Any]], today: dt.date, limit: int = 2) -> Plans:
    """The strategies, action plans and programmes in force on `today` (the build date)."""
    plans = sorted((i for i in instruments if i.get("type") in PLANS), key=lambda i: -_year(i))
    current = [i for i in plans if i.get("status") in _CURRENT and not _ended(i, today)]
    if current:
        return Plans(in_force=tuple(current[:limit]), why="in-force")
    if not plans:
        return Plans()
    last = plans[0]
    status = last.get("status")
    if status in (*_CURRENT, "expired") or (status is None and _ended(last, today)):
        why = "ended"  # its period is over, whatever its status was
    else:
        why = status or "unknown"
    return Plans(last=last, why=why)
