"""How search cuts text into words (the same expression runs in the browser), and what the
index holds for an instrument."""

from __future__ import annotations

import re

from portal import search


def words(text: str) -> list[str]:
    return [w for w in re.split(search.SEPARATOR, text) if w]


def test_law_numbers_are_one_word():
    assert words("Law No. 27-14, Law 13.344 and Law No. 350-Z (350-З) of 2012-023") == [
        "Law", "No", "27-14", "Law", "13.344", "and", "Law", "No", "350-Z", "350-З", "of",
        "2012-023",
    ]  # fmt: skip


def test_other_hyphens_and_full_stops_separate_words():
    assert words("counter-trafficking. GLO.ACT e-mail 2023–2030") == [
        "counter", "trafficking", "GLO", "ACT", "e", "mail", "2023–2030",
    ]  # fmt: skip


def test_tables_of_instruments_are_left_out_of_the_index():
    html = (
        '<div class="portal-glance" markdown="0"><table class="portal-table portal-catalogue" '
        'id="c"></table><table class="portal-table portal-contacts"></table>'
    )
    assert search.exclude_tables(html) == (
        '<div data-search-exclude class="portal-glance" markdown="0"><table data-search-exclude '
        'class="portal-table portal-catalogue" id="c"></table>'
        '<table class="portal-table portal-contacts"></table>'
    )


def test_the_wrapper_worker_replaces_material_s():
    page = '{"base": "../..", "search": "../../assets/javascripts/workers/search.a7633da7.min.js"}'
    assert search.use_query_worker(page) == (
        '{"base": "../..", "search": '
        '"../../assets/javascripts/workers/portal-search.js?worker=search.a7633da7.min.js"}'
    )


def test_adjacent_cells_and_items_are_separate_words_for_the_index():
    html = (
        "<table><tr><th>Treaty</th><th>Status</th></tr><tr><td>TIP</td><td>Party</td></tr>"
        "</table><ul><li>one</li><li>two</li></ul><p><b>bold</b><i>italic</i></p>"
    )
    text = re.sub(r"<[^>]+>", "", search.separate_cells(html))  # as the indexer reads it
    assert text.split() == ["Treaty", "Status", "TIP", "Party", "one", "two", "bolditalic"]
