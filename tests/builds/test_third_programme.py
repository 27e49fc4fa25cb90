"""A third programme, in Arabic by default with English and Chinese, built end to end.

tests/fixtures/programme3 is a fictional programme on migrant workers' protection: Arabic at
the root (right to left), English at /en/, Simplified Chinese at /zh/ with its labels in the
fixture's labels/zh.yml (a language beyond the six shipped), ILO conventions for treaties (no
country is said to be party to anything), an Arabic short name and a Chinese font from Debian
declared in programme.yml. It is built once per test run (the `programme3` fixture of
tests/conftest.py): HTML, search, PDFs, open data and the offline zip. Nothing of the first
programme may show in any of it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from sitebuild import copy_fixture, html_pages
from test_second_programme import pdftotext, portal_check, read, traces_of_the_first_programme

LANGS = {"ar": "", "en": "en/", "zh": "zh/"}
PAGES = [
    "index.html",
    "about/index.html",
    "compare/index.html",
    "contacts/index.html",
    "downloads/index.html",
    "countries/index.html",
    "countries/jordan/index.html",
    "countries/lebanon/index.html",
    "countries/qatar/index.html",
    "instruments/index.html",
    "matrix/index.html",
    "objectives/index.html",
    "objectives/fair-recruitment/index.html",
    "open-data/index.html",
    "translations/index.html",
    "whats-new/index.html",
]
NAMES = {
    "ar": "بوابة حماية العمال المهاجرين",
    "en": "Migrant workers protection portal",
    "zh": "移民工人保护门户",
}
# 'حماية العمال المهاجرين' transliterated (anyascii): never an empty name, never 'portal'.
SLUG = "hmyh-l-ml-lmhjryn"
ZIP = f"downloads/{SLUG}-offline.zip"


@pytest.fixture(scope="module")
def site(programme3) -> Path:
    return programme3 / "site"


def test_exact_pages_per_language(site):
    expected = sorted(f"{prefix}{page}" for prefix in LANGS.values() for page in PAGES)
    assert html_pages(site) == expected


def test_arabic_is_the_default_language_right_to_left_at_the_root(site):
    for lang, prefix in LANGS.items():
        direction = "rtl" if lang == "ar" else "ltr"
        for page in ("index.html", "countries/jordan/index.html"):
            html = read(site, f"{prefix}{page}")
            assert f'<html lang="{lang}"' in html and f'<body dir="{direction}"' in html, page


def test_chinese_pages_take_the_labels_and_names_of_the_programme(site):
    countries = read(site, "zh/countries/index.html")
    assert f"<title>国家 - {NAMES['zh']}</title>" in countries
    for region in ("黎凡特", "海湾地区"):
        assert region in countries
    jordan = read(site, "zh/countries/jordan/index.html")
    assert "国际劳工组织第97号公约" in jordan and "尚无记录" in jordan
    assert "海番红花" in jordan  # the Chinese narrative, no fallback notice
    # Chinese punctuation: full-width brackets, no space before them, full-width semicolons.
    assert (
        '（测试数据）</a><span class="portal-period">（<bdi dir="ltr" class="portal-years">2021</bdi>）'
        in jordan
    )
    assert "portal-fallback" not in jordan
    # Lebanon has no Chinese narrative: the Arabic one, right to left, under a Chinese notice.
    lebanon = read(site, "zh/countries/lebanon/index.html")
    assert '<div class="portal-fallback" dir="rtl" lang="ar">' in lebanon
    assert "本文尚未译成此语言，以原文显示：阿拉伯语。" in lebanon


def test_open_data_uses_the_programme_keys_and_arabic_notes(site):
    header = read(site, "downloads/data/treaties.csv").splitlines()[0]
    assert header.startswith("country,iso3,treaty,status,") and ",note_ar," in header
    assert "c097" in read(site, "downloads/data/treaties.csv")
    assert '"short_name": "حماية العمال المهاجرين"' in read(site, "downloads/data/portal.json")


def test_the_offline_zip_is_named_from_the_arabic_short_name(site):
    with zipfile.ZipFile(site / ZIP) as z:
        names = z.namelist()
    assert all(n.startswith(f"{SLUG}/") for n in names)
    assert f"{SLUG}/zh/countries/jordan.html" in names
    for prefix in LANGS.values():
        assert f'data-file="{ZIP}"' in read(site, f"{prefix}downloads/index.html")


def test_chinese_pdfs_embed_the_declared_chinese_font(site):
    from pypdf import PdfReader

    for lang, name in NAMES.items():
        metadata = PdfReader(site / f"downloads/portal.{lang}.pdf").metadata
        assert (metadata.title, metadata.author) == (name, name)  # in the document's language
    fonts = subprocess.run(
        ["pdffonts", str(site / "zh/countries/jordan/jordan.zh.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "WenQuanYi-Micro-Hei" in fonts, fonts
    assert "海番红花" in pdftotext(site / "zh/countries/jordan/jordan.zh.pdf")


def test_the_pdfs_words_come_from_the_programmes_own_labels(site):
    # The page counter is a label (pdf_page_counter) a programme's labels/zh.yml may give: the
    # Chinese PDFs counted their pages in English when these words lived apart from labels.
    text = pdftotext(site / "downloads/portal.zh.pdf")
    assert re.search(r"第 \d+ 页，共 \d+ 页", text), text[-300:]  # the cover has no counter
    assert not re.search(r"Page \d+ of", text)


def _han_word_box(pdf: Path) -> tuple[str, tuple[float, float, float, float]]:
    """The first word of the PDF's first page made only of Chinese characters, with its box."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>',
        bbox,
    ):
        text = m.group(5)
        if len(text) >= 2 and all(unicodedata.name(c, "").startswith("CJK") for c in text):
            return text, tuple(float(v) for v in m.group(1, 2, 3, 4))  # type: ignore[return-value]
    raise AssertionError("no Chinese word on the first page")


