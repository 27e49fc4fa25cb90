"""`make site` on bad content fails with the editor's message and keeps the last good site/."""

from __future__ import annotations

import os
import shutil
import subprocess

from contenttree import ROOT


def test_a_failed_make_site_keeps_the_previous_site(tmp_path):
    project = tmp_path / "portal"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".venv", ".cache", "site", ".git", "test-artifacts", "__pycache__", "node_modules"
        ),
    )
    good = project / "site" / "index.html"
    good.parent.mkdir()
    good.write_text("the last good build")
    meta = project / "countries" / "mali" / "country.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("iso3: MLI", "iso3: MLX"), "utf-8")
    result = subprocess.run(
        ["make", "site", f"VENV={ROOT / '.venv'}"],
        cwd=project,
        env={**os.environ, "PDF": "0"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "countries/mali/country.yml:4: iso3: expected an ISO 3166-1 alpha-3 country code" in output
    )
    assert "Traceback" not in output
    assert good.read_text() == "the last good build"


def test_make_serve_takes_its_address_from_addr():
    def dry_run(*args: str) -> str:
        return subprocess.run(
            ["make", "-n", "serve", f"VENV={ROOT / '.venv'}", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    assert '--dev-addr "0.0.0.0:8080"' in dry_run("ADDR=0.0.0.0:8080")
    assert "--dev-addr" not in dry_run()
