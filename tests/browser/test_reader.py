"""What only a browser shows: search in the reader's language, switching language, RTL."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout


def search(page, term: str) -> list[str]:
    """Type a query as a reader would and return the result links.

    Material drops a query typed before its search worker has loaded the index (from file://
    the index takes a moment longer), so the reader's patience is imitated: if nothing shows,
    reload, wait longer, and type again.
    """
    for patience in (500, 2000, 5000, 10000):
        page.wait_for_timeout(patience)
        box = page.locator("input.md-search__input")
        box.click()
        # fill() then a key: typing Cyrillic key by key does not reach Material's listener
        # in headless Chromium, while pasted text followed by a key press does.
        box.fill(term)
        box.press("End")
        try:
            page.wait_for_selector(".md-search-result__item", timeout=5000)
            break
        except PlaywrightTimeout:
            page.reload()
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


def test_search_in_french_returns_french_pages(page, server):
    page.goto(f"{server}/fr/")
    hrefs = search(page, "traite")
    assert hrefs, "no search result"
    assert all(urlsplit(h).path.startswith("/fr/") for h in hrefs), hrefs


def test_search_finds_a_law_by_its_number(page, server):
    page.goto(f"{server}/")
    hrefs = search(page, "13.344")
    assert any("/countries/brazil/" in h for h in hrefs), hrefs


def test_language_switch_keeps_the_country(page, server):
    page.goto(f"{server}/countries/morocco/")
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='fr']")
    page.wait_for_url(f"{server}/fr/countries/morocco/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Maroc"
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='ar']")
    page.wait_for_url(f"{server}/ar/countries/morocco/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "المغرب"


def test_arabic_pages_are_right_to_left(page, server):
    page.goto(f"{server}/ar/countries/egypt/")
    assert page.get_attribute("body", "dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"
    # The sidebar navigation sits on the right in right-to-left layout.
    nav = page.locator(".md-sidebar--primary").bounding_box()
    content = page.locator("article").bounding_box()
    assert nav["x"] > content["x"]


def test_no_request_leaves_the_site(page, server):
    for path in ("/", "/fr/countries/morocco/", "/ar/instruments/"):
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
    foreign = [u for u in page.requests if not u.startswith(server) and not u.startswith("data:")]
    assert foreign == []


def test_hidden_email_becomes_a_mailto_link_in_the_browser(page, server):
    page.goto(f"{server}/contacts/")
    link = page.locator("a.portal-email").first
    assert link.get_attribute("href") == "mailto:margaret.akullo@unodc.org"
    assert link.inner_text() == "margaret.akullo@unodc.org"
    # The citation's "accessed" date is the reader's today.
    page.goto(f"{server}/fr/countries/morocco/")
    accessed = page.locator(".portal-cite-accessed").first.text_content()
    assert re.fullmatch(r" Consulté le \d{1,2} \w+ \d{4}\.", accessed), accessed


def test_search_finds_contacts_original_titles_and_country_names(page, server):
    page.goto(f"{server}/")
    assert any("/contacts/" in h for h in search(page, "Akullo"))
    page.goto(f"{server}/es/")
    assert any("/es/countries/colombia/" in h for h in search(page, "trata de personas"))
    page.goto(f"{server}/ru/")
    assert any("/ru/countries/belarus/" in h for h in search(page, "Беларусь"))
