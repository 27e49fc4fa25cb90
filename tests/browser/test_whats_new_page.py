"""What's new in Chromium: the page with its changes (the fixture portal in git) passes axe in
every language, right to left in Arabic, and the feed a page announces is the one a browser or
a feed reader finds by following the head link."""

from __future__ import annotations

import feedparser
import pytest
from conftest import serve
from test_accessibility import axe_page, violations  # noqa: F401 (a fixture)

LANGS = ("", "fr/", "ru/", "ar/")


@pytest.fixture(scope="module")
def history_url(builds):
    httpd, url = serve(builds.get("site+history", strict=False).site)
    yield url
    httpd.shutdown()


def test_the_page_passes_axe_in_every_language(axe_page, history_url):  # noqa: F811
    found = [v for p in LANGS for v in violations(axe_page, f"{history_url}/{p}whats-new/")]
    assert found == []


@pytest.mark.parametrize("prefix", LANGS)
def test_the_head_link_leads_to_the_language_feed(page, history_url, prefix):
    page.goto(f"{history_url}/{prefix}countries/colombia/")
    href = page.eval_on_selector(
        'link[rel="alternate"][type="application/atom+xml"]', "link => link.href"
    )
    assert href == f"{history_url}/{prefix}feed.xml"
    response = page.request.get(href)
    assert response.ok
    parsed = feedparser.parse(response.body())
    assert not parsed.bozo and parsed.feed.language == (prefix.strip("/") or "en")
    # An entry opens its page, in the same language.
    colombia = next(e for e in parsed.entries if "/countries/colombia/" in e.link)
    page.goto(colombia.link.replace("https://portal.example.org", history_url))
    assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "en")
    if prefix == "ar/":
        assert page.locator("body").get_attribute("dir") == "rtl"
