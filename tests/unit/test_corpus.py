"""The corpus of bad inputs (tests/corpus/<case>/): the files an editor might write, by mistake
or on purpose, and the exact lines `portal check` must print for them.

Each case is laid over a small valid tree (tests/contenttree.py); `delete` lists files to
remove. Every case must give its expected lines, a non-zero exit from `python -m portal check`
and no traceback. UPDATE_CORPUS=1 rewrites the expected files (review the diff!).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from contenttree import ROOT, make_tree, problems_of

CORPUS = ROOT / "tests" / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
CONFIG = """\
plugins:
  - i18n:
      languages:
        - {locale: en, default: true}
        - {locale: fr}
        - {locale: ar}
extra:
  portal:
    today: 2026-11-28
"""


def lay_out(case: Path, root: Path) -> Path:
    make_tree(root)
    (root / "mkdocs.yml").write_text(CONFIG)
    for src in sorted((case / "files").rglob("*")):
        if src.is_file():
            target = root / src.relative_to(case / "files")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
    if (case / "delete").exists():
        for rel in (case / "delete").read_text().split():
            (root / rel).unlink()
    return root


def test_the_corpus_has_at_least_thirty_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", CASES)
def test_case_gives_its_exact_lines(tmp_path, name):
    case = CORPUS / name
    root = lay_out(case, tmp_path)
    found = [p for p in problems_of(root) if "warning:" not in p]
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_CORPUS"):
        expected_file.write_text("\n".join(found) + "\n", encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert found == expected
    assert found, "a bad input must be reported"


@pytest.mark.parametrize("name", CASES)
def test_check_command_fails_cleanly(tmp_path, name, capsys):
    """`portal check` on every case, in process (its exit code and closing line)."""
    from portal.__main__ import main

    root = lay_out(CORPUS / name, tmp_path)
    assert main(["check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("FAILED: ")


def test_check_command_as_a_process_fails_cleanly(tmp_path):
    """One case as editors run it, in a process of its own: no traceback, exit 1."""
    root = lay_out(CORPUS / "wrong-type-year", tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "portal", "check", "--root", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("FAILED: ")


def test_check_reports_only_the_given_folders_and_strict_fails_on_warnings(tmp_path, capsys):
    root = lay_out(CORPUS / "wrong-type-year", tmp_path)
    (root / "countries/chad").mkdir()
    (root / "countries/chad/country.yml").write_text(
        "iso3: TCD\nnames: {en: Chad}\nregion: africa\nreviewed: 2026-11-28\n"
    )

    from portal.__main__ import main

    def check(*args: str) -> SimpleNamespace:
        code = main(["check", "--root", str(root), *args])
        return SimpleNamespace(returncode=code, stdout=capsys.readouterr().out)

    only_chad = check(str(root / "countries/chad"))
    assert only_chad.returncode == 0
    assert only_chad.stdout.splitlines() == [
        "countries/chad/country.yml:2: warning: names: no name in fr, ar: readers of those "
        "languages see the English one",
        "OK: 0 errors, 1 warning in 1 country and 0 objectives",
    ]
    assert check("--strict", str(root / "countries/chad")).returncode == 1
    everything = check()
    assert everything.returncode == 1
    assert "instruments[0].year: expected a year like 2016" in everything.stdout
