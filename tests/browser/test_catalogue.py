"""The instruments catalogue: filters and sorting in the page, state in the URL, and the plain
full table without JavaScript."""

from __future__ import annotations


def visible_rows(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#catalogue tbody tr:not([hidden])",
        "rows => rows.map(r => ({...r.dataset}))",
    )


def test_filters_from_the_url_and_back_into_it(page, server):
    page.goto(f"{server}/fr/instruments/?region=africa&type=law")
    rows = visible_rows(page)
    assert rows and all(r["region"] == "africa" and r["type"] == "law" for r in rows)
    total = page.locator("#catalogue tbody tr").count()
    count = page.locator(".portal-filter-count").inner_text()
    assert count == f"{len(rows)} instruments affichés sur {total}"
    page.select_option("select[name=country]", "morocco")
    page.wait_for_url("**/fr/instruments/?region=africa&country=morocco&type=law")
    assert {r["country"] for r in visible_rows(page)} == {"morocco"}
    page.click("#catalogue-filter button[type=reset]")
    page.wait_for_url(f"{server}/fr/instruments/")
    assert len(visible_rows(page)) == total


def test_year_range_and_objective(page, server):
    page.goto(f"{server}/instruments/?objective=strategy-and-policy&from=2016&to=2018")
    rows = visible_rows(page)
    assert rows
    for r in rows:
        assert "strategy-and-policy" in r["objectives"].split()
        start, end = int(r["start"]), int(r["end"] or r["start"])
        assert end >= 2016 and start <= 2018


def test_sorting_by_year_with_the_keyboard(page, server):
    page.goto(f"{server}/instruments/")
    button = page.locator("th[data-sort=year] button")
    button.focus()
    page.keyboard.press("Enter")
    years = [int(r["start"] or 0) for r in visible_rows(page)]
    assert years == sorted(years)
    assert page.get_attribute("th[data-sort=year]", "aria-sort") == "ascending"
    assert "sort=year" in page.url
    page.keyboard.press("Enter")
    years = [int(r["start"] or 0) for r in visible_rows(page)]
    assert years == sorted(years, reverse=True)
    assert "sort=-year" in page.url


def test_without_javascript_the_full_table_shows(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/instruments/")
    assert not page.locator("#catalogue-filter").is_visible()
    rows = page.locator("#catalogue tbody tr")
    assert rows.count() > 30
    assert all(rows.nth(i).is_visible() for i in range(rows.count()))
    context.close()
