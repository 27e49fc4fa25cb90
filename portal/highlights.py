"""What a country page shows first: its main laws and the strategy or action plan in force."""

from __future__ import annotations

from typing import Any

LAWS = ("law", "code")
PLANS = ("strategy", "action-plan")
_WITHDRAWN = ("repealed", "expired", "draft")


def _year(ins: dict[str, Any]) -> int:
    when = ins.get("end") or ins.get("start") or ins.get("year") or 0
    return int(str(when)[:4]) if str(when)[:4].isdigit() else 0


def main_laws(instruments: list[dict[str, Any]], limit: int = 3) -> list[dict[str, Any]]:
    """Laws not repealed, expired or draft: in force first, then the most recent."""
    laws = [i for i in instruments if i.get("type") in LAWS and i.get("status") not in _WITHDRAWN]
    laws.sort(key=lambda i: (i.get("status") != "in-force", -_year(i)))
    return laws[:limit]


def plans_in_force(instruments: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    """Strategies and action plans in force this year; else the most recent one (its status
    and period tell the reader it may have ended)."""
    plans = [i for i in instruments if i.get("type") in PLANS]
    current = [
        i
        for i in plans
        if i.get("status") not in _WITHDRAWN
        and (i.get("status") in ("in-force", "adopted") or not i.get("status"))
        and (not i.get("end") or int(str(i["end"])[:4]) >= year)
    ]
    if current:
        return sorted(current, key=lambda i: -_year(i))[:2]
    return sorted(plans, key=lambda i: -_year(i))[:1]
