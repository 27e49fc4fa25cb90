"""The world map on the countries index: a static SVG shipped with the portal (no tile server),
partner countries highlighted and linked, labelled in the reader's language, keyboard-usable."""

from __future__ import annotations


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
