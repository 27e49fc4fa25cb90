"""What's new (portal.whatsnew): two versions of a country's or objective's YAML become the
sentences a reader of each language reads; git history becomes dated changes; a copy without
history gives none; the Atom feed's links follow the published address."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest
import yaml
from contenttree import VALID_COUNTRY, make_tree, write
from contenttree import settings as content_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import git

from portal import entrychanges, i18n, newsfeed, whatsnew
from portal.content import load

# Examples per property: a few in `make test`, many in `make fuzz` (PROPERTY_EXAMPLES).
PROPERTY_EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "40"))

LANGS = ("en", "fr", "ar")

BEFORE = """
iso3: MAR
names: {en: Morocco, fr: Maroc, ar: المغرب}
region: africa
treaties:
  tip: {status: signatory, signed: 2000-12-14, source: https://example.org/tip}
instruments:
  - id: law-27-14
    type: law
    title: {en: Law No. 27-14, fr: Loi n° 27-14}
    status: adopted
    source: https://example.org/law
  - type: decree
    number: "2-09-607"
    title: {en: Decree 2-09-607}
    source: https://example.org/decree
activities:
  - date: 2018-09-24
    summary: {en: A training}
    source: https://example.org/training
contacts:
  - name: Ana Example
    email: ana@example.org
    source: https://example.org/contact
"""


def changed(before: str, after: str, lang: str = "en", kind: str = "country") -> list[tuple]:
    old = yaml.safe_load(before) if before else None
    new = yaml.safe_load(after) if after else None
    names = {"tip": "Trafficking Protocol"}
    found = entrychanges.entry_changes(kind, "morocco", old, new, lang, LANGS, names)
    return [(c.label, c.item) for c in found]


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


def test_an_unchanged_file_says_nothing():
    assert changed(BEFORE, BEFORE) == []


def test_a_new_country_is_one_sentence_not_one_per_item():
    assert changed("", BEFORE) == [("wn_country_added", "")]
    assert changed(BEFORE, "") == [("wn_removed", "")]


def test_instruments_are_compared_by_id():
    added = edit(
        BEFORE,
        "activities:",
        "  - id: law-2020\n    type: law\n    title: {en: Law of 2020}\n"
        "    source: https://example.org/2020\nactivities:",
    )
    assert changed(BEFORE, added) == [("wn_instrument_added", "Law of 2020")]
    assert changed(added, BEFORE) == [("wn_instrument_removed", "Law of 2020")]
    # A corrected title is the same instrument, updated, not one removed and one added.
    retitled = edit(BEFORE, "{en: Law No. 27-14,", "{en: Law No. 27-14 on trafficking,")
    assert changed(BEFORE, retitled) == [("wn_instrument_updated", "Law No. 27-14 on trafficking")]
    # An instrument without an id is known by its type and number, as the content knows it.
    renumbered = edit(BEFORE, "{en: Decree 2-09-607}", "{en: Decree No. 2-09-607}")
    assert changed(BEFORE, renumbered) == [("wn_instrument_updated", "Decree No. 2-09-607")]


def test_a_status_change_is_said_as_such():
    ruled = edit(BEFORE, "status: adopted", "status: in-force")
    assert changed(BEFORE, ruled) == [("wn_instrument_status", "Law No. 27-14")]
    ratified = edit(
        BEFORE,
        "{status: signatory, signed: 2000-12-14,",
        "{status: party, signed: 2000-12-14, act: ratification, date: 2011-04-25,",
    )
    assert changed(BEFORE, ratified) == [("wn_treaty_status", "Trafficking Protocol")]
    resourced = edit(BEFORE, "source: https://example.org/tip}", "source: https://example.org/t2}")
    assert changed(BEFORE, resourced) == [("wn_treaty_updated", "Trafficking Protocol")]


def test_contacts_activities_and_details():
    moved = edit(BEFORE, "ana@example.org", "ana@example.net")
    assert changed(BEFORE, moved) == [("wn_contact_updated", "Ana Example")]
    more = edit(
        BEFORE,
        "contacts:",
        "  - date: 2019-03\n    summary: {en: A workshop}\n"
        "    source: https://example.org/workshop\ncontacts:",
    )
    assert changed(BEFORE, more) == [("wn_activity_added", "March 2019")]
    assert changed(BEFORE, more, "fr") == [("wn_activity_added", "mars 2019")]
    assert changed(BEFORE, edit(BEFORE, "region: africa", "region: asia")) == [("wn_details", "")]
    assert changed(BEFORE, BEFORE + "reviewed: 2026-11-28\n") == [("wn_reviewed", "")]


def test_a_translation_is_news_in_its_own_language_only():
    translated = edit(BEFORE, "{en: Decree 2-09-607}", "{en: Decree 2-09-607, fr: Décret 2-09-607}")
    assert changed(BEFORE, translated, "en") == []
    assert changed(BEFORE, translated, "fr") == [("wn_instrument_updated", "Décret 2-09-607")]
    # Arabic readers see the English title as before (the fallback): nothing changed for them.
    assert changed(BEFORE, translated, "ar") == []
    # A translated name is not a new item: contacts and bodies keep their identity.
    named = edit(
        BEFORE, "{en: Morocco, fr: Maroc, ar: المغرب}", "{en: Morocco, fr: Le Maroc, ar: المغرب}"
    )
    assert changed(BEFORE, named, "fr") == [("wn_details", "")]
    assert changed(BEFORE, named, "en") == []


def test_objectives_model_policies():
    before = "number: 3\ntitle: {en: Capacity}\nsummary: {en: S}\nmodel_policies: []\n"
    after = before.replace(
        "model_policies: []",
        "model_policies:\n  - title: {en: Toolkit}\n    publisher: UNODC\n"
        "    url: https://example.org/toolkit\n",
    )
    assert changed(before, after, kind="objective") == [("wn_model_policy_added", "Toolkit")]


def test_every_sentence_is_a_label_of_every_language_with_its_placeholders():
    sentences = {
        f"wn_{kind}_{what}"
        for kind, *_ in entrychanges.COLLECTIONS.values()
        for what in ("added", "removed", "updated")
    } | {"wn_instrument_status", "wn_treaty_status", "wn_treaty_updated"}
    sentences |= {"wn_country_added", "wn_objective_added", "wn_removed", "wn_narrative"}
    sentences |= {"wn_details", "wn_reviewed", "wn_programme"}
    for lang in ("en", "fr", "es", "pt", "ru", "ar"):
        labels = i18n.GENERIC(lang)
        for key in sentences:
            assert key in labels, (lang, key)
            assert labels[key].format(name="N", item="I"), (lang, key)


# -- git history ----------------------------------------------------------------------------


def commit(project: Path, message: str, date: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-qm", message, date=date)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A small portal in git: the first commit, a narrative translated into French, the
    treaty status changed on a branch merged later, and a country removed."""
    root = make_tree(tmp_path_factory.mktemp("whatsnew") / "portal")
    git(root, "init", "-q", "-b", "main")
    commit(root, "first", "2026-01-10T09:00:00+01:00")
    (root / "countries/morocco/index.fr.md").write_text("Récit du pays.\n", encoding="utf-8")
    (root / "countries/morocco/NOTES.md").write_text("For editors.\n", encoding="utf-8")
    commit(root, "french", "2026-02-01T10:00:00+00:00")
    git(root, "checkout", "-q", "-b", "branch")
    meta = root / "countries/morocco/country.yml"
    meta.write_text(edit(meta.read_text(), "date: 2011", "date: 2011-04-25"), encoding="utf-8")
    commit(root, "date", "2026-03-01T10:00:00+00:00")
    meta.write_text(edit(meta.read_text(), "date: 2011-04-25", "date: 2011-04-26"))
    commit(root, "date again", "2026-03-02T10:00:00+00:00")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "merge", "branch", date="2026-03-05T10:00:00+00:00")
    egypt = VALID_COUNTRY.replace("MAR", "EGY").replace(
        "{en: Morocco, fr: Maroc, ar: المغرب}", "{en: Egypt, fr: Égypte, ar: مصر}"
    )
    write(root, "countries/egypt/country.yml", egypt)  # a second country, added then removed
    commit(root, "egypt", "2026-04-01T10:00:00+00:00")
    git(root, "rm", "-rq", "countries/egypt")
    commit(root, "no egypt", "2026-05-01T10:00:00+00:00")
    (root / "countries/morocco/index.md").write_text("Uncommitted.\n", encoding="utf-8")
    return root


