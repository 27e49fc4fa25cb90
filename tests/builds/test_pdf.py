"""PDF export of the fixture portal: every page, dossiers, the whole portal, and the cache."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from sitebuild import copy_fixture, mkdocs_build

LANGS = {"en": "", "fr": "fr/", "ru": "ru/", "ar": "ar/"}
PAGES = {
    "": "home",
    "about/": "about",
    "compare/": "compare",
    "contacts/": "contacts",
    "downloads/": "downloads",
    "countries/": "countries",
    "countries/colombia/": "colombia",
    "countries/morocco/": "morocco",
    "instruments/": "instruments",
    "matrix/": "matrix",
    "objectives/": "objectives",
    "objectives/cooperation/": "cooperation",
    "objectives/legislation/": "legislation",
    "open-data/": "open-data",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_fixture(tmp_path_factory.mktemp("pdf"))
    result = mkdocs_build(project, project / "site", "--strict")
    assert result.returncode == 0, result.stderr
    return project


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    cmd = ["pdftotext", "-layout"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*cmd, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def last_run(project: Path) -> dict:
    return json.loads((project / ".cache/pdf/last-run.json").read_text())


def test_a_pdf_of_every_page_in_every_language_next_to_it(built):
    site = built / "site"
    missing = [
        f"{prefix}{url}{name}.{lang}.pdf"
        for lang, prefix in LANGS.items()
        for url, name in PAGES.items()
        if not (site / f"{prefix}{url}{name}.{lang}.pdf").is_file()
    ]
    assert missing == []
    page = (site / "fr/countries/morocco/index.html").read_text(encoding="utf-8")
    assert (
        '<a class="md-button" href="morocco.fr.pdf" download>Télécharger cette page en PDF</a>'
        in page
    )


def test_dossiers_and_whole_portal_per_language(built):
    downloads = built / "site" / "downloads"
    for lang in LANGS:
        for name in (
            "portal",
            "country-morocco",
            "country-colombia",
            "objective-legislation",
            "objective-cooperation",
        ):
            assert (downloads / f"{name}.{lang}.pdf").is_file(), (name, lang)


def test_pdf_text_is_the_page_in_its_language(built):
    site = built / "site"
    assert "Morocco adopted a law against trafficking in 2016" in text(
        site / "countries/morocco/morocco.en.pdf"
    )
    french = text(site / "fr/countries/morocco/morocco.fr.pdf")
    assert "Organes de coordination" in french and "Loi n° 27-14" in french
    russian = text(site / "ru/countries/morocco/morocco.ru.pdf")
    assert "Марокко приняло закон" in russian and "Координирующие органы" in russian
    arabic = text(site / "ar/countries/morocco/morocco.ar.pdf")
    assert "المغرب" in arabic
    # The English fallback narrative inside the Arabic edition stays readable English.
    assert "kumquat" in text(site / "ar/countries/colombia/colombia.ar.pdf")


def test_no_site_chrome_and_no_blank_first_page(built):
    site = built / "site"
    for lang, prefix in LANGS.items():
        pdf = site / f"{prefix}countries/morocco/morocco.{lang}.pdf"
        first = text(pdf, 1)
        assert first.strip(), f"{pdf} starts with a blank page"
        for chrome in ("Skip to content", "Made with", "Material for MkDocs", "Search"):
            assert chrome not in text(pdf)


def test_every_font_is_embedded(built):
    site = built / "site"
    for pdf in [
        site / "downloads/portal.ar.pdf",
        site / "downloads/portal.ru.pdf",
        site / "countries/morocco/morocco.en.pdf",
    ]:
        lines = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert lines, f"{pdf} has no font"
        for line in lines:
            assert re.search(r"\syes\s+yes\s+yes\s", line), f"{pdf}: {line}"


def test_metadata(built):
    reader = PdfReader(built / "site/downloads/portal.fr.pdf")
    meta = reader.metadata
    assert meta.title == "Portail de test"  # the programme's name in French (programme.yml)
    assert meta.author == "Fixture portal"
    assert meta.creation_date.year == 2026
    catalog = reader.trailer["/Root"]
    assert catalog.get("/Lang") == "fr"


def test_whole_portal_has_cover_toc_outline_and_working_internal_links(built):
    pdf = built / "site/downloads/portal.fr.pdf"
    reader = PdfReader(pdf)
    cover = text(pdf, 1)
    assert "Portail de test" in cover and "28 novembre 2026" in cover
    toc = text(pdf, 2)
    assert "Table des matières" in toc and "Maroc" in toc
    assert re.search(r"Maroc\s*\.{3,}\s*\d+", toc), toc
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Maroc" in titles and "Colombie" in titles
    # Internal links point at destinations that exist in the document.
    named = reader.named_destinations
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            dest = a.get("/Dest")
            action = a.get("/A")
            if dest is None and action is not None and action.get("/S") == "/GoTo":
                dest = action.get("/D")
            if dest is None:
                continue
            internal += 1
            if isinstance(dest, str):
                assert dest in named, dest
    assert internal > 10


def test_arabic_dossier_is_right_to_left(built):
    pdf = built / "site/downloads/country-morocco.ar.pdf"
    html_doc = (built / "site/ar/countries/morocco/index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in html_doc
    # pdftotext keeps logical order; the Arabic title and labels are there, shaped.
    body = text(pdf)
    assert "المغرب" in body and "الصكوك" in body


def test_cache_renders_only_what_changed(built):
    again = mkdocs_build(built, built / "site", "--strict")
    assert again.returncode == 0, again.stderr
    assert last_run(built)["rendered"] == []
    assert "PDF: rendered 0," in again.stderr
    narrative = built / "countries/morocco/index.md"
    narrative.write_text(narrative.read_text() + "\nA sentence added by the test.\n")
    third = mkdocs_build(built, built / "site", "--strict")
    assert third.returncode == 0, third.stderr
    rendered = set(last_run(built)["rendered"])
    assert "countries/morocco/morocco.en.pdf" in rendered
    assert "downloads/country-morocco.en.pdf" in rendered
    assert "downloads/portal.en.pdf" in rendered
    # French shows the English narrative (no translation): it changed too.
    assert "fr/countries/morocco/morocco.fr.pdf" in rendered
    # Untouched: Colombia's pages and dossiers, and the Arabic and Russian pages of Morocco,
    # which have their own narratives.
    assert not any("colombia" in p for p in rendered), rendered
    assert "ar/countries/morocco/morocco.ar.pdf" not in rendered
    assert "ru/countries/morocco/morocco.ru.pdf" not in rendered
