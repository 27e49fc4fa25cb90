"""End-to-end build of a small fixture portal: two countries, two objectives, three languages."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from sitebuild import copy_fixture, html_pages, mkdocs_build

LANGS = ("", "fr/", "ru/", "ar/")
PAGES = [
    "index.html",
    "about/index.html",
    "compare/index.html",
    "contacts/index.html",
    "downloads/index.html",
    "countries/index.html",
    "countries/colombia/index.html",
    "countries/morocco/index.html",
    "instruments/index.html",
    "matrix/index.html",
    "objectives/index.html",
    "objectives/cooperation/index.html",
    "objectives/legislation/index.html",
    "open-data/index.html",
    "translations/index.html",
    "whats-new/index.html",
]


@pytest.fixture(scope="module")
def site(builds) -> Path:
    """The session's build with PDFs (tests/builds/test_pdf.py reads them): every page links
    to its PDF, and those links must resolve. It has a figure beside Colombia's narrative."""
    return builds.get("site+figure", pdf=True).site


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_exact_pages_per_language(site):
    expected = sorted(f"{lang}{page}" for lang in LANGS for page in PAGES)
    assert html_pages(site) == expected


def test_generated_sources_are_written_into_docs(site):
    docs = site.parent / "docs"
    assert (docs / "countries/morocco.md").is_file()
    assert (docs / "countries/morocco.fr.md").is_file()
    assert (docs / "countries/morocco.ar.md").is_file()
    assert (docs / "objectives/legislation.fr.md").is_file()


def test_lang_and_dir(site):
    assert '<html lang="en"' in read(site, "countries/morocco/index.html")
    assert '<html lang="fr"' in read(site, "fr/countries/morocco/index.html")
    arabic = read(site, "ar/countries/morocco/index.html")
    assert '<html lang="ar"' in arabic
    assert re.search(r'<body dir="rtl"', arabic)
    assert re.search(r'<body dir="ltr"', read(site, "fr/countries/morocco/index.html"))


def test_translated_labels_and_no_english_label_on_french_pages(site):
    page = read(site, "fr/countries/colombia/index.html")
    for french in (
        "Dernière vérification",
        "Organes de coordination",
        "Pas encore documenté",
    ):
        assert french in page
    for english in (
        "Last reviewed",
        "Coordinating bodies",
        "Not yet documented",
        "Source</a>x",
    ):
        assert english not in page
    assert "Maroc" in read(site, "fr/countries/index.html")
    assert "المغرب" in read(site, "ar/countries/index.html")


def test_narrative_fallback_is_marked_english_with_notice(site):
    # Colombia has no Arabic narrative: the English one is shown, marked and left-to-right.
    page = read(site, "ar/countries/colombia/index.html")
    assert re.search(r'<div class="portal-fallback" dir="ltr" lang="en">', page)
    notice = re.search(
        r'<p class="portal-notice" dir="rtl" lang="ar" role="note">([^<]+)</p>', page
    )
    assert notice and "الإنجليزية" in notice.group(1)  # English, named by CLDR
    assert "kumquat" in page
    # Morocco has one: no notice.
    morocco = read(site, "ar/countries/morocco/index.html")
    assert "portal-fallback" not in morocco
    assert "اعتمد المغرب قانونا" in morocco


def test_untranslated_page_falls_back_with_notice(site):
    page = read(site, "fr/about/index.html")
    assert "Cette page n'est pas encore traduite dans cette langue" in page
    assert "langue d'origine : anglais" in page
    assert '<div lang="en" dir="ltr">' in page
    assert "zebracrossing" in page
    assert "portal-page-fallback" not in read(site, "about/index.html")
    assert "portal-page-fallback" not in read(site, "fr/index.html")


