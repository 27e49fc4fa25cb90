"""The offline edition of the fixture portal: zipped by `python -m portal offline-zip`,
unzipped, opened from disk (file://), and searched in the reader's language without a single
request leaving the disk. Built once per session, without PDFs (PDFs in the offline edition
are tested on tests/fixtures/programme2)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from contenttree import ROOT
from searchbox import search
from sitebuild import copy_fixture, copy_tree


@pytest.fixture(scope="session")
def unzipped(builds, tmp_path_factory) -> Path:
    edition = builds.get("site", offline=True).site
    # The zip lands in the downloads of the web site: a copy of the session's fixture build,
    # so the site the other browser tests read stays as it was built. The programme's name
    # comes from the fixture's programme.yml.
    project = copy_fixture(tmp_path_factory.mktemp("offline"))
    site = copy_tree(builds.get("site").site, project / "site")
    zipped = subprocess.run(
        [sys.executable, "-m", "portal", "offline-zip", "--root", str(project)]
        + [str(edition), str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert zipped.returncode == 0, zipped.stderr
    # Named after the fixture's programme.yml short_name, "Fixture".
    archive = site / "downloads" / "fixture-offline.zip"
    downloads = (site / "fr/downloads/index.html").read_text(encoding="utf-8")
    assert 'data-file="downloads/fixture-offline.zip">(' in downloads
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as z:
        z.extractall(out)
    return out / "fixture"


def test_the_edition_holds_every_language(unzipped):
    for lang in ("", "fr/", "ru/", "ar/"):
        for page in ("index.html", "countries/morocco.html", "countries/colombia.html"):
            assert (unzipped / lang / page).is_file(), f"{lang}{page}"
        assert (unzipped / f"{lang}search/search_index.js").is_file()
    # The offline edition does not offer itself for download.
    assert not list(unzipped.rglob("*.zip"))


@pytest.mark.parametrize(
    "lang,term,expected",
    [
        ("", "marmalade", "countries/morocco.html"),
        ("fr/", "Colombie", "fr/countries/colombia.html"),
        ("ar/", "المغرب", "ar/countries/morocco.html"),
        # The same words as on the web: without the article, a law number's look-alike.
        ("ar/", "مغرب", "ar/countries/morocco.html"),
        ("", "27.14", "countries/morocco.html"),
    ],
)
def test_search_works_from_disk(page, unzipped, lang, term, expected):
    page.goto((unzipped / f"{lang}index.html").as_uri())
    hrefs = search(page, term)
    assert hrefs[0] == (unzipped / expected).as_uri(), hrefs
    root = (unzipped / lang).as_uri()
    assert all(h.startswith(root) for h in hrefs), hrefs
    foreign = [u for u in page.requests if not u.startswith(("file://", "data:", "blob:"))]
    assert foreign == []
