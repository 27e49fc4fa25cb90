"""Printing a page from the browser gives what the portal's PDF gives: the PDFs' shared print
stylesheet (portal/pdf_assets/shared.css, served as assets/portal-print.css) hides the web-only
parts, keeps tables whole and prints the address of every link. Chromium's own print
(page.pdf, print media), in English and in Arabic, on the fixture's pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from portal import i18n

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "builds"))
from test_pdf_complete import cell_words, pdf_words  # noqa: E402

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