def said(log: whatsnew.Log, lang: str) -> list[tuple[str, str, str, str]]:
    return [
        (d.commit.when[:10], d.change.slug, d.change.label, d.change.item)
        for d in log.by_lang[lang]
    ]


def test_history_is_read_with_real_dates_first_parent_and_per_language(project):
    log = whatsnew.read(project, LANGS)
    assert log is not None and not log.partial
    assert said(log, "en") == [
        ("2026-05-01", "egypt", "wn_removed", ""),
        ("2026-04-01", "egypt", "wn_country_added", ""),
        # The branch's two commits count once, at the merge, with the merged state.
        ("2026-03-05", "morocco", "wn_treaty_status", "Trafficking in Persons Protocol"),
        ("2026-01-10", "morocco", "wn_country_added", ""),
        ("2026-01-10", "alpha", "wn_objective_added", ""),
        ("2026-01-10", "beta", "wn_objective_added", ""),
    ]
    # The French narrative is news in French only; NOTES.md and uncommitted work are not news.
    assert ("2026-02-01", "morocco", "wn_narrative", "") in said(log, "fr")
    assert not any(row[0] == "2026-02-01" for row in said(log, "en") + said(log, "ar"))
    assert log.updated == "2026-05-01T10:00:00+00:00"
    dates = {d.commit.when for d in log.by_lang["en"]}
    assert "2026-01-10T09:00:00+01:00" in dates  # the commit's own offset, kept


