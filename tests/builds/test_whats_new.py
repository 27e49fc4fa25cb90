"""What's new and its Atom feeds, built: the fixture portal in git (sitebuild.copy_with_history:
the first commit on 2026-01-15, Morocco's English narrative changed on 2026-03-02, a contact
added to Colombia on 2026-04-20), in the web edition (published at https://portal.example.org/)
and the offline one; and the fixture outside git, which has no history to tell."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from sitebuild import html_pages

from portal import whatsnew

LANGS = {"en": "", "fr": "fr/", "ru": "ru/", "ar": "ar/"}
PUBLISHED = "https://portal.example.org/"
# What each language's reader is told, and on which day (the commits' dates).
SAID = {
    "en": [
        ("2026-04-20", "Colombia: new contact: Old Contact"),
        ("2026-03-02", "Morocco: description updated"),
        ("2026-01-15", "Colombia: new country"),
        ("2026-01-15", "Objective 2: new objective"),
    ],
    "fr": [
        ("2026-04-20", "Colombie\u00a0: nouveau contact\u00a0: Old Contact"),
        # No French narrative: French readers read the English one, which changed.
        ("2026-03-02", "Maroc\u00a0: description mise à jour"),
        ("2026-01-15", "Maroc\u00a0: nouveau pays"),
    ],
    "ru": [("2026-04-20", "Колумбия: новый контакт: Old Contact")],
    "ar": [("2026-04-20", "كولومبيا: جهة اتصال جديدة: Old Contact")],
}
NOT_SAID = {  # Russian and Arabic readers have their own narrative of Morocco: unchanged
    "ru": "Марокко: описание обновлено",
    "ar": "المغرب: تحديث الوصف",
}
HEAD_LINK = re.compile(
    r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">'
)


@pytest.fixture(scope="module")
def web(builds) -> Path:
    return builds.get("site+history", strict=False).site


@pytest.fixture(scope="module")
def offline(builds) -> Path:
    return builds.get("site+history", strict=False, offline=True).site


def feed(site: Path, lang: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / LANGS[lang] / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return parsed


def local(site: Path, url: str) -> Path:
    """The built file a published address or a site-relative path opens."""
    path = urlsplit(url).path.lstrip("/") if url.startswith(PUBLISHED) else url
    path = path.split("#")[0]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_valid_feed_with_real_dates_and_titles_in_it(web, lang):
    parsed = feed(web, lang)
    assert parsed.feed.language == lang
    assert parsed.feed.updated.startswith("2026-04-20")  # the newest commit's date
    seen = [(e.updated[:10], e.title) for e in parsed.entries]
    for wanted in SAID[lang]:
        assert wanted in seen, (wanted, seen)
    if lang in NOT_SAID:
        assert all(title != NOT_SAID[lang] for _, title in seen)
    days = {"2026-01-15", "2026-04-20"} | ({"2026-03-02"} if lang not in NOT_SAID else set())
    assert {day for day, _ in seen} == days
    ids = [e.id for e in parsed.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    assert parsed.feed.title.endswith(("what's new", "nouveautés", "что нового", "الجديد"))


@pytest.mark.parametrize("lang", LANGS)
def test_feed_links_open_built_pages_of_the_same_language(web, lang):
    parsed = feed(web, lang)
    links = [parsed.feed.link] + [e.link for e in parsed.entries]
    for link in links:
        assert link.startswith(PUBLISHED + LANGS[lang]), link
        assert local(web, link).is_file(), link
    assert parsed.feed.link == f"{PUBLISHED}{LANGS[lang]}whats-new/"
    self_link = next(x.href for x in parsed.feed.links if x.rel == "self")
    assert self_link == f"{PUBLISHED}{LANGS[lang]}feed.xml"


def test_every_page_announces_its_language_feed(web):
    pages = html_pages(web)
    assert len(pages) > 50
    for rel in pages:
        lang = next((k for k, v in LANGS.items() if v and rel.startswith(v)), "en")
        found = HEAD_LINK.findall((web / rel).read_text(encoding="utf-8"))
        assert len(found) == 1, rel
        title, href = found[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
        assert target == f"{LANGS[lang]}feed.xml", (rel, href)
    french = (web / "fr/countries/morocco/index.html").read_text(encoding="utf-8")
    assert HEAD_LINK.search(french).group(1) == "Portail de test\u00a0: nouveautés"


def test_the_page_lists_the_changes_by_day_in_the_language(web):
    page = (web / "fr/whats-new/index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Nouveautés" in page
    days = re.findall(r'<h2 id="day-(\d{4}-\d\d-\d\d)"', page)
    assert days == ["2026-04-20", "2026-03-02", "2026-01-15"]
    assert "20 avril 2026" in page
    assert '<a href="../countries/colombia/">Colombie</a>\u00a0: nouveau contact\u00a0: ' in page
    assert '<a href="../feed.xml" type="application/atom+xml">' in page
    home = (web / "fr/index.html").read_text(encoding="utf-8")
    assert '<p class="portal-latest-all"><a href="whats-new/">Nouveautés</a></p>' in home
    arabic = (web / "ar/whats-new/index.html").read_text(encoding="utf-8")
    assert "جهة اتصال جديدة" in arabic and 'dir="rtl"' in arabic


def test_the_offline_edition_links_its_own_pages(offline):
    for lang, prefix in LANGS.items():
        parsed = feed(offline, lang)
        for link in [parsed.feed.link] + [e.link for e in parsed.entries]:
            assert not urlsplit(link).scheme, link  # relative: it opens from disk
            assert (offline / prefix / link.split("#")[0]).is_file(), link
        assert parsed.feed.link == "whats-new/index.html"
    page = (offline / "fr/countries/colombia.html").read_text(encoding="utf-8")
    assert HEAD_LINK.search(page).group(2) == "../feed.xml"


@pytest.fixture(scope="module")
def without_history(builds):
    """The fixture copied outside git (as from a downloaded archive): no history to tell."""
    return builds.get("site", site_url="")


def test_without_history_no_feed_and_the_page_says_so(without_history):
    site = without_history.site
    assert not list(site.rglob("feed.xml"))
    for prefix in LANGS.values():
        page = (site / prefix / "whats-new/index.html").read_text(encoding="utf-8")
        assert (
            "portal-empty" in page and "<h2" not in page.split("<article")[1].split("</article>")[0]
        )
        assert not HEAD_LINK.search(page)
    assert "elles ne peuvent pas être listées ici" in (site / "fr/whats-new/index.html").read_text()
    assert without_history.log.count(whatsnew.NO_HISTORY) == 1
