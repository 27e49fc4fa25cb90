"""Benchmark: the portal against plain MkDocs + Material + static-i18n, and the editors' preview.

    python tools/bench.py [--sizes 40,240] [--instruments 10] [--pdf] [--no-preview] [--keep]

For each size, generates N synthetic countries x 6 languages (new content model: programme.yml,
`treaties:`, `themes:`) into a temporary folder and builds it with the portal's hooks (PDF=0),
then builds the very Markdown pages the hooks generated with plain MkDocs + Material +
mkdocs-static-i18n (no hooks, no overrides, the portal's sidebar written out as `nav:`).
Prints, in one table: wall and CPU seconds, pages, pages per CPU second, CPU ms per page, kB
per page, peak memory of the build's process tree, the ratio portal / plain, and how CPU time
and kB per page grow from the smallest to the largest size. Ratios are computed on CPU time,
which depends far less than wall time on what else a shared machine runs.

Then the editors' preview: `mkdocs serve` on a copy of the shipped content, on a free loopback
port; one country.yml is edited and the bench measures the time until the edited page is served
with the change, the server's CPU time meanwhile, and counts the rebuilds the edit caused. Once
as `make serve` runs (default language, --dirty) and once with PREVIEW_ALL=1. `--sizes ""`
measures the preview only.

First, search: the gzip bytes a phone downloads from its first search to its first result, per
language, on the same sizes with the shipped countries' narratives (`--search-only`, or
`--no-search` to skip it).

`--pdf` (`make bench PDF=1`) adds PDF throughput with one worker and with every core.
`--rebuild` (`make bench PDF=1`) measures `make site` of the shipped portal with nothing changed
against `PDF=0 make site`, then with one country's narrative edited: which PDFs render again
(`--pdf-cache .cache/pdf` starts from the cache of a `make site`, else the first build fills it).
Times come from a shared machine: read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pycountry
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from portal import paths, whatsnew  # noqa: E402

LANGS = ("en", "fr", "es", "pt", "ru", "ar")
OBJECTIVES = (
    "strategy-and-policy legislative-assistance capacity-building regional-cooperation "
    "victim-protection child-victims"
).split()
TYPES = ("law", "strategy", "action-plan", "policy", "programme")
REGIONS = ("africa", "asia", "eastern-europe", "latin-america")
TARGET_RATIO = 1.10
TARGET_GROWTH = 1.05
TARGET_PREVIEW_SECONDS = 2.0
SERVE_OPTIONS = {False: ("--dirty",), True: ()}  # as `make serve` runs, by PREVIEW_ALL
MKDOCS = [sys.executable, "-m", "mkdocs"]
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PDF": "0"}


# -- synthetic content ------------------------------------------------------------------------


def synthetic(root: Path, countries: int, instruments: int) -> None:
    """N countries and the six objectives, in the content model of programme.yml."""
    shutil.copy(ROOT / "programme.yml", root / "programme.yml")
    for n, slug in enumerate(OBJECTIVES, 1):
        folder = root / "objectives" / slug
        folder.mkdir(parents=True)
        data = {
            "number": n,
            "title": {lang: f"Objective {n} ({lang})" for lang in LANGS},
            "summary": {lang: f"Summary of objective {n} in {lang}." for lang in LANGS},
        }
        (folder / "objective.yml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        (folder / "index.md").write_text(f"Narrative of objective {n}.\n", "utf-8")
    codes = sorted(c.alpha_3 for c in pycountry.countries)[:countries]
    if len(codes) < countries:
        raise SystemExit(f"at most {len(codes)} synthetic countries (ISO 3166 codes)")
    for i, code in enumerate(codes):
        folder = root / "countries" / f"country-{code.lower()}"
        folder.mkdir(parents=True)
        data = {
            "iso3": code,
            "names": {lang: f"Country {code} {lang}" for lang in LANGS},
            "region": REGIONS[i % len(REGIONS)],
            "official_languages": ["en"],
            "treaties": {
                "tip": {
                    "status": "party",
                    "signed": "2000-12-12",
                    "act": "ratification",
                    "date": "2003-06",
                    "source": f"https://example.org/{code}/tip",
                },
                "som": {
                    "status": "signatory",
                    "signed": 2001,
                    "as_of": 2024,
                    "source": f"https://example.org/{code}/som",
                },
            },
            "instruments": [
                {
                    "id": f"ins-{j}",
                    "type": TYPES[j % len(TYPES)],
                    "title": {
                        "en": f"Instrument {j} of {code}",
                        "fr": f"Instrument {j} de {code}",
                    },
                    "number": f"{j}-{i}",
                    "year": 2000 + j,
                    "status": "in-force",
                    "themes": ["tip", "som"] if j % 2 else ["tip"],
                    "objectives": [OBJECTIVES[j % 6], OBJECTIVES[(j + 1) % 6]],
                    "source": f"https://example.org/{code}/{j}",
                    **(
                        {
                            "relations": [
                                {
                                    "kind": "amends",
                                    "target": "ins-0",
                                    "source": f"https://example.org/{code}/1",
                                }
                            ]
                        }
                        if j == 1 and instruments > 1
                        else {}
                    ),
                }
                for j in range(instruments)
            ],
            "activities": [
                {
                    "date": "2018-05-01",
                    "place": {"en": f"Capital of {code}"},
                    "objective": "capacity-building",
                    "summary": {"en": f"Training in {code}"},
                    "source": f"https://example.org/{code}/training",
                }
            ],
            "contacts": [
                {
                    "name": f"Contact {code}",
                    "email": f"contact@{code.lower()}.example.org",
                    "verified": "2026-01-01",
                    "source": f"https://example.org/{code}/contact",
                }
            ],
        }
        (folder / "country.yml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        for lang in LANGS:
            name = "index.md" if lang == "en" else f"index.{lang}.md"
            paragraph = f"Narrative of {code} in {lang}. " * 20
            (folder / name).write_text(f"{paragraph}\n\n### Background\n\n{paragraph}\n", "utf-8")


def plain_nav() -> str:
    """The sidebar the portal shows, as a `nav:` for plain MkDocs: the same pages listed in
    every page (the countries on their index page only), so both builds render the same
    navigation and the ratio measures the portal's own work."""
    lines = ["nav:"]
    for section in paths.SECTIONS:
        if not section.in_nav:
            continue
        if not section.generated:
            lines.append(f"  - {section.key}.md")
        elif section.key == "objectives":
            lines.append("  - Objectives:")
            lines.append("    - objectives/index.md")
            lines += [f"    - objectives/{slug}/index.md" for slug in OBJECTIVES]
        else:
            lines.append(f"  - {section.key}/index.md")
    return "\n".join(lines) + "\n"


