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


def test_an_empty_corner_cell_counts_as_a_column():
    # The comparison's header row starts with an empty <td> above the row headings: missing
    # it labelled every country's cell with the next country's name.
    page = (
        '<table class="portal-table portal-compare"><thead><tr><td></td>'
        '<th scope="col" data-country="mali">Mali</th><th scope="col" data-country="niger">Niger'
        '</th></tr></thead><tbody><tr><th scope="row">Region</th><td data-country="mali">Africa'
        '</td><td data-country="niger">Africa</td></tr></tbody></table>'
    )
    out = label_cells(page)
    assert '<th scope="row">Region</th>' in out  # the corner has no heading to give
    assert '<td data-country="mali" data-label="Mali">' in out
    assert '<td data-country="niger" data-label="Niger">' in out


def test_other_tables_and_pages_are_untouched():
    page = "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    assert label_cells(page) == page


def test_markdown_attributes_are_removed():
    from portal.markup import strip_markdown_attributes

    html = '<div class="a" markdown="0"><figure markdown="1" id="m">x</figure></div><p>markdown="0"</p>'
    assert strip_markdown_attributes(html) == (
        '<div class="a"><figure id="m">x</figure></div><p>markdown="0"</p>'
    )


def test_each_portal_table_is_labelled_from_its_own_headings():
    plain = "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    first = (
        '<table class="portal-table"><thead><tr><th>X</th><th>Y</th></tr></thead>'
        '<tbody><tr><td>1</td><td data-label="kept">2</td></tr></tbody></table>'
    )
    second = (
        '<table class="portal-table x"><thead><tr><th>P</th></tr></thead>'
        "<tbody><tr><td>3</td><td>beyond the headings</td></tr></tbody></table>"
    )
    out = label_cells(f"{plain}<p>between</p>{first}{second}")
    assert out.startswith(plain + "<p>between</p>")
    assert '<td data-label="X">1</td><td data-label="kept">2</td>' in out
    assert '<td data-label="P">3</td><td>beyond the headings</td>' in out
    unfinished = '<table class="portal-table"><thead><tr><th>X</th></tr></thead><tbody><tr><td>'
    assert label_cells(unfinished) == unfinished


def test_only_attributes_of_opening_tags_are_removed():
    from portal.markup import strip_markdown_attributes

    html = (
        '<div\n  markdown="1">a</div><!-- x markdown="1" --><p>b markdown="0" c</p>'
        '<span data-markdown="1">d</span>'
    )
    assert strip_markdown_attributes(html) == (
        '<div>a</div><!-- x markdown="1" --><p>b markdown="0" c</p><span data-markdown="1">d</span>'
    )


def test_a_cell_across_every_column_is_no_column_s():
    # An instrument's texts beneath its row span the whole table: labelled "Type" (its first
    # column's heading), a phone's card said the summary was the type.
    page = (
        '<table class="portal-table portal-instruments"><thead><tr><th>Type</th><th>Title</th>'
        '</tr></thead><tbody class="portal-instrument"><tr><td>Law</td><td>Law 1</td></tr>'
        '<tr class="portal-more"><td colspan="2">Its summary</td></tr></tbody>'
        '<tbody class="portal-instrument"><tr><td>Plan</td><td>Plan 2</td></tr></tbody></table>'
    )
    out = label_cells(page)
    assert '<td colspan="2">Its summary</td>' in out
    assert '<td data-label="Title">Law 1</td>' in out
    assert '<td data-label="Title">Plan 2</td>' in out
