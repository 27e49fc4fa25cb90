"""The workflow's pull-request steps, run here as GitHub runs them, on the fixture portal.

The steps are read from .github/workflows/portal.yml (their `run:` text, not a copy of it)
and run with bash in a git repository whose HEAD is a merge commit like the one GitHub checks
out for a pull request (HEAD^1 the base branch, HEAD^2 the change of tests/fixtures/
pull-request). They must produce the preview (the offline edition with PDFs, and
changes.html linking the changed pages) and the job summary (tests/golden/diff/
job-summary.md; `UPDATE_GOLDEN=1` rewrites it). Also checked on the file itself: actions
pinned by commit, read-only jobs, a deploy job that runs nothing of the repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from contenttree import ROOT
from sitebuild import copy_fixture, git

from portal import paths

WORKFLOW = ROOT / ".github" / "workflows" / "portal.yml"
CHANGE = ROOT / "tests" / "fixtures" / "pull-request"
GOLDEN = ROOT / "tests" / "golden" / "diff" / "job-summary.md"
ARTIFACT_URL = "https://github.com/o/r/actions/runs/1/artifacts/2"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def pull_request_steps(job: str) -> list[dict]:
    """The `run:` steps of `job` that run for a pull request."""
    return [
        step
        for step in workflow()["jobs"][job]["steps"]
        if "run" in step and "'push'" not in step.get("if", "")
    ]


def merge_commit(tmp: Path) -> Path:
    """The fixture in git, HEAD being the merge of a pull request into main."""
    project = copy_fixture(tmp / "portal")
    (project / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    git(project, "checkout", "-q", "-b", "pull-request")
    shutil.copytree(CHANGE, project, dirs_exist_ok=True)
    git(project, "add", "-A")
    git(project, "commit", "-qm", "the editor's change")
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-ff", "-m", "merge", "pull-request")
    return project


def run_step(step: dict, project: Path, summary: Path) -> subprocess.CompletedProcess[str]:
    """One step as the runner runs it: bash, in the checkout, with GitHub's variables."""
    script = step["run"].replace("tools/ci_preview.sh", str(ROOT / "tools" / "ci_preview.sh"))
    script = re.sub(r"^python ", f"{sys.executable} ", script, flags=re.MULTILINE)
    env = {
        **os.environ,
        "GITHUB_STEP_SUMMARY": str(summary),
        "PORTAL_ROOT": str(project),
        "PYTHON": sys.executable,
        "PYTHONPATH": str(ROOT),
        "PDF": "1",
        "PDF_WORKERS": "2",
        **{k: v for k, v in (step.get("env") or {}).items() if "${{" not in str(v)},
    }
    if "ARTIFACT_URL" in (step.get("env") or {}):
        env["ARTIFACT_URL"] = ARTIFACT_URL  # the upload step's output
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


def after_failure(step: dict) -> bool:
    """Does GitHub run this step once an earlier step of the job failed?"""
    return any(word in step.get("if", "") for word in ("always()", "failure()", "!cancelled()"))


@pytest.fixture(scope="module")
def ran(tmp_path_factory) -> tuple[Path, str, dict[str, int]]:
    """The project after the `code-changes` and `check` jobs' pull-request steps; the
    summary they wrote; each step's exit status."""
    project = merge_commit(tmp_path_factory.mktemp("ci"))
    summary = project.parent / "step-summary.md"
    statuses: dict[str, int] = {}
    for job in ("code-changes", "check"):
        failed = False
        for step in pull_request_steps(job):
            if step["run"].startswith(("pip ", "make ")):
                continue  # installing: this machine has the packages; `make test` is this
            if failed and not after_failure(step):
                continue
            result = run_step(step, project, summary)
            statuses[step.get("name") or step["run"]] = result.returncode
            failed = failed or result.returncode != 0
            assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return project, summary.read_text(encoding="utf-8"), statuses


def test_a_new_warning_fails_the_check_and_every_later_step_runs(ran) -> None:
    """The change adds a country without translated names: a warning, which fails the check
    (as --strict does), yet the preview is built and the summary written."""
    _, _, statuses = ran
    assert statuses == {
        "List the files that are not content": 0,
        "Mark the start of the build (cached PDFs not used after it are dropped)": 0,
        "Check the content and build the preview": 1,
        "Write the summary of the pull request": 0,
        "Drop the cached PDFs this build did not use": 0,
    }


def test_the_job_summary(ran) -> None:
    _, summary, _ = ran
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(summary, encoding="utf-8")
    assert summary == GOLDEN.read_text(encoding="utf-8")


def test_the_preview_holds_every_changed_page_and_its_pdf(ran) -> None:
    project, _, _ = ran
    site = project / ".cache" / "preview" / "site"
    changes = (site / "changes.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="\./([^"]+)"', changes)
    assert "countries/colombia.html" in links and "fr/countries/peru.html" in links
    for link in links:
        page = site / link
        if paths.hidden(re.sub(r"^(fr|ru|ar)/", "", link)):
            continue  # a page for editors: no PDF
        assert page.is_file(), link
        pdfs = re.findall(r'href="([^"]+\.pdf)"', page.read_text(encoding="utf-8"))
        assert pdfs, f"{link} has no PDF"
        for pdf in pdfs:
            target = (page.parent / pdf).resolve()
            assert target.is_file() and target.read_bytes().startswith(b"%PDF"), (link, pdf)


def test_actions_are_pinned_by_commit() -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"# v\d+\.\d+\.\d+", comment), f"{action}: name the release"


def test_only_deploy_may_write_and_it_runs_nothing_of_the_repository() -> None:
    flow = workflow()
    assert flow["permissions"] == {}
    for name, job in flow["jobs"].items():
        if name == "deploy":
            assert job["permissions"] == {"pages": "write", "id-token": "write"}
            assert [s["uses"].split("@")[0] for s in job["steps"]] == ["actions/deploy-pages"]
        else:
            assert job["permissions"] == {"contents": "read"}, name
    assert "pull_request_target" not in flow[True]  # PyYAML reads `on:` as True
    for job in flow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False