def config(project: Path, hooks: bool, watch: bool = False) -> None:
    """The portal's mkdocs.yml, pointed at this repository's hooks and overrides (or without
    them: plain Material, with the portal's sidebar written out as `nav:`)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    if watch:  # the package is not copied: watch this repository's
        text = text.replace("\n  - portal\n", f"\n  - {ROOT / 'portal'}\n")
    else:
        text = re.sub(r"\nwatch:\n(  - [^\n]+\n)+", "\n", text)  # serve only
    if hooks:
        text = text.replace("hooks/portal_hooks.py", str(ROOT / "hooks" / "portal_hooks.py"))
    else:
        text = re.sub(r"\nhooks:\n  - [^\n]+\n", "\n", text)
        text = text.replace("custom_dir:", "# custom_dir:")  # plain Material, no overrides
        text += plain_nav()
    text = text.replace(
        'site_url: !ENV [PORTAL_SITE_URL, "http://localhost:8000/"]',
        "site_url: http://localhost:8000/",
    )
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def copy_docs(project: Path) -> None:
    """The hand-written pages of docs/, without the folders the build generates."""
    ignore = shutil.ignore_patterns(*paths.GENERATED_DIRS)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=ignore)
    if (ROOT / "labels").is_dir():
        shutil.copytree(ROOT / "labels", project / "labels")


def shipped(project: Path) -> None:
    """A copy of the shipped content (for the preview), in a git repository of its own."""
    copy_docs(project)
    for name in ("countries", "objectives"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "programme.yml", project / "programme.yml")
    config(project, hooks=True, watch=True)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    (project / ".gitignore").write_text("".join(f"/docs/{d}/\n" for d in paths.GENERATED_DIRS))
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "content"], cwd=project, check=True)


# -- measuring a build ------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    tree, todo, total = _children(), [pid], 0
    while todo:
        p = todo.pop()
        total += _rss_kb(p)
        todo.extend(tree.get(p, ()))
    return total / 1024


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str]) -> dict:
    """Run a command: its wall time, its CPU time and the peak memory of its process tree.

    CPU seconds (user + system, of the process and the children it waited for, from wait4)
    depend little on what else the machine runs, so the ratios are computed on them. The
    tree's resident memory is sampled every 0.1 s from /proc; the largest single process
    (wait4's maxrss) bounds it from below when a short peak falls between samples.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    err: list[bytes] = []
    assert proc.stderr is not None
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
    reader.start()
    peak = 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    return {
        "rc": proc.returncode,
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": max(peak, usage.ru_maxrss / 1024),
        "log": b"".join(err).decode("utf-8", "replace"),
    }


HELD = re.compile(r"Finished HTML held out of Markdown: (\d+) of (\d+) blocks")


def measure(project: Path, site: Path, **env_extra: str) -> dict:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)]
    env = {**os.environ, **BUILD_ENV, **env_extra}
    result = run_measured(cmd, project, env)
    if result["rc"] != 0:
        raise SystemExit(f"build failed in {project}:\n{result['log'][-3000:]}")
    # The portal's speed rests on its generated HTML skipping Markdown (portal.htmlblocks):
    # a build where blocks fell back to Markdown is right but slow, and the report says so.
    held = HELD.search(result.pop("log"))
    result["held"] = (int(held[1]), int(held[2])) if held else None
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts and p.name != "404.html"]
    size = {p: p.stat().st_size for p in pages}
    frame = {p: frame_bytes(p) for p in pages}
    countries = [p for p in pages if is_country_page(p.relative_to(site))]
    sizes, count = sorted(size.values()), max(len(pages), 1)
    result.update(
        pages=len(pages),
        bytes_per_page=sum(sizes) / count,
        median_bytes=sizes[len(sizes) // 2] if sizes else 0,
        frame_bytes=sum(frame.values()) / count,
        country_bytes=sum(size[p] for p in countries) / max(len(countries), 1),
        # The mean if every page but a country's were its frame alone: how much of the mean's
        # growth comes from the mix of pages (more country pages), not from any page growing.
        mix_bytes=(
            sum(size[p] for p in countries) + sum(frame.values()) - sum(frame[p] for p in countries)
        )
        / count,
    )
    return result


def is_country_page(relative: Path) -> bool:
    """countries/<slug>/index.html, in any language's folder."""
    parts = relative.parts[1:] if relative.parts[0] in LANGS else relative.parts
    return len(parts) == 3 and parts[0] == "countries" and parts[2] == "index.html"


def frame_bytes(page: Path) -> int:
    """Bytes of a page outside its <article>: header, navigation, footer, scripts -- what
    every page carries whatever its content (where a country list in every sidebar showed)."""
    data = page.read_bytes()
    start, end = data.find(b"<article"), data.rfind(b"</article>")
    return len(data) - (end - start) if 0 <= start < end else len(data)


def bench_size(tmp: Path, countries: int, instruments: int, repeat: int = 1) -> tuple[dict, dict]:
    """The portal's build and plain MkDocs' on the Markdown it generated. With `repeat`, the
    two alternate that many times and the fastest run of each is kept: a shared machine's
    speed drifts by 10-20 % within minutes, and alternating exposes both builds to it alike."""
    ours = tmp / f"portal-{countries}"
    ours.mkdir()
    copy_docs(ours)
    synthetic(ours, countries, instruments)
    config(ours, hooks=True)
    portal = measure(ours, tmp / f"site-portal-{countries}")
    # The same Markdown, already generated, built without the portal's hooks.
    plain = tmp / f"plain-{countries}"
    shutil.copytree(ours / "docs", plain / "docs")
    config(plain, hooks=False)
    baseline = measure(plain, tmp / f"site-plain-{countries}")
    for _ in range(repeat - 1):
        portal = min(portal, measure(ours, tmp / f"site-portal-{countries}"), key=_cpu)
        baseline = min(baseline, measure(plain, tmp / f"site-plain-{countries}"), key=_cpu)
    shutil.rmtree(tmp / f"site-portal-{countries}", ignore_errors=True)
    shutil.rmtree(tmp / f"site-plain-{countries}", ignore_errors=True)
    return portal, baseline


def _cpu(result: dict) -> float:
    return result["cpu"]


# -- the editors' preview ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`mkdocs serve` in its own process group, its log lines time-stamped."""

    def __init__(self, project: Path, env: dict[str, str], *options: str):
        self.port = free_port()
        self.lines: list[tuple[float, str]] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *options],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def wait_for(self, text: str, since: float, timeout: float) -> float | None:
        """Time of the first log line containing `text` after `since`, or None."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end and self.proc.poll() is None:
            for at, line in list(self.lines):
                if at >= since and text in line:
                    return at
            time.sleep(0.05)
        return None

    def count(self, text: str, since: float) -> int:
        return sum(1 for at, line in list(self.lines) if at >= since and text in line)

    def get(self, url_path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{url_path}"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def cpu_seconds(pid: int) -> float:
    """User + system time a running process has used so far (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def preview(
    project: Path, slug: str, all_languages: bool, *options: str, timeout: float = 240
) -> dict:
    """Edit countries/<slug>/country.yml under `mkdocs serve`: seconds until the page shows
    the edit, and how many rebuilds the one edit caused."""
    env = {**os.environ, **BUILD_ENV}
    env.pop("PREVIEW_ALL", None)
    if all_languages:
        env["PREVIEW_ALL"] = "1"
    server = Server(project, env, *options)
    try:
        started = time.perf_counter()
        if server.wait_for("Serving on", started, timeout) is None:
            tail = "\n".join(line for _, line in server.lines[-30:])
            raise SystemExit(f"mkdocs serve did not start:\n{tail}")
        first_build = time.perf_counter() - started
        page = f"countries/{slug}/"
        if not server.get(page):
            raise SystemExit(f"mkdocs serve does not serve /{page}")
        time.sleep(1.5)  # let the watcher take its first snapshot
        path = project / "countries" / slug / "country.yml"
        text = path.read_text(encoding="utf-8")
        name = yaml.safe_load(text)["names"]["en"]
        marker = f"Edited{int(time.time())}"
        edited = text.replace(f"en: {name}", f"en: {name} {marker}", 1)
        assert edited != text
        cpu_before = cpu_seconds(server.proc.pid)
        touched = time.perf_counter()
        path.write_text(edited, encoding="utf-8")
        shown = cpu = None
        while time.perf_counter() - touched < 60:
            if marker in server.get(page):
                shown = time.perf_counter() - touched
                cpu = cpu_seconds(server.proc.pid) - cpu_before
                break
            time.sleep(0.05)
        # Let any further rebuild the edit triggers happen, then count them.
        quiet_since = time.perf_counter()
        while time.perf_counter() - quiet_since < 3 and time.perf_counter() - touched < 90:
            seen = server.count("Detected file changes", touched)
            done = server.count("Reloading browsers", touched)
            if seen > done:
                quiet_since = time.perf_counter()
            time.sleep(0.1)
        return {
            "first_build": first_build,
            "seconds": shown,
            "cpu": cpu,
            "rebuilds": server.count("Detected file changes", touched),
        }
    finally:
        server.stop()


# -- PDF ----------------------------------------------------------------------------------------


def bench_pdf(tmp: Path, countries: int, instruments: int) -> None:
    """PDF pages per second with one worker and with every core; the no-change rebuild."""
    project = tmp / "pdf"
    project.mkdir()
    copy_docs(project)
    synthetic(project, countries, instruments)
    config(project, hooks=True)
    cache = project / ".cache" / "pdf"
    html_only = measure(project, tmp / "site-pdf", PDF="0")
    rows = []
    for workers in ("1", str(os.cpu_count() or 1)):
        shutil.rmtree(cache, ignore_errors=True)
        build = measure(project, tmp / "site-pdf", PDF="1", PDF_WORKERS=workers)
        run = json.loads((cache / "last-run.json").read_text())
        rows.append((workers, build, run))
    rebuild = measure(project, tmp / "site-pdf", PDF="1")
    again = json.loads((cache / "last-run.json").read_text())
    print(f"\nPDF export, {countries} countries x {len(LANGS)} languages")
    print(
        f"{'workers':>8} {'PDFs':>6} {'pages':>6} {'seconds':>8} {'pages/s':>8} "
        f"{'CPU s/page':>11} {'peak MB':>8}"
    )
    for workers, build, run in rows:
        print(
            f"{workers:>8} {len(run['rendered']):6d} {run['pages']:6d} {run['seconds']:8.1f} "
            f"{run['pages'] / run['seconds']:8.1f} "
            f"{run['cpu_seconds'] / max(run['pages'], 1):11.3f} {build['peak_mb']:8.0f}"
        )
    print(
        f"no-change rebuild: {rebuild['seconds']:.1f} s ({len(again['rendered'])} PDFs rendered) "
        f"against {html_only['seconds']:.1f} s without PDFs: "
        f"ratio {rebuild['seconds'] / html_only['seconds']:.2f}"
    )


# -- rebuilds of the shipped portal (make site) --------------------------------------------------

TARGET_REBUILD_RATIO = 1.2


# `mkdocs` with every PDF that must be rendered written as a placeholder of realistic size
# instead (random bytes, as incompressible as a PDF's streams): fills the cache of the shipped
# portal in seconds, where rendering takes 6 CPU minutes per edition. The cache keys, the
# checks of the cache, the copies and the zip are the real ones; only WeasyPrint is left out.
PLACEHOLDER_MKDOCS = """
import os, sys
sys.path.insert(0, os.environ["BENCH_ROOT"])
import portal.pdf

def _render(job):
    html, cache_path, base_url, site = job
    with open(cache_path, "wb") as out:
        out.write(b"%PDF-1.7 placeholder " + os.urandom(int(os.environ["BENCH_PDF_KB"]) * 1000))
    return cache_path, None, 1, 0.0, []

_render.__module__, _render.__qualname__ = "portal.pdf", "_render"  # found by the pool's pickle
portal.pdf._render = _render
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""


def make_site(project: Path, pdf: bool, placeholder_kb: int = 0) -> tuple[dict, list[str]]:
    """The steps of `make site` (web edition, offline edition, its zip), measured together;
    and the PDFs the two builds rendered (as placeholders of that size, if given)."""
    env = {**os.environ, **BUILD_ENV, "PDF": "1" if pdf else "0"}
    if placeholder_kb:
        env.update(BENCH_ROOT=str(ROOT), BENCH_PDF_KB=str(placeholder_kb))
    mkdocs = [sys.executable, "-c", PLACEHOLDER_MKDOCS] if placeholder_kb else MKDOCS
    next_site, edition = project / ".cache" / "site-next", project / ".cache" / "offline-site"
    steps = [
        ([*mkdocs, "build", "--strict", "-d", str(next_site)], {}),
        ([*mkdocs, "build", "--strict", "-d", str(edition)], {"PORTAL_OFFLINE": "true"}),
        (
            [sys.executable, "-m", "portal", "offline-zip", "--root", str(project)]
            + [str(edition), str(next_site)],
            {"PYTHONPATH": str(ROOT)},
        ),
    ]
    total = {"seconds": 0.0, "cpu": 0.0}
    rendered: list[str] = []
    last_run = project / ".cache" / "pdf" / "last-run.json"
    for cmd, extra in steps:
        last_run.unlink(missing_ok=True)
        result = run_measured(cmd, project, {**env, **extra})
        if result["rc"] != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{result['log'][-3000:]}")
        total["seconds"] += result["seconds"]
        total["cpu"] += result["cpu"]
        if last_run.is_file():
            rendered += json.loads(last_run.read_text())["rendered"]
    return total, rendered


def served_objectives(country_yml: Path) -> set[str]:
    data = yaml.safe_load(country_yml.read_text(encoding="utf-8")) or {}
    served = {o for ins in data.get("instruments") or [] for o in ins.get("objectives") or []}
    return served | {a["objective"] for a in data.get("activities") or [] if a.get("objective")}


def bench_rebuild(tmp: Path, cache_from: Path | None, repeat: int, placeholder_kb: int = 0) -> None:
    """`make site` of the shipped portal with nothing changed, against `PDF=0 make site`; then
    one country's narrative edited: which PDFs are rendered again."""
    project = tmp / "rebuild"
    project.mkdir()
    shipped(project)
    if cache_from is not None and cache_from.is_dir():
        shutil.copytree(cache_from, project / ".cache" / "pdf")
    # Fills what the copied cache lacks (with placeholders: see PLACEHOLDER_MKDOCS).
    first, rendered = make_site(project, pdf=True, placeholder_kb=placeholder_kb)
    how = f" as {placeholder_kb} kB placeholders" if placeholder_kb else ""
    print(
        f"\nRebuilds of the shipped portal (make site): first build {first['seconds']:.0f} s, "
        f"{len(rendered)} PDFs rendered{how}"
    )
    plain = min((make_site(project, pdf=False)[0] for _ in range(repeat)), key=_cpu)
    again = [make_site(project, pdf=True) for _ in range(repeat)]
    warm, warm_rendered = min(again, key=lambda r: _cpu(r[0]))
    ratio = warm["seconds"] / plain["seconds"]
    cpu_ratio = warm["cpu"] / plain["cpu"]
    print("| build | wall s | CPU s | PDFs rendered |\n|---|--:|--:|--:|")
    print(f"| `PDF=0 make site` | {plain['seconds']:.1f} | {plain['cpu']:.1f} | 0 |")
    print(
        f"| `make site`, no change | {warm['seconds']:.1f} | {warm['cpu']:.1f} | "
        f"{len(warm_rendered)} |"
    )
    slug = sorted(p.name for p in (project / "countries").iterdir() if p.is_dir())[0]
    narrative = project / "countries" / slug / "index.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\nOne sentence more.\n")
    edited, edited_rendered = make_site(project, pdf=True, placeholder_kb=placeholder_kb)
    print(
        f"| `make site`, countries/{slug}/index.md edited | {edited['seconds']:.1f} | "
        f"{edited['cpu']:.1f} | {len(edited_rendered)} |"
    )
    served = served_objectives(project / "countries" / slug / "country.yml")
    name = re.compile(r"(^|/)(portal\.[a-z]+\.pdf|objective-([a-z0-9-]+)\.[a-z]+\.pdf)$")

    def holds_it(pdf: str) -> bool:
        m = name.search(pdf)
        return slug in pdf or bool(m and (m[3] is None or m[3] in served))

    others = sorted(p for p in edited_rendered if not holds_it(p))
    print(
        f"- no change: wall x{ratio:.2f}, CPU x{cpu_ratio:.2f} of PDF=0 "
        f"({mark(ratio <= TARGET_REBUILD_RATIO)} <= {TARGET_REBUILD_RATIO})"
    )
    print(
        f"- one country edited: {len(edited_rendered)} PDFs rendered again, "
        f"{len(others)} of them neither {slug}'s nor a document that holds it "
        f"({mark(not others)} 0){': ' + ', '.join(others) if others else ''}"
    )


