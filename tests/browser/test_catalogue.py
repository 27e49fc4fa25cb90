"""The instruments catalogue: filters and sorting in the page, state in the URL, and the plain
full table without JavaScript. On the fixture portal's four instruments: Morocco's law (2016)
and strategy (2023-2030), Colombia's law (2005) and strategy (2016-2018)."""

from __future__ import annotations


def visible_rows(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#catalogue tbody tr:not([hidden])",
        "rows => rows.map(r => ({...r.dataset}))",
    )


def shown(page) -> list[tuple[str, str, str]]:
    return sorted((r["country"], r["type"], r["start"]) for r in visible_rows(page))


def test_filters_from_the_url_and_back_into_it(page, server):
    page.goto(f"{server}/fr/instruments/?type=strategy")
    assert shown(page) == [("colombia", "strategy", "2016"), ("morocco", "strategy", "2023")]
    assert page.locator("#catalogue tbody tr").count() == 4
    count = page.locator(".portal-filter-count").inner_text()
    assert count == "2 instruments affichés sur 4"
    page.select_option("select[name=country]", "morocco")
    page.wait_for_url("**/fr/instruments/?country=morocco&type=strategy")
    assert shown(page) == [("morocco", "strategy", "2023")]
    assert page.locator(".portal-filter-count").inner_text() == "1 instrument affiché sur 4"
    page.click("#catalogue-filter button[type=reset]")
    page.wait_for_url(f"{server}/fr/instruments/")
    assert len(visible_rows(page)) == 4


def test_year_range_and_objective(page, server):
    page.goto(f"{server}/instruments/?objective=cooperation&from=2016&to=2018")
    # Morocco's strategy serves cooperation too, but from 2023; the laws serve legislation.
    assert shown(page) == [("colombia", "strategy", "2016")]
    page.goto(f"{server}/instruments/?region=africa&objective=legislation")
    assert shown(page) == [("morocco", "law", "2016"), ("morocco", "strategy", "2023")]


def test_sorting_by_year_with_the_keyboard(page, server):
    page.goto(f"{server}/instruments/")
    button = page.locator("th[data-sort=year] button")
    button.focus()
    page.keyboard.press("Enter")
    years = [r["start"] for r in visible_rows(page)]
    assert years == ["2005", "2016", "2016", "2023"]
    assert page.get_attribute("th[data-sort=year]", "aria-sort") == "ascending"
    assert "sort=year" in page.url
    page.keyboard.press("Enter")
    years = [r["start"] for r in visible_rows(page)]
    assert years == ["2023", "2016", "2016", "2005"]
    assert "sort=-year" in page.url


def test_without_javascript_the_full_table_shows(page_without_js, server):
    page = page_without_js
    page.goto(f"{server}/instruments/")
    assert not page.locator("#catalogue-filter").is_visible()
    rows = page.locator("#catalogue tbody tr")
    assert rows.count() == 4
    assert all(rows.nth(i).is_visible() for i in range(rows.count()))
