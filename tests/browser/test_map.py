"""The world map on the countries index: a static SVG shipped with the portal (no tile server),
partner countries highlighted and linked, labelled in the reader's language, keyboard-usable."""

from __future__ import annotations

import re

from contenttree import ROOT
from focuswalk import contrast


def test_partner_countries_are_labelled_links(page, server):
    page.goto(f"{server}/fr/countries/")
    links = page.locator(".portal-map a.portal-map-partner")
    labels = links.evaluate_all("as => as.map(a => a.getAttribute('aria-label'))")
    assert sorted(labels) == ["Colombie", "Maroc"]
    hrefs = links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert sorted(hrefs) == ["colombia/", "morocco/"]
    # Only partner countries are drawn in the page; the rest of the world is one shared file.
    assert page.locator(".portal-map svg path").count() == 2
    world = page.locator(".portal-map svg image")
    assert world.get_attribute("href") == "../../assets/map/world.svg"
    drawn = world.evaluate("i => i.getBBox().width / i.ownerSVGElement.viewBox.baseVal.width")
    assert drawn == 1
    assert page.locator("figure.portal-map figcaption").inner_text().startswith("Pays partenaires")


def test_map_links_open_profiles_with_the_keyboard(page, server):
    page.goto(f"{server}/ar/countries/")
    morocco = page.locator('.portal-map a[aria-label="المغرب"]')
    morocco.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "المغرب"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/ar/countries/morocco/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "المغرب"


def test_map_makes_no_request(page, server):
    loaded = []
    page.on("response", lambda r: loaded.append((r.url, r.status)))
    page.goto(f"{server}/countries/")
    page.wait_for_load_state("networkidle")
    assert [u for u in page.requests if not u.startswith(server)] == []
    assert (f"{server}/assets/map/world.svg", 200) in loaded  # the world under the partners
    box = page.locator(".portal-map svg").bounding_box()
    assert box["width"] > 600  # the map takes the width of the content column


# -- Without colour alone (WCAG 1.4.1, 1.4.11, 2.5.8): issue 26.

_FILLS = """() => [...document.querySelectorAll('.portal-map-legend li')].map(li => {
  const fill = li.querySelector('svg rect').getAttribute('fill');
  const id = (fill.match(/^url\\(#(.+)\\)$/) || [])[1];
  if (!id) return {base: fill, shape: 'plain'};
  const p = document.getElementById(id);
  const parts = [...p.children];
  return {base: parts[0].getAttribute('fill'),
          shape: parts.slice(1).map(e => e.outerHTML.replace(/fill="[^"]*"/, '')).join('') +
                 (p.getAttribute('patternTransform') || '')};
})"""


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.strip().lstrip("#")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def test_statuses_differ_by_pattern_and_stand_out_3_to_1(page, server):
    page.goto(f"{server}/")
    statuses = page.evaluate(_FILLS)
    assert len(statuses) == 4
    # Each status has a shape of its own (plain, hatched, crossed, dotted), seen in greyscale.
    assert len({s["shape"] for s in statuses}) == 4
    world = (ROOT / "overrides/assets/map/world.svg").read_text(encoding="utf-8")
    land = set(re.findall(r'fill="(#[0-9a-fA-F]{6})"', world))
    sea = page.evaluate(
        "getComputedStyle(document.querySelector('.portal-map svg')).backgroundColor"
    )
    sea_rgb = tuple(int(x) for x in re.findall(r"\d+", sea)[:3])
    assert land
    for s in statuses:
        for ground in [_rgb(c) for c in land] + [sea_rgb]:
            assert contrast(_rgb(s["base"]), ground) >= 3, (s, ground)


def test_the_legend_lists_every_partner_by_status(page, server):
    page.goto(f"{server}/")
    mapped = page.locator(".portal-map a.portal-map-partner").evaluate_all(
        "as => as.map(a => [a.getAttribute('href'), a.getAttribute('aria-label')])"
    )
    listed = page.locator(".portal-map-legend a").evaluate_all(
        "as => as.map(a => [a.getAttribute('href'), a.closest('li').textContent])"
    )
    assert sorted(h for h, _ in listed) == sorted(h for h, _ in mapped)
    for href, label in mapped:  # "Morocco: Party" on the map, under "Party" in the list
        status = label.split(": ")[-1]
        assert any(h == href and text.strip().startswith(status) for h, text in listed), label


def test_every_country_is_a_24_px_target_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    for path in ("", "countries/"):
        page.goto(f"{server}/{path}")
        sizes = page.evaluate("""() => [...document.querySelectorAll('.portal-map a.portal-map-partner')]
          .map(a => {
            const boxes = [a, ...document.querySelectorAll(
              `.portal-map a.portal-map-hit[href="${a.getAttribute('href')}"]`)]
              .map(e => e.getBoundingClientRect());
            return [a.getAttribute('aria-label'), Math.max(...boxes.map(b => Math.min(b.width, b.height)))];
          })""")
        assert sizes and all(size >= 24 for _, size in sizes), sizes
    context.close()
