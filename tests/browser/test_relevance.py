"""The search relevance set (relevance.yml): each query typed into the search box of the
shipped portal as a reader types it, in Chromium; the page it names must be among the first
three results. One test per language, which reports its recall at 3 and every miss."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import serve
from searchbox import RECORD, answered_results

SET = yaml.safe_load((Path(__file__).parent / "relevance.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shipped_url(shipped_site):
    httpd, url = serve(shipped_site)
    yield url
    httpd.shutdown()


def first_pages(groups: list[list[str]], root: str, n: int = 3) -> list[str]:
    """The pages of the first `n` result groups, as addresses under the site's root."""
    return [g[0].split("#")[0].split("?")[0].removeprefix(root) for g in groups[:n] if g]


@pytest.mark.parametrize("lang", list(SET))
def test_relevance_at_3(browser, shipped_url, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD)
    page = context.new_page()
    misses = []
    try:
        for case in SET[lang]:
            page.goto(f"{shipped_url}/{'' if lang == 'en' else lang + '/'}")
            groups = answered_results(page, case["query"])
            top = first_pages(groups, shipped_url + "/")
            if case["page"] not in top:
                misses.append(f"{case['query']!r} ({case['kind']}): want {case['page']}, got {top}")
    finally:
        context.close()
    total = len(SET[lang])
    recall = (total - len(misses)) / total
    assert not misses, f"{lang}: recall at 3 {recall:.2f} ({total - len(misses)}/{total})\n" + (
        "\n".join(misses)
    )


@pytest.mark.parametrize(
    ("lang", "typed", "shown"),
    [
        ("", "Kyrgyzstan", "Kyrgyz Republic"),
        ("ru/", "Киргизия", "Кыргызстан"),
        ("fr/", "laos", "République démocratique populaire lao"),
    ],
)
def test_the_countries_filter_finds_a_country_by_its_aliases(page, shipped_url, lang, typed, shown):
    page.goto(f"{shipped_url}/{lang}countries/?find={typed}")
    rows = page.eval_on_selector_all(
        "table.portal-countries tbody tr",
        "trs => trs.filter(tr => tr.offsetParent !== null).map(tr => tr.cells[0].textContent.trim())",
    )
    assert rows == [shown]
