"""Languages in the browser: untranslated languages marked in the selector, the reader's
choice remembered, and a not-found page in the reader's language."""

from __future__ import annotations


def marked(page) -> list[str]:
    return sorted(
        page.eval_on_selector_all(
            ".md-select__link.portal-alt-untranslated", "as => as.map(a => a.hreflang)"
        )
    )


def test_selector_marks_languages_the_text_is_not_translated_into(page, server):
    page.goto(f"{server}/fr/countries/colombia/")  # Colombia: an English narrative only
    page.hover(".md-header__option .md-select")
    assert marked(page) == ["ar", "fr", "ru"]
    note = page.locator(".md-select__link[hreflang=ar] .portal-alt-note").inner_text()
    assert note == "(non traduit)"
    page.goto(f"{server}/countries/morocco/")  # Morocco: Russian and Arabic narratives
    page.hover(".md-header__option .md-select")
    assert marked(page) == ["fr"]
    note = page.locator(".md-select__link[hreflang=fr] .portal-alt-note").inner_text()
    assert note == "(not translated)"


def test_the_chosen_language_is_remembered(page, server):
    page.goto(f"{server}/countries/")
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='ru']")
    page.wait_for_url(f"{server}/ru/countries/")
    # A later visit to the home page (typed address, no referrer) opens it in Russian.
    page.goto(f"{server}/")
    page.wait_for_url(f"{server}/ru/")
    assert page.evaluate("document.documentElement.lang") == "ru"
    # Inside the site, the reader can still open the English home page.
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='en']")
    page.wait_for_url(f"{server}/")
    page.goto(f"{server}/")
    assert page.url == f"{server}/"


def test_not_found_page_in_the_reader_language(page, server):
    page.goto(f"{server}/ar/404.html")
    assert page.locator("h1").first.inner_text() == "الصفحة غير موجودة"
    assert page.get_attribute("body", "dir") == "rtl"


def _as_github_pages(page, server) -> None:
    """Every missing address answered with the root 404.html, as GitHub Pages does."""
    import urllib.request

    with urllib.request.urlopen(f"{server}/404.html") as response:
        body = response.read()
    page.route(
        f"{server}/**/missing/**",
        lambda route: route.fulfill(status=404, body=body, content_type="text/html"),
    )


def test_the_root_not_found_page_answers_in_the_address_language(page, server):
    _as_github_pages(page, server)
    page.goto(f"{server}/ar/missing/page/")
    assert page.locator("h1:visible").inner_text() == "الصفحة غير موجودة"
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("body", "dir") == "rtl"
    page.goto(f"{server}/fr/missing/")
    assert page.locator("h1:visible").inner_text() == "Page introuvable"
    assert page.locator(".portal-404:visible a").first.get_attribute("href") == "/fr/"


def test_the_root_not_found_page_answers_in_the_remembered_language(page, server):
    _as_github_pages(page, server)
    page.goto(f"{server}/")
    page.evaluate("localStorage.setItem('portal-language', 'ru')")
    page.goto(f"{server}/missing/")
    assert page.locator("h1:visible").inner_text() == "Страница не найдена"
    page.evaluate("localStorage.removeItem('portal-language')")
    page.goto(f"{server}/missing/x")
    assert page.locator("h1:visible").inner_text() == "Page not found"


def test_a_russian_citation_ends_its_date_once(page, server):
    page.goto(f"{server}/ru/countries/morocco/")
    text = page.locator(".portal-cite-text").text_content()
    assert "г." in text and "г.." not in text
