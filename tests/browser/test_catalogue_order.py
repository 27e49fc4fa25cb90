"""The catalogue sorts as the page's language sorts (Intl.Collator), and can be sorted on a
phone, whose cards have no column headings to click."""

from __future__ import annotations


def countries(page) -> list[str]:
    return page.eval_on_selector_all(
        "#catalogue tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].textContent.trim())"
    )


def test_sorting_follows_the_language_s_collation(page, server):
    page.goto(f"{server}/fr/instruments/")
    # Two countries named as French sorts them apart from code-point order: É is an E.
    page.evaluate(
        """() => {
        const rows = document.querySelectorAll('#catalogue tbody tr');
        rows.forEach((r, i) => { r.cells[0].textContent = i % 2 ? 'Zambie' : 'Égypte'; });
    }"""
    )
    page.click("#catalogue th[data-sort=country] button")
    names = countries(page)
    assert names[0] == "Égypte" and names[-1] == "Zambie", names
    assert "sort=country" in page.url


def test_a_phone_sorts_with_a_list(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/instruments/")
    pick = page.locator("#catalogue-filter select[name=sort]")
    assert pick.is_visible()
    first = countries(page)
    pick.select_option("-country")
    assert countries(page) == sorted(first, reverse=True)
    assert "sort=-country" in page.url
    # The order chosen in the address comes back in the list.
    page.goto(f"{server}/instruments/?sort=-title")
    assert pick.input_value() == "-title"
    context.close()


def test_the_list_of_orders_is_not_shown_on_a_desktop(page, server):
    page.goto(f"{server}/instruments/")
    assert not page.locator("#catalogue-filter select[name=sort]").is_visible()
