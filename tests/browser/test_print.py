"""Printing a page from the browser gives what the portal's PDF gives: the PDFs' shared print
stylesheet (portal/pdf_assets/shared.css, served as assets/portal-print.css) hides the web-only
parts, keeps tables whole and prints the address of every link. Chromium's own print
(page.pdf, print media), in English and in Arabic, on the fixture's pages."""

from __future__ import annotations

import html as htmlmod
import re
import subprocess
import sys
from pathlib import Path

import pytest

from portal import i18n

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "builds"))
from conftest import serve  # noqa: E402
from test_pdf_complete import cell_words, pdf_words, words  # noqa: E402

PAGES = {"en": "countries/morocco/", "ar": "ar/countries/morocco/"}


def printed(reader, url: str, out: Path) -> str:
    reader.goto(url)
    reader.wait_for_load_state("networkidle")
    out.write_bytes(reader.pdf(format="A4", print_background=True))
    return subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("lang", PAGES)
def test_the_browser_prints_what_the_pdf_prints(reader, pdf_fixture_url, builds, tmp_path, lang):
    site = builds.get("site+figure", pdf=True).site
    rel = PAGES[lang]
    text = printed(reader, f"{pdf_fixture_url}/{rel}", tmp_path / "printed.pdf")
    labels = i18n.GENERIC(lang)
    # No web-only part: the PDF button, the citation box.
    for web_only in (labels["download_pdf"], labels["cite_title"]):
        assert web_only not in text
    # Tables whole: every word of every cell (the Source column too, at the right in English,
    # at the left in Arabic).
    lost = cell_words(site, rel) - pdf_words(tmp_path / "printed.pdf")
    del lost["at"]  # the email's "name [at] domain" is made a mailto link by portal.js
    assert dict(lost) == {}
    # The address of every link to a source is printed (in a table it wraps in its cell).
    assert "(https://example.org/commission)" in text
    # About as many pages as the portal's own PDF of the page, not half as many again.
    name = rel.rstrip("/").rsplit("/", 1)[-1]
    own = site / rel / f"{name}.{lang}.pdf"
    pages = lambda p: int(  # noqa: E731
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(p)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    assert pages(tmp_path / "printed.pdf") <= pages(own) + 1


@pytest.fixture(scope="module")
def shipped_url(shipped_site):
    httpd, url = serve(shipped_site)
    yield url
    httpd.shutdown()


def word_heights(pdf: Path) -> dict[str, list[float]]:
    """Each word of a PDF's text with the heights of its boxes (pdftotext -bbox: the type's
    ascent and descent, about 1.1 times its size)."""
    found: dict[str, list[float]] = {}
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for y0, y1, word in re.findall(r'yMin="([\d.]+)" [^>]*yMax="([\d.]+)">([^<]+)<', bbox):
        for w in words(htmlmod.unescape(word)):
            # Chromium's boxes hold right-to-left words in their visual order.
            for form in {w, w[::-1]} if re.search(r"[\u0600-\u06ff]", w) else {w}:
                found.setdefault(form, []).append(float(y1) - float(y0))
    return found


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_the_printed_comparison_holds_every_country_at_a_readable_size(
    reader, shipped_url, shipped_site, tmp_path, prefix
):
    """The comparison of all 13 countries is wider than a page: the browser's print gives it
    in parts of four countries, each repeating the row headings (as the PDFs do), so no
    country is clipped at the page's edge and the type is not shrunk to fit (it was: six
    countries lost, the rest in type of 5 pt)."""
    rel = f"{prefix}compare/"
    printed(reader, f"{shipped_url}/{rel}", tmp_path / "printed.pdf")
    page = (shipped_site / rel / "index.html").read_text(encoding="utf-8")
    head = re.search(r'<table[^>]*id="compare".*?<thead>(.*?)</thead>', page, re.S)
    countries = re.findall(r"<th[^>]*data-country[^>]*>(.*?)</th>", head.group(1), re.S)
    assert len(countries) >= 13
    heights = word_heights(tmp_path / "printed.pdf")
    for country in countries:
        for w in words(htmlmod.unescape(re.sub(r"<[^>]+>", "", country))):
            assert w in heights, f"{w} is not in the printed comparison"
            # 8 pt boxes: type of about 7 pt at least (the shrunk print gave 6 pt boxes).
            assert max(heights[w]) >= 8.0, (w, heights[w])
    lost = cell_words(shipped_site, rel) - pdf_words(tmp_path / "printed.pdf")
    assert dict(lost) == {}
