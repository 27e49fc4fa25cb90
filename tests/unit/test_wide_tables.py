"""A table wider than a printed page is printed in parts, each repeating the row headings."""

from __future__ import annotations

import re

from portal import pdf_article

LABELS = {"table_part": "Table, part {n} of {total}"}


def table(columns: int, attrs: str = "") -> str:
    head = "<td></td>" + "".join(f"<th>C{i}</th>" for i in range(columns))
    row = '<th scope="row">Region</th>' + "".join(f"<td>v{i}</td>" for i in range(columns))
    return (
        f'<table class="portal-table" id="compare"{attrs}><thead><tr>{head}</tr></thead>'
        f'<tbody><tr id="r1">{row}</tr></tbody></table>'
    )


def test_thirteen_countries_in_balanced_parts_repeating_their_row_headings():
    out = pdf_article.split_wide_tables(table(13, ' data-print-columns="4"'), LABELS)
    parts = re.findall(r"<table.*?</table>", out)
    assert [len(re.findall(r"<th>C", p)) for p in parts] == [4, 3, 3, 3]
    assert all('<th scope="row">Region</th>' in p for p in parts)
    assert "".join(re.findall(r"v\d+", out)) == "".join(f"v{i}" for i in range(13))
    assert "Table, part 4 of 4" in parts[3]
    # Anchors stay unique: on the first part only.
    assert out.count('id="compare"') == 1 and out.count('id="r1"') == 1


def test_a_table_that_fits_or_has_no_row_headings_is_left_whole():
    assert pdf_article.split_wide_tables(table(6), LABELS) == table(6)
    plain = table(9).replace('<th scope="row">Region</th>', "<td>Region</td>")
    assert pdf_article.split_wide_tables(plain, LABELS) == plain
