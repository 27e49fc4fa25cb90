"""Comparing two to four countries side by side."""

from __future__ import annotations


def shown_countries(page) -> list[str]:
    return page.eval_on_selector_all(
        "#compare thead th[data-country]:not([hidden])", "ths => ths.map(t => t.dataset.country)"
    )


def test_pick_countries_and_share_the_view(page, server):
    page.goto(f"{server}/fr/compare/")
    assert len(shown_countries(page)) == 13
    page.check("input[value=mali]")
    page.check("input[value=niger]")
    page.wait_for_url("**/fr/compare/?c=mali,niger")
    assert sorted(shown_countries(page)) == ["mali", "niger"]
    # Each row shows the two countries only: protocol status, instruments per objective...
    row = page.locator("#compare tbody tr").nth(1)
    assert row.locator("td:not([hidden])").count() == 2
    page.check("input[value=morocco]")
    page.check("input[value=egypt]")
    assert page.is_disabled("input[value=brazil]")  # four at most
    assert page.locator(".portal-compare-hint").inner_text() == "4 sélectionné(s) (au plus 4)"
    page.goto(f"{server}/ar/compare/?c=egypt,morocco")
    assert sorted(shown_countries(page)) == ["egypt", "morocco"]
    assert page.is_checked("input[value=egypt]")


def test_without_javascript_every_country_is_compared(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/compare/")
    assert not page.locator("#compare-pick").is_visible()
    assert page.locator("#compare thead th[data-country]").count() == 13
    context.close()
