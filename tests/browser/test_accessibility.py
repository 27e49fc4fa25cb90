"""Accessibility: axe-core with the WCAG 2.2 AA and best-practice rules finds nothing, of any
impact, on any page of the fixture portals (every language, the not-found pages too), at a
desktop's width, and on every page kind at a phone's."""

from __future__ import annotations

from pathlib import Path

import pytest
from contenttree import ROOT

AXE = ROOT / ".cache/node/node_modules/axe-core/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN = (
    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
)
PHONE_KINDS = ["", "countries/", "countries/morocco/", "instruments/", "compare/", "contacts/"]


def pages_of(site: Path) -> list[str]:
    """Every page of a built site, as paths from its root ('' for the home page)."""
    out = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def violations(page, url: str) -> list[str]:
    page.goto(url)
    result = page.evaluate(RUN, TAGS)
    return [
        f"{url}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.fixture
def axe_page(browser):
    assert AXE.is_file(), "axe-core is installed by `make test` (npm)"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    # An init script, not a <script> tag: the pages' Content-Security-Policy (portal/csp.py)
    # refuses inline scripts it has no hash for, as it should.
    pg.add_init_script(path=str(AXE))
    yield pg
    context.close()


def test_every_page_of_the_fixture_portal(axe_page, builds, server):
    site = builds.get("site").site
    found = [v for path in pages_of(site) for v in violations(axe_page, f"{server}/{path}")]
    assert found == []


def test_every_page_of_the_second_programme(axe_page, programme2, programme2_url):
    site = programme2 / "site"
    found = [v for p in pages_of(site) for v in violations(axe_page, f"{programme2_url}/{p}")]
    assert found == []


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_every_page_kind_on_a_phone(axe_page, server, lang):
    axe_page.set_viewport_size({"width": 375, "height": 800})
    found = [v for path in PHONE_KINDS for v in violations(axe_page, f"{server}/{lang}{path}")]
    assert found == []
