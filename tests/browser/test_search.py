"""Search as a policymaker uses it: a law number finds the law, first, at its own anchor."""

from __future__ import annotations

import pytest
from searchbox import results


@pytest.mark.parametrize(
    ("lang", "term", "country", "anchor"),
    [
        ("en", "27-14", "morocco", "law-27-14"),
        ("fr", "27-14", "morocco", "law-27-14"),
        ("ar", "27-14", "morocco", "law-27-14"),
        ("en", "985", "colombia", "law-2005"),
    ],
)
def test_a_law_number_finds_its_country_first_at_the_instrument(
    reader, fixture_url, lang, term, country, anchor
):
    prefix = "" if lang == "en" else f"{lang}/"
    reader.goto(f"{fixture_url}/{prefix}")
    groups = results(reader, term)
    assert groups, "no result"
    first = groups[0]
    assert first[0] == f"{fixture_url}/{prefix}countries/{country}/", groups
    assert first[1] == f"{fixture_url}/{prefix}countries/{country}/#{anchor}", groups


def test_result_snippets_are_sentences_not_table_cells(reader, fixture_url):
    reader.goto(f"{fixture_url}/")
    results(reader, "27-14")
    snippets = reader.eval_on_selector_all(
        ".md-search-result__item article", "els => els.map(e => e.innerText)"
    )
    assert any("Law, Morocco. Number: 27-14. 2016. In force." in s for s in snippets), snippets
    assert not any("TypeTitle" in s or "CountryType" in s for s in snippets), snippets