# -- report -------------------------------------------------------------------------------------


# -- search: the bytes a phone downloads before its first result ------------------------------

TARGET_SEARCH_KB = 300
WORKER_FILES = ("portal-search.js", "portal-words.js")


def realistic_narratives(root: Path) -> None:
    """The synthetic countries' narratives replaced by the shipped countries' own, in turn,
    with the synthetic country's name: "Narrative of X" twenty times compresses 15-fold, which
    no real text does, and search indexes mostly narratives."""
    shipped = sorted(p for p in (ROOT / "countries").iterdir() if (p / "index.md").is_file())
    for i, folder in enumerate(sorted((root / "countries").iterdir())):
        model = shipped[i % len(shipped)]
        for lang in LANGS:
            name = "index.md" if lang == "en" else f"index.{lang}.md"
            source = model / name
            if source.is_file():
                text = source.read_text(encoding="utf-8").replace(model.name, folder.name)
                (folder / name).write_text(text, encoding="utf-8")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))  # what a static host serves (gzip, default level)


def search_weight(site: Path) -> dict[str, dict[str, int]]:
    """Per language, the gzip bytes from the first search to its first result: the index's
    stub (fetched with the page, counted here anyway), its documents, Material's worker and the
    portal's, and the language's stemmer files."""
    scripts = site / "assets" / "javascripts"
    material = next((scripts / "workers").glob("search.*.min.js")).read_bytes()
    worker = gz(material) + sum(gz((scripts / "workers" / f).read_bytes()) for f in WORKER_FILES)
    out = {}
    for lang in LANGS:
        folder = site / ("" if lang == "en" else lang) / "search"
        stub = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
        stemmers = stub["config"]["portal"]["stemmers"]
        lunr = [
            scripts / "lunr" / "min" / f
            for f in ("lunr.stemmer.support.min.js", f"lunr.{lang}.min.js")
            if lang != "en" and lang in stemmers
        ]
        out[lang] = {
            "index": gz((folder / "search_index.json").read_bytes())
            + gz((folder / "search_docs.json").read_bytes()),
            "code": worker + sum(gz(p.read_bytes()) for p in lunr),
            "raw": (folder / "search_docs.json").stat().st_size,
        }
    return out


