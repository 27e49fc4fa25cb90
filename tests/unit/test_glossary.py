"""Wording checks (portal.glossary): process words, a portal's terms and the status rule.

Each check runs on a small content tree and is asserted with its exact line: file, line,
field, what was found and what to write instead.
"""

from __future__ import annotations

import pytest
from contenttree import VALID_COUNTRY, make_tree, settings, write

from portal import content, glossary, i18n
from portal.problems import Problems


def wording(root) -> list[str]:
    loaded = content.load(root, settings())
    assert not loaded.problems.errors, loaded.problems.errors
    glossary.check(root, loaded)
    return [str(p) for p in loaded.problems.items]


def country_with(extra_note: str) -> str:
    return VALID_COUNTRY.replace(
        "    status: adopted\n", f"    status: adopted\n    note: {extra_note}\n", 1
    )


def test_the_valid_tree_has_no_wording_warning(tmp_path):
    assert wording(make_tree(tmp_path)) == []


def test_a_process_word_in_a_note_is_named_with_its_line_and_what_to_write(tmp_path):
    root = make_tree(tmp_path, country_with("{en: The row could not be read., fr: Connu.}"))
    assert wording(root) == [
        "countries/morocco/country.yml:16: warning: instruments[0].note.en: 'could not be "
        "read' speaks of the editing process, not to readers: say what is documented and by "
        "whom, e.g. 'not yet documented'; how the editors got there goes in the folder's "
        "NOTES.md"
    ]


def test_each_language_is_read_with_its_own_list(tmp_path):
    # The French phrase in the English text is not English: only the French text warns.
    note = "{en: Known (n'a pas pu être consultée)., fr: La ligne n'a pas pu être consultée.}"
    found = wording(make_tree(tmp_path, country_with(note)))
    assert len(found) == 1 and "instruments[0].note.fr:" in found[0]


def test_arabic_is_matched_with_or_without_vowel_marks(tmp_path):
    note = "{en: Known., ar: تعذّر الاطّلاع على سطر الوديع.}"
    found = wording(make_tree(tmp_path, country_with(note)))
    assert len(found) == 1 and "instruments[0].note.ar:" in found[0]


def test_a_phrase_inside_a_longer_word_is_not_found(tmp_path):
    note = "{en: Its editorial line is retrievedly odd; TODOS are not tasks.}"
    assert wording(make_tree(tmp_path, country_with(note))) == []


def test_narratives_and_docs_pages_are_read_with_their_lines(tmp_path):
    root = make_tree(tmp_path)
    write(root, "countries/morocco/index.fr.md", "Titre\n\nLe texte n'a pas pu être lu.\n")
    write(root, "docs/about.md", "# About\n\nTODO: write this page.\n")
    found = wording(root)
    assert [f.split(" speaks")[0] for f in found] == [
        'countries/morocco/index.fr.md:3: warning: "n\'a pas pu être lu"',
        "docs/about.md:3: warning: 'TODO'",
    ]


def test_a_web_address_in_a_text_is_a_warning(tmp_path):
    root = make_tree(tmp_path, country_with("{en: 'Copy: https://example.org/copy'}"))
    (found,) = wording(root)
    assert found.startswith("countries/morocco/country.yml:16: warning: instruments[0].note.en:")
    assert "put it in the item's `source:`/`sources:`" in found


TERMS = """\
terms:
  - use: Loi
    not: [Décret-loi]
    except: [Décret-loi portant code]
process_words:
  - {phrase: "n'a pas pu être lu", ignore: true}
  - {phrase: "selon nous", instead: "nommer la source"}
"""


def test_a_portal_glossary_warns_on_variants_outside_quoted_phrases(tmp_path):
    root = make_tree(tmp_path)
    write(root, "labels/glossary.fr.yml", TERMS)
    write(root, "countries/morocco/index.fr.md", "Le décret-loi de 2016.\n")
    write(root, "countries/morocco/index.ar.md", "Décret-loi\n")  # not French: not read
    found = wording(root)
    assert found == [
        "countries/morocco/index.fr.md:1: warning: 'Décret-loi' is not this portal's term: "
        "write 'Loi' (labels/glossary.fr.yml)"
    ]
    write(root, "countries/morocco/index.fr.md", "Le Décret-loi portant code pénal.\n")
    assert wording(root) == []


def test_a_portal_adds_phrases_and_turns_the_package_ones_off(tmp_path):
    root = make_tree(tmp_path)
    write(root, "labels/glossary.fr.yml", TERMS)
    write(root, "countries/morocco/index.fr.md", "Il n'a pas pu être lu, selon nous.\n")
    (found,) = wording(root)
    assert found.startswith("countries/morocco/index.fr.md:1: warning: 'selon nous'")


def test_a_bad_glossary_file_is_an_error_with_its_line(tmp_path):
    root = make_tree(tmp_path)
    write(root, "labels/glossary.fr.yml", "terms:\n  - use: Loi\n  - {use: Loi, not: [Acte]}\n")
    loaded = content.load(root, settings())
    glossary.check(root, loaded)
    assert [str(p) for p in loaded.problems.errors] == [
        "labels/glossary.fr.yml:2: terms[0]: expected {use: <preferred term>, not: "
        "[<variants>], except: [<phrases quoted as published>]} (except is optional), got a "
        "mapping"
    ]


PLAN = """\
  - type: action-plan
    title: {{en: Plan}}
    start: 2014
    end: {end}
    status: {status}
    source: https://example.org/plan
"""


@pytest.mark.parametrize(
    ("end", "status", "note", "warned"),
    [
        (2018, "adopted", "", True),
        (2018, "in-force", "", True),
        (2018, "expired", "", False),
        (2018, "adopted", "    note: {en: Extended to 2020 by a decree of 2019.}\n", False),
        (2026, "adopted", "", False),  # the period has not ended (today is 2026-11-28)
    ],
)
def test_an_ended_period_in_force_needs_a_note(tmp_path, end, status, note, warned):
    plan = PLAN.format(end=end, status=status) + note
    country = VALID_COUNTRY.replace("activities:", plan + "activities:")
    found = wording(make_tree(tmp_path, country))
    expected = [
        f"countries/morocco/country.yml:22: warning: instruments[1].status: its period ended "
        f"in {end} but its status is {status!r}: write 'expired', or keep it with a note "
        "naming the source that says it was extended or is still applied"
    ]
    assert found == (expected if warned else [])


@pytest.mark.parametrize("lang", ["en", "fr", "es", "pt", "ru", "ar"])
def test_every_shipped_list_reads_and_finds_each_of_its_phrases(tmp_path, lang):
    """The package's lists: valid, and each phrase found in a sentence as written (so a typo
    in a list, or a phrase the folding cannot match, fails here)."""
    problems = Problems()
    rules = glossary.rules(tmp_path, lang, problems)
    assert not problems and rules
    assert (i18n.LABELS_DIR / f"glossary.{lang}.yml").is_file()
    found = glossary.matcher(rules)
    for rule in rules:
        assert [r for _, r in found.find(f"« {rule.phrase.upper()} ».")] == [rule], rule


def test_a_web_address_in_a_title_is_quoted_not_warned(tmp_path):
    # Titles and names are quoted as their source publishes them; only sentences warn.
    country = VALID_COUNTRY.replace(
        "{en: Law No. 27-14, fr: Loi n° 27-14}", "{en: See https://x.org}"
    )
    assert "See https" in country
    assert wording(make_tree(tmp_path, country)) == []
