"""`python -m portal diff <base> <head>`: what a pull request changes for readers.

The change is tests/fixtures/pull-request laid over the fixture portal, as a pull request
would bring it: Colombia's Trafficking in Persons Protocol status and its law's number (both
from ../shared/content/facts.md), a new country with its English name only (a new warning of
the check) and a French translation of Morocco's narrative. The summary is compared whole with
tests/golden/diff/summary.md (`UPDATE_GOLDEN=1` rewrites it: review the diff).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from contenttree import ROOT
from sitebuild import copy_fixture, git

from portal import diff, factdiff, mdtext

CHANGE = ROOT / "tests" / "fixtures" / "pull-request"
GOLDEN = ROOT / "tests" / "golden" / "diff" / "summary.md"


def apply_change(project: Path) -> Path:
    shutil.copytree(CHANGE, project, dirs_exist_ok=True)
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The fixture portal in git: the base commit, then the pull request's commit."""
    project = copy_fixture(tmp_path_factory.mktemp("diff") / "portal")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    apply_change(project)
    git(project, "add", "-A")
    git(project, "commit", "-qm", "pull request")
    return project


def run_diff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portal", "diff", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_summary_of_two_revisions(project: Path) -> None:
    result = run_diff("HEAD~1", "HEAD", "--root", str(project))
    assert result.returncode == 0, result.stderr
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert GOLDEN.is_file(), f"{GOLDEN} is missing: run with UPDATE_GOLDEN=1 and review it"
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_two_folders_give_the_same_summary(tmp_path: Path) -> None:
    base = copy_fixture(tmp_path / "base")
    head = apply_change(copy_fixture(tmp_path / "head"))
    result = run_diff(str(base), str(head))
    assert result.returncode == 0, result.stderr
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_the_reverse_change_removes_what_was_added(tmp_path: Path) -> None:
    base = copy_fixture(tmp_path / "base")
    head = apply_change(copy_fixture(tmp_path / "head"))
    summary = diff.run(str(head), str(base), ROOT)
    assert "Peru: removed (countries/peru)" in summary.facts
    removed = {c.url for c in summary.page_changes if c.how == "removed"}
    assert {"countries/peru.html", "fr/countries/peru.html", "fr/countries/morocco.html"} <= (
        removed | {c.url for c in summary.page_changes if c.how == "changed"}
    )
    assert "countries/peru.html" in removed
    assert summary.new_warnings == []  # the warning of the pull request is gone, not new


def test_no_change_says_so(project: Path) -> None:
    result = run_diff("HEAD", "HEAD", "--root", str(project))
    assert "No fact changed." in result.stdout
    assert "No page changed." in result.stdout


def test_links_point_into_the_preview(project: Path) -> None:
    result = run_diff("HEAD~1", "HEAD", "--root", str(project), "--link-base", "preview/")
    assert "[`fr/countries/morocco.html`](preview/fr/countries/morocco.html)" in result.stdout


def test_an_unknown_revision_is_a_clear_error(project: Path) -> None:
    result = run_diff("no-such-branch", "HEAD", "--root", str(project))
    assert result.returncode == 2
    assert result.stderr.startswith("error: 'no-such-branch' is neither a folder nor a git")
    assert "Traceback" not in result.stderr


def test_editors_text_is_not_markup() -> None:
    assert mdtext.text("[x](javascript:alert(1)) <b>") == "\\[x\\](javascript:alert(1)) \\<b\\>"
    assert mdtext.text("a\nb") == "a b"
    # A backtick in a message or a file name does not end its code span early.
    assert mdtext.code("a`b") == "``a`b``"
    assert mdtext.code("`x`") == "`` `x` ``"
    assert mdtext.code("docs/a\n[x](http://e.example)") == "`docs/a [x](http://e.example)`"


def test_a_long_text_is_shown_where_it_changed() -> None:
    old = "Only news reports were found; the depositary's table was not read. " * 2
    before, after = factdiff._differing(old, old + "It stays empty.")
    assert before.startswith("…") and after.startswith("…")
    assert "It stays empty." in after and before != after
    assert factdiff._differing("short", "shorter") == ("short", "shorter")
