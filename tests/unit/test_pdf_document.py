"""The HTML a PDF is rendered from (portal/templates/pdf_document.html.j2), without WeasyPrint:
names reach the cover as text, an Arabic cover reads right to left with its date isolated, an
email's link note leads to the email."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from portal import i18n, pdf_article, pdf_document

HOSTILE = '"><img src=x onerror=alert(1)><script>alert(1)</script>'
ARTICLE = '<html><body><article class="md-content__inner md-typeset">{}</article></body></html>'
BUILD_DATE = dt.date(2026, 11, 28)


class Elements(HTMLParser):
    """Every start tag (name, attributes) and the text inside each element with a class."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "img", "input"):
            self._open.append(dict(attrs).get("class") or tag)

    def handle_endtag(self, tag):
        self._open.pop()

    def handle_data(self, data):
        for name in self._open:
            self.text[name] = self.text.get(name, "") + data

    def first(self, tag: str) -> dict[str, str | None]:
        return next(attrs for name, attrs in self.tags if name == tag)


@pytest.fixture
def site(tmp_path: Path):
    def make(pages: dict[str, str]) -> Path:
        for url, body in pages.items():
            path = tmp_path / "site" / url / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(ARTICLE.format(body), encoding="utf-8")
        return tmp_path / "site"

    yield make


def test_hostile_country_and_programme_names_are_text_on_the_cover(site):
    words = i18n.Labels.of_portal(None, {"en": f"Programme {HOSTILE}"}, "en")
    root = site({"countries/x/": "<p>No heading of its own.</p>"})
    part = pdf_document.Part("countries/x/", f"Country {HOSTILE}", "en")
    doc = pdf_document.Doc(
        "downloads/x.en.pdf", f"Country {HOSTILE}", "en", [part], "dossier", HOSTILE
    )
    html = pdf_document.assemble(doc, root, "", f"Portal {HOSTILE}", BUILD_DATE, words=words)
    page = Elements(html)
    assert [tag for tag, _ in page.tags if tag in ("img", "script")] == []
    assert HOSTILE not in html
    assert page.text["cover-kind"] == f"Programme {HOSTILE}"
    assert page.text["cover-title"] == f"Country {HOSTILE}"
    assert page.text["title"] == f"Country {HOSTILE}"
    assert page.first("meta")["charset"] == "utf-8"
    authors = [a["content"] for tag, a in page.tags if tag == "meta" and a.get("name") == "author"]
    assert authors == [f"Programme {HOSTILE}"]  # the portal's name in the document's language
    # The part had no heading: the one it is given, and its entry in the contents, are text too.
    assert page.text["toc-top"] == f"Country {HOSTILE}"
    assert page.text["h1"] == f"Country {HOSTILE}"


def test_a_pages_own_pdf_has_a_band_and_no_cover_or_contents(site):
    words = i18n.Labels.of_portal(None, {"en": HOSTILE}, "en")
    root = site({"countries/x/": '<h1 id="x">X</h1><h2 id="a">A</h2>'})
    doc = pdf_document.Doc(
        "countries/x/x.en.pdf", "X", "en", [pdf_document.Part("countries/x/", "X", "en")]
    )
    html = pdf_document.assemble(
        doc, root, "https://policies.example.org/", "Portal", BUILD_DATE, words=words
    )
    page = Elements(html)
    assert "cover" not in page.text and "toc" not in page.text
    assert page.text["cover-kind"] == HOSTILE  # in the band
    assert page.text["cover-meta"] == "English · November 28, 2026"
    assert page.text["band"].endswith("https://policies.example.org/")
    section = page.first("section")
    assert (section["class"], section["id"], section["lang"], section["dir"]) == (
        "part part-major",
        "part",
        "en",
        "ltr",
    )


def test_an_arabic_cover_reads_right_to_left_with_its_date_and_address_isolated(site):
    words = i18n.Labels.of_portal(None, {"en": "Portal", "ar": "البوابة"}, "en")
    root = site({"ar/countries/x/": '<h1 id="a">المغرب</h1><p>القانون رقم 27-14</p>'})
    part = pdf_document.Part("ar/countries/x/", "المغرب", "ar")
    doc = pdf_document.Doc("downloads/x.ar.pdf", "المغرب", "ar", [part], "dossier", "ملف البلد")
    html = pdf_document.assemble(
        doc, root, "https://policies.example.org/", "Portal", BUILD_DATE, words=words
    )
    page = Elements(html)
    assert page.first("html") == {"lang": "ar", "dir": "rtl"}
    assert page.text["cover-kind"] == "البوابة"
    date = i18n.format_partial_date("2026-11-28", "ar")
    assert f'<div class="cover-meta">العربية · <bdi>{date}</bdi></div>' in html
    assert (
        '<div class="cover-source"><a href="https://policies.example.org/" dir="ltr">'
        "https://policies.example.org/</a></div>" in html
    )
    assert page.text["toc"].strip().startswith("المحتويات")
    # The page counter speaks Arabic, and the article's numbers are isolated left to right.
    assert 'content: "صفحة " counter(page) " من " counter(pages);' in html
    assert 'القانون رقم <bdi dir="ltr">27-14</bdi>' in html


def test_the_page_counter_cannot_close_its_style_element():
    css = pdf_document._page_counter({"page_counter": 'p. {page} "of" </style><script>{pages}'})
    assert "<" not in css
    assert css == r'"p. " counter(page) " \"of\" \3c /style>\3c script>" counter(pages)'