def test_a_removed_country_keeps_its_name_and_has_no_link(project):
    log = whatsnew.read(project, LANGS)
    content = load(project, content_settings())
    rows = newsfeed.rows(log, content, "fr")
    gone = [r for r in rows if r.dated.change.slug == "egypt"]
    assert [r.name for r in gone] == ["Égypte", "Égypte"]  # from history: it has no page now
    assert all(r.target is None for r in gone)
    here = next(r for r in rows if r.dated.change.label == "wn_narrative")
    assert here.target == "countries/morocco"
    assert here.name == (content.countries[0].name.get("fr") or content.countries[0].name["en"])


def test_feed_links_follow_the_published_address_even_under_a_sub_path(project, tmp_path):
    log = whatsnew.read(project, LANGS)
    content = load(project, content_settings())
    url = "https://example.org/portals/test/"
    assert newsfeed.write_feeds(log, content, tmp_path, LANGS, url, True) == [
        "feed.xml",
        "fr/feed.xml",
        "ar/feed.xml",
    ]
    fr = feedparser.parse((tmp_path / "fr/feed.xml").read_bytes())
    assert not fr.bozo, fr.bozo_exception
    assert fr.feed.link == "https://example.org/portals/test/fr/whats-new/"
    assert {e.link for e in fr.entries} >= {
        "https://example.org/portals/test/fr/countries/morocco/"
    }
    offline = tmp_path / "offline"
    newsfeed.write_feeds(log, content, offline, LANGS, None, False)
    links = {e.link for e in feedparser.parse((offline / "ar/feed.xml").read_bytes()).entries}
    assert "countries/morocco.html" in links and "whats-new/index.html" in links


def test_without_git_history_there_is_nothing_to_say(tmp_path):
    root = make_tree(tmp_path / "portal")
    assert whatsnew.read(root, LANGS) is None
    assert newsfeed.page_context(None, None, "en") == {"changes": None, "feed": None}


def test_past_its_bound_history_is_cut_and_said_to_be(project, monkeypatch):
    monkeypatch.setattr(whatsnew, "MAX_COMMITS", 2)
    whatsnew._LAST.clear()
    log = whatsnew.read(project, LANGS)
    assert log is not None and log.partial
    assert [row[:3] for row in said(log, "en")] == [
        ("2026-05-01", "egypt", "wn_removed"),
        ("2026-04-01", "egypt", "wn_country_added"),
    ]
    whatsnew._LAST.clear()


def test_a_shallow_clone_lists_only_what_it_knows(project, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{project}", str(clone)],
        check=True,
        capture_output=True,
    )
    log = whatsnew.read(clone, LANGS)
    assert log is not None and log.partial
    # The older commit's parent is missing: what it changed is not known, so nothing is said
    # of it (never "every country added" on that commit's date).
    assert said(log, "en") == [("2026-05-01", "egypt", "wn_removed", "")]


