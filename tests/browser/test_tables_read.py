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
    assert widths[1] >= 0.35 * widths[0], widths
    # Its badges are one piece each: never an icon on one line and its word on the next.
    lines = page.eval_on_selector_all(
        f"{table} .portal-status", "bs => bs.map(b => b.getClientRects().length)"
    )
    assert lines and set(lines) == {1}
    context.close()


# Each instrument's box and its parts, as a desktop lays them out: the table's, the title
# cell's, the row of long texts beneath it and its summary's, and every status badge's height
# against its line's.
_INSTRUMENT_BOXES = """t => {
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const rows = Array.from(t.querySelectorAll("tbody tr[id]")).map(tr => {
    const more = tr.nextElementSibling;
    const summary = more && more.querySelector(".portal-summary");
    return {title: box(tr.cells[1]), more: more ? box(more.cells[0]) : null,
            summary: summary ? box(summary) : null};
  });
  const badges = Array.from(t.querySelectorAll(".portal-status")).map(b =>
    [b.getBoundingClientRect().height, parseFloat(getComputedStyle(b).lineHeight)]);
  return {table: box(t), cards: t.classList.contains("portal-cards"), rows, badges};
}"""


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_an_instrument_s_long_texts_sit_beneath_its_main_line(browser, server, lang):
    """At 1366 px the instruments read as a table: each title cell wider than 125 px holds the
    title only, the summary, notes and original title sit in a row beneath across the whole
    table (right to left in Arabic), and a status badge is one line high."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    summaries, badges = [], []
    for country in ("colombia", "morocco"):
        page.goto(f"{server}/{lang}countries/{country}/")
        found = page.eval_on_selector("table.portal-instruments", _INSTRUMENT_BOXES)
        assert not found["cards"], "a desktop shows the instruments as a table"
        table = found["table"]
        for row in found["rows"]:
            assert row["title"]["width"] > 125, row
            if row["more"]:
                assert row["more"]["top"] >= row["title"]["bottom"] - 1, row
                assert abs(row["more"]["left"] - table["left"]) <= 2, row
                assert abs(row["more"]["right"] - table["right"]) <= 2, row
        summaries += [r for r in found["rows"] if r["summary"]]
        badges += found["badges"]
    context.close()
    assert summaries, "the fixture's Colombian law has a summary"
    for row in summaries:
        assert row["summary"]["top"] >= row["title"]["bottom"] - 1, row
    assert badges and all(h <= 1.5 * line for h, line in badges), badges


def test_arabic_text_is_never_slanted(page, server):
    """Italic is a Latin convention: "not yet documented" is italic in English, upright in
    Arabic (Chromium otherwise slants the Arabic letters synthetically)."""
    style = "els => els.map(e => getComputedStyle(e).fontStyle)"
    page.goto(f"{server}/countries/colombia/")
    assert set(page.eval_on_selector_all(".portal-nyd", style)) == {"italic"}
    page.goto(f"{server}/ar/countries/colombia/")
    assert set(page.eval_on_selector_all(".portal-nyd", style)) == {"normal"}


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_the_matrix_keeps_its_column_headings_in_view(browser, server, lang):
    """The matrix is tall (a row per country): scrolled past its top on a desktop, its column
    headings stay in view under the page's header (they scrolled away with it)."""
    context = browser.new_context(viewport={"width": 1366, "height": 500})
    page = context.new_page()
    page.goto(f"{server}/{lang}matrix/")
    # The fixture's matrix has two rows: room below it, so that the page scrolls past its top.
    page.evaluate(
        "() => { document.body.style.paddingBottom = '2000px';"
        " window.scrollBy(0, document.querySelector('table.portal-matrix')"
        ".getBoundingClientRect().top + 20); }"
    )
    page.wait_for_timeout(100)
    found = page.evaluate(
        """() => ({
          header: document.querySelector('.md-header').getBoundingClientRect().bottom,
          table: document.querySelector('table.portal-matrix').getBoundingClientRect().top,
          heads: [...document.querySelectorAll('table.portal-matrix thead th')]
            .map(th => th.getBoundingClientRect().top)})"""
    )
    context.close()
    assert found["table"] < 0, found  # scrolled past the table's top
    assert found["heads"] and all(top >= found["header"] - 1 for top in found["heads"]), found