def test_lists_and_labels_are_punctuated_in_the_reader_language(site):
    # Arabic lists take the Arabic comma; French puts a no-break space before a colon.
    arabic = read(site, "ar/objectives/legislation/index.html")
    assert "الإنجليزية، الفرنسية، العربية" in arabic
    assert re.search(r"\(قانون، <bdi[^>]*>2016</bdi>\)", arabic)  # a year: one isolated unit
    assert not re.search(r"[\u0600-\u06ff], [\u0600-\u06ff]", arabic)
    french = read(site, "fr/objectives/index.html")
    assert re.search(r"<h2[^>]*>Objectif 2\u00a0: Assistance", french)
    assert "Objectif 2: " not in french


def test_yaml_markup_is_rendered_as_text(site):
    page = read(site, "countries/morocco/index.html")
    assert "<script>alert('x')</script>" not in page
    assert "&lt;script&gt;alert(" in page


def search_docs(site: Path, lang: str) -> list[dict]:
    """The documents of an edition's index (search_index.json is the stub the page loads)."""
    return json.loads(read(site, f"{lang}search/search_docs.json"))


def search_locations(site: Path, lang: str, word: str) -> set[str]:
    return {
        d["location"] for d in search_docs(site, lang) if word in d["text"] or word in d["title"]
    }


def test_metadata_is_in_the_search_index(site):
    assert "countries/morocco/#law-27-14" in search_locations(site, "", "27-14")
    assert "contacts/#national" in search_locations(site, "", "Quentin Quillfeather")
    assert "countries/morocco/#contacts" in search_locations(site, "", "Quentin Quillfeather")
    assert "objectives/legislation/#contacts" in search_locations(site, "", "Paula Programme")
    assert "countries/morocco/#law-27-14" in search_locations(site, "fr/", "Loi n° 27-14")


def test_search_index_per_language(site):
    root, french = search_docs(site, ""), search_docs(site, "fr/")
    assert not any(d["location"].startswith(("fr/", "ar/")) for d in root)
    assert not any(d["location"].startswith(("fr/", "ar/")) for d in french)
    stub = json.loads(read(site, "fr/search/search_index.json"))
    assert stub["docs"] == [] and stub["config"]["portal"]["lang"] == "fr"
    assert stub["config"]["portal"]["docs"] == "fr/search/search_docs.json"
    # The French edition searches its own pages, English fallbacks included...
    assert search_locations(site, "fr/", "zebracrossing") == {"about/"}
    assert "Loi n° 27-14" not in json.dumps(root, ensure_ascii=False)
    # ...and each of its pages looks there.
    assert '"base": "../../../fr/"' in read(site, "fr/countries/morocco/index.html")
    assert '"base": "../.."' in read(site, "countries/morocco/index.html")
    # The words of neighbouring table cells stay apart in the index ("TreatyStatusNote").
    treaties = next(d for d in root if d["location"] == "countries/morocco/#treaties")
    words = re.sub(r"<[^>]+>", " ", treaties["text"]).split()
    assert words[:4] == ["Treaty", "Status", "Note", "Source"], words
    assert "Party" in words


def test_language_switcher_leads_to_the_same_page(site):
    page = read(site, "countries/morocco/index.html")
    assert '<a href="../../fr/countries/morocco/" hreflang="fr"' in page
    assert '<a href="../../ar/countries/morocco/" hreflang="ar"' in page
    assert '<a href="../../../countries/morocco/" hreflang="en"' in read(
        site, "ar/countries/morocco/index.html"
    )


def test_sitemap_lists_language_alternates(site):
    sitemap = read(site, "sitemap.xml")
    assert "<loc>https://portal.example.org/countries/morocco/</loc>" in sitemap
    assert 'hreflang="fr" href="https://portal.example.org/fr/countries/morocco/"' in sitemap
    assert 'hreflang="ar" href="https://portal.example.org/ar/countries/morocco/"' in sitemap


