"""Golden files: the Markdown the generator writes for the fixture portal, page by page.

A change to a template or to a view shows here as a diff of the expected files in
tests/golden/ (`UPDATE_GOLDEN=1` rewrites them: review the diff before committing it). Pages
in English and in Arabic (right to left).
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from contenttree import ROOT

from portal import content, i18n, pages

FIXTURE = ROOT / "tests" / "fixtures" / "site"
GOLDEN = ROOT / "tests" / "golden"
LANGUAGES = ("en", "fr", "ru", "ar")
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


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    settings = content.Settings(LANGUAGES, 365, dt.date(2026, 11, 28))
    loaded = content.load(FIXTURE, settings)
    assert loaded.problems.errors == []
    i18n.configure(FIXTURE / "labels", loaded.programme.name, LANGUAGES[0])
    return pages.Renderer(loaded, pdf_enabled=True, root=FIXTURE).render_all()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("target", TARGETS)
def test_generated_page_matches_its_golden_file(rendered, target, lang):
    source = pages.page_file(target, lang, LANGUAGES[0])
    golden = GOLDEN / lang / source.replace("/", "__")
    text = rendered[source]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run with UPDATE_GOLDEN=1 and review it"
    assert text == golden.read_text(encoding="utf-8")
