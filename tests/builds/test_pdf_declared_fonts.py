"""The programme's declared fonts in the PDFs: used for the scripts the bundled fonts lack, and
part of the PDF cache key (a font installed, changed or declared renders the PDFs again)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from portal import fonts, i18n, pdf, pdf_document

ARTICLE = '<html><body><article class="md-content__inner md-typeset">{}</article></body></html>'
BUNDLED = fonts.BUNDLED_DIR


def _site(tmp_path: Path) -> Path:
    page = tmp_path / "site" / "countries" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(ARTICLE.format('<h1 id="x">Qatar 卡塔尔</h1>'), encoding="utf-8")
    return tmp_path / "site"


def _render(site: Path, cache: Path, declared: list[fonts.Font]) -> pdf.Report:
    doc = pdf_document.Doc("x.en.pdf", "X", "en", [pdf_document.Part("countries/x/", "X", "en")])
    words = i18n.Labels.of_portal(None, {"en": "Portal"}, "en")
    date = dt.date(2026, 11, 28)
    return pdf.render([doc], site, cache, "", "Portal", date, 1, declared, words=words)


def test_the_cache_key_holds_the_declared_font_files(tmp_path):
    site, cache = _site(tmp_path), tmp_path / "cache"
    font = tmp_path / "fonts" / "Extra.ttf"
    font.parent.mkdir()
    shutil.copyfile(BUNDLED / "NotoSans-Regular.ttf", font)
    declared = [fonts.Font(font, "Extra", "programme.yml fonts[0]")]
    assert _render(site, cache, []).rendered == ["x.en.pdf"]
    assert _render(site, cache, []).reused == ["x.en.pdf"]
    assert _render(site, cache, declared).rendered == ["x.en.pdf"]  # a font declared
    assert _render(site, cache, declared).reused == ["x.en.pdf"]
    shutil.copyfile(BUNDLED / "NotoSans-Bold.ttf", font)  # the same file, other glyphs
    assert _render(site, cache, declared).rendered == ["x.en.pdf"]


def test_a_declared_font_file_is_embedded_for_the_letters_the_bundled_ones_lack(tmp_path):
    cjk = fonts.system_font("WenQuanYi Micro Hei")  # make test installs fonts-wqy-microhei
    assert cjk is not None, "apt-get install fonts-wqy-microhei (make system-deps)"
    declared = [fonts.Font(cjk, "WenQuanYi Micro Hei", "programme.yml fonts[0]")]
    site = _site(tmp_path)
    report = _render(site, tmp_path / "cache", declared)
    assert report.failed == [] and report.refused == []
    listed = subprocess.run(
        ["pdffonts", str(site / "x.en.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "WenQuanYi-Micro-Hei" in listed and "Noto-Sans" in listed, listed