def test_navigation_sorted_by_name_in_the_reader_language(site):
    def nav_titles(rel):
        page = read(site, rel)
        primary = page.split('class="md-sidebar md-sidebar--primary"')[1].split(
            "md-sidebar--secondary"
        )[0]
        return re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', primary)

    def compared(rel):
        page = read(site, rel)
        return re.findall(
            r'<th scope="col" data-country="[a-z-]+"><a href="[^"]+">([^<]+)</a>', page
        )

    # Countries are listed on their index page (map, tables), not in every page's sidebar;
    # lists of countries follow their names in the reader's language.
    english = nav_titles("countries/index.html")
    assert "Colombia" not in english and "Morocco" not in english
    assert compared("compare/index.html") == ["Colombia", "Morocco"]
    # In Arabic, المغرب (alif) sorts before كولومبيا (kaf).
    assert compared("ar/compare/index.html") == ["المغرب", "كولومبيا"]
    # On a phone, each country's cell is headed by that country's name (its data-label).
    for rel in ("compare/index.html", "ar/compare/index.html"):
        page = read(site, rel)
        names = dict(
            re.findall(r'<th scope="col" data-country="([a-z-]+)"><a [^>]+>([^<]+)<', page)
        )
        cells = re.findall(r'<td data-country="([a-z-]+)" data-label="([^"]*)"', page)
        assert len(cells) > 10 and all(label == names[slug] for slug, label in cells), cells
    # Sections in a fixed order, titled in the reader's language.
    french = nav_titles("fr/index.html")
    assert french.index("Accueil") < french.index("Pays") < french.index("Objectifs")


def test_matrix_and_catalogue(site):
    matrix = read(site, "matrix/index.html")
    assert "Law No. 27-14 on trafficking in human beings" in matrix
    catalogue = read(site, "instruments/index.html")
    assert catalogue.count("<tr data-country=") == 4
    assert 'data-objectives="legislation cooperation"' in catalogue


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_internal_link_resolves(site):
    broken = []
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            url, _ = urldefrag(html.unescape(link))
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path or url.startswith("mailto:"):
                continue
            if parts.path.startswith("/"):
                target = site / unquote(parts.path).lstrip("/")
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if target.name == "fixture-offline.zip":
                continue  # made by `make offline` after the build; tests/browser/test_offline.py
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert broken == []


class _Fetched(HTMLParser):
    """What a browser would load by itself: scripts, styles, images, frames, fonts."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("rel") not in ("canonical", "alternate") and a.get("href"):
            self.urls.append(a["href"])


def test_no_request_to_another_origin(site):
    offenders = []
    for page in site.rglob("*.html"):
        parser = _Fetched()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(site)}: {u}" for u in parser.urls if "//" in u]
    for css in site.rglob("*.css"):
        offenders += [
            f"{css.name}: {m}"
            for m in re.findall(r"url\(['\"]?(?:https?:)?//[^)]+", css.read_text())
        ]
    assert offenders == []


def test_bad_content_fails_the_build_with_every_error_and_no_traceback(tmp_path):
    project = copy_fixture(tmp_path / "bad")
    meta = project / "countries/colombia/country.yml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("year: 2005", "year: twenty").replace("COL", "XX"),
        encoding="utf-8",
    )
    result = mkdocs_build(project, project / "site", env={"PDF": "0"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "countries/colombia/country.yml:1: iso3: expected an ISO 3166-1 alpha-3 country code "
        "in capitals such as MAR, got 'XX'" in result.stderr
    )
    assert (
        "countries/colombia/country.yml:10: instruments[0].year: expected a year like 2016, "
        "got 'twenty'" in result.stderr
    )
    assert "The content has 2 errors, 0 warnings" in result.stderr


def test_a_not_found_page_in_every_language(site):
    expected = {
        "": ("en", "Page not found"),
        "fr/": ("fr", "Page introuvable"),
        "ru/": ("ru", "Страница не найдена"),
        "ar/": ("ar", "الصفحة غير موجودة"),
    }
    for prefix, (lang, title) in expected.items():
        page = read(site, f"{prefix}404.html")
        assert f'<html lang="{lang}"' in page, prefix
        assert f"<h1>{title}</h1>" in page
        assert f'<a href="/{prefix}">' in page
