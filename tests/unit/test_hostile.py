"""The hostile-content corpus (tests/hostile/<case>/): what an outside editor could submit in a
pull request to run script, leak a file of the build machine or replace the portal's assets,
with the exact lines `portal check` (and so the build) must refuse it with.

Each case is laid over a small valid tree like tests/corpus (files/ copied as they are);
`special.json` adds what a folder of files cannot hold: symbolic links, a FIFO, file names with
markup. UPDATE_CORPUS=1 rewrites expected.txt (review the diff!). What is not refused but
neutralised (hostile names, titles, contacts) is built in tests/builds/test_hostile_build.py
from tests/hostile/site/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from contenttree import ROOT, problems_of
from test_corpus import lay_out

HOSTILE = ROOT / "tests" / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir() and p.name != "site")


def lay_out_hostile(case: Path, root: Path) -> Path:
    if not (case / "files").is_dir():
        (case / "files").mkdir()  # lay_out wants one; git keeps no empty folder
        try:
            lay_out(case, root)
        finally:
            (case / "files").rmdir()
    else:
        lay_out(case, root)
    special = case / "special.json"
    for kind, rel, arg in json.loads(special.read_text()) if special.exists() else []:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        if kind == "link":
            path.symlink_to(arg)
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            path.write_text(arg, encoding="utf-8")
    return root


def test_the_hostile_corpus_has_a_case_per_attack():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", CASES)
def test_case_is_refused_with_its_exact_lines(tmp_path, name):
    case = HOSTILE / name
    root = lay_out_hostile(case, tmp_path)
    found = [p for p in problems_of(root) if "warning:" not in p]
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_CORPUS"):
        expected_file.write_text("\n".join(found) + "\n", encoding="utf-8")
    assert found == expected_file.read_text(encoding="utf-8").splitlines()
    assert found, "a hostile input must be refused"
    leaked = "\n".join(found)
    for secret in ("PATH=", "root:x:", "HOME="):
        assert secret not in leaked  # a linked file is never read, not even into a message


@pytest.mark.parametrize("name", ["symlink-narrative", "narrative-script", "docs-asset-shadow"])
def test_check_command_fails_cleanly(tmp_path, name, capsys):
    from portal.__main__ import main

    root = lay_out_hostile(HOSTILE / name, tmp_path)
    assert main(["check", "--root", str(root)]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("FAILED: ")
