"""The licence programme.yml declares is stated wherever the portal's texts and data leave it:
every page's footer, the last lines of every PDF, the open data (portal.json, the Data
Package, the DCAT-AP catalogue, the open-data page), in the reader's language; a programme
that declares none says so and claims none."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from sitebuild import ROOT, html_pages

from portal import datacatalog

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_P = re.compile(r'<p class="portal-licence">(.*?)</p>', re.S)


def labels(lang: str, own: Path | None = None) -> dict:
    shipped = ROOT / "portal/labels" / f"{lang}.yml"
    path = shipped if shipped.is_file() else own / f"{lang}.yml"  # type: ignore[operator]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def page_lang(text: str) -> str:
    return re.search(r'<html[^>]*\slang="([^"]+)"', text)[1]  # type: ignore[index]


def plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def footer_statements(site: Path) -> dict[str, tuple[str, str]]:
    """Page -> (its language, the text of its footer's licence line) for every page."""
    out = {}
    not_found = sorted(p.relative_to(site).as_posix() for p in site.rglob("404.html"))
    for rel in html_pages(site) + not_found:
        text = (site / rel).read_text(encoding="utf-8")
        footer = text[text.index('<div class="md-copyright">') :]
        found = LICENCE_P.findall(footer)
        assert len(found) == 1, f"{rel}: {len(found)} licence lines in the footer"
        out[rel] = (page_lang(text), found[0])
    return out


@pytest.fixture(scope="module")
def site(builds) -> Path:
    return builds.get("site", site_url="").site


def test_every_page_footer_states_the_licence_in_its_language(site):
    statements = footer_statements(site)
    assert {"404.html", "fr/404.html", "ar/404.html"} <= set(statements)
    for rel, (lang, fragment) in statements.items():
        words = labels(lang)
        before = words["licence_statement"].split("{licence}")[0]
        text = plain(fragment)
        assert text.startswith(" ".join(before.split())), (rel, text)
        assert "CC BY 4.0" in text and words["licence_sources"] in text, (rel, text)
        link = re.search(r"<a ([^>]*)>CC BY 4.0</a>", fragment)
        assert link and f'href="{CC_BY}"' in link[1] and 'rel="license"' in link[1], rel
        # Declared in English and French only: elsewhere the name is marked as English.
        assert ('lang="en"' in link[1]) == (lang not in ("en", "fr")), (rel, link[1])
        note = "Pour les textes et les données" if lang == "fr" else "For the portal's own"
        assert note in text, (rel, text)


def test_the_open_data_states_the_licence(site):
    data = json.loads((site / "downloads/data/portal.json").read_text(encoding="utf-8"))
    assert data["programme"]["licence"]["url"] == CC_BY
    for lang, prefix in (("en", ""), ("fr", "fr/"), ("ar", "ar/")):
        page = (site / prefix / "open-data/index.html").read_text(encoding="utf-8")
        article = page[page.index("<article") : page.index("</article>")]
        (statement,) = LICENCE_P.findall(article)
        assert labels(lang)["licence_sources"] in plain(statement)
        assert f'href="{CC_BY}"' in statement


def pdftext(pdf: Path, last_page_only: bool = True) -> str:
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", pages)[1])  # type: ignore[index]
    first = str(count) if last_page_only else "1"
    return subprocess.run(
        ["pdftotext", "-f", first, "-l", str(count), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_a_programme_without_a_licence_says_none_is_stated_and_claims_none(programme3):
    """Programme 3 declares no licence: every page says so in its language (Chinese from its
    own labels file), no page links a licence, the open data and the PDFs claim none."""
    site = programme3 / "site"
    own = ROOT / "tests/fixtures/programme3/labels"
    statements = footer_statements(site)
    assert {lang for lang, _ in statements.values()} == {"ar", "en", "zh"}
    for rel, (lang, fragment) in statements.items():
        assert plain(fragment) == labels(lang, own)["licence_none"], rel
    for rel in html_pages(site):
        assert 'rel="license"' not in (site / rel).read_text(encoding="utf-8"), rel
    data = json.loads((site / "downloads/data/portal.json").read_text(encoding="utf-8"))
    assert data["programme"]["licence"] is None
    package = json.loads((site / datacatalog.PACKAGE).read_text(encoding="utf-8"))
    assert "licenses" not in package
    assert "license" not in (site / datacatalog.CATALOGUE).read_text(encoding="utf-8")
    for pdf in (site / "downloads").glob("country-*.zh.pdf"):
        last = " ".join(pdftext(pdf).split())
        assert labels("zh", own)["licence_none"] in last, pdf.name


def test_every_pdf_ends_with_the_licence(programme2):
    """Programme 2 (French by default) declares CC0: the last page of each PDF says so, with
    the licence's address written out for paper."""
    site = programme2 / "site"
    pdfs = sorted(site.rglob("*.pdf"))
    assert len(pdfs) > 20
    for pdf in pdfs:
        lang = pdf.name.split(".")[-2]
        words = labels(lang)
        last = " ".join(pdftext(pdf).split())
        assert "CC0 1.0" in last, pdf.name
        assert "https://creativecommons.org/publicdomain/zero/1.0/" in last, pdf.name
        assert words["licence_sources"] in last, pdf.name