def bench_search(tmp: Path, sizes: list[int], instruments: int) -> None:
    print(
        "\nSearch: gzip kB a phone downloads from its first search to the first result "
        "(index + worker and stemmer code), per language; narratives from the shipped "
        "countries; raw kB: the documents uncompressed"
    )
    head = ("countries", "language", "index kB", "code kB", "total kB", "raw kB")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("-" * (len(h) + 1) + ":" for h in head) + "|")
    worst = 0.0
    for n in sizes:
        project = tmp / f"search-{n}"
        project.mkdir()
        copy_docs(project)
        synthetic(project, n, instruments)
        realistic_narratives(project)
        config(project, hooks=True)
        measure(project, tmp / f"site-search-{n}")
        for lang, w in search_weight(tmp / f"site-search-{n}").items():
            total = (w["index"] + w["code"]) / 1000
            worst = max(worst, total)
            cells = (n, lang, w["index"] / 1000, w["code"] / 1000, total, w["raw"] / 1000)
            print(
                f"| {cells[0]} | {cells[1]} | " + " | ".join(f"{c:.0f}" for c in cells[2:]) + " |"
            )
        shutil.rmtree(tmp / f"site-search-{n}", ignore_errors=True)
    print(f"- largest: {worst:.0f} kB ({mark(worst < TARGET_SEARCH_KB)} < {TARGET_SEARCH_KB} kB)")


