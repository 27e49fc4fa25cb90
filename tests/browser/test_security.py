"""Chromium on the fixture portal with hostile content (tests/hostile/site/), online and in the
offline edition (file://): no dialog opens, no request leaves the site, the pages report no
Content-Security-Policy violation, and search still works. A page into which script is
injected after the build (as if it had passed every check) proves the policy blocks it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import serve
from sitebuild import copy_tree
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
def sites(builds, tmp_path_factory) -> dict[str, Path]:
    """The hostile portal's web and offline editions (the session's builds, without PDFs),
    copied: a page with injected script is added to each copy."""
    copies = tmp_path_factory.mktemp("hostile-browser")
    online = copy_tree(builds.get("hostile").site, copies / "site")
    offline = copy_tree(builds.get("hostile", offline=True).site, copies / "offline-site")
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
    httpd, url = serve(sites["online"])
    yield url
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


# No fixed wait for violations to be reported: the browser reports them (the event and the
# console message) in the order they happen, so once a violation provoked by the test itself is
# in, every violation before it is too. The test's own is a plugin from an address no page
# names (blocked by object-src 'none', before any request), and is left out of what is read.
BARRIER = "csp-barrier.invalid"
PROVOKE_BARRIER = """(address) => new Promise((resolve) => requestAnimationFrame(() => {
  const barrier = document.createElement('object');
  barrier.data = address;
  document.body.append(barrier);
  resolve();
}))"""
BARRIER_REPORTED = "(b) => window.__csp.some((v) => v.includes(b))"


def _settle(pg) -> None:
    """Wait until every violation the page has caused so far has been reported."""
    pg.evaluate(PROVOKE_BARRIER, f"https://{BARRIER}/")
    pg.wait_for_function(BARRIER_REPORTED, arg=BARRIER)


def _violations(pg) -> list[str]:
    return [v for v in pg.evaluate("window.__csp") if BARRIER not in v]


def _visit(pg, url: str) -> list[str]:
    """Open a page, provoke what hostile markup would react to, return its CSP violations."""
    pg.goto(url)  # after its load event: scripts run, images loaded or failed
    # Visible ones: the root 404.html holds every language's text, the others hidden.
    for heading in pg.locator("h1:visible, h2:visible").all()[:4]:
        heading.hover()
    pg.mouse.move(5, 5)
    _settle(pg)
    return _violations(pg)


def _policy_reports(pg) -> list[str]:
    return [m for m in pg.console if "Content Security Policy" in m and BARRIER not in m]


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
    _settle(watched)
    assert _violations(watched) == [] and _policy_reports(watched) == []


@pytest.mark.parametrize("edition", ["online", "offline"])
def test_script_injected_after_the_build_is_blocked(watched, sites, origin, edition):
    url = (
        f"{origin}/countries/injected/"
        if edition == "online"
        else (sites["offline"] / "countries/injected.html").as_uri()
    )
    violations = _visit(watched, url)
    before = watched.evaluate("window.__csp.length")
    watched.locator("#pwn").click()
    # Blocked, the javascript: address is reported; run, it would open a dialog instead.
    watched.wait_for_function("(n) => window.__csp.length > n", arg=before)
    assert watched.dialogs == []
    reported = " ".join(violations + _violations(watched))
    assert "script-src" in reported  # the inline script and the handler were refused
    assert "base-uri" in " ".join(_policy_reports(watched)) or "base-uri" in reported
    local = ("file://", "data:", "blob:") if edition == "offline" else (origin, "data:", "blob:")
    assert [u for u in watched.requests if not u.startswith(local)] == []
    # The theme still works: its scripts were not blocked (the page has its search box).
    assert watched.locator("input.md-search__input").count() == 1
