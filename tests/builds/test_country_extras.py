"""What issue 24 adds to a built country page: its schema.org JSON-LD in the head (one block
that parses, an item per instrument, inert whatever the titles hold), its timeline (every
event linked to a row of the same page) and the line linking the page in its country's
official languages."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

LANGS = ("en", "fr", "ru", "ar")  # the fixture's, default first
LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def page(site: Path, lang: str, slug: str) -> str:
    prefix = "" if lang == "en" else f"{lang}/"
    return (site / f"{prefix}countries/{slug}/index.html").read_text(encoding="utf-8")


def blocks(html: str) -> list[str]:
    return LD_RE.findall(html)


@pytest.fixture(scope="module")
def site(builds) -> Path:
    return builds.get("site").site


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", ["morocco", "colombia"])
def test_a_country_page_carries_its_laws_as_json_ld(site, lang, slug):
    html = page(site, lang, slug)
    found = blocks(html)
    assert len(found) == 1
    assert html.index(found[0]) < html.index("</head>")
    graph = json.loads(found[0])
    country, *laws = graph["@graph"]
    source = Path(__file__).parents[1] / f"fixtures/site/countries/{slug}/country.yml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert country["@type"] == "Country" and country["identifier"] == data["iso3"]
    assert country["name"] == data["names"].get(lang, data["names"]["en"])
    assert [x["@type"] for x in laws] == ["Legislation"] * len(data.get("instruments", []))
    for law, ins in zip(laws, data.get("instruments", []), strict=True):
        assert law["name"] == ins["title"].get(lang, ins["title"]["en"])
        assert law["url"] == ins["source"]
        assert law["legislationJurisdiction"] == {"@id": "#country"}


def test_no_other_page_carries_json_ld(site):
    assert not blocks((site / "index.html").read_text(encoding="utf-8"))
    assert not blocks((site / "instruments/index.html").read_text(encoding="utf-8"))


def test_hostile_titles_stay_inside_the_block(builds):
    """tests/hostile/site: an original title `</i><script>alert(1)</script>` and a source with
    `"><script>`: the block parses back to them, and holds no `<` that could end it."""
    html = page(builds.get("hostile").site, "en", "hostile")
    (found,) = blocks(html)
    assert "<" not in found and ">" not in found
    law = json.loads(found)["@graph"][1]
    assert law["alternateName"] == "</i><script>alert(1)</script>"
    assert law["url"].endswith('"><script>alert(1)</script>')


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.timeline_links: list[str] = []
        self._in_timeline = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "table" and "portal-timeline" in (a.get("class") or ""):
            self._in_timeline = True
        if self._in_timeline and tag == "a" and (a.get("href") or "").startswith("#"):
            self.timeline_links.append(a["href"][1:])

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_timeline = False


@pytest.mark.parametrize("lang", LANGS)
def test_every_timeline_event_links_to_a_row_of_the_page(site, lang):
    parser = _Ids()
    parser.feed(page(site, lang, "morocco"))
    assert "timeline" in parser.ids
    # Morocco's fixture: the Protocol's date, the law's year, an activity.
    assert {"treaty-tip", "law-27-14", "activity-1"} <= set(parser.timeline_links)
    assert set(parser.timeline_links) <= parser.ids


ALSO_RE = re.compile(r'<div class="portal-also-in"><p>(.*?)</p>', re.S)
LINK_RE = re.compile(r'<a href="([^"]+)" hreflang="(\w+)" lang="(\w+)" dir="(\w+)">([^<]+)</a>')


@pytest.mark.parametrize("lang", ["en", "fr", "ru"])
def test_a_country_page_links_itself_in_the_countrys_official_languages(site, lang):
    """Morocco's official language is Arabic, which the fixture has: every other edition of
    its page links the Arabic one, named in Arabic and marked as Arabic."""
    html = page(site, lang, "morocco")
    (line,) = ALSO_RE.findall(html)
    ((href, hreflang, code, direction, name),) = LINK_RE.findall(line)
    assert (hreflang, code, direction, name) == ("ar", "ar", "rtl", "العربية")
    prefix = "" if lang == "en" else f"{lang}/"
    target = (site / f"{prefix}countries/morocco/" / href / "index.html").resolve()
    assert target == (site / "ar/countries/morocco/index.html").resolve() and target.is_file()
    assert html.index(line) < html.index('class="portal-glance"')  # near the top


def test_no_line_where_the_reader_has_the_only_official_language_or_the_portal_has_none(site):
    assert not ALSO_RE.findall(page(site, "ar", "morocco"))  # Arabic: already in it
    for lang in LANGS:
        assert not ALSO_RE.findall(page(site, lang, "colombia"))  # Spanish: not built


@pytest.mark.parametrize("lang", LANGS)
def test_an_instrument_shows_its_title_in_the_readers_language_and_the_original(site, lang):
    """Colombia's law in the fixture: its title for readers and `Ley 985 de 2005`, the
    original, marked as Spanish, in the catalogue's row and in its search record."""
    prefix = "" if lang == "en" else f"{lang}/"
    catalogue = (site / f"{prefix}instruments/index.html").read_text(encoding="utf-8")
    (row,) = [r for r in catalogue.split("<tr ")[1:] if "Ley 985" in r]
    title = re.search(
        r'<span class="portal-title">(.*?)</span></span>|<span class="portal-title">(.*?)</span>',
        row,
    )
    assert title and "Law 985 of 2005" in title[0]  # in English where no translation is
    assert '<i class="portal-original" lang="es" dir="ltr">Ley 985 de 2005</i>' in row
    docs = json.loads((site / f"{prefix}search/search_docs.json").read_text(encoding="utf-8"))
    (record,) = [d for d in docs if d["title"] == "Law 985 of 2005"]
    assert record["location"].startswith("countries/colombia/#")
    assert "Ley 985 de 2005" in record["text"]


def pdf_text(pdf: Path) -> str:
    """pdftotext in reading order, without the bidi control characters it adds."""
    out = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.translate({c: None for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E)})


@pytest.mark.parametrize(
    "lang, heading, adoption, intro_word",
    [("en", "Timeline", "Adoption", "oldest"), ("ar", "التسلسل الزمني", "الاعتماد", "الأقدم")],
)
def test_the_timeline_is_in_the_country_dossier_pdf(builds, lang, heading, adoption, intro_word):
    """The PDF is made from the page: its timeline's heading and events, in English and in
    Arabic (the fixture's Morocco: the Protocol in 2011, the law's adoption in 2016, the
    workshop of April 2019, the strategy's period 2023-2030)."""
    site = builds.get("site+figure", pdf=True).site
    body = pdf_text(site / f"downloads/country-morocco.{lang}.pdf")
    assert heading in body and intro_word in body
    after = body[body.index(heading) :]
    assert f"{adoption}" in after and "Law No. 27-14" in after
    assert "Sub-regional workshop on migrant smuggling" in after
    years = [y for y in re.findall(r"\b(20\d\d)\b", after[: after.index("Sub-regional")])]
    assert "2011" in years and "2016" in years


def test_search_does_not_index_the_timeline_twice(site):
    """Its events are told in the tables above it (instruments have records of their own)."""
    docs = json.loads((site / "search/search_docs.json").read_text(encoding="utf-8"))
    (record,) = [d for d in docs if d["location"] == "countries/morocco/#timeline"]
    assert "Adoption" not in record["text"] and "oldest first" in record["text"]