def mark(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"
    )


def report(sizes: list[int], results: dict[int, tuple[dict, dict]], instruments: int) -> None:
    print(
        f"Benchmark {dt.date.today().isoformat()}, {machine()}; "
        f"{len(LANGS)} languages, {instruments} instruments per country, PDF=0"
    )
    print(
        "CPU s: user + system time of the build; ratio and growth are computed on it. "
        "kB/page: HTML pages' mean size; median kB: the typical page's; frame kB: the mean\n"
        "page's bytes outside its <article> (header, navigation, footer, scripts); country kB:\n"
        "a country page's mean size.\n"
    )
    head = (
        "countries",
        "build",
        "pages",
        "wall s",
        "CPU s",
        "pages/CPU s",
        "CPU ms/page",
        "kB/page",
        "median kB",
        "frame kB",
        "country kB",
        "peak MB",
        "portal/plain",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("-" * (len(h) + 1) + ":" for h in head) + "|")
    for n in sizes:
        portal, plain = results[n]
        ratio = portal["cpu"] / plain["cpu"]
        for name, r in (("portal", portal), ("plain", plain)):
            cells = (
                str(n),
                name,
                str(r["pages"]),
                f"{r['seconds']:.1f}",
                f"{r['cpu']:.1f}",
                f"{r['pages'] / r['cpu']:.1f}",
                f"{1000 * r['cpu'] / r['pages']:.1f}",
                f"{r['bytes_per_page'] / 1024:.1f}",
                f"{r['median_bytes'] / 1024:.1f}",
                f"{r['frame_bytes'] / 1024:.1f}",
                f"{r['country_bytes'] / 1024:.1f}",
                f"{r['peak_mb']:.0f}",
                f"{ratio:.2f}" if name == "portal" else "",
            )
            print("| " + " | ".join(cells) + " |")
    print()
    for n in sizes:
        portal, plain = results[n]
        ratio = portal["cpu"] / plain["cpu"]
        print(
            f"- ratio portal / plain at {n} countries: {ratio:.2f} ({mark(ratio <= TARGET_RATIO)} <= {TARGET_RATIO})"
        )
    for n in sizes:
        held = results[n][0]["held"]
        if held is not None:
            print(
                f"- portal at {n} countries: {held[0]} of {held[1]} finished HTML blocks held out "
                f"of Markdown{'' if held[0] == held[1] else ' (the others FELL BACK to Markdown)'}"
            )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        for name, i in (("portal", 0), ("plain", 1)):
            a, b = results[small][i], results[large][i]
            time_growth = (b["cpu"] / b["pages"]) / (a["cpu"] / a["pages"])
            kb_growth = b["bytes_per_page"] / a["bytes_per_page"]
            median_growth = b["median_bytes"] / a["median_bytes"]
            frame_growth = b["frame_bytes"] / a["frame_bytes"]
            country_growth = b["country_bytes"] / a["country_bytes"]
            mix_growth = b["mix_bytes"] / a["mix_bytes"]
            verdict = (
                f" (time {mark(time_growth <= TARGET_GROWTH)}, kB {mark(kb_growth <= TARGET_GROWTH)}"
                f" <= {TARGET_GROWTH})"
                if name == "portal"
                else ""
            )
            print(
                f"- {name}: from {small} to {large} countries, CPU time per page x{time_growth:.2f}, "
                f"kB per page x{kb_growth:.2f} (median page x{median_growth:.2f}, "
                f"frame x{frame_growth:.2f}, country page x{country_growth:.2f}; "
                f"mix of pages alone x{mix_growth:.2f}){verdict}"
            )
        print(
            "  (mix of pages alone: the mean with every page but a country's counted at its\n"
            "  frame only. There are more country pages at the larger size, and a country page\n"
            "  weighs more than a frame, so the mean grows by that much with no page growing.\n"
            "  The rest: the list pages - countries, instruments, matrix, compare, contacts -\n"
            "  and the objective pages hold every country or instrument, so they grow with it)"
        )


