"""The offline edition: unzipped and opened from disk, search works in every language."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sitebuild import copy_fixture, mkdocs_build
from test_reader import search


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory) -> Path:
    project = copy_fixture(tmp_path_factory.mktemp("offline"))
    site = project / "site"
    assert mkdocs_build(project, site, "--strict").returncode == 0
    env = {**os.environ, "PORTAL_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    edition = project / "offline-site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(edition)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    # The offline build reuses every PDF of the normal build from the cache, except the
    # Downloads pages (which do not offer the zip from inside the zip).
    rendered = json.loads((project / ".cache/pdf/last-run.json").read_text())["rendered"]
    assert rendered and all(
        p.startswith(("downloads", "fr/downloads", "ru/downloads", "ar/downloads"))
        for p in rendered
    ), rendered
    subprocess.run(
        [sys.executable, "-m", "portal", "offline-zip", "--root", str(project), str(edition)]
        + [str(site)],
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    # Named after the fixture's programme.yml short_name, "Fixture".
    archive = site / "downloads" / "fixture-offline.zip"
    downloads = (site / "fr/downloads/index.html").read_text(encoding="utf-8")
    assert 'data-file="downloads/fixture-offline.zip">(' in downloads
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as z:
        z.extractall(out)
    return out / "fixture"


def test_the_edition_holds_every_language_and_the_pdfs(unzipped):
    for lang in ("", "fr/", "ru/", "ar/"):
        assert (unzipped / f"{lang}countries/morocco.html").is_file()
        assert (unzipped / f"{lang}search/search_index.js").is_file()
    assert (unzipped / "countries/morocco.en.pdf").is_file()
    assert (unzipped / "fr/countries/morocco.fr.pdf").is_file()
    assert (unzipped / "downloads/portal.ar.pdf").is_file()


@pytest.mark.parametrize(
    "lang,term,expected",
    [
        ("", "marmalade", "/countries/morocco.html"),
        ("fr/", "Maroc", "/fr/countries/morocco.html"),
        ("ar/", "المغرب", "/ar/countries/morocco.html"),
    ],
)
def test_search_works_from_disk(page, unzipped, lang, term, expected):
    page.goto((unzipped / f"{lang}index.html").as_uri())
    hrefs = search(page, term)
    assert any(h.startswith("file://") and expected in h for h in hrefs), hrefs
    if lang:
        root = (unzipped / lang).as_uri()
        assert all(h.startswith(root) for h in hrefs), hrefs
    foreign = [u for u in page.requests if not u.startswith(("file://", "data:", "blob:"))]
    assert foreign == []
