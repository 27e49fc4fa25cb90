"""Golden files: the Markdown the generator writes for the fixture portal, page by page.

A change to a template or to a view shows here as a diff of the expected files in
tests/golden/ (`UPDATE_GOLDEN=1` rewrites them: review the diff before committing it). Pages
in English and in Arabic (right to left).
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from contenttree import ROOT
from mkdocs.utils.meta import get_data

from portal import content, corrections, htmlblocks, pages
from portal.model import TreatyStatus, record

FIXTURE = ROOT / "tests" / "fixtures" / "site"
GOLDEN = ROOT / "tests" / "golden"
LANGUAGES = ("en", "fr", "ru", "ar")
TODAY = dt.date(2026, 11, 28)
TARGETS = [
    "countries/morocco",
    "objectives/legislation",
    "countries/",
    "objectives/",
    "instruments/",
    "matrix/",
    "compare/",
    "contacts/",
    "downloads/",
]


def _renderer(**settings: int) -> pages.Renderer:
    found = content.Settings(LANGUAGES, 365, TODAY, labels_dir=FIXTURE / "labels", **settings)
    loaded = content.load(FIXTURE, found)
    assert loaded.problems.errors == []
    # Corrections as the build sends them (programme.yml's, the fixture's published address).
    to = corrections.target(loaded.programme.corrections, "", "https://portal.example.org/")
    return pages.Renderer(loaded, pdf_enabled=True, root=FIXTURE, corrections_to=to)


def _render(**settings: int) -> dict[str, str]:
    return _renderer(**settings).render_all()


def _compare(rendered: dict[str, str], target: str, lang: str, prefix: str = "") -> None:
    source = pages.page_file(target, lang, LANGUAGES[0])
    golden = GOLDEN / lang / (prefix + source.replace("/", "__"))
    text = rendered[source]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run with UPDATE_GOLDEN=1 and review it"
    assert text == golden.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return _render()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("target", TARGETS)
def test_generated_page_matches_its_golden_file(rendered, target, lang):
    _compare(rendered, target, lang)


# Past `catalogue_rows` instruments the catalogue is one page per region, and its own page
# lists the regions (the fixture has 4 instruments: 3 is past the limit).
SPLIT_TARGETS = ["instruments/", "instruments/africa", "instruments/latin-america"]


@pytest.fixture(scope="module")
def rendered_by_region() -> dict[str, str]:
    return _render(catalogue_rows=3)


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("target", SPLIT_TARGETS)
def test_a_long_catalogue_is_one_page_per_region(rendered_by_region, target, lang):
    _compare(rendered_by_region, target, lang, prefix="by-region__")


def test_each_instrument_is_on_its_region_s_page_only(rendered, rendered_by_region):
    rows = re.compile(r'<tr data-country="([a-z-]+)" data-region="([a-z-]+)"')
    whole = rows.findall(rendered[pages.page_file("instruments/", "en", "en")])
    africa = rows.findall(rendered_by_region[pages.page_file("instruments/africa", "en", "en")])
    latin = rows.findall(
        rendered_by_region[pages.page_file("instruments/latin-america", "en", "en")]
    )
    assert sorted(africa + latin) == sorted(whole) and len(whole) == 4
    assert {r for _, r in africa} == {"africa"} and {r for _, r in latin} == {"latin-america"}
    index = rendered_by_region[pages.page_file("instruments/", "en", "en")]
    assert "<table" not in index
    assert '<a href="africa/">Africa</a>' in index
    assert '<a href="latin-america/">Latin America</a>' in index


def test_markdown_reads_none_of_the_generated_html():
    """Every finished HTML block a page's template writes (its tables, glance, map: each a
    top-level `markdown="0"` block) is noted by the renderer, so the hooks hold it out of
    Markdown (portal.htmlblocks); only the translations table, inside a Markdown block, is
    read by Markdown."""
    renderer = _renderer()
    rendered = renderer.render_all()
    opening = re.compile(r'^<(?:div|figure) [^\n]*markdown="0">', re.M)
    held = 0
    for path, text in rendered.items():
        if path.startswith("translations/"):
            continue
        blocks = renderer.blocks[path]
        assert len(blocks) == len(opening.findall(text)), path
        markdown, _ = get_data(text)  # as MkDocs reads the file
        markdown = "\n".join(markdown.splitlines())  # and mkdocs-static-i18n passes it on
        assert len(htmlblocks.hold(markdown, blocks)[1]) == len(blocks), path
        held += len(blocks)
    assert held > 60


@pytest.mark.parametrize(
    ("lang", "treaty", "shown"),
    [
        ("en", {"status": "party", "act": "ratification", "date": "2004-05-21"}, "Party (ratification on May 21, 2004)"),
        # A party whose act is known but not its date: said so, the signature not passed off as it.
        ("en", {"status": "party", "act": "ratification", "signed": "2001-11-15"}, "Party (ratification, date not documented; signature on November 15, 2001)"),
        ("en", {"status": "party", "act": "ratification"}, "Party (ratification, date not documented)"),
        ("en", {"status": "party", "act": "accession", "date": "2011"}, "Party (accession in 2011)"),
        ("en", {"status": "party", "as_of": "2013-06-21"}, "Party (as of June 21, 2013)"),
        ("en", {"status": "signatory", "signed": "2001-11-15"}, "Signatory (signature on November 15, 2001)"),
        ("en", {"status": "party"}, "Party"),
        # The source that states it, named by its publisher.
        ("en", {"status": "party", "act": "ratification", "date": "2004-05-21", "source": "https://treaties.un.org/x"}, "Party (ratification on May 21, 2004; according to UN Treaty Collection)"),
        # No status: nothing is said, and the source is not made to say it.
        ("en", {"source": "https://treaties.un.org/x"}, "Not yet documented"),
        # "as of" phrased per language, for a day and for a month ("au novembre 2003" was wrong).
        ("fr", {"status": "party", "as_of": "2013-06-21"}, "État partie (situation au 21 juin 2013)"),
        ("fr", {"status": "party", "act": "ratification", "as_of": "2003-11"}, "État partie (ratification, date non documentée ; situation en novembre 2003)"),
        ("fr", {"status": "party", "act": "ratification", "date": "2004-05-21"}, "État partie (ratification le 21 mai 2004)"),
        ("es", {"status": "party", "as_of": "2013-08"}, "Estado parte (situación en agosto de 2013)"),
        ("es", {"status": "party", "as_of": "2013-08-02"}, "Estado parte (situación al 2 de agosto de 2013)"),
        ("es", {"status": "party", "act": "accession", "date": "2004-05-21"}, "Estado parte (adhesión el 21 de mayo de 2004)"),
        ("ar", {"status": "party", "as_of": "2003-11"}, "دولة طرف (الوضع في نوفمبر 2003)"),
        ("ar", {"status": "party", "act": "ratification", "signed": "2001-11-15"}, "دولة طرف (تصديق، التاريخ غير موثَّق؛ التوقيع في 15 نوفمبر 2001)"),
    ],
)  # fmt: skip
def test_a_treaty_status_reads_as_a_sentence(lang, treaty, shown):
    renderer = _renderer()
    template = renderer.env.from_string(
        '{% import "_macros.j2" as m with context %}{{ m.treaty(p, True) }}'
    )
    html = template.render(**renderer._view(lang), p=record(TreatyStatus, treaty))
    text = re.sub(r"<[^>]+>", "", html).replace("\u00a0", " ").replace("\u202f", " ")
    assert " ".join(text.split()) == shown
