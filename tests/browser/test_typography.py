"""Typography checked by geometry in a real browser: no word cut across two lines, no table
wider than its column, tables as cards on a phone; English, French and Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest

JS = Path(__file__).parent / "js"
SPLIT_WORDS = (JS / "split_words.js").read_text(encoding="utf-8")
WIDE_TABLES = (JS / "wide_tables.js").read_text(encoding="utf-8")
PAGES = (
    "",
    "countries/",
    "countries/morocco/",
    "countries/colombia/",
    "instruments/",
    "matrix/",
    "compare/",
    "contacts/",
    "objectives/legislation/",
)


@pytest.mark.parametrize("width", [1280, 768, 375])
@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_no_word_is_cut_and_no_table_is_wider_than_its_column(
    browser, pdf_fixture_url, lang, width
):
    # On the build with PDFs: the button beside each title once squeezed it to "Instrum-ents".
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    for path in PAGES:
        url = f"{pdf_fixture_url}/{'' if lang == 'en' else lang + '/'}{path}"
        # Laid out once loaded (styles, and the scripts that rewrite tables, run before the load
        # event) with its fonts: no wait for the network to go quiet (the search index).
        page.goto(url)
        page.evaluate("document.fonts.ready.then(() => document.fonts.status)")
        words, tables = page.evaluate(SPLIT_WORDS), page.evaluate(WIDE_TABLES)
        if words or tables:
            problems[path] = {"words cut": words, "tables too wide": tables}
    context.close()
    assert problems == {}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_on_a_phone_table_rows_are_cards_titled_by_their_first_cell(browser, fixture_url, lang):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{fixture_url}/{'' if lang == 'en' else lang + '/'}instruments/")
    cards = page.evaluate(
        """() => [...document.querySelectorAll('#catalogue tbody tr')].map(tr => {
            const cells = [...tr.children];
            const r = tr.getBoundingClientRect();
            return {
              width: r.width,
              stacked: cells.every((c, i) => i === 0 ||
                c.getBoundingClientRect().top >= cells[i - 1].getBoundingClientRect().bottom - 1),
              title: cells[0].textContent.trim(),
              label: getComputedStyle(cells[1], '::before').content,
            };
        })"""
    )
    column = page.evaluate("document.querySelector('.md-content__inner').clientWidth")
    context.close()
    assert len(cards) == 4
    assert all(c["stacked"] and c["width"] <= column for c in cards), cards
    assert [c["title"] for c in cards] == (
        ["Colombia", "Colombia", "Morocco", "Morocco"]
        if lang == "en"
        else ["المغرب", "المغرب", "كولومبيا", "كولومبيا"]
    )
    assert cards[0]["label"] == ('"Type"' if lang == "en" else '"النوع"')


_PDF_BUTTON = """() => {
  const h1 = document.querySelector("article h1").getBoundingClientRect();
  const shown = [...document.querySelectorAll(".portal-pdf-link")]
    .filter(p => p.getClientRects().length).map(p => p.getBoundingClientRect());
  return {title: [h1.top, h1.bottom], buttons: shown.map(b => [b.top, b.bottom])};
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_on_a_phone_the_pdf_button_sits_under_the_title(browser, pdf_fixture_url, lang):
    """At 375 px the page's title comes first and the "Download this page as PDF" button
    under it (it stood above the title); at 1280 px it stays beside the title. One button
    shown at each width."""
    prefix = "" if lang == "en" else f"{lang}/"
    for width, below in ((375, True), (1280, False)):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for path in ("countries/morocco/", "instruments/", "compare/"):
            page.goto(f"{pdf_fixture_url}/{prefix}{path}")
            found = page.evaluate(_PDF_BUTTON)
            assert len(found["buttons"]) == 1, (width, path, found)
            top, bottom = found["buttons"][0]
            if below:
                assert top >= found["title"][1] - 1, (path, found)
            else:
                assert top < found["title"][1], (path, found)
        context.close()
