"""A real browser for the tests: Debian's Chromium driven by Playwright, headless."""

from __future__ import annotations

import functools
import re
import shutil
import sys
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
#    content): the session's builds (tests/sitebuild.py), with and without a published address,
#    without PDFs.


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that leaves a page closes the connections it no longer needs: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    """`directory` served over HTTP on a free loopback port, in a thread of its own."""
    handler = functools.partial(_Quiet, directory=str(directory))
    httpd = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(scope="session", params=["with-site-url", "without-site-url"])
def fixture_server(request, builds):
    """The fixture portal served over HTTP: once with its site_url, once built without one."""
    site_url = None if request.param == "with-site-url" else ""
    httpd, url = serve(builds.get("site", site_url=site_url).site)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def fixture_url(builds):
    """The fixture portal served over HTTP, built with its site_url."""
    httpd, url = serve(builds.get("site").site)
    yield url
    httpd.shutdown()


@pytest.fixture
def page_without_js(browser):
    """A fresh page with JavaScript off: what every reader gets before (or without) it."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def pdf_fixture_url(builds):
    """The fixture portal built with its PDFs, so that its pages carry the "Download this page
    as PDF" button the typography must make room for (the same build as tests/builds')."""
    httpd, url = serve(builds.get("site+figure", pdf=True).site)
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


@pytest.fixture(scope="session")
def programme2_url(programme2):
    """The second programme's site (tests/fixtures/programme2) served over HTTP."""
    httpd, url = serve(programme2 / "site")
    yield url
    httpd.shutdown()
