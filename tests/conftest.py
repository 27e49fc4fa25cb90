"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from contenttree import ROOT, make_tree


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped portal, built once per test run with --strict (no PDFs: their rendering is
    tested on the fixtures)."""
    from sitebuild import mkdocs_build

    out = tmp_path_factory.mktemp("shipped") / "site"
    result = mkdocs_build(ROOT, out, "--strict", env={"PDF": "0"})
    assert result.returncode == 0, result.stderr[-5000:]
    return out


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets fixtures see whether the test failed (browser tests keep a screenshot then).
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