def interior_ink(cell: Image.Image) -> float:
    """Share of a character's dark pixels that lie in the middle of their own bounding box:
    a missing-glyph box is an outline (none there), a Chinese character has strokes inside."""
    grey = cell.convert("L")
    w, h = grey.size
    dark = [(x, y) for y in range(h) for x in range(w) if grey.getpixel((x, y)) < 128]
    if not dark:
        return 0.0
    xs, ys = [x for x, _ in dark], [y for _, y in dark]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    dx, dy = (right - left) / 4, (bottom - top) / 4
    inside = [(x, y) for x, y in dark if left + dx < x < right - dx and top + dy < y < bottom - dy]
    return len(inside) / len(dark)


def test_a_box_glyph_has_no_interior_ink():
    # The measure itself, on the shape WeasyPrint draws for a missing glyph.
    box = Image.new("L", (40, 40), 255)
    ImageDraw.Draw(box).rectangle((4, 2, 35, 37), outline=0, width=2)
    assert interior_ink(box) == 0.0


def test_chinese_glyphs_are_drawn_not_boxes(site, tmp_path):
    pdf = site / "zh/countries/jordan/jordan.zh.pdf"
    word, (x0, y0, x1, y1) = _han_word_box(pdf)
    dpi = 150
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    page = Image.open(next(tmp_path.glob("p*.png")))
    scale = dpi / 72
    width = (x1 - x0) / len(word)
    inks = []
    for i in range(len(word)):
        left = x0 + i * width
        cell = page.crop(
            (
                round(left * scale),
                round(y0 * scale),
                round((left + width) * scale),
                round(y1 * scale),
            )
        )
        inks.append(interior_ink(cell))
    # WeasyPrint's missing-glyph boxes measure 0.0; these characters 0.06 and more.
    assert all(ink > 0.02 for ink in inks), (word, inks)


