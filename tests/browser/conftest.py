"""A real browser for the tests: Debian's Chromium driven by Playwright, headless."""

from __future__ import annotations

import functools
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from contenttree import ROOT
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(fixture_url: str) -> str:
    """The portal the browser tests read: the fixture portal (tests/fixtures/site), not the
    shipped content, so a pull request that adds or removes a country breaks no test. The same
    build and the same HTTP server as `fixture_url`."""
    return fixture_url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, request, server):
    """A fresh page that records every request; on failure its screenshot is kept."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


# -- The fixture portal in a browser (reader-facing checks that must not depend on the shipped
#    content): built once per session with and without a published address, without PDFs.


def _serve(directory: Path):
    handler = functools.partial(_Quiet, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


_BUILT: dict = {}


def _fixture_site(tmp_path_factory, name: str, site_url: str | None) -> Path:
    if site_url not in _BUILT:
        _BUILT[site_url] = _build_fixture(tmp_path_factory, name, site_url)
    return _BUILT[site_url]


def _build_fixture(tmp_path_factory, name: str, site_url: str | None) -> Path:
    import os

    from sitebuild import copy_fixture, mkdocs_build

    project = copy_fixture(tmp_path_factory.mktemp(name))
    env = {"PDF": "0"}
    if site_url is not None:
        env["PORTAL_SITE_URL"] = site_url
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        result = mkdocs_build(project, project / "site", "--strict")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert result.returncode == 0, result.stderr[-5000:]
    return project / "site"


@pytest.fixture(scope="session", params=["with-site-url", "without-site-url"])
def fixture_server(request, tmp_path_factory):
    """The fixture portal served over HTTP: once with its site_url, once built without one."""
    site_url = None if request.param == "with-site-url" else ""
    site = _fixture_site(tmp_path_factory, request.param, site_url)
    httpd, url = _serve(site)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def fixture_url(tmp_path_factory):
    """The fixture portal served over HTTP, built with its site_url (one build per session)."""
    site = _fixture_site(tmp_path_factory, "fixture-web", None)
    httpd, url = _serve(site)
    yield url
    httpd.shutdown()


@pytest.fixture
def reader(browser, request):
    """A fresh 1280 px page recording every response; on failure its screenshot is kept."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.requests = []
    pg.responses = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("response", lambda r: pg.responses.append((r.status, r.url)))
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
