"""Chromium on the fixture portal with hostile content (tests/hostile/site/), online and in the
offline edition (file://): no dialog opens, no request leaves the site, the pages report no
Content-Security-Policy violation, and search still works. A page into which script is
injected after the build (as if it had passed every check) proves the policy blocks it.
"""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import _Quiet
from sitebuild import copy_hostile, mkdocs_build
from test_reader import search

PAGES = [
    "",
    "countries/",
    "countries/hostile/",
    "fr/countries/hostile/",
    "ru/countries/hostile/",
    "ar/countries/hostile/",
    "objectives/hostile/",
    "objectives/",
    "fr/objectives/hostile/",
    "hostile/",
    "instruments/",
    "compare/",
    "contacts/",
    "matrix/",
    "404.html",
]
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""
INJECTED = (
    '<base href="https://evil.example/"><script>alert("inline")</script>'
    '<img src="x" onerror="alert(\'onerror\')"><a id="pwn" href="javascript:alert(\'link\')">x</a>'
    '<iframe src="https://evil.example/"></iframe>'
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    project = copy_hostile(tmp_path_factory.mktemp("hostile-browser"))
    online, offline = project / "site", project / "offline-site"
    result = mkdocs_build(project, online, "--strict", env={"PDF": "0"})
    assert result.returncode == 0, result.stderr[-3000:]
    result = mkdocs_build(project, offline, "--strict", env={"PDF": "0", "PORTAL_OFFLINE": "true"})
    assert result.returncode == 0, result.stderr[-3000:]
    for site, page in (
        (online, "countries/hostile/index.html"),
        (offline, "countries/hostile.html"),
    ):
        text = (site / page).read_text(encoding="utf-8")
        injected = site / page.replace("hostile", "injected")
        injected.parent.mkdir(parents=True, exist_ok=True)
        injected.write_text(text.replace("<article", INJECTED + "<article", 1), encoding="utf-8")
    return {"online": online, "offline": offline}


@pytest.fixture(scope="module")
def origin(sites):
    handler = functools.partial(_Quiet, directory=str(sites["online"]))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def watched(browser):
    """A page recording dialogs, requests, CSP violations and console reports of the policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    pg = context.new_page()
    pg.dialogs, pg.requests, pg.console = [], [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("console", lambda m: pg.console.append(m.text))
    yield pg
    context.close()


def _visit(pg, url: str) -> list[str]:
    """Open a page, provoke what hostile markup would react to, return its CSP violations."""
    pg.goto(url)
    pg.wait_for_timeout(300)
    for heading in pg.locator("h1, h2").all()[:4]:
        heading.hover()
    pg.mouse.move(5, 5)
    pg.wait_for_timeout(200)
    return pg.evaluate("window.__csp")


def _policy_reports(pg) -> list[str]:
    return [m for m in pg.console if "Content Security Policy" in m]


@pytest.mark.parametrize("path", PAGES)
def test_online_pages_run_no_hostile_text_and_violate_nothing(watched, origin, path):
    violations = _visit(watched, f"{origin}/{path}")
    assert watched.dialogs == []
    assert violations == [] and _policy_reports(watched) == []
    assert [u for u in watched.requests if not u.startswith((origin, "data:", "blob:"))] == []


@pytest.mark.parametrize(
    "path", ["index.html", "countries/hostile.html", "ar/countries/hostile.html", "hostile.html"]
)
def test_offline_pages_violate_nothing(watched, sites, path):
    violations = _visit(watched, (sites["offline"] / path).as_uri())
    assert watched.dialogs == []
    assert violations == [] and _policy_reports(watched) == []
    assert [u for u in watched.requests if not u.startswith(("file://", "data:", "blob:"))] == []


@pytest.mark.parametrize("edition", ["online", "offline"])
def test_search_works_under_the_policy(watched, sites, origin, edition):
    if edition == "online":
        start, expected = f"{origin}/fr/", "/fr/countries/morocco/"
    else:
        start, expected = (
            (sites["offline"] / "fr/index.html").as_uri(),
            "/fr/countries/morocco.html",
        )
    watched.goto(start)
    hrefs = search(watched, "Maroc")
    assert any(expected in h for h in hrefs), hrefs
    assert watched.evaluate("window.__csp") == [] and _policy_reports(watched) == []


@pytest.mark.parametrize("edition", ["online", "offline"])
def test_script_injected_after_the_build_is_blocked(watched, sites, origin, edition):
    url = (
        f"{origin}/countries/injected/"
        if edition == "online"
        else (sites["offline"] / "countries/injected.html").as_uri()
    )
    violations = _visit(watched, url)
    watched.locator("#pwn").click()
    watched.wait_for_timeout(300)
    assert watched.dialogs == []
    reported = " ".join(violations + watched.evaluate("window.__csp"))
    assert "script-src" in reported  # the inline script and the handler were refused
    assert "base-uri" in " ".join(_policy_reports(watched)) or "base-uri" in reported
    local = ("file://", "data:", "blob:") if edition == "offline" else (origin, "data:", "blob:")
    assert [u for u in watched.requests if not u.startswith(local)] == []
    # The theme still works: its scripts were not blocked (the page has its search box).
    assert watched.locator("input.md-search__input").count() == 1
