"""Search as a policymaker uses it: a law number finds the law, first, at its own anchor."""

from __future__ import annotations

import json

import pytest
from conftest import serve
from searchbox import RECORD, answered_results, results
from sitebuild import copy_tree


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


def test_the_index_loads_when_the_reader_starts_a_search_not_with_the_page(reader, fixture_url):
    reader.goto(f"{fixture_url}/fr/")
    reader.wait_for_load_state("networkidle")
    fetched = [u for u in reader.requests if "/search/" in u]
    assert fetched == [f"{fixture_url}/fr/search/search_index.json"], fetched  # the stub only
    with reader.expect_request(f"{fixture_url}/fr/search/search_docs.json"):
        reader.locator("input.md-search__input").focus()


def marks(page) -> list[str]:
    return page.eval_on_selector_all(".portal-search-lang", "els => els.map(e => e.textContent)")


def test_a_word_only_another_language_has_is_found_there_marked_with_its_language(
    reader, fixture_url
):
    reader.context.add_init_script(RECORD)
    reader.goto(f"{fixture_url}/")
    groups = answered_results(reader, "Марокко")  # the Russian name, in the English edition
    assert groups and groups[0][0].startswith(f"{fixture_url}/ru/countries/morocco/"), groups
    assert marks(reader) and set(marks(reader)) == {"Русский"}, marks(reader)


def test_the_reader_may_search_every_language_at_once(reader, fixture_url):
    reader.context.add_init_script(RECORD)
    reader.goto(f"{fixture_url}/fr/")
    groups = answered_results(reader, "27-14")
    assert marks(reader) == []  # found in French: French only
    assert all(g[0].startswith(f"{fixture_url}/fr/") for g in groups), groups
    answers = reader.evaluate("window.__portalAnswers.length")
    reader.locator(".portal-search-all input").check()
    reader.wait_for_function(
        "(n) => window.__portalAnswers.length > n", arg=answers, polling=100, timeout=30_000
    )
    links = reader.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.href)"
    )
    assert links[0].startswith(f"{fixture_url}/fr/"), links  # the reader's language first
    others = {link.removeprefix(fixture_url + "/").split("/")[0] for link in links}
    assert {"countries", "ru", "ar"} <= others, links  # English (at the root), Russian, Arabic
    assert {"English", "Русский", "العربية"} <= set(marks(reader)), marks(reader)


def test_an_index_that_could_not_be_fetched_is_fetched_again_at_the_next_query(reader, fixture_url):
    reader.context.add_init_script(RECORD)
    asked = []

    def fail_once(route):
        asked.append(route.request.url)
        route.abort() if len(asked) == 1 else route.continue_()

    reader.route("**/search/search_docs.json", fail_once)
    reader.goto(f"{fixture_url}/")
    groups = answered_results(reader, "marmalade")  # the first fetch fails, a keystroke later
    assert len(asked) == 2, asked  # it is fetched again,
    assert groups and groups[0][0].startswith(f"{fixture_url}/countries/morocco/")  # and found


def test_chinese_is_found_by_its_words(reader, builds, tmp_path):
    """No shipped or fixture language is Chinese: a copy of the fixture's English index gets
    one Chinese section, cut into words at build time as Material's search plugin does with
    jieba; the reader types a compound the text holds as two words."""
    from material.plugins.search.plugin import SearchIndex

    site = copy_tree(builds.get("site").site, tmp_path / "site")
    docs_file = site / "search" / "search_docs.json"
    docs = json.loads(docs_file.read_text("utf-8"))
    text = SearchIndex()._segment_chinese("<p>保护家政工人的权利。</p>")
    docs.append({"location": "about/#zh", "title": "权利", "text": text})
    docs_file.write_text(json.dumps(docs, ensure_ascii=False), "utf-8")
    httpd, url = serve(site)
    try:
        reader.context.add_init_script(RECORD)
        reader.goto(f"{url}/")
        groups = answered_results(reader, "家政工人")
        assert groups and groups[0][-1] == f"{url}/about/#zh", groups
        marked = reader.eval_on_selector_all(
            ".md-search-result__item mark", "els => els.map(e => e.textContent)"
        )
        assert {"家政", "工人"} <= set(marked), marked  # highlighted as written
    finally:
        httpd.shutdown()