def test_the_page_is_in_the_navigation_but_not_in_the_pdfs():
    from portal import exports, paths

    assert "whats-new" in [s.key for s in paths.SECTIONS if s.in_nav]
    assert not paths.printed("whats-new/") and paths.printed("countries/mali/")
    content = SimpleNamespace(countries=[], objectives=[], labels=i18n.GENERIC)
    nav = [
        exports.NavPage(f"fr/{inner}", inner, inner, "fr")
        for inner in ("", "countries/", "whats-new/", "downloads/")
    ]
    combined, page_docs = exports.plan(content, {"fr": nav}, "en")  # type: ignore[arg-type]
    assert [p.url for p in combined[0].parts] == ["fr/", "fr/countries/"]
    assert not any("whats-new" in d.out for d in page_docs)


# Any YAML an older commit may hold: history is not checked by today's schema.
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=12),
    st.sampled_from(["2016-13-45", "twenty", "2018-09", "2018-09-24", "law", "party"]),
    st.sampled_from(["a\x01b", "\u202eevil", "\ud800", "line\nbreak", "x" * 200]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "en",
                    "fr",
                    "ar",
                    "id",
                    "type",
                    "title",
                    "name",
                    "date",
                    "end",
                    "status",
                    "number",
                    "year",
                    "summary",
                    "url",
                    "names",
                    "tip",
                    "source",
                ]
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=12,
)
_FILES = st.one_of(
    st.none(),
    _VALUES,
    st.dictionaries(
        st.sampled_from(
            [
                "names",
                "instruments",
                "treaties",
                "contacts",
                "activities",
                "coordinating_bodies",
                "model_policies",
                "reviewed",
                "region",
                "number",
                "title",
            ]
        ),
        _VALUES,
        max_size=5,
    ),
)


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(
    old=_FILES,
    new=_FILES,
    lang=st.sampled_from(LANGS),
    kind=st.sampled_from(["country", "objective"]),
)
def test_any_two_versions_give_sentences_never_a_crash(old, new, lang, kind):
    labels = i18n.GENERIC(lang)
    for change in entrychanges.entry_changes(kind, "x", old, new, lang, LANGS, {"tip": "T"}):
        assert labels[change.label].format(name="N", item=change.item)
        assert change.item == entrychanges.clean(change.item)  # one line, nothing invisible
        change.item.encode("utf-8")  # XML and the page can hold it


def test_the_page_shows_texts_from_history_as_text(tmp_path):
    """An older version's title or name is whatever an editor once wrote: the page prints it
    as text, as every generated page prints content (autoescaped)."""
    from contenttree import ROOT

    from portal import content, pages

    fixture = ROOT / "tests" / "fixtures" / "site"
    found = content.Settings(("en", "fr", "ru", "ar"), 365, labels_dir=fixture / "labels")
    loaded = content.load(fixture, found)
    when = whatsnew.Commit("a" * 40, "2026-02-03T10:00:00+00:00", None, ())
    hostile = "<script>alert(1)</script>"
    log = whatsnew.Log(
        {
            "en": [
                whatsnew.Dated(
                    when, entrychanges.Change("country", "morocco", "wn_contact_added", hostile)
                ),
                whatsnew.Dated(when, entrychanges.Change("country", "gone", "wn_removed")),
            ]
        },
        names={("country", "gone"): {"names": {"en": '<img src=x onerror="alert(2)">'}}},
    )
    page = pages.Renderer(loaded, whats_new=log, root=fixture).render_all(("en",))
    text = page["whats-new/index.md"]
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;: removed from the portal" in text
    assert '<a href="../countries/morocco/">Morocco</a>: new contact: <bdi>' in text


def test_a_version_that_cannot_be_read_is_a_change_not_an_addition(tmp_path):
    root = make_tree(tmp_path / "portal")
    git(root, "init", "-q", "-b", "main")
    meta = root / "countries/morocco/country.yml"
    good = meta.read_text(encoding="utf-8")
    meta.write_text("iso3: [unclosed\n", encoding="utf-8")  # a broken commit, later mended
    commit(root, "broken", "2026-01-10T09:00:00+00:00")
    meta.write_text(good, encoding="utf-8")
    commit(root, "mended", "2026-01-11T09:00:00+00:00")
    log = whatsnew.read(root, LANGS)
    assert said(log, "en")[0] == ("2026-01-11", "morocco", "wn_details", "")
