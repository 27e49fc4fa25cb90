"""Column headings written onto body cells, for the card layout of tables on phones."""

from __future__ import annotations

from portal.tables import label_cells


def test_every_body_cell_gets_its_column_heading():
    page = (
        '<p>x</p><table class="portal-table portal-catalogue" id="catalogue">'
        '<thead><tr><th scope="col">Pays</th><th scope="col" data-sort="t">Titre &amp; <i>n°</i></th>'
        '<th scope="col">Source</th></tr></thead><tbody>'
        '<tr data-x="1"><th scope="row"><a href="#">Maroc</a></th><td>Loi <b>27-14</b></td><td>a</td></tr>'
        '<tr><td colspan="2">wide</td><td>b</td></tr>'
        "</tbody></table>"
    )
    out = label_cells(page)
    assert '<th scope="row" data-label="Pays"><a href="#">Maroc</a></th>' in out
    assert '<td data-label="Titre &amp; n°">Loi <b>27-14</b></td>' in out
    assert '<td data-label="Source">a</td>' in out
    assert '<td colspan="2" data-label="Pays">wide</td><td data-label="Source">b</td>' in out
    assert out.count("data-label") == 5  # the header row is left alone


def test_other_tables_and_pages_are_untouched():
    page = "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    assert label_cells(page) == page


def test_markdown_attributes_are_removed():
    from portal.markup import strip_markdown_attributes

    html = '<div class="a" markdown="0"><figure markdown="1" id="m">x</figure></div><p>markdown="0"</p>'
    assert strip_markdown_attributes(html) == (
        '<div class="a"><figure id="m">x</figure></div><p>markdown="0"</p>'
    )
