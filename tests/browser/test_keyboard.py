"""A keyboard user's portal (WCAG 2.2 AA, issue 26), in English and Arabic, at a desktop's and a
phone's width: every page kind walked with Tab (every stop visible, not covered, with a 3:1
focus indicator), no single key that moves the page or the focus, the language menu as a
disclosure."""

from __future__ import annotations

import pytest
from focuswalk import walk

WIDTHS = {"desktop": 1280, "phone": 375}
# One page of each kind of the fixture portal.
KINDS = [
    "",
    "about/",
    "countries/",
    "countries/morocco/",
    "objectives/",
    "objectives/legislation/",
    "instruments/",
    "matrix/",
    "compare/",
    "contacts/",
    "downloads/",
    "open-data/",
]


@pytest.fixture
def sized(browser, request):
    """A page of the given width (the test's `width` parameter)."""
    width = WIDTHS[request.node.callspec.params["width"]]
    context = browser.new_context(viewport={"width": width, "height": 800})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", ["", "ar/"])
@pytest.mark.parametrize("path", KINDS)
def test_every_focus_stop_is_visible_with_a_3_to_1_indicator(sized, server, lang, path, width):
    sized.goto(f"{server}/{lang}{path}")
    stops = walk(sized)
    assert len(stops) >= 5, [s.name for s in stops]
    bad = [f"{i}: {s.name}: {', '.join(s.problems)}" for i, s in enumerate(stops) if s.problems]
    assert bad == []


@pytest.mark.parametrize("width", ["desktop"])
@pytest.mark.parametrize("path", ["", "instruments/", "compare/", "ar/countries/"])
def test_backwards_the_focus_never_ends_under_the_header(sized, server, path, width):
    """Shift+Tab scrolls up to the focused element: it must stop below the sticky header. A
    low window (a laptop zoomed in) makes the fixture's short pages scroll as long ones do."""
    sized.set_viewport_size({"width": 1280, "height": 360})
    sized.goto(f"{server}/{path}")
    sized.keyboard.press("End")
    stops = walk(sized, "Shift+Tab")
    bad = [f"{i}: {s.name}: {', '.join(s.problems)}" for i, s in enumerate(stops) if s.problems]
    assert bad == []


@pytest.mark.parametrize("width", ["desktop"])
def test_the_walk_sees_a_hidden_focus_stop(sized, server, width):
    """The measure itself: a link moved off screen, and one without any indicator, are caught."""
    sized.goto(f"{server}/about/")
    sized.evaluate("""() => {
      // Two links of the test's own at the top of the article: the page's own links change.
      const article = document.querySelector("article");
      const [a, b] = ["first", "second"].map((name) => {
        const link = document.createElement("a");
        link.href = "#" + name; link.textContent = name;
        article.prepend(link);
        return link;
      });
      a.style.cssText = "position: fixed; left: -999px; top: 100px";
      b.addEventListener("focus", () => { b.style.setProperty("outline", "none", "important");
                                          b.style.setProperty("box-shadow", "none", "important"); });
    }""")
    problems = [p for s in walk(sized) for p in s.problems]
    assert "outside the viewport" in problems
    assert any(p.startswith("focus indicator") for p in problems)


PRINTABLE = list("npsf/.,?gh1 ")


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_no_single_key_changes_the_page_or_the_focus(page, server, lang):
    """Material's shortcuts (n, p, comma, period: next and previous page; s, f, /: search) are
    kept from single keys, with the focus on the page or on a link."""
    url = f"{server}/{lang}about/"
    page.goto(url)
    assert page.locator("link[rel=next]").count() == 1  # Material's n would leave the page
    for focus in ("body", "article a[href]"):
        for key in PRINTABLE:
            page.goto(url)
            if focus != "body":
                page.locator(focus).first.focus()
            before = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
            page.keyboard.press(key)
            page.wait_for_timeout(50)
            assert page.url == url, key
            now = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
            assert now == before, key
            assert not page.locator("#__search").is_checked(), key


def test_typing_in_a_field_still_works(page, server):
    page.goto(f"{server}/countries/")
    page.locator("#country-filter input[name=find]").focus()
    page.keyboard.type("mor")
    assert page.locator("#country-filter input[name=find]").input_value() == "mor"
    page.locator(".md-search__input").focus()
    page.keyboard.type("law")
    assert page.locator(".md-search__input").input_value() == "law"


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", ["", "ar/"])
def test_language_menu_is_a_disclosure(sized, server, lang, width):
    sized.goto(f"{server}/{lang}instruments/?country=morocco#catalogue")
    button = sized.locator(".md-header__option .md-select button")
    links = sized.locator(".md-select__link")
    button.focus()
    assert button.get_attribute("aria-expanded") == "false"
    assert not links.first.is_visible()
    sized.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    sized.wait_for_timeout(300)
    # Every language shows whole: the list is not cut (it was at 200 px).
    for i in range(links.count()):
        assert links.nth(i).is_visible()
    inner = sized.locator(".md-header__option .md-select__inner")
    assert inner.evaluate("e => e.querySelector('ul').scrollHeight <= e.clientHeight + 1")
    last = links.nth(links.count() - 1).bounding_box()
    box = inner.bounding_box()
    assert last["y"] + last["height"] <= box["y"] + box["height"] + 1
    # Names in their own language; the reader's language marked as current.
    names = links.evaluate_all(
        "as => as.map(a => [a.hreflang, a.querySelector('[lang]').lang, a.getAttribute('aria-current')])"
    )
    here = lang.rstrip("/") or "en"
    assert all(code == name_lang for code, name_lang, _ in names)
    assert [code for code, _, current in names if current == "true"] == [here]
    sized.keyboard.press("Tab")
    assert sized.evaluate("document.activeElement.classList.contains('md-select__link')")
    sized.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert sized.evaluate("document.activeElement") == button.element_handle().evaluate("e => e")
    sized.wait_for_timeout(300)
    assert not links.first.is_visible()
    # Space opens it too; the switch keeps the page's filters and place.
    sized.keyboard.press(" ")
    assert button.get_attribute("aria-expanded") == "true"
    sized.locator(".md-select__link[hreflang=fr]").click()
    sized.wait_for_url(f"{server}/fr/instruments/?country=morocco#catalogue")


def test_html_element_has_the_language_direction(page, server):
    page.goto(f"{server}/ar/countries/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    page.goto(f"{server}/countries/")
    assert page.evaluate("document.documentElement.dir") == "ltr"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_escape_closes_the_search_and_keeps_the_focus(sized, server, width):
    sized.goto(f"{server}/about/")
    if width == "phone":  # the search's icon, a button reached by Tab, opened with Space
        sized.locator('button.md-header__button[for="__search"]').focus()
        sized.keyboard.press(" ")
    else:
        sized.locator(".md-search__input").focus()
    assert sized.locator("#__search").is_checked()
    sized.keyboard.insert_text("law")
    sized.keyboard.press("Escape")
    sized.wait_for_timeout(100)
    assert not sized.locator("#__search").is_checked()
    assert sized.evaluate("document.activeElement !== document.body")
    assert sized.evaluate("document.activeElement.getClientRects().length > 0")
