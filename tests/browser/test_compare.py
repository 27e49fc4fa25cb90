"""Comparing countries side by side (the fixture portal has two: Colombia and Morocco)."""

from __future__ import annotations


def shown_countries(page) -> list[str]:
    return page.eval_on_selector_all(
        "#compare thead th[data-country]:not([hidden])", "ths => ths.map(t => t.dataset.country)"
    )


def test_pick_countries_and_share_the_view(page, server):
    page.goto(f"{server}/fr/compare/")
    assert shown_countries(page) == ["colombia", "morocco"]
    assert page.locator(".portal-compare-hint").inner_text() == "0 sélectionné (au plus 4)"
    page.check("input[value=morocco]")
    page.wait_for_url("**/fr/compare/?c=morocco")
    assert shown_countries(page) == ["morocco"]
    # Each row shows the chosen country only: treaty status, instruments per objective...
    row = page.locator("#compare tbody tr").nth(1)
    assert row.locator("td:not([hidden])").count() == 1
    assert page.locator(".portal-compare-hint").inner_text() == "1 sélectionné (au plus 4)"
    page.check("input[value=colombia]")
    page.wait_for_url("**/fr/compare/?c=colombia,morocco")
    assert shown_countries(page) == ["colombia", "morocco"]
    assert row.locator("td:not([hidden])").count() == 2
    assert page.locator(".portal-compare-hint").inner_text() == "2 sélectionnés (au plus 4)"
    # A shared address opens the same view, here in Arabic.
    page.goto(f"{server}/ar/compare/?c=morocco")
    assert shown_countries(page) == ["morocco"]
    assert page.is_checked("input[value=morocco]")
    assert not page.is_checked("input[value=colombia]")


def test_without_javascript_every_country_is_compared(page_without_js, server):
    page = page_without_js
    page.goto(f"{server}/compare/")
    assert not page.locator("#compare-pick").is_visible()
    countries = page.eval_on_selector_all(
        "#compare thead th[data-country]", "ths => ths.map(t => t.dataset.country)"
    )
    assert countries == ["colombia", "morocco"]


def test_the_chosen_countries_are_a_table_when_they_fit(page, server):
    """All countries too wide for the column make cards; the chosen ones, side by side, a
    table again (the choice once left the cards of the whole table)."""
    page.goto(f"{server}/compare/")
    is_cards = "() => document.getElementById('compare').classList.contains('portal-cards')"
    assert not page.evaluate(is_cards)  # two countries fit at 1280 px, side by side
    assert page.evaluate("document.querySelector('.md-content__inner').clientWidth") > 900
    # A word no column can hold, in Morocco's column, and the window resized: the whole
    # table no longer fits.
    page.evaluate(
        """() => { document.querySelector('#compare td[data-country=morocco]').textContent =
                   'W'.repeat(120); }"""
    )
    page.set_viewport_size({"width": 1270, "height": 900})
    page.wait_for_function(is_cards)
    page.check("input[value=colombia]")  # Morocco's column is hidden: Colombia's fits
    page.wait_for_function(f"() => !({is_cards})()")
    page.uncheck("input[value=colombia]")  # every country again
    page.wait_for_function(is_cards)
