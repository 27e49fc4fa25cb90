"""Numbers and Latin-script names inside Arabic text read in their own order, measured on
the glyphs the browser lays out (not by reading the markup)."""

from __future__ import annotations

import pytest

# For every occurrence of `needle` in the article's text: the left edge of each of `parts`
# (in reading order of the left-to-right string), found with Ranges over the text nodes.
POSITIONS = """([needle, parts]) => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    let at = node.data.indexOf(needle);
    while (at >= 0) {
      let offset = at;
      const lefts = parts.map((part) => {
        const start = node.data.indexOf(part, offset);
        const r = document.createRange();
        r.setStart(node, start);
        r.setEnd(node, start + part.length);
        offset = start + part.length;
        return r.getBoundingClientRect().left;
      });
      found.push({text: node.parentElement.outerHTML.slice(0, 120), lefts});
      at = node.data.indexOf(needle, at + 1);
    }
  }
  return found;
}"""


@pytest.mark.parametrize(
    ("path", "needle", "parts", "at_least"),
    [
        # The narrative (Markdown), the instruments table and the catalogue.
        ("ar/countries/morocco/", "27-14", ["27", "14"], 3),
        ("ar/countries/morocco/", "2016-08-25", ["2016", "08", "25"], 1),
        ("ar/countries/morocco/", "Law No. 27-14", ["Law", "No", "27"], 1),
        ("ar/instruments/", "27-14", ["27", "14"], 1),
    ],
)
@pytest.mark.parametrize("width", [1280, 375])
def test_left_to_right_runs_keep_their_order_in_arabic(
    browser, fixture_url, path, needle, parts, at_least, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{fixture_url}/{path}")
    found = page.evaluate(POSITIONS, [needle, parts])
    context.close()
    assert len(found) >= at_least, found
    for occurrence in found:
        lefts = occurrence["lefts"]
        assert lefts == sorted(lefts), occurrence


def test_an_english_island_in_an_arabic_page_reads_left_to_right(browser, fixture_url):
    """The open-data codebook is English in every edition: in Arabic its table cells start at
    the left, as English text does (Material aligned them right, by the page's direction)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{fixture_url}/ar/open-data/")
    cells = page.evaluate(
        """() => [...document.querySelectorAll('article [dir=ltr] table td')].map(td => {
            const range = document.createRange();
            range.selectNodeContents(td);
            const text = range.getBoundingClientRect(), box = td.getBoundingClientRect();
            return {gapLeft: text.left - box.left, gapRight: box.right - text.right};
        })"""
    )
    context.close()
    assert len(cells) > 10
    assert all(c["gapLeft"] < 20 for c in cells), cells[:5]  # its padding, no more
    assert any(c["gapRight"] > 100 for c in cells)  # short texts leave the room at the right
