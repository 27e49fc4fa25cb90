"""Content or code: the inventory of what a content pull request may change.

`portal.changes.is_content` and `.github/CODEOWNERS` must agree on every file of the
repository and on the files a pull request could add; `python -m portal code-changes` lists
the code files of a change for the job summary.
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
from pathlib import Path

import pytest
from contenttree import ROOT
from sitebuild import copy_fixture, git

from portal import changes

CODEOWNERS = ROOT / ".github" / "CODEOWNERS"

CONTENT = [
    "programme.yml",
    "labels/fr.yml",
    "labels/kk.yml",
    "countries/chad/country.yml",
    "countries/chad/index.fr.md",
    "countries/chad/figure.png",
    "countries/chad/NOTES.md",
    "objectives/early-warning/objective.yml",
    "docs/about.md",
    "docs/about.fr.md",
    "docs/media/map.png",
]
CODE = [
    "mkdocs.yml",
    "Makefile",
    "requirements.txt",
    "portal/pdf.py",
    "portal/labels/fr.yml",  # the generator's own labels
    "hooks/portal_hooks.py",
    "overrides/main.html",
    ".github/workflows/portal.yml",
    ".github/CODEOWNERS",
    "tools/ci_preview.sh",
    "tests/fixtures/site/programme.yml",
    "labels/fr.yaml",
    "labels/extra/fr.yml",
    "docs/assets/javascripts/bundle.js",  # would shadow the theme's script
    "docs/media/page.html",
    "docs/main.html",
    "README.md",
    "schemas/country.schema.json",
]


@pytest.mark.parametrize("path", CONTENT)
def test_content(path: str) -> None:
    assert changes.is_content(path)


@pytest.mark.parametrize("path", CODE)
def test_code(path: str) -> None:
    assert not changes.is_content(path)


def _owned(path: str, rules: list[tuple[str, list[str]]]) -> bool:
    """Whether CODEOWNERS gives `path` an owner (its last matching pattern wins)."""
    owners: list[str] = []
    for pattern, who in rules:
        anchored = pattern.startswith("/")
        body = pattern.strip("/")
        if pattern.endswith("/"):
            matched = path.startswith(body + "/") if anchored else f"/{body}/" in f"/{path}"
        elif pattern == "*":
            matched = True
        else:
            regex = fnmatch.translate(body).replace(".*", "[^/]*")
            matched = bool(re.fullmatch(regex, path)) if anchored else False
        if matched:
            owners = who
    return bool(owners)


def _rules() -> list[tuple[str, list[str]]]:
    rules = []
    for line in CODEOWNERS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *who = line.split()
            rules.append((pattern, who))
    return rules


def test_codeowners_agrees_with_the_inventory() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    rules = _rules()
    disagree = [
        path
        for path in [*tracked, *CONTENT, *CODE]
        if _owned(path, rules) == changes.is_content(path)
    ]
    assert disagree == []


def test_code_changes_of_a_pull_request(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "portal")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    (project / "countries/colombia/index.fr.md").write_text("Texte.\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    (project / "docs/media").mkdir()
    (project / "docs/media/bundle.js").write_text("alert(1)\n", encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "pull request")
    result = subprocess.run(
        [sys.executable, "-m", "portal", "code-changes", "HEAD~1", "HEAD"]
        + ["--root", str(project), "--annotate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "## Files outside the content\n\n"
        "2 of the 3 changed files are code, not content: a maintainer (.github/CODEOWNERS) "
        "reviews them before merging.\n\n"
        "- `docs/media/bundle.js`\n- `mkdocs.yml`\n"
    )
    assert "::warning file=mkdocs.yml::" in result.stderr
