"""Phones and zoom: at 320 px wide (and 640 px, a 1280 px screen at 200 %) no page overflows
sideways; wide tables scroll inside their own box. Controls are reachable with the keyboard."""

from __future__ import annotations

import pytest

PAGES = ["", "countries/morocco/", "instruments/", "matrix/", "compare/", "contacts/"]


@pytest.mark.parametrize("width", [320, 640])
@pytest.mark.parametrize("lang", ["", "ar/"])
def test_no_sideways_overflow(browser, server, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        for path in PAGES:
            page.goto(f"{server}/{lang}{path}")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"/{lang}{path} overflows by {overflow}px at {width}px"
    finally:
        context.close()


def test_catalogue_filter_is_usable_with_the_keyboard(page, server):
    page.goto(f"{server}/instruments/")
    page.locator("select[name=region]").focus()
    for _ in range(3):  # region -> country -> objective -> type
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "type"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("ArrowDown")  # first type in the list: law
    page.wait_for_function("location.search.includes('type=law')")
    shown = page.eval_on_selector_all(
        "#catalogue tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.country)"
    )
    assert sorted(shown) == ["colombia", "morocco"]  # the two laws of the four instruments
