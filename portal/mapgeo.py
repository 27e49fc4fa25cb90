"""The world map's geometry for its readers: targets a finger can hit (WCAG 2.5.8).

A partner country smaller than a fingertip on a phone (Nepal is 8×4 px at 375 px) gets a
round target of at least `MIN_TARGET_PX` CSS pixels around its centre, drawn under every
country shape (so a larger neighbour that is also a link keeps its own clicks).
"""

from __future__ import annotations

import re
from typing import Any

# The map's width on a 375 px phone (the article's column), and the least target size.
PHONE_MAP_PX = 343.0
MIN_TARGET_PX = 24.0

_NUMBER_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


def bbox(d: str) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of a path of absolute M/L commands (tools/make_map.py writes these)."""
    xs: list[float] = []
    ys: list[float] = []
    for x, y in _NUMBER_PAIR.findall(d):
        xs.append(float(x))
        ys.append(float(y))
    return min(xs), min(ys), max(xs), max(ys)


def small_targets(world: dict[str, Any]) -> dict[str, tuple[float, float, float]]:
    """ISO code -> (cx, cy, r) in map units, for every country too small to tap on a phone."""
    least = MIN_TARGET_PX * float(world["width"]) / PHONE_MAP_PX
    out: dict[str, tuple[float, float, float]] = {}
    for iso, d in world["paths"].items():
        x0, y0, x1, y1 = bbox(d)
        if x1 - x0 < least or y1 - y0 < least:
            r = round(least / 2 + 0.5, 1)  # a circle whose square box holds the target
            out[iso] = (round((x0 + x1) / 2, 1), round((y0 + y1) / 2, 1), r)
    return out
