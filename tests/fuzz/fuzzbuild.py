"""One fuzzed build: the fixture portal with hostile texts written into the inputs a test
chooses, refused values put back until the check accepts the rest, built, and every output
read (outputs.site_problems)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import inputs
import outputs
from sitebuild import ROOT, copy_fixture, mkdocs_build

from portal import csp

LANGS = ("en", "fr", "ru", "ar")
FOREIGN_SCRIPT = "holds an inline script the portal did not write"


@dataclass
class Result:
    site: Path
    written: list[inputs.Written] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)  # the check's reports, round by round
    problems: list[str] = field(default_factory=list)


def _traceback(text: str) -> bool:
    return "Traceback (most recent call last)" in text


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "portal", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def run(work: Path, own: csp.OwnScripts, write: Callable[[Path], list[inputs.Written]]) -> Result:
    """Copy the fixture into `work`, let `write` put hostile texts into it, and build."""
    if work.exists():
        shutil.rmtree(work)
    root = copy_fixture(work / "project")
    result = Result(work / "site", write(root))
    for _ in range(6):
        done = check(root)
        report = done.stdout + done.stderr
        assert not _traceback(report), report  # a refusal says what is wrong, never crashes
        if done.returncode == 0:
            break
        result.refusals.append(report)
        restored = inputs.restore_refused(root, result.written, report)
        if not restored and not inputs.blank_refused_lines(root, report):
            break  # refused as a whole (a file name, a labels file): a clear refusal
    # PDFs (and their link annotations, outputs.pdf_problems) in `make fuzz` only: slow.
    built = mkdocs_build(root, result.site, env={"PDF": os.environ.get("FUZZ_PDF", "0")})
    log = built.stdout + built.stderr
    assert not _traceback(log), log[-3000:]
    if built.returncode != 0:
        result.refusals.append(log)
        # The policy's check is the last wall, not the check's refusal: content the check
        # accepted wrote a script into a page.
        result.problems = [line for line in log.splitlines() if FOREIGN_SCRIPT in line]
        return result
    result.problems = outputs.site_problems(result.site, own)
    return result
