"""The countries index finds a country by name (any language of the portal, any case or
accent) or ISO code; the fixture portal has Morocco (Africa) and Colombia (Latin America)."""

from __future__ import annotations

from portal import i18n


def visible(page) -> dict:
    return page.evaluate(
        """() => ({
            rows: [...document.querySelectorAll('table.portal-countries tbody tr')]
                .filter(tr => tr.offsetParent !== null)
                .map(tr => tr.cells[0].textContent.trim()),
            regions: [...document.querySelectorAll('article h2')]
                .filter(h => h.offsetParent !== null).map(h => h.id),
            count: document.querySelector('#country-filter .portal-filter-count').textContent,
        })"""
    )


def test_find_a_country_by_name_in_any_language_or_by_code(page, server):
    page.goto(f"{server}/fr/countries/")
    assert visible(page)["rows"] == ["Maroc", "Colombie"]
    page.fill("#country-filter input", "COLOMBIE")  # any case
    page.wait_for_url("**/fr/countries/?find=COLOMBIE")
    found = visible(page)
    assert found["rows"] == ["Colombie"]
    assert "africa" not in found["regions"] and "latin-america" in found["regions"]
    assert found["count"] == "1 pays"
    page.fill("#country-filter input", "morocco")  # its English name, in the French edition
    assert visible(page)["rows"] == ["Maroc"]
    page.fill("#country-filter input", "col")  # its ISO code, or the start of its name
    assert visible(page)["rows"] == ["Colombie"]
    page.fill("#country-filter input", "ombie")  # a word's start, not any part of it
    assert visible(page)["rows"] == []
    page.fill("#country-filter input", "zzz")  # none: the count says what to try instead
    none = i18n.GENERIC("fr")["find_country_none"]
    assert visible(page) == {"rows": [], "regions": [], "count": f"0 pays {none}"}
    page.fill("#country-filter input", "")
    assert visible(page)["rows"] == ["Maroc", "Colombie"]
    # A shared address opens the same list, here in Arabic (diacritics ignored).
    page.goto(f"{server}/ar/countries/?find=" + "المغرب")
    assert visible(page)["rows"] == ["المغرب"]
    page.fill("#country-filter input", "مغرب")  # without the article joined to it
    assert visible(page)["rows"] == ["المغرب"]


def test_a_country_is_found_by_the_other_names_readers_type(page, server):
    """A name the country is known by besides its own (its aliases: "Kyrgyzstan" for the
    Kyrgyz Republic found nothing), in any language's edition."""
    page.goto(f"{server}/fr/countries/")
    page.fill("#country-filter input", "kingdom")
    assert visible(page)["rows"] == ["Maroc"]
    page.goto(f"{server}/ru/countries/")
    page.fill("#country-filter input", "Королевство")
    assert visible(page)["rows"] == ["Марокко"]


def test_a_region_shown_again_is_fitted_to_the_page(page, server):
    """A region's table that no longer fits (a long word) becomes cards when the filter shows
    it again, though it was hidden when the words changed."""
    page.goto(f"{server}/countries/")
    cards = (
        "() => document.querySelector('#africa ~ .portal-table-wrap table').classList"
        ".contains('portal-cards')"
    )
    page.fill("#country-filter input", "colombia")  # Africa's table is hidden
    page.evaluate(
        "() => { document.querySelector('table.portal-countries tr[data-names*=Morocco] td')"
        ".textContent = 'W'.repeat(150); }"
    )
    assert not page.evaluate(cards)
    page.fill("#country-filter input", "")
    assert page.evaluate(cards)


def test_without_javascript_every_country_is_listed(page_without_js, server):
    page_without_js.goto(f"{server}/countries/?find=morocco")
    assert not page_without_js.locator("#country-filter").is_visible()
    rows = page_without_js.locator("table.portal-countries tbody tr")
    assert rows.count() == 2 and rows.nth(0).is_visible() and rows.nth(1).is_visible()
