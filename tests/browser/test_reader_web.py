"""What a reader's browser receives from the fixture portal: requests, addresses, languages."""

from __future__ import annotations

import pytest

PAGES = (
    "/",
    "/countries/morocco/",
    "/fr/countries/morocco/",
    "/ar/countries/morocco/",
    "/ar/instruments/",
    "/fr/",
)


@pytest.mark.parametrize("path", PAGES)
def test_every_request_succeeds_and_no_sitemap_is_fetched(reader, fixture_server, path):
    reader.goto(f"{fixture_server}{path}")
    reader.wait_for_load_state("networkidle")
    failed = [(s, u) for s, u in reader.responses if s >= 400]
    assert failed == []
    assert [u for u in reader.requests if "sitemap" in u] == []


def test_language_switch_lands_on_the_same_page(reader, fixture_server):
    reader.goto(f"{fixture_server}/countries/morocco/")
    for lang, title in (("fr", "Maroc"), ("ar", "المغرب"), ("en", "Morocco")):
        reader.hover(".md-header__option .md-select")
        reader.click(f".md-select__link[hreflang='{lang}']")
        prefix = "" if lang == "en" else f"/{lang}"
        reader.wait_for_url(f"{fixture_server}{prefix}/countries/morocco/")
        assert reader.locator("h1").first.inner_text().rstrip("¶") == title
    assert [u for u in reader.requests if "sitemap" in u] == []


def test_citation_names_the_page_and_the_date_it_was_read(reader, fixture_server):
    reader.goto(f"{fixture_server}/fr/countries/morocco/")
    reader.locator(".portal-cite summary").click()
    text = reader.locator(".portal-cite-text").inner_text()
    today = reader.evaluate(
        "new Date().toLocaleDateString('fr', {year: 'numeric', month: 'long', day: 'numeric'})"
    )
    assert text.startswith("Maroc. Portail de test. ")
    assert f"Consulté le {today}." in text
    assert "aujourd'hui" not in text and "–" not in text
    # The address is the published one, or (built without it) the one the reader opened.
    assert ("https://portal.example.org/fr/countries/morocco/" in text) or (
        f"{fixture_server}/fr/countries/morocco/" in text
    )
    assert "localhost" not in text
