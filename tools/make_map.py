"""Make portal/map_assets/world.json: one SVG path per country, from Natural Earth.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_map.py package/countries-110m.json

world-atlas (ISC) redistributes Natural Earth's 1:110m Admin 0 boundaries (public domain) as
TopoJSON. This script decodes it, projects it (equirectangular, Antarctica left out) into a
1000 x 420 box and writes {ISO 3166-1 alpha-3: path data}. The portal ships the result, so the
build needs neither the package nor the network.

    python tools/make_map.py --background

writes overrides/assets/map/world.svg from world.json: every country in grey, one file that
every map of every language shows under its partner countries (which the page draws itself,
as links). Cached by the browser once, it keeps 130 kB of paths out of each page with a map.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
WORLD = ROOT / "portal" / "map_assets" / "world.json"
BACKGROUND = ROOT / "overrides" / "assets" / "map" / "world.svg"
WIDTH, TOP, BOTTOM = 1000.0, 84.0, -58.0
HEIGHT = WIDTH * (TOP - BOTTOM) / 360.0


def decode(topology: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def project(lon: float, lat: float) -> tuple[float, float]:
    lat = max(BOTTOM, min(TOP, lat))
    return (lon + 180.0) / 360.0 * WIDTH, (TOP - lat) / (TOP - BOTTOM) * HEIGHT


def path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for points in rings:
        if all(lat < BOTTOM for _, lat in points):
            continue
        if any(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:], strict=False)):
            # A ring across the antimeridian (Russia, Fiji): unwrap it eastwards; the part past
            # the map's right edge is cut off by the SVG's viewBox.
            points = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
        xy = [project(lon, lat) for lon, lat in points]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
    return "".join(parts)


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = decode(topology)
    out: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        country = pycountry.countries.get(numeric=numeric) if numeric else None
        if country is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        d = path([ring(r, arcs) for polygon in polygons for r in polygon])
        if d:
            out[country.alpha_3] = out.get(country.alpha_3, "") + d
    target = WORLD
    data = {"width": WIDTH, "height": round(HEIGHT, 1), "paths": dict(sorted(out.items()))}
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {target} ({len(out)} countries, {target.stat().st_size:,} bytes)")


def background(world: dict) -> str:
    """The map's background: every country, grey, as one path (no links, no titles)."""
    d = "".join(world["paths"].values())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {world["width"]:g} {world["height"]:g}">'
        f'<path d="{d}" fill="#c9cfd6" stroke="#ffffff" stroke-width="0.4"/></svg>\n'
    )


def write_background() -> None:
    BACKGROUND.parent.mkdir(parents=True, exist_ok=True)
    BACKGROUND.write_text(background(json.loads(WORLD.read_text())))
    print(f"wrote {BACKGROUND} ({BACKGROUND.stat().st_size:,} bytes)")


if __name__ == "__main__":
    if sys.argv[1:] == ["--background"]:
        write_background()
    else:
        main(sys.argv[1])
        write_background()
