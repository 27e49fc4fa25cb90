"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from contenttree import ROOT, make_tree


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path)


@pytest.fixture(scope="session")
def builds(tmp_path_factory):
    """Every fixture build of the session (tests/sitebuild.py lists them): made once, on first
    request, then shared by the modules that read it. At the end of the session, no test may
    have written into one."""
    from sitebuild import Builds

    shared = Builds(tmp_path_factory)
    yield shared
    assert shared.touched() == [], "a test wrote into a shared build: give it a copy_tree"


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped portal, built once per test run with --strict (no PDFs: their rendering is
    tested on the fixtures)."""
    from sitebuild import mkdocs_build

    out = tmp_path_factory.mktemp("shipped") / "site"
    result = mkdocs_build(ROOT, out, "--strict", env={"PDF": "0"})
    assert result.returncode == 0, result.stderr[-5000:]
    return out


def _build_programme(tmp_path_factory, name: str) -> Path:
    """A fixture programme (tests/fixtures/<name>) built as `make site` and `make offline`
    would: the site with its PDFs in <project>/site, the offline edition (without PDFs) in
    <project>/offline-site, zipped into the site's downloads by `python -m portal offline-zip`.
    """
    import subprocess
    import sys

    from sitebuild import copy_fixture, mkdocs_build

    project = copy_fixture(tmp_path_factory.mktemp(name), name)
    site, edition = project / "site", project / "offline-site"
    result = mkdocs_build(project, site, "--strict", env={"PDF": "1", "PDF_WORKERS": "2"})
    assert result.returncode == 0, result.stderr[-5000:]
    offline = {"PORTAL_OFFLINE": "true", "PDF": "0"}
    result = mkdocs_build(project, edition, "--strict", env=offline)
    assert result.returncode == 0, result.stderr[-5000:]
    zipped = subprocess.run(
        [
            sys.executable,
            "-m",
            "portal",
            "offline-zip",
            "--root",
            str(project),
            str(edition),
            str(site),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert zipped.returncode == 0, zipped.stderr
    return project


@pytest.fixture(scope="session")
def programme2(tmp_path_factory) -> Path:
    """The second programme (tests/fixtures/programme2, French by default), built once per
    test run (see _build_programme)."""
    return _build_programme(tmp_path_factory, "programme2")


@pytest.fixture(scope="session")
def programme3(tmp_path_factory) -> Path:
    """The third programme (tests/fixtures/programme3: Arabic by default, English and
    Chinese), built once per test run (see _build_programme)."""
    return _build_programme(tmp_path_factory, "programme3")


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets fixtures see whether the test failed (browser tests keep a screenshot then).
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
