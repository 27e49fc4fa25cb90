"""Sizes and numbers through the locale's formatting: "1.5 MB" was English in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal import exports


@pytest.mark.parametrize(
    ("lang", "big", "small"),
    [
        ("en", "1.5 MB", "340 kB"),
        ("fr", "1,5\u202fMo", "340\u202fko"),  # CLDR: a narrow no-break space
        ("es", "1,5 MB", "340 kB"),
        ("ru", "1,5 МБ", "340 кБ"),
    ],
)
def test_file_sizes_in_the_reader_s_language(lang, big, small):
    assert exports.human_size(1_500_000, lang) == big
    assert exports.human_size(340_000, lang) == small


def test_each_downloads_page_gets_its_language_s_sizes(tmp_path: Path):
    site = tmp_path
    (site / "downloads/data").mkdir(parents=True)
    (site / "downloads/data/portal.json").write_bytes(b"x" * 1_500_000)
    span = '<span class="portal-size" data-file="downloads/data/portal.json"></span>'
    for prefix, lang in (("", "en"), ("fr/", "fr")):
        page = site / prefix / "downloads/index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<html lang="{lang}"><body>{span}</body></html>', encoding="utf-8")
    exports.fill_sizes(site)
    assert "(1.5 MB)" in (site / "downloads/index.html").read_text(encoding="utf-8")
    assert "(1,5\u202fMo)" in (site / "fr/downloads/index.html").read_text(encoding="utf-8")