def test_without_toc_drops_only_the_contents(site):
    words = i18n.Labels.of_portal(None, {"en": "Portal"}, "en")
    root = site({"countries/x/": '<h1 id="x">X</h1>', "objectives/o/": '<h1 id="o">O</h1>'})
    parts = [
        pdf_document.Part("countries/x/", "X", "en"),
        pdf_document.Part("objectives/o/", "O", "en"),
    ]
    doc = pdf_document.Doc("downloads/all.en.pdf", "All", "en", parts, "portal", "Everything")
    html = pdf_document.assemble(doc, root, "", "Portal", BUILD_DATE, words=words)
    assert Elements(html).text["toc"].split() == ["Contents", "X", "O"]
    short = Elements(pdf_document.without_toc(html))
    assert "toc" not in short.text and short.text["cover-title"] == "All"
    assert [a["id"] for tag, a in short.tags if tag == "section"] == ["p0--part", "p1--part"]


def test_an_email_note_prints_the_address_and_links_to_write_to_it():
    body = '<p><a href="mailto:desk@example.org">Write to us</a></p>'
    noted = pdf_article.link_notes(body, pdf_document.print_labels(i18n.GENERIC, "en"))
    # Not href="desk@example.org": a relative address WeasyPrint would turn into file:///...
    assert '<a href="mailto:desk@example.org" dir="ltr">desk@example.org</a>' in noted


def last_footer(html: str) -> str:
    start = html.rindex('<footer class="colophon"')
    return html[start : html.index("</footer>", start) + len("</footer>")]


def test_the_last_lines_state_the_licence_with_its_address_or_that_none_is_stated(site):
    """The colophon after the last part (issue 24): the licence of programme.yml in the
    document's language, its address written out for paper, a fallback name marked with its
    language; without a licence, that none is stated."""
    licence = {"name": {"en": "CC BY 4.0"}, "url": "https://creativecommons.org/licenses/by/4.0/"}
    words = i18n.Labels.of_portal(None, {"en": "Portal", "ar": "البوابة"}, "en", licence)
    root = site({"ar/countries/x/": '<h1 id="a">المغرب</h1>'})
    doc = pdf_document.Doc(
        "downloads/x.ar.pdf", "المغرب", "ar", [pdf_document.Part("ar/countries/x/", "x", "ar")]
    )
    html = pdf_document.assemble(doc, root, "", "Portal", BUILD_DATE, words=words)
    assert html.rindex('<footer class="colophon"') > html.rindex("</section>")
    colophon = Elements(last_footer(html))
    assert colophon.first("footer") == {"class": "colophon", "lang": "ar", "dir": "rtl"}
    link = colophon.first("a")
    assert link["href"] == licence["url"] and link["lang"] == "en" and link["rel"] == "license"
    text = " ".join(colophon.text["colophon"].split())
    assert text.startswith("نصوص هذه البوابة وبياناتها: CC BY 4.0 (https://creativecommons.org")
    assert text.endswith("تحتفظ المصادر التي تحيل إليها بشروطها الخاصة.")
    words = i18n.Labels.of_portal(None, {"en": "Portal"}, "en")
    html = pdf_document.assemble(doc, root, "", "Portal", BUILD_DATE, words=words)
    colophon = Elements(last_footer(html))
    assert " ".join(colophon.text["colophon"].split()) == words("ar")["licence_none"]


def test_whole_portal_nests_countries_under_countries_and_objectives_under_objectives(site):
    """The whole portal's contents and outline: each country a level under "Countries", each
    objective under "Objectives" (they were all listed flat, beside the index pages)."""
    words = i18n.Labels.of_portal(None, {"en": "Portal"}, "en")
    pages = {
        "": "<h1>Home</h1>",
        "countries/": "<h1>Countries</h1>",
        "countries/mali/": "<h1>Mali</h1><h2 id='laws'>Laws</h2>",
        "countries/nepal/": "<h1>Nepal</h1>",
        "objectives/": "<h1>Objectives</h1>",
        "objectives/legislation/": "<h1>Legislation</h1>",
        "instruments/africa/": "<h1>Africa</h1>",  # its index is not in this document
        "about/": "<h1>About</h1>",
    }
    root = site(pages)
    parts = [pdf_document.Part(url, "x", "en") for url in pages]
    assert pdf_document.depths([p.url for p in parts]) == [0, 0, 1, 1, 0, 1, 0, 0]
    doc = pdf_document.Doc("downloads/portal.en.pdf", "Portal", "en", parts, "portal")
    html = pdf_document.assemble(doc, root, "", "Portal", BUILD_DATE, words=words)
    entries = re.findall(r'<li class="([^"]+)"><a href="[^"]*">([^<]*)</a></li>', html)
    assert entries == [
        ("toc-top", "Home"),
        ("toc-top", "Countries"),
        ("toc-sub", "Mali"),
        ("toc-sub", "Nepal"),
        ("toc-top", "Objectives"),
        ("toc-sub", "Legislation"),
        ("toc-top", "Africa"),
        ("toc-top", "About"),
    ]
    sections = [a["class"] for tag, a in Elements(html).tags if tag == "section"]
    assert sections[2] == "part part-major part-depth-1"  # its headings a level down (print.css)
    assert sections[1] == "part part-parent"  # its own headings leave the outline to them