def test_a_language_no_font_covers_is_named_with_the_package_to_install(tmp_path):
    project = copy_fixture(tmp_path / "p", "programme3")
    config = project / "programme.yml"
    config.write_text(re.sub(r"(?s)\nfonts:.*", "\n", config.read_text(encoding="utf-8")))
    result = portal_check(project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(
        "mkdocs.yml: languages: zh: no font of the PDFs covers its script (CJK: "
    )
    assert "fonts-noto-cjk" in result.stdout and "fonts: [{system: <family>}]" in result.stdout


def test_a_short_name_without_latin_letters_takes_a_transliterated_or_declared_slug(tmp_path):
    project = copy_fixture(tmp_path / "p", "programme3")
    config = project / "programme.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("short_name: حماية العمال المهاجرين", "short_name: ☆☆☆"))
    result = portal_check(project)
    assert result.stdout.splitlines()[0] == (
        "programme.yml:5: short_name: '☆☆☆' gives no name usable in file names; add `slug:` "
        "with lower-case ASCII letters, digits and hyphens, like 'my-programme'"
    )
    config.write_text(text.replace("short_name: حماية العمال المهاجرين", "short_name: ☆\nslug: mw"))
    assert portal_check(project).returncode == 0


def test_no_trace_of_the_first_programme_in_any_output(programme3):
    checked, found = traces_of_the_first_programme(programme3)
    assert checked > 150  # pages, PDFs, data, the zip: not an empty walk
    assert found == []


def test_the_check_refuses_the_links_the_strict_build_would_refuse(tmp_path):
    # Step 2 of "Start a portal for your programme": a country deleted, a page still links it.
    project = copy_fixture(tmp_path / "p", "programme3")
    shutil.rmtree(project / "countries/jordan")
    home = project / "docs/index.md"
    home.write_text(
        home.read_text(encoding="utf-8")
        + "\n[a](about.md#nowhere) [b](objectives/fair-recruitment.md#contacts) [c](#top)\n"
    )
    narrative = project / "countries/lebanon/index.md"
    narrative.write_text("[Qatar](qatar.md#overview), [gone](jordan.md)\n", encoding="utf-8")
    result = portal_check(project)
    refused = "which is not a page or file of the site (the strict build refuses it); point it "
    fix = "at an existing page, e.g. countries/index.md, or remove it"
    assert result.stdout.splitlines() == [
        f"countries/lebanon/index.md:1: links to 'jordan.md', {refused}{fix}",
        f"docs/index.en.md:7: links to 'countries/jordan.md', {refused}{fix}",
        f"docs/index.md:7: links to 'countries/jordan.md', {refused}{fix}",
        f"docs/index.zh.md:7: links to 'countries/jordan.md', {refused}{fix}",
        "docs/index.md:9: warning: links to 'about.md#nowhere', but about.md has no heading or "
        "element with the id 'nowhere'",
        "FAILED: 4 errors, 1 warning in 2 countries and 1 objective",
    ]


def test_the_languages_are_named_once_theme_and_search_must_agree(tmp_path):
    # mkdocs.yml names the languages in the i18n plugin's list only; a theme.language or a
    # search lang left from another programme is named by the check.
    project = copy_fixture(tmp_path / "p", "programme3")
    mkdocs = project / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    assert "language:" not in text and "lang:" not in text
    assert portal_check(project).returncode == 0
    mkdocs.write_text(
        text.replace("  name: material\n", "  name: material\n  language: en\n").replace(
            "  - search  #", "  - search:\n      lang: [en, fr, es, pt, ru, ar]\n  #"
        ),
        encoding="utf-8",
    )
    assert portal_check(project).stdout.splitlines() == [
        "mkdocs.yml: plugins.search.lang: expected the i18n plugin's languages (ar, en, zh), "
        "got en, fr, es, pt, ru, ar; write [ar, en, zh] or remove `lang:`",
        "mkdocs.yml: theme.language: expected 'ar', the default language of the i18n plugin's "
        "list (the one place that names the languages), got 'en'; write ar or remove the line",
        "FAILED: 2 errors, 0 warnings in the configuration",
    ]


def test_chinese_lists_follow_pinyin_not_code_points(site):
    # CLDR's Chinese order: 卡塔尔 (kǎ), 黎巴嫩 (lí), 约旦 (yuē); by code point 约 comes before 黎.
    compare = read(site, "zh/compare/index.html").split("portal-compare-pick", 1)[1]
    checkboxes = re.findall(r'<input type="checkbox"[^>]*>\s*([^<]+)<', compare)
    order = [n.strip() for n in checkboxes] or re.findall(r"卡塔尔|黎巴嫩|约旦", compare)[:3]
    assert order[:3] == ["卡塔尔", "黎巴嫩", "约旦"], order
    table = read(site, "zh/countries/index.html").split("<tbody>", 1)[1]  # past the map
    assert table.index("黎巴嫩") < table.index("约旦")


def test_the_editors_page_is_english_and_out_of_readers_search(site):
    for prefix in LANGS.values():
        docs = json.loads(read(site, f"{prefix}search/search_docs.json"))
        assert not [d["location"] for d in docs if "translations/" in d["location"]]
    editors = read(site, "translations/index.html")
    assert "<title>Translation status - " in editors
    assert '<div dir="ltr" lang="en">\n<h1 id="translation-status">Translation status' in editors
    assert "the original\n(Arabic) changed" in editors


def test_the_offline_build_drops_the_i18n_plugin_s_alternate_link_notes(caplog):
    import logging

    from mkdocs.plugins import get_plugin_logger

    from portal import build

    logger = get_plugin_logger("mkdocs_static_i18n.reconfigure")  # as the plugin logs
    build.quiet_offline_alternates()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.mkdocs_static_i18n.reconfigure"):
        logger.info("The 'extra.alternate' configuration contains a 'link' option that ...")
        logger.info("Another note")
    assert [r.getMessage() for r in caplog.records] == ["mkdocs_static_i18n: Another note"]


def test_a_folder_without_mkdocs_yml_is_named_not_a_traceback(tmp_path):
    result = portal_check(tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"mkdocs.yml: is missing in {tmp_path}: run the command in the portal's folder, or give "
        "it with --root",
        "FAILED: 1 error, 0 warnings in the configuration",
    ]


def test_each_edition_searches_its_own_language(site):
    def found(prefix: str, word: str) -> set[str]:
        docs = json.loads(read(site, f"{prefix}search/search_docs.json"))  # loaded on demand
        # (Chinese text is segmented into words with zero-width spaces.)
        return {d["location"] for d in docs if word in d["text"].replace("\u200b", "")}

    assert found("", "زعفران-البحر") == {"countries/jordan/#overview"}
    assert found("zh/", "海番红花") == {"countries/jordan/#overview"}
    assert found("", "海番红花") == set()  # the Chinese text is not in the Arabic edition
    # Lebanon has no Chinese text: the Chinese edition finds the Arabic one it shows.
    assert found("zh/", "أرز-الاختبار") == {"countries/lebanon/#overview"}


def test_a_word_in_a_script_no_font_covers_is_named_with_its_file(tmp_path):
    project = copy_fixture(tmp_path / "p", "programme3")
    (project / "countries/qatar/index.en.md").write_text("A word: नमस्ते.\n", encoding="utf-8")
    result = portal_check(project)
    assert result.returncode == 0  # a warning: STRICT=1 fails on it
    assert result.stdout.splitlines() == [
        "countries/qatar/index.en.md: warning: no font of the PDFs has its DEVANAGARI letters "
        "(त न म): its PDFs would show boxes there; install a font (Debian: fonts-noto-core "
        "(Noto Sans Devanagari) or a Noto font file (OFL)) and declare it in programme.yml "
        "`fonts:`",
        "OK: 0 errors, 1 warning in 3 countries and 1 objective",
    ]
