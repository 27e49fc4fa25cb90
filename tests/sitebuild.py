"""Building real sites for the tests: the fixture portal, or the shipped one.

Every build of a fixture the suite reads is made here, once per test session, by `Builds`
(the session fixture `builds` of tests/conftest.py): a build is known by its fixture and its
settings, so modules asking for the same build share it. A shared build is read, never
written: a test that changes a built site or its sources works on a copy (`copy_tree`), and
the session checks at its end that no shared build was touched.

The builds of a full run, and who reads them:

- "site+figure", PDFs on: tests/builds/test_pdf.py (the PDFs), test_fixture_build.py (the
  pages, whose links to their PDFs must resolve) and tests/browser/test_typography.py (titles
  beside their PDF button).
- "site", published address: the browser tests (`server`, `fixture_url`, `fixture_server`,
  Lighthouse) and tests/browser/test_offline.py (a copy, to zip the offline edition into).
- "site", no published address (PORTAL_SITE_URL=""): tests/builds/test_reader_build.py,
  `fixture_server` and the Nu HTML Checker (tests/browser/test_outside_checkers.py).
- "site", offline edition: tests/browser/test_offline.py.
- "site+history" (git history, an edited narrative and an old contact; not --strict):
  tests/builds/test_provenance.py.
- "hostile", web and offline editions: tests/builds/test_hostile_build.py (web) and
  tests/browser/test_security.py (copies of both, into which it injects script).

Built elsewhere: the shipped portal and the second programme (session fixtures `shipped_site`
and `programme2` of tests/conftest.py), and the builds of bad content that must fail.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE = FIXTURES / "site"
HOSTILE_SITE = ROOT / "tests" / "hostile" / "site"
MKDOCS = [sys.executable, "-m", "mkdocs"]
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]


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


FIGURE = "countries/colombia/figure.png"


def copy_with_figure(dest: Path) -> Path:
    """The fixture portal with an image beside Colombia's narrative, as an editor would add it."""
    from PIL import Image

    copy_fixture(dest)
    Image.new("RGB", (400, 200), "#3f51b5").save(dest / FIGURE)
    narrative = dest / "countries/colombia/index.md"
    narrative.write_text(
        narrative.read_text() + "\n![Chart of the cases, 2015–2019](figure.png)\n",
        encoding="utf-8",
    )
    return dest


def git(project: Path, *args: str, date: str = "2026-01-15T12:00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run([*GIT, *args], cwd=project, check=True, capture_output=True, env=env)


def copy_with_history(dest: Path) -> Path:
    """The fixture portal in git: the English narrative of Morocco changed after its Arabic
    translation was made, and Colombia got a contact not verified since 2024."""
    project = copy_fixture(dest)
    (project / ".gitignore").write_text(
        "site/\n.cache/\ndocs/countries/\ndocs/objectives/\n"
        "docs/instruments/\ndocs/matrix/\ndocs/contacts/\n"
        "docs/downloads/\ndocs/open-data/\ndocs/translations/\ndocs/whats-new/\n"
    )
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "content", date="2026-01-15T12:00:00")
    narrative = project / "countries/morocco/index.md"
    narrative.write_text(narrative.read_text() + "\nA new English sentence.\n")
    git(project, "commit", "-qam", "update", date="2026-03-02T12:00:00")
    meta = project / "countries/colombia/country.yml"
    meta.write_text(
        meta.read_text().replace(
            "reviewed: 2026-11-28",
            "contacts:\n  - name: Old Contact\n    email: old@example.org\n    verified: 2024-05-01\n"
            "    source: https://example.org/old\nreviewed: 2026-11-28",
        )
    )
    git(project, "commit", "-qam", "contact", date="2026-04-20T12:00:00")
    return project


# The projects a build starts from, by name.
PROJECTS: dict[str, Callable[[Path], Path]] = {
    "site": copy_fixture,
    "site+figure": copy_with_figure,
    "site+history": copy_with_history,
    "hostile": copy_hostile,
}


def mkdocs_build(
    project: Path, site: Path, *extra: str, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess:
    """`mkdocs build` of project into site; a variable set to None in env is unset."""
    merged = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [*MKDOCS, "build", "--site-dir", str(site), *extra],
        cwd=project,
        env={k: v for k, v in merged.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=600,
    )


def copy_tree(source: Path, dest: Path) -> Path:
    """A private copy of a shared build (its site, or its whole project) for a test that
    writes into it."""
    shutil.copytree(source, dest, symlinks=True)
    return dest


@dataclass(frozen=True)
class Built:
    project: Path
    site: Path
    log: str  # what the build wrote to stderr


def _stamp(tree: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under tree."""
    stamps = {}
    for path in tree.rglob("*"):
        st = path.lstat()
        if not stat.S_ISDIR(st.st_mode):
            stamps[path.relative_to(tree).as_posix()] = (st.st_size, st.st_mtime_ns)
    return stamps


class Builds:
    """Every fixture build of the session, made on first request and then shared."""

    def __init__(self, tmp_path_factory) -> None:
        self._factory = tmp_path_factory
        self._built: dict[tuple, Built] = {}
        self._failed: dict[tuple, str] = {}  # a failed build fails each reader, is not redone
        self._stamps: dict[Path, dict[str, tuple[int, int]]] = {}

    def get(
        self,
        project: str = "site",
        *,
        pdf: bool = False,
        site_url: str | None = None,
        offline: bool = False,
        strict: bool = True,
    ) -> Built:
        """The build of PROJECTS[project]: with its PDFs or not (PDF=0), with the fixture's own
        published address (site_url None) or PORTAL_SITE_URL=site_url ("" for none), the web
        or the offline edition, with --strict or not. The environment does not leak in: a
        variable the settings leave out is unset."""
        key = (project, pdf, site_url, offline, strict)
        assert key not in self._failed, self._failed.get(key)
        if key not in self._built:
            name = "-".join(
                [project.replace("+", "-")]
                + ["pdf"] * pdf
                + ["offline"] * offline
                + ([] if site_url is None else ["url" if site_url else "no-url"])
                + ["loose"] * (not strict)
            )
            root = PROJECTS[project](self._factory.mktemp(f"build-{name}") / "project")
            env = {
                "PDF": "1" if pdf else "0",
                "PORTAL_SITE_URL": site_url,
                "PORTAL_OFFLINE": "true" if offline else None,
            }
            site = root / "site"
            result = mkdocs_build(root, site, *(["--strict"] * strict), env=env)
            if result.returncode != 0:
                self._failed[key] = f"the build {key} failed:\n{result.stderr[-5000:]}"
                raise AssertionError(self._failed[key])
            self._built[key] = Built(root, site, result.stderr)
            self._stamps[root] = _stamp(root)
        return self._built[key]

    def touched(self) -> list[str]:
        """Files of shared builds that changed, appeared or went since they were built."""
        changed = []
        for root, before in self._stamps.items():
            after = _stamp(root)
            changed += [
                f"{root}/{rel}"
                for rel in sorted(before.keys() | after.keys())
                if before.get(rel) != after.get(rel)
            ]
        return changed


def html_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("index.html") if "assets" not in p.parts
    )
