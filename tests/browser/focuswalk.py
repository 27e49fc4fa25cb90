"""A keyboard user's walk through a page, measured: where the focus goes and whether it shows.

`walk(page)` presses Tab from the top of the page until the focus leaves the page or comes
back to where it started. At each stop it records what a sighted keyboard user would object
to: a focused element that is not visible (no size, outside the viewport, in a hidden,
transparent or `inert` ancestor), one covered by the sticky header or another fixed layer,
and a focus indicator weaker than 3:1. The indicator is read from the pixels: the element's
surroundings are captured focused, then with the focus taken away (blur), and every pixel whose
colour changed by at least 3:1 counts; there must be at least as many as a one-pixel ring
around the element (WCAG 1.4.11 and 2.4.7; 2.4.13's two pixels would be the double).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

MAX_STOPS = 200
MARGIN = 6  # px around the element where its indicator may be drawn

# Where the focus is, and what hides it. Transitions (Material fades the skip link and the
# headings' anchors in) are waited for: the state once they end is what the reader sees.
_STATE = """async () => {
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  window.__portalFocused = e;
  const r = e.getBoundingClientRect();
  let opacity = 1;
  for (let n = e; n && n.nodeType === 1; n = n.parentElement || n.parentNode) {
    const s = getComputedStyle(n);
    opacity *= parseFloat(s.opacity);
    if (s.display === "none") opacity = 0;
  }
  const problems = [];
  if (r.width < 1 || r.height < 1) problems.push("no size");
  const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
  if (cx < 0 || cy < 0 || cx > innerWidth || cy > innerHeight) problems.push("outside the viewport");
  if (getComputedStyle(e).visibility !== "visible") problems.push("visibility hidden");
  if (opacity < 0.5) problems.push("transparent");
  if (e.closest("[inert]")) problems.push("inert");
  if (!problems.length) {
    // Covered: the topmost element at its centre belongs to a fixed or sticky layer (the
    // header, an overlay) that does not hold the focused element.
    const top = document.elementFromPoint(Math.min(Math.max(cx, 0), innerWidth - 1),
                                          Math.min(Math.max(cy, 0), innerHeight - 1));
    for (let n = top; n && n.nodeType === 1; n = n.parentElement) {
      const p = getComputedStyle(n).position;
      if ((p === "fixed" || p === "sticky") && !n.contains(e)) {
        problems.push("covered by " + (n.className || n.tagName).toString().slice(0, 40));
        break;
      }
    }
  }
  const name = (e.getAttribute("aria-label") || e.textContent || e.getAttribute("title")
                || e.tagName).trim().replace(/\\s+/g, " ").slice(0, 40);
  // A one-pixel ring around its boxes inside the viewport (a link wrapped over two lines has
  // two, and one outline around both: the edge two lines share is not drawn).
  let ring = 0;
  const boxes = [...e.getClientRects()].sort((a, b) => a.top - b.top);
  boxes.forEach((b, i) => {
    const w = Math.min(b.right, innerWidth) - Math.max(b.left, 0);
    const h = Math.min(b.bottom, innerHeight) - Math.max(b.top, 0);
    if (w > 0 && h > 0) ring += 2 * (w + h);
    const next = boxes[i + 1];
    if (next) ring -= 2 * Math.max(0, Math.min(b.right, next.right) - Math.max(b.left, next.left));
  });
  return {name: e.tagName.toLowerCase() + " " + JSON.stringify(name), problems,
          box: [r.left, r.top, r.width, r.height], ring: Math.floor(ring)};
}"""


@dataclass
class Stop:
    name: str
    problems: list[str]


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(c: int) -> float:
        c2 = c / 255
        return c2 / 12.92 if c2 <= 0.03928 else ((c2 + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def indicator_pixels(focused: bytes, unfocused: bytes) -> int:
    """How many pixels changed by at least 3:1 between the two captures."""
    one = Image.open(io.BytesIO(focused)).convert("RGB")
    two = Image.open(io.BytesIO(unfocused)).convert("RGB")
    x, y = one.tobytes(), two.tobytes()
    cache: dict[tuple, bool] = {}
    count = 0
    for i in range(0, len(x), 3):
        a, b = x[i : i + 3], y[i : i + 3]
        if a == b:
            continue
        key = (a, b)
        if key not in cache:
            cache[key] = contrast(tuple(a), tuple(b)) >= 3.0
        count += cache[key]
    return count


def _indicator(page, box: list[float], needed: int) -> str | None:
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    x0, y0 = max(box[0] - MARGIN, 0), max(box[1] - MARGIN, 0)
    x1, y1 = min(box[0] + box[2] + MARGIN, width), min(box[1] + box[3] + MARGIN, height)
    if x1 - x0 < 1 or y1 - y0 < 1:
        return None
    clip = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
    focused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => window.__portalFocused.blur()")
    unfocused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => window.__portalFocused.focus({preventScroll: true})")
    got = indicator_pixels(focused, unfocused)
    if got < needed:
        return f"focus indicator of 3:1 on {got} px, a 1 px ring needs {needed}"
    return None


def walk(page, key: str = "Tab") -> list[Stop]:
    """Tab (or Shift+Tab) through the whole page, once; every stop with what is wrong."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    stops: list[Stop] = []
    first = None
    for _ in range(MAX_STOPS):
        page.keyboard.press(key)
        state = page.evaluate(_STATE)
        if state is None:
            break  # past the last control: the focus went to the browser
        if first is None:
            first = page.evaluate_handle("() => window.__portalFocused")
        elif page.evaluate("f => f === window.__portalFocused", first):
            break  # back at the first stop: the page is walked
        problems = list(state["problems"])
        if not problems:
            weak = _indicator(page, state["box"], state["ring"])
            if weak:
                problems.append(weak)
        stops.append(Stop(state["name"], problems))
    return stops
