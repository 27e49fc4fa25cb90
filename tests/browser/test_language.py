"""Languages in the browser: untranslated languages marked in the selector, the reader's
choice remembered, and a not-found page in the reader's language."""

from __future__ import annotations


def test_selector_marks_languages_the_text_is_not_translated_into(page, server):
    page.goto(f"{server}/fr/countries/lao-pdr/")  # Lao PDR: an English narrative only
    page.hover(".md-header__option .md-select")
    marked = page.eval_on_selector_all(
        ".md-select__link.portal-alt-untranslated", "as => as.map(a => a.hreflang)"
    )
    assert sorted(marked) == ["ar", "es", "fr", "pt", "ru"]
    note = page.locator(".md-select__link[hreflang=ar] .portal-alt-note").inner_text()
    assert note == "(texte en anglais)"
    page.goto(f"{server}/countries/morocco/")  # Morocco: French and Arabic narratives
    marked = page.eval_on_selector_all(
        ".md-select__link.portal-alt-untranslated", "as => as.map(a => a.hreflang)"
    )
    assert sorted(marked) == ["es", "pt", "ru"]


def test_the_chosen_language_is_remembered(page, server):
    page.goto(f"{server}/countries/")
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='es']")
    page.wait_for_url(f"{server}/es/countries/")
    # A later visit to the home page (typed address, no referrer) opens it in Spanish.
    page.goto(f"{server}/")
    page.wait_for_url(f"{server}/es/")
    assert page.evaluate("document.documentElement.lang") == "es"
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
