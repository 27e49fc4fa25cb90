"""How search cuts text into words (the same expression runs in the browser), and what the
index holds for an instrument."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from portal import search

ROOT = Path(__file__).resolve().parents[2]


def words(text: str) -> list[str]:
    return [w for w in re.split(search.SEPARATOR, text) if w]


def test_law_numbers_are_one_word():
    assert words("Law No. 27-14, Law 13.344 and Law No. 350-Z (350-З) of 2012-023 ٢٧-١٤") == [
        "Law", "No", "27-14", "Law", "13.344", "and", "Law", "No", "350-Z", "350-З", "of",
        "2012-023", "٢٧-١٤",
    ]  # fmt: skip


def test_other_hyphens_and_full_stops_separate_words():
    assert words("counter-trafficking. GLO.ACT e-mail 2023–2030") == [
        "counter", "trafficking", "GLO", "ACT", "e", "mail", "2023–2030",
    ]  # fmt: skip


def test_tables_of_instruments_are_left_out_of_the_index():
    html = (
        '<div class="portal-glance" markdown="0"><table class="portal-table portal-catalogue" '
        'id="c"></table><table class="portal-table portal-contacts"></table>'
    )
    assert search.exclude_tables(html) == (
        '<div data-search-exclude class="portal-glance" markdown="0"><table data-search-exclude '
        'class="portal-table portal-catalogue" id="c"></table>'
        '<table class="portal-table portal-contacts"></table>'
    )


def test_the_wrapper_worker_replaces_material_s():
    page = '{"base": "../..", "search": "../../assets/javascripts/workers/search.a7633da7.min.js"}'
    assert search.use_query_worker(page) == (
        '{"base": "../..", "search": '
        '"../../assets/javascripts/workers/portal-search.js?worker=search.a7633da7.min.js"}'
    )


def test_adjacent_cells_and_items_are_separate_words_for_the_index():
    html = (
        "<table><tr><th>Treaty</th><th>Status</th></tr><tr><td>TIP</td><td>Party</td></tr>"
        "</table><ul><li>one</li><li>two</li></ul><p><b>bold</b><i>italic</i></p>"
    )
    text = re.sub(r"<[^>]+>", "", search.separate_cells(html))  # as the indexer reads it
    assert text.split() == ["Treaty", "Status", "TIP", "Party", "one", "two", "bolditalic"]


# -- The analyser every word of the index and of a query goes through (portal-words.js), run
#    in Node as the search worker runs it. Stemming (lunr-languages' Snowball, which needs lunr)
#    is left out here: the relevance set (tests/browser/test_relevance.py) covers it.

WORDS_JS = ROOT / "overrides/assets/javascripts/workers/portal-words.js"


def analysed(lang: str, words: list[str], step: str = "analyser") -> list[str]:
    script = (
        WORDS_JS.read_text(encoding="utf-8")
        + f"\nconst words = {json.dumps(words)};\n"
        + (
            f"const fn = portalWords.analyser(null, {json.dumps(lang)});"
            if step == "analyser"
            else f"const fn = portalWords.{step};"
        )
        + "\nprocess.stdout.write(JSON.stringify(words.map(w => fn(w))));"
    )
    node = shutil.which("node")
    assert node, "Node.js runs the search analyser's unit tests (make test installs it)"
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def same(lang: str, *words: str) -> bool:
    return len(set(analysed(lang, list(words)))) == 1


def test_case_and_accents_are_folded_in_latin_and_cyrillic_scripts():
    assert analysed("fr", ["Égypte", "ÉLABORATION", "Straße", "Œuvre"], "fold") == [
        "egypte", "elaboration", "strasse", "oeuvre",
    ]  # fmt: skip
    # ё is е, but й stays a letter of its own (Russian spells with it).
    assert analysed("ru", ["Ёмкость", "Кыргызский"], "fold") == ["емкость", "кыргызский"]


def test_arabic_letter_forms_and_diacritics_are_normalised():
    assert analysed("ar", ["أوكرانيا", "إستراتيجية", "مُهَاجِر", "مـصر", "مستشفى"], "fold") == [
        "اوكرانيا", "استراتيجيه", "مهاجر", "مصر", "مستشفي",
    ]  # fmt: skip


def test_arabic_words_are_found_without_their_article_and_particles():
    assert same("ar", "الاتجار", "اتجار", "والاتجار")
    assert same("ar", "المهاجرين", "مهاجرين", "والمهاجرين")
    assert same("ar", "الاستراتيجيات", "والاستراتيجيات", "استراتيجيات")
    assert same("ar", "بالمغرب", "المغرب", "مغرب")
    assert not same("ar", "مصر", "نصر")  # a short word keeps its letters


def test_law_numbers_are_read_through_their_look_alikes():
    assert same("en", "350-З", "350-Z", "350-3", "350З", "350-з")
    assert same("en", "27-14", "27.14", "27–14", "٢٧-١٤", "۲۷-۱۴")
    assert same("en", "1433-IV", "1433-iv", "1433IV")
    assert not same("en", "27-14", "2-714-1")  # different digits stay different


def test_chinese_words_are_kept_whole_for_the_segmented_index():
    assert analysed("zh", ["家政工人", "人口贩运"]) == ["家政工人", "人口贩运"]


def test_chinese_text_is_segmented_at_build_time():
    # Material's search plugin cuts Chinese into words with jieba when it is installed (it is
    # pinned in requirements.txt), with zero-width spaces, at which the index splits words.
    from material.plugins.search.plugin import SearchIndex

    text = SearchIndex()._segment_chinese("保护家政工人的权利")
    assert "\u200b" in text
    assert words(text) == ["保护", "家政", "工人", "的", "权利"]


def test_a_word_as_written_is_kept_beside_its_folded_form_for_ranking():
    # "traite" (trafficking) and "traité" (treaty) fold alike; the written form tells them apart.
    assert analysed("fr", ["Traite", "Traité", "27-14", "المغرب"], "written") == [
        "=traite", "=traité", "", "",
    ]  # fmt: skip
    assert same("fr", "traite", "traité")


def test_each_language_gets_a_stub_and_its_documents_with_aliases_escaped(tmp_path):
    (tmp_path / "search").mkdir()
    merged = {
        "config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]},
        "docs": [
            {"location": "countries/x/", "title": "X", "text": ""},
            {"location": "fr/countries/x/", "title": "X", "text": ""},
        ],
    }
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged), "utf-8")
    tags = {"fr": {"countries/x/": ["<img src=x onerror=alert(1)>", "Iks"]}}
    search.split_index(tmp_path, ("en", "fr"), tags=tags)
    stub = json.loads((tmp_path / "fr/search/search_index.json").read_text("utf-8"))
    assert stub["docs"] == [] and stub["config"]["pipeline"] == []
    assert stub["config"]["portal"]["docs"] == "fr/search/search_docs.json"
    assert stub["config"]["portal"]["languages"]["en"]["name"] == "English"
    assert stub["config"]["separator"] == search.SEPARATOR
    docs = json.loads((tmp_path / "fr/search/search_docs.json").read_text("utf-8"))
    assert docs == [
        {
            "location": "countries/x/",
            "title": "X",
            "text": "",
            "tags": ["&lt;img src=x onerror=alert(1)&gt;", "Iks"],
        }
    ]
    # The offline edition: the whole index inline, as a script Material loads from file://.
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged), "utf-8")
    search.split_index(tmp_path, ("en", "fr"), inline_js=True)
    script = (tmp_path / "fr/search/search_index.js").read_text("utf-8")
    assert script.startswith("var __index = ") and '"location":"countries/x/"' in script


def test_aliases_are_the_names_between_commas():
    assert search.aliases({"en": "Kyrgyzstan, Kirghizia ,", "ru": "Киргизия"}, "en") == [
        "Kyrgyzstan", "Kirghizia",
    ]  # fmt: skip
    assert search.aliases(None, "en") == []
