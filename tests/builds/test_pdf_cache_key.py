"""The PDF cache's key is made from a document's inputs, not from its assembled HTML: it must
change whenever the HTML would (else a stale PDF is published), for every input.

On the fixture portal built with an image beside Colombia's narrative: every page of two
languages as its own document and a combined document of several pages; each input changed
in turn (a page's article, an image it shows, labels, the document's title, the published
address, the date), then every document's HTML assembled again and compared.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from sitebuild import FIGURE, copy_tree

from portal import addresses, build, config, i18n, pdf, pdf_document

DATE = dt.date(2026, 11, 28)
NAME = "Fixture portal"


@pytest.fixture(scope="module")
def built(builds, tmp_path_factory) -> Path:
    """A private copy of the build (the tests change its pages)."""
    shared = builds.get("site+figure", pdf=False)
    return copy_tree(shared.project, tmp_path_factory.mktemp("key") / "project")


def documents(site: Path) -> list[pdf_document.Doc]:
    docs = []
    for lang, prefix in (("en", ""), ("ar", "ar/")):
        urls = sorted(
            p.parent.relative_to(site).as_posix() + "/"
            for p in (site / prefix).glob("**/index.html")
            if "/search/" not in p.as_posix()
        )
        urls = [u for u in urls if (lang == "en") != u.startswith(("fr/", "ru/", "ar/"))]
        urls = ["" if u == "./" else u for u in urls]
        docs += [
            pdf_document.Doc(
                f"{u}page.{lang}.pdf", u or "home", lang, [pdf_document.Part(u, u, lang)]
            )
            for u in urls
        ]
        parts = [pdf_document.Part(u, u, lang) for u in urls if "countries/" in u]
        docs.append(
            pdf_document.Doc(f"portal.{lang}.pdf", "All", lang, parts, "portal", "Everything")
        )
    return docs


@functools.cache
def portal_words(site: Path) -> i18n.Labels:
    """The built portal's labels (its languages, own labels and name)."""
    return build.load(config.from_file(site.parent)).labels


def state(
    site: Path, site_url: str = "", date: dt.date = DATE, words: i18n.Labels | None = None
) -> list[tuple[str, str]]:
    """(key, assembled HTML) of every document."""
    words = words or portal_words(site)
    address = addresses.published(site_url)
    inputs = pdf._Inputs(site, pdf._fingerprint(), date, address, NAME, words=words)
    return [
        (inputs.key(doc), pdf_document.assemble(doc, site, site_url, NAME, date, words=words))
        for doc in documents(site)
    ]


def _edit(path: Path, old: str, new: str, after: str = "") -> None:
    """Replace the first `old` that comes after `after` (the head holds the page's JSON-LD,
    which repeats its titles: an edit of the article starts at <article)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    assert old in text[start:], (path, old)
    path.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "a page's article": lambda site: _edit(
        site / "countries/colombia/index.html", "Law 985 of 2005", "Law 985 of 2006", "<article"
    ),
    "an image a page shows": lambda site: (site / FIGURE).write_bytes(
        (site / FIGURE).read_bytes() + b"\0"
    ),
    "the text around the article only": lambda site: _edit(
        site / "countries/colombia/index.html", "</head>", "<meta name=x content=y></head>"
    ),
}


@pytest.fixture()
def site(built: Path, tmp_path: Path) -> Path:
    project = copy_tree(built, tmp_path / "project")
    return project / "site"


def _unsafe(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> list[int]:
    """Documents whose HTML changed and whose key did not: a stale PDF would be reused."""
    return [
        i
        for i, ((k1, h1), (k2, h2)) in enumerate(zip(before, after, strict=True))
        if h1 != h2 and k1 == k2
    ]


@pytest.mark.parametrize("change", CHANGES)
def test_the_key_changes_when_the_pdf_would(site: Path, change: str) -> None:
    before = state(site)
    CHANGES[change](site)
    after = state(site)
    assert _unsafe(before, after) == []
    changed_keys = sum(k1 != k2 for (k1, _), (k2, _) in zip(before, after, strict=True))
    if change == "the text around the article only":
        assert changed_keys == 0  # no PDF rendered again for what it does not show
    else:
        assert 0 < changed_keys < len(before)  # the documents that hold it, not the others


def test_settings_and_labels_are_in_the_key(site: Path, tmp_path: Path) -> None:
    before = state(site)
    for after in (
        state(site, site_url="https://example.org/portal/"),
        state(site, date=dt.date(2026, 12, 1)),
    ):
        assert _unsafe(before, after) == []
        assert all(k1 != k2 for (k1, _), (k2, _) in zip(before, after, strict=True))
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "en.yml").write_text("toc: Table of contents\n", encoding="utf-8")
    after = state(site, words=i18n.Labels.of_portal(labels, {"en": NAME}, "en"))
    assert _unsafe(before, after) == []
    assert any(k1 != k2 for (k1, _), (k2, _) in zip(before, after, strict=True))


def test_a_document_title_is_in_the_key(site: Path) -> None:
    inputs = pdf._Inputs(site, "", DATE, "", NAME, words=i18n.GENERIC)
    doc = documents(site)[0]
    other = pdf_document.Doc(doc.out, doc.title + " (2)", doc.lang, doc.parts, doc.kind)
    assert inputs.key(doc) != inputs.key(other)
