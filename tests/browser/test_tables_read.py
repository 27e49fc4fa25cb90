"""Tables that read on a desktop: an instrument's title column has the width it needs (at
125 px, rows of a title, its original, its summary and notes grew 500 px tall)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("url", "table", "column"),
    [
        ("countries/morocco/", "table.portal-instruments", 2),
        ("ar/countries/morocco/", "table.portal-instruments", 2),
        ("instruments/", "table.portal-catalogue", 3),
    ],
)
def test_the_title_column_takes_the_width_it_needs(browser, server, url, table, column):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{url}")
    widths = page.eval_on_selector(
        table,
        f"""t => [t.getBoundingClientRect().width,
                 t.tBodies[0].rows[0].cells[{column - 1}].getBoundingClientRect().width]""",
    )
    assert widths[1] >= 0.4 * widths[0], widths
    # Its badges are one piece each: never an icon on one line and its word on the next.
    lines = page.eval_on_selector_all(
        f"{table} .portal-status", "bs => bs.map(b => b.getClientRects().length)"
    )
    assert lines and set(lines) == {1}
    context.close()


def test_arabic_text_is_never_slanted(page, server):
    """Italic is a Latin convention: "not yet documented" is italic in English, upright in
    Arabic (Chromium otherwise slants the Arabic letters synthetically)."""
    style = "els => els.map(e => getComputedStyle(e).fontStyle)"
    page.goto(f"{server}/countries/colombia/")
    assert set(page.eval_on_selector_all(".portal-nyd", style)) == {"italic"}
    page.goto(f"{server}/ar/countries/colombia/")
    assert set(page.eval_on_selector_all(".portal-nyd", style)) == {"normal"}
