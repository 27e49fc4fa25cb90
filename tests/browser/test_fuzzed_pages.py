"""Chromium on a sample of fuzzed pages (tests/fuzz/: the corpus in every country and
objective field and in every narrative), online and offline (file://): no dialog opens, no
request leaves the site, the page does not navigate, and no Content-Security-Policy
violation is reported."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import serve
from sitebuild import mkdocs_build
from test_security import _policy_reports, _visit, watched  # noqa: F401 (a fixture)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))

import fuzzbuild  # noqa: E402
import inputs  # noqa: E402
from test_fuzz import _corpus_draw  # noqa: E402

PAGES = [
    "countries/colombia/",
    "ar/countries/colombia/",
    "countries/morocco/",
    "objectives/legislation/",
    "fr/objectives/cooperation/",
    "about/",
    "instruments/",
    "contacts/",
    "",
]


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory) -> dict[str, Path]:
    """One fuzzed portal, as the web edition and as the offline edition."""
    work = tmp_path_factory.mktemp("fuzzed")

    def write(root: Path) -> list[inputs.Written]:
        draw, out = _corpus_draw(11), []
        for path in inputs.yaml_files(root)[1:]:
            out += inputs.fuzz_yaml(root, path, fuzzbuild.LANGS, draw)
        for path in inputs.narratives(root):
            inputs.fuzz_narrative(path, draw, path.name)
        return out

    from mkdocs.config import load_config

    from portal import csp

    config = load_config(str(fuzzbuild.ROOT / "mkdocs.yml"))
    result = fuzzbuild.run(work, csp.own_scripts(config.theme.get_env(), config), write)
    assert result.site.is_dir() and result.problems == []
    offline = work / "offline"
    done = mkdocs_build(work / "project", offline, env={"PDF": "0", "PORTAL_OFFLINE": "true"})
    assert done.returncode == 0, done.stderr[-2000:]
    return {"online": result.site, "offline": offline}


@pytest.fixture(scope="module")
def origin(fuzzed):
    httpd, url = serve(fuzzed["online"])
    yield url
    httpd.shutdown()


def _offline(site: Path, path: str) -> Path:
    """A page of the offline edition: a section's index, or a page as `<name>.html`."""
    index = site / path / "index.html"
    return index if index.is_file() else site / (path.rstrip("/") + ".html")


@pytest.mark.parametrize("edition", ["online", "offline"])
@pytest.mark.parametrize("path", PAGES)
def test_fuzzed_pages_run_nothing_and_go_nowhere(watched, fuzzed, origin, edition, path):  # noqa: F811
    url = f"{origin}/{path}" if edition == "online" else _offline(fuzzed["offline"], path).as_uri()
    violations = _visit(watched, url)
    assert watched.url == url  # no navigation
    assert watched.dialogs == []
    assert violations == [] and _policy_reports(watched) == []
    local = (origin, "data:", "blob:") if edition == "online" else ("file://", "data:", "blob:")
    assert [u for u in watched.requests if not u.startswith(local)] == []
