"""Building real sites for the tests: the fixture portal, or the shipped one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE = FIXTURES / "site"
HOSTILE_SITE = ROOT / "tests" / "hostile" / "site"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_fixture(dest: Path, name: str = "site") -> Path:
    """Copy tests/fixtures/<name> to dest, with a mkdocs.yml pointing at this repository."""
    shutil.copytree(FIXTURES / name, dest, dirs_exist_ok=True)
    template = dest / "mkdocs.yml.in"
    (dest / "mkdocs.yml").write_text(
        template.read_text(encoding="utf-8").replace("@REPO@", str(ROOT)),
        encoding="utf-8",
    )
    template.unlink()
    return dest


def copy_hostile(dest: Path) -> Path:
    """The fixture portal with tests/hostile/site laid over it: hostile names, titles and
    contacts that are valid content, so the build must neutralise them (not refuse them)."""
    copy_fixture(dest)
    shutil.copytree(HOSTILE_SITE, dest, dirs_exist_ok=True)
    config = dest / "mkdocs.yml"  # previous/next links too
    text = config.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  features: [navigation.footer]\n"
    )
    config.write_text(text, encoding="utf-8")
    return dest


def mkdocs_build(
    project: Path, site: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [*MKDOCS, "build", "--site-dir", str(site), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def html_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("index.html") if "assets" not in p.parts
    )
