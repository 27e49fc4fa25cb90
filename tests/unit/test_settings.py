"""Settings in mkdocs.yml's `extra.portal`: every bad one named at once, with what is expected."""

from __future__ import annotations

import pytest
from contenttree import ROOT

from portal import config, labelcheck
from portal.problems import ContentError, Problems


def test_the_catalogue_splits_past_a_number_of_rows_the_portal_may_set():
    assert config.resolve(ROOT, ("en",), {}).catalogue_rows == 500
    assert config.resolve(ROOT, ("en",), {"catalogue_rows": 40}).catalogue_rows == 40


def test_bad_settings_are_all_reported_with_what_was_expected():
    with pytest.raises(ContentError) as e:
        config.resolve(ROOT, ("en",), {"catalogue_rows": "many", "contact_max_age_days": 0})
    messages = [str(p) for p in e.value.problems.errors]
    assert any(
        "extra.portal.catalogue_rows" in m and "expected a whole number of instruments" in m
        for m in messages
    ), messages
    assert any("extra.portal.contact_max_age_days" in m for m in messages), messages


def _per_label(messages: list[str]) -> list[str]:
    """The messages about single labels: a language the generator does not ship (German
    here) is also told, once, every label its file lacks (test_labels.py tests that rule)."""
    lacking = [m for m in messages if m.startswith("labels/de.yml: lacks ")]
    assert len(lacking) == 1, messages
    return [m for m in messages if m not in lacking]


def test_a_portals_own_labels_are_checked_all_at_once(tmp_path):
    """labels/<lang>.yml of a portal: a seventh language or overrides, each mistake named."""
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "de.yml").write_text(
        "countries: Länder\n"
        'count_countries: {one: "{n} Land", other: "{n} Länder"}\n'
        "last_reviewd: Zuletzt geprüft\n"
        'count_instruments: {one: "ein Instrument", sevral: "{n} Instrumente"}\n'
        'total_instruments: "{instruments} in {c}"\n'
        "nav_countries: [Länder]\n",
        encoding="utf-8",
    )
    config.resolve(tmp_path, ("en", "de"), {})  # the labels are content, checked with it
    problems = Problems()
    labelcheck.check(tmp_path, ("en", "de"), problems)
    messages = _per_label([str(p) for p in problems.errors])
    assert len(messages) == 4, messages
    assert any("labels/de.yml:3" in m and "did you mean 'last_reviewed'" in m for m in messages)
    assert any("labels/de.yml:4" in m and "'other' required" in m for m in messages)
    assert any("labels/de.yml:5" in m and "{countries}, {instruments}" in m for m in messages), (
        messages
    )
    assert any("labels/de.yml:6" in m and "expected a text" in m for m in messages)
    (tmp_path / "labels" / "de.yml").write_text(
        'countries: Länder\ncount_countries: {one: "{n} Land", other: "{n} Länder"}\n',
        encoding="utf-8",
    )
    problems = Problems()
    labelcheck.check(tmp_path, ("en", "de"), problems)
    assert _per_label([str(p) for p in problems.items]) == []  # only its missing labels


@pytest.mark.parametrize(
    "value, why",
    [
        ('"[Sign in](javascript:alert(1))"', "'](' has a meaning"),
        ('"![x](file:///etc/passwd)"', "has a meaning"),
        ('"<img src=x onerror=alert(1)>"', "'<' has a meaning"),
        ('"&lt;b&gt;"', "has a meaning"),
        ('"say `code`"', "has a meaning"),
        ('"a {: onclick=x}"', "placeholders"),
        ('"{n:>999999}"', "expected"),
        ('"{n!r}"', "placeholders"),
        ('"{n:09999}"', "placeholders"),
        ('"{n.__class__}"', "expected"),
        ('"{n[0]}"', "placeholders"),
        ('"{n} {"', "placeholders"),
        ('"{n} }"', "placeholders"),
        ('"{m}"', "placeholders"),
        ('"{n} \u202egnirts"', "invisible"),
        ('"' + "x" * 500 + '"', "at most"),
    ],
)
def test_a_label_is_plain_text_with_its_declared_placeholders_only(tmp_path, value, why):
    """A label reaches the theme's HTML and the pages' Markdown: markup, format specs (a
    padded '{n:>999999}' made every page megabytes) and attribute access are refused."""
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "de.yml").write_text(
        f'count_countries: {{one: {value}, other: "{{n}} Länder"}}\n', encoding="utf-8"
    )
    config.resolve(tmp_path, ("en", "de"), {})
    problems = Problems()
    labelcheck.check(tmp_path, ("en", "de"), problems)
    messages = _per_label([str(p) for p in problems.errors])
    assert len(messages) == 1 and "count_countries" in messages[0], messages
    assert why in messages[0], messages


def test_a_labels_file_is_a_regular_file_named_by_its_language(tmp_path):
    from contenttree import make_tree

    from portal import content

    make_tree(tmp_path)
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "de.yml").symlink_to("/etc/passwd")
    (tmp_path / "labels" / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "labels" / "old").mkdir()
    (tmp_path / "labels" / "old" / "fr.yml").write_text("x: y", encoding="utf-8")
    found = [
        str(p) for p in content.load(tmp_path, content.Settings(("en", "de"), 365)).problems.errors
    ]
    assert any(m.startswith("labels/de.yml: is a symbolic link") for m in found), found
    assert any(m.startswith("labels/notes.txt: labels/ holds one file of labels") for m in found), (
        found
    )
    assert any(
        m.startswith("labels/old/fr.yml: labels/ holds one file of labels") for m in found
    ), found
    config.resolve(tmp_path, ("en", "de"), {})
    from portal import i18n

    assert i18n.Labels(tmp_path / "labels", (), "en").files("de") == []  # never through the link


def test_problems_of_a_file_and_of_its_lines_sort_together():
    """A problem of a whole file (no line) beside one of its lines: the report sorts them, the
    file's first, and never fails (comparing no line with a line raised a TypeError)."""
    problems = Problems()
    problems.add("labels/de.yml", "x", "a line", line=3)
    problems.add("labels/de.yml", "", "the file")
    problems.add("a.yml", "", "another file", line=9)
    assert [p.message for p in problems.errors] == ["another file", "the file", "a line"]
