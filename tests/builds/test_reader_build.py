"""What a reader receives from a fixture build without a published address: no made-up
address, a home page that is a landing page, a country page that starts with what matters."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from portal import addresses

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(builds):
    """The fixture built with PORTAL_SITE_URL="" and without PDFs (shared with the browser
    tests), and what the build said."""
    build = builds.get("site", site_url="")
    return build.site, build.log


def text_files(site: Path):
    for path in site.rglob("*"):
        # Material's source maps quote its own source code (a comment names localhost).
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js", ".txt", ".csv"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_the_build_says_once_that_no_address_is_configured(built):
    _, log = built
    assert log.count(addresses.NO_SITE_URL) == 1


def test_markdown_reads_none_of_the_generated_html_in_a_real_build(built):
    """Every finished HTML block of the generated pages reached the hooks as the generator
    wrote it and was held out of Markdown (portal.htmlblocks), in every language."""
    _, log = built
    found = re.search(r"Finished HTML held out of Markdown: (\d+) of (\d+) blocks", log)
    assert found, log[-2000:]
    assert found[1] == found[2] and int(found[2]) > 50


def test_no_file_holds_localhost_or_a_none_address(built):
    site, _ = built
    bad = [p.relative_to(site).as_posix() for p, text in text_files(site) if "localhost" in text]
    assert bad == []
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "None" not in sitemap


def test_sitemap_addresses_are_relative_to_the_site_root(built):
    site, _ = built
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert len(locs) == 64  # 16 pages in 4 languages
    assert "countries/morocco/" in locs and "ar/countries/morocco/" in locs and "./" in locs
    assert all("://" not in loc and not loc.startswith("/") for loc in locs)
    assert '<xhtml:link rel="alternate" hreflang="fr" href="fr/countries/morocco/"/>' in sitemap


def test_pages_carry_no_canonical_nor_hreflang_without_an_address(built):
    site, _ = built
    page = (site / "ar/countries/morocco/index.html").read_text(encoding="utf-8")
    head = page.split("</head>")[0]
    assert 'rel="canonical"' not in head
    assert 'rel="alternate"' not in head
    assert "://" not in "".join(re.findall(r'<link [^>]*href="([^"]*)"', head))


def test_citation_gives_the_path_and_says_why(built):
    site, _ = built
    page = (site / "fr/countries/morocco/index.html").read_text(encoding="utf-8")
    cite = page.split('<p class="portal-cite-text">')[1].split("</p>")[0]
    assert '<span class="portal-cite-url" dir="ltr" data-path="/fr/countries/morocco/">' in cite
    assert "construite sans son adresse de publication" in cite
    # No history in this copy: the "last updated" clause is left out, never printed as "–".
    assert "–" not in cite and "mise à jour" not in cite
    assert "aujourd'hui" not in cite


@pytest.mark.parametrize(
    ("site_url", "url", "cite", "path"),
    [
        (
            "https://x.org/portal/",
            "fr/countries/morocco/",
            "https://x.org/portal/fr/countries/morocco/",
            "/fr/countries/morocco/",
        ),
        (
            "https://x.org",
            "countries/morocco.html",
            "https://x.org/countries/morocco/",
            "/countries/morocco/",
        ),
        (None, "ar/", "", "/ar/"),
        ("", "./", "", "/"),
    ],
)
def test_addresses_of_a_page(site_url, url, cite, path):
    got = addresses.of_page(site_url, url, {"en": "countries/morocco/", "fr": url})
    assert got["portal_cite_url"] == cite
    assert got["portal_cite_path"] == path
    assert bool(got["portal_hreflang"]) == bool(site_url)
    assert all("://" in href for _, href in got["portal_hreflang"])


def page_of(built, rel: str) -> str:
    return (built[0] / rel).read_text(encoding="utf-8")


def article(html: str) -> str:
    return html.split("<article", 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize(
    ("rel", "text", "parties"),
    [
        ("index.html", "Welcome.", "parties to the Trafficking in Persons Protocol"),
        ("fr/index.html", "Bienvenue.", "États parties au Protocole relatif à la traite des personnes"),
        ("ar/index.html", "مرحبا.", "دولة طرف في بروتوكول الاتجار بالأشخاص"),
    ],
)  # fmt: skip
def test_home_page_is_a_landing_page(built, rel, text, parties):
    html = article(page_of(built, rel))
    order = [
        html.index('class="portal-purpose"'),
        html.index('for="__search"'),
        html.index('class="portal-picker"'),
        html.index('class="portal-figures"'),
        html.index('class="portal-map"'),
    ]
    assert order == sorted(order)
    # The programme's one-line purpose (English only in the fixture: marked as English).
    assert "A small portal the tests build." in html
    figures = re.findall(r"<li>(?:<a [^>]*>)?<strong>(\d+)</strong> ([^<]*)", html)
    assert figures[0][0] == "2" and figures[1][0] == "4"  # countries, instruments
    assert ("1", parties) in figures  # Morocco is a party; Colombia's status is not documented
    # The map encodes that status, with a legend.
    assert 'class="portal-map-partner portal-map-party"' in html
    assert 'class="portal-map-partner portal-map-unknown"' in html
    assert html.count('<li><span class="portal-map-key">') == 4
    assert '<a href="countries/morocco/">' in html.split('class="portal-map-legend"')[1]
    # The hand-written text follows.
    assert html.index('class="portal-map"') < html.index(text)


@pytest.mark.parametrize("rel", ["index.html", "fr/index.html", "ar/countries/morocco/index.html"])
def test_no_material_credit_and_footer_labels_translated(built, rel):
    html = page_of(built, rel)
    assert "Made with" not in html
    # The translation status is for editors: no reader's page links it (the about page does).
    assert "État des traductions" not in html and "Translation status" not in html
    assert 'href="translations/' not in html and "translations/" not in re.sub(
        r"<article.*?</article>", "", html, flags=re.DOTALL
    )


def test_country_page_starts_with_laws_plans_treaties_body_contact_and_review(built):
    html = article(page_of(built, "fr/countries/morocco/index.html"))
    glance = html.split('class="portal-glance"', 1)[1].split("</dl>", 1)[0]
    labels = re.findall(r"<dt>(.*?)</dt>", glance)
    assert labels == [
        "Principales lois",
        "Stratégie ou plan d&#39;action en vigueur",
        "Protocole relatif à la traite des personnes",
        "Protocole contre le trafic illicite de migrants",
        "Organes de coordination",
        "Point de contact",
        "Dernière vérification",
    ]
    assert '<a href="#law-27-14">Loi n° 27-14 relative à la traite des êtres humains</a>' in glance
    assert "En vigueur" in glance
    assert '<a href="#contacts">Quentin Quillfeather</a>' in glance
    # The narrative comes after the first screen.
    assert html.index("</dl>") < html.index('id="overview"')


def test_sources_are_named_by_their_publisher(built):
    html = article(page_of(built, "countries/morocco/index.html"))
    links = re.findall(r'<a class="portal-source" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert links and all(name == "example.org" for _, name in links)
    assert ">Source</a>" not in html and "[2]" not in html


class _VisibleText(HTMLParser):
    """The text a reader sees, with the language each run is marked as (lang attributes)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}  # fmt: skip
    HIDDEN = {"script", "style", "template", "svg", "head"}

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.stack: list[tuple[str, str, bool]] = [("", lang, False)]
        self.runs: list[tuple[str, str]] = []  # (language, text)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        _, lang, hidden = self.stack[-1]
        marked = dict(attrs).get("lang")
        self.stack.append((tag, marked or lang, hidden or tag in self.HIDDEN))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        _, lang, hidden = self.stack[-1]
        if not hidden and data.strip():
            self.runs.append((lang, " ".join(data.split())))


def test_translated_pages_carry_no_english_outside_text_marked_english(built):
    """Every label the portal shows in English must reach a French or Russian reader in their
    language: no English label text on their pages, except inside text marked lang="en" (a
    narrative or a title not yet translated, announced as such)."""
    site, _ = built
    english = yaml.safe_load((ROOT / "portal" / "labels" / "en.yml").read_text(encoding="utf-8"))
    checked = 0
    for lang in ("fr", "ru"):
        own = yaml.safe_load((ROOT / "portal" / "labels" / f"{lang}.yml").read_text("utf-8"))
        phrases = {
            re.sub(r"\{[a-z_]+\}", "", text).strip(" :.")
            for key, text in english.items()
            if isinstance(text, str) and text != own.get(key)
        }
        phrases = {p for p in phrases if len(p.split()) >= 2 and len(p) >= 8}  # not file names
        for page in (site / lang).rglob("*.html"):
            parser = _VisibleText(lang)
            parser.feed(page.read_text(encoding="utf-8"))
            shown = " | ".join(text for run_lang, text in parser.runs if run_lang == lang)
            found = sorted(p for p in phrases if p in shown)
            assert not found, (page.relative_to(site).as_posix(), found)
            checked += 1
    assert checked > 20
