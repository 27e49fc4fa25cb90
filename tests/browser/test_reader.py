"""What only a browser shows: search in the reader's language, switching language, RTL.

On the fixture portal (tests/fixtures/site): Morocco (narratives in en, ru, ar) and Colombia
(an English narrative only), in en, fr, ru and ar."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from searchbox import search


def test_search_in_french_returns_french_pages(page, server):
    page.goto(f"{server}/fr/")
    hrefs = search(page, "traite")
    # The French title of Morocco's law ("relative à la traite des êtres humains") ranks first.
    assert hrefs[:2] == [
        f"{server}/fr/countries/morocco/",
        f"{server}/fr/countries/morocco/#law-27-14",
    ], hrefs
    assert all(urlsplit(h).path.startswith("/fr/") for h in hrefs), hrefs


def test_search_finds_a_word_of_the_narrative(page, server):
    page.goto(f"{server}/")
    hrefs = search(page, "marmalade")
    assert hrefs[0] == f"{server}/countries/morocco/", hrefs


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
    page.goto(f"{server}/ar/countries/morocco/")
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
    links = page.locator("a.portal-email")
    # The programme's contact first, then the national ones.
    assert links.evaluate_all("as => as.map(a => a.getAttribute('href'))") == [
        "mailto:paula@example.org",
        "mailto:quentin@example.org",
    ]
    assert links.first.inner_text() == "paula@example.org"
    # The citation's "accessed" date is the reader's today.
    page.goto(f"{server}/fr/countries/morocco/")
    accessed = page.locator(".portal-cite-accessed").first.text_content()
    assert re.fullmatch(r" Consulté le \d{1,2} \w+ \d{4}\.", accessed), accessed


def test_search_finds_contacts_original_titles_and_country_names(page, server):
    page.goto(f"{server}/")
    assert search(page, "Quillfeather")[:2] == [
        f"{server}/contacts/",
        f"{server}/contacts/#national",
    ]
    page.goto(f"{server}/fr/")  # the Spanish original title, from the French pages
    assert search(page, "Ley 985")[:2] == [
        f"{server}/fr/countries/colombia/",
        f"{server}/fr/countries/colombia/#law-2005",
    ]
    page.goto(f"{server}/ru/")
    assert search(page, "Марокко")[0] == f"{server}/ru/countries/morocco/"
