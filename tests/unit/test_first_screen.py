"""Readers' pages, rendered in every language: the first screen's strategy or plan "in
force" row says what is known when no plan is in force (portal/highlights.py decides), the
comparison asks what the first screen answers, the English codebook says it is English."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from test_golden import _renderer

from portal import highlights, i18n
from portal.model import Contact, Instrument, record

LANGS = ("en", "fr", "es", "pt", "ru", "ar")
ENDED = {"type": "action-plan", "id": "nap", "title": {"en": "Plan X"}, "start": 2018, "end": 2022}
CASES = {
    "ended": {**ENDED, "status": "adopted"},
    "repealed": {**ENDED, "status": "repealed"},
    "draft": {**ENDED, "status": "draft", "end": 2027},
    "under-review": {**ENDED, "status": "under-review", "end": 2027},
    "unknown": {**ENDED, "end": 2027},
}


def _row(renderer, lang: str, instruments: list[dict]) -> str:
    template = renderer.env.from_string(
        '{% import "_macros.j2" as m with context %}{{ m.plans(p) }}'
    )
    found = highlights.plans_in_force(
        [record(Instrument, i) for i in instruments], dt.date(2026, 11, 28)
    )
    return template.render(**renderer._view(lang), p=found)


@pytest.fixture(scope="module")
def renderer():
    return _renderer()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("why", list(CASES))
def test_no_plan_in_force_says_what_is_known_of_the_last_one(renderer, lang, why):
    html = _row(renderer, lang, [CASES[why]])
    sentence = i18n.GENERIC(lang)[f"plan_{why}"]
    before, after = sentence.split("{plan}")
    text = re.sub(r"<[^>]+>", "", html).replace("&#39;", "'")
    assert before in text and after in text, (lang, why, text)
    # The plan itself is named and linked, its period one left-to-right unit.
    assert '<a href="#nap">' in html
    period = "2018–2022" if why in ("ended", "repealed") else "2018–2027"
    assert f'<bdi dir="ltr" class="portal-years">{period}</bdi>' in html
    assert "portal-status-in-force" not in html and "portal-status-adopted" not in html


def test_a_plan_in_force_is_listed_with_its_status(renderer):
    html = _row(renderer, "en", [{**ENDED, "status": "in-force", "end": 2030}])
    assert re.sub(r"<[^>]+>", "", html) == "Plan X (2018–2030) In force"


def test_no_plan_at_all_is_not_documented(renderer):
    assert "Not yet documented" in _row(renderer, "en", [])


def test_the_comparison_has_the_first_screen_s_rows(renderer):
    """The main law, the plan in force and the contact point of every country compared."""
    page = renderer.render_all(("en",))["compare/index.md"]
    heads = re.findall(r'<tr><th scope="row">([^<]*)</th>', page)
    assert heads[:4] == [
        "Region",
        "Main laws",
        "Strategy or action plan in force",
        "Trafficking in Persons Protocol",
    ]
    assert "Contact point" in heads
    assert '<a href="../countries/morocco/#law-27-14">' in page
    assert '<a href="../countries/colombia/#strategy-2016">' in page
    assert '<a href="../countries/morocco/#contacts">Quentin Quillfeather</a>' in page


@pytest.mark.parametrize("lang", ["fr", "ru", "ar"])
def test_the_english_codebook_carries_the_untranslated_notice(renderer, lang):
    page = renderer.render_all((lang,))[f"open-data/index.{lang}.md"]
    notice = i18n.GENERIC(lang)["fallback_notice"].format(language=i18n.language_name("en", lang))
    head, codebook = page.split('<div lang="en" dir="ltr" markdown>', 1)
    assert notice.replace("'", "&#39;") in head
    assert 'class="portal-notice"' not in renderer.render_all(("en",))["open-data/index.md"]


def _contacts(renderer, contacts: list[dict], related: list | None = None) -> str:
    template = renderer.env.from_string(
        '{% import "_macros.j2" as m with context %}{{ m.contacts_table(rows, related) }}'
    )
    rows = [(record(Contact, c), related or [], "colombia", i) for i, c in enumerate(contacts)]
    return template.render(
        **renderer._view("en"),
        rows=rows,
        related=related is not None,
        link=lambda to, anchor="": to,
        asset=lambda path: path,
        html_blocks=[],
    )


def test_a_contact_without_a_channel_is_never_shown_as_verified(renderer):
    silent = {"name": "Desk", "verified": "2026-10-01", "source": "https://example.org/a"}
    reachable = {**silent, "email": "desk@example.org"}
    html = _contacts(renderer, [silent, reachable])
    first, second = html.split("<tr>")[2:4]
    assert "October 1, 2026" not in first and "Not verified against the source" in first
    assert "October 1, 2026" in second and "Not verified" not in second


def test_a_phone_without_its_country_code_says_so_and_is_not_dialled(renderer):
    html = _contacts(renderer, [{"name": "Desk", "phone": "2427400", "source": "https://x.org"}])
    assert "tel:" not in html and "Country code not documented" in html
    html = _contacts(
        renderer, [{"name": "Desk", "phone": "+57 1 2427400", "source": "https://x.org"}]
    )
    assert 'href="tel:+5712427400"' in html and "Country code" not in html


def test_related_entries_are_a_list_not_run_together(renderer):
    loaded = renderer.content
    html = _contacts(
        renderer,
        [{"name": "Desk", "email": "d@example.org", "source": "https://x.org"}],
        related=loaded.objectives[:2],
    )
    cell = html.split('<ul class="portal-related">', 1)[1].split("</ul>", 1)[0]
    assert cell.count("<li>") == 2


def test_a_matrix_column_with_no_instrument_says_so():
    renderer = _renderer()
    empty = renderer.content.objectives[0].slug
    renderer.by_objective.pop(empty, None)
    page = renderer.render_all(("en",))["matrix/index.md"]
    heads = re.findall(r'<th scope="col">(.*?)</th>', page)
    note = "No country&#39;s instrument is documented for it yet."
    assert [note in h for h in heads[1:]] == [o.slug == empty for o in renderer.content.objectives]