def bench_whats_new(repeat: int = 3) -> None:
    """What's new on this repository's own history: git log, every changed YAML version
    read and parsed, compared for each language (the fastest of `repeat`, no cache)."""
    times = []
    for _ in range(repeat):
        whatsnew._LAST.clear()
        started = time.perf_counter()
        log = whatsnew.read(ROOT, LANGS)
        times.append(time.perf_counter() - started)
    listed = whatsnew.commits(ROOT)
    commits = listed[0] if listed else []
    versions = sum(1 for c in commits for p in c.files if p.endswith(".yml"))
    changes = ", ".join(f"{k} {len(v)}" for k, v in log.by_lang.items()) if log else "no history"
    print(
        f"\nWhat's new on this repository's history: {len(commits)} content commits, "
        f"{versions} changed YAML files, changes per language: {changes}; "
        f"{min(times):.2f} s for {len(LANGS)} languages"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="40,240", help="numbers of countries, comma-separated")
    parser.add_argument("--instruments", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--no-preview", action="store_true", help="skip the serve measurement")
    parser.add_argument("--pdf", action="store_true", help="also measure PDF throughput")
    parser.add_argument("--pdf-countries", type=int, default=10)
    parser.add_argument("--no-search", action="store_true", help="skip the search weight")
    parser.add_argument("--search-only", action="store_true", help="measure the search weight only")
    parser.add_argument(
        "--rebuild", action="store_true", help="no-change and one-country `make site` rebuilds"
    )
    parser.add_argument(
        "--pdf-cache", type=Path, help="a PDF cache to start --rebuild from (.cache/pdf)"
    )
    parser.add_argument(
        "--placeholder-kb",
        type=int,
        default=0,
        help="--rebuild: write PDFs to render as placeholders of this size (no WeasyPrint)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="alternate the builds this many times, keep the fastest",
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    tmp = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    started = time.perf_counter()
    try:
        bench_whats_new()
        if not args.no_search:
            bench_search(tmp, sizes, args.instruments)
        if args.search_only:
            return 0
        results = {n: bench_size(tmp, n, args.instruments, args.repeat) for n in sizes}
        if sizes:  # --sizes "" measures the preview only
            report(sizes, results, args.instruments)
        if not args.no_preview:
            project = tmp / "preview"
            project.mkdir()
            shipped(project)
            slug = sorted(p.name for p in (project / "countries").iterdir() if p.is_dir())[0]
            countries = sum(1 for p in (project / "countries").iterdir() if p.is_dir())
            print(
                f"\nEditors' preview (mkdocs serve, shipped content: {countries} countries): "
                f"edit countries/{slug}/country.yml"
            )
            head = ("languages built", "first build s", "edit to page s", "CPU s", "rebuilds")
            print("| " + " | ".join(head) + " |")
            print("|" + "|".join("-" * (len(h) + 1) + ":" for h in head) + "|")
            verdicts = []
            for label, everything in (
                ("default (make serve)", False),
                ("all (PREVIEW_ALL=1)", True),
            ):
                r = preview(project, slug, everything, *SERVE_OPTIONS[everything])
                shown = "never" if r["seconds"] is None else f"{r['seconds']:.1f}"
                cpu = "" if r["cpu"] is None else f"{r['cpu']:.1f}"
                cells = (label, f"{r['first_build']:.1f}", shown, cpu, str(r["rebuilds"]))
                print("| " + " | ".join(cells) + " |")
                if not everything:
                    ok = r["seconds"] is not None and r["seconds"] <= TARGET_PREVIEW_SECONDS
                    verdicts.append(
                        f"- one edit: {r['rebuilds']} rebuild(s) ({mark(r['rebuilds'] == 1)} 1), "
                        f"page shown after {shown} s ({mark(ok)} <= {TARGET_PREVIEW_SECONDS:.0f} s; "
                        f"the server used {cpu} s of CPU)"
                    )
            print("\nCPU s: CPU time of the server from the edit to the page shown.")
            print("\n".join(verdicts))
        if args.pdf:
            bench_pdf(tmp, args.pdf_countries, args.instruments)
        if args.rebuild:
            bench_rebuild(tmp, args.pdf_cache, args.repeat, args.placeholder_kb)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n(bench took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
