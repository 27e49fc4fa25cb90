"""Benchmark: build synthetic content at scale and compare with plain MkDocs + Material.

    python tools/bench.py [--countries 100] [--instruments 10]

Generates N countries x 6 languages (10 instruments each) into a temporary folder, builds it
with the portal's hooks, then builds the very Markdown pages the hooks generated with plain
MkDocs + Material + mkdocs-static-i18n (no hooks), and prints pages, seconds, pages per
second, peak memory, output size per page and the ratio of the two builds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pycountry
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LANGS = ("en", "fr", "es", "pt", "ru", "ar")
OBJECTIVES = (
    "strategy-and-policy legislative-assistance capacity-building regional-cooperation "
    "victim-protection child-victims"
).split()
TYPES = ("law", "strategy", "action-plan", "policy", "programme")
MEASURE = (
    "import resource, subprocess, sys, json, time;"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
    "print(json.dumps({'rc': r.returncode, 'seconds': time.perf_counter() - t,"
    " 'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,"
    " 'stderr': r.stderr[-3000:]}))"
)


def synthetic(root: Path, countries: int, instruments: int) -> None:
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
    regions = ("africa", "asia", "eastern-europe", "latin-america")
    for i, code in enumerate(codes):
        slug = f"country-{code.lower()}"
        folder = root / "countries" / slug
        folder.mkdir(parents=True)
        data = {
            "iso3": code,
            "names": {lang: f"Country {code} {lang}" for lang in LANGS},
            "region": regions[i % len(regions)],
            "official_languages": ["en"],
            "protocols": {
                "tip": {
                    "status": "party",
                    "year": 2003,
                    "source": f"https://example.org/{code}/tip",
                }
            },
            "instruments": [
                {
                    "type": TYPES[j % len(TYPES)],
                    "title": {
                        "en": f"Instrument {j} of {code}",
                        "fr": f"Instrument {j} de {code}",
                    },
                    "number": f"{j}-{i}",
                    "year": 2000 + j,
                    "status": "adopted",
                    "objectives": [OBJECTIVES[j % 6], OBJECTIVES[(j + 1) % 6]],
                    "source": f"https://example.org/{code}/{j}",
                }
                for j in range(instruments)
            ],
            "activities": [
                {
                    "date": "2018-05-01",
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
            "reviewed": "2026-01-01",
        }
        (folder / "country.yml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        for lang in LANGS:
            name = "index.md" if lang == "en" else f"index.{lang}.md"
            paragraph = f"Narrative of {code} in {lang}. " * 20
            (folder / name).write_text(f"{paragraph}\n\n### Background\n\n{paragraph}\n", "utf-8")


def config(project: Path, hooks: bool) -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = re.sub(r"\nwatch:\n(  - [^\n]+\n)+", "\n", text)  # serve only
    if hooks:
        text = text.replace("hooks/portal_hooks.py", str(ROOT / "hooks" / "portal_hooks.py"))
    else:
        text = re.sub(r"\nhooks:\n  - [^\n]+\n", "\n", text)
        text = text.replace("custom_dir:", "# custom_dir:")  # plain Material, no overrides
    text = text.replace(
        'site_url: !ENV [PORTAL_SITE_URL, "http://localhost:8000/"]',
        "site_url: http://localhost:8000/",
    )
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def copy_docs(project: Path) -> None:
    """The hand-written pages of docs/, without the folders the build generates."""
    from portal.pages import GENERATED_DIRS

    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns(*GENERATED_DIRS))


def measure(project: Path, site: Path, **env_extra: str) -> dict:
    cmd = [
        sys.executable,
        "-c",
        MEASURE,
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-d",
        str(site),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PDF": "0", **env_extra}
    out = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"build failed in {project}:\n{result['stderr']}")
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts and p.name != "404.html"]
    size = sum(p.stat().st_size for p in pages)
    result.update(pages=len(pages), bytes_per_page=size / max(len(pages), 1))
    return result


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
        f"{'workers':>8} {'PDFs':>6} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'CPU s/page':>11}"
    )
    for workers, _build, run in rows:
        print(
            f"{workers:>8} {len(run['rendered']):6d} {run['pages']:6d} {run['seconds']:8.1f} "
            f"{run['pages'] / run['seconds']:8.1f} {run['cpu_seconds'] / max(run['pages'], 1):11.3f}"
        )
    print(
        f"no-change rebuild: {rebuild['seconds']:.1f} s ({len(again['rendered'])} PDFs rendered) "
        f"against {html_only['seconds']:.1f} s without PDFs: "
        f"ratio {rebuild['seconds'] / html_only['seconds']:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--countries", type=int, default=100)
    parser.add_argument("--instruments", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--pdf-countries", type=int, default=10, help="countries for the PDF benchmark (0: skip)"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    try:
        ours = tmp / "portal"
        ours.mkdir()
        copy_docs(ours)
        synthetic(ours, args.countries, args.instruments)
        config(ours, hooks=True)
        portal = measure(ours, tmp / "site-portal")
        # The same Markdown, already generated, built without our hooks.
        plain = tmp / "plain"
        shutil.copytree(ours / "docs", plain / "docs")
        config(plain, hooks=False)
        baseline = measure(plain, tmp / "site-plain")
        rows = [("portal (hooks)", portal), ("plain MkDocs + Material", baseline)]
        print(
            f"{args.countries} countries x {len(LANGS)} languages, {args.instruments} instruments each"
        )
        print(
            f"{'build':28} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak MB':>8} {'kB/page':>8}"
        )
        for name, r in rows:
            print(
                f"{name:28} {r['pages']:6d} {r['seconds']:8.1f} {r['pages'] / r['seconds']:8.1f} "
                f"{r['peak_mb']:8.0f} {r['bytes_per_page'] / 1024:8.1f}"
            )
        print(f"ratio portal / plain: {portal['seconds'] / baseline['seconds']:.2f}")
        if args.pdf_countries:
            bench_pdf(tmp, args.pdf_countries, args.instruments)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
