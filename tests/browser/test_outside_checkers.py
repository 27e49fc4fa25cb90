"""Measured by tools nobody here wrote: the Nu HTML Checker and Lighthouse (mobile), on the
fixture portal. `make test` installs both (npm) and a Java runtime (apt)."""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import CHROMIUM
from contenttree import ROOT

NODE = ROOT / ".cache" / "node" / "node_modules"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE / ".bin" / "lighthouse"

# Errors in Material's own, unmodified templates (listed in the issue, left as they are).
MATERIAL_ERRORS = (
    # data-md-toggle checkboxes carry autocomplete="off"
    "Attribute “autocomplete” is only allowed when the input type is",
    # navigation labels with tabindex=""
    "Bad value “” for attribute “tabindex” on element “label”",
    # the table of contents' title label points at a hidden toggle
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden",
)


def test_nu_html_checker_finds_no_error_in_the_portal_s_markup(builds):
    assert VNU.is_file(), "vnu-jar is installed by `make test` (npm)"
    assert shutil.which("java"), "a Java runtime is installed by `make test` (apt)"
    site = builds.get("site", site_url="").site
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    ours = [
        (m["url"].split("/site/")[-1], m["message"], (m.get("extract") or "").strip()[:80])
        for m in messages
        if m.get("type") == "error" and not m["message"].startswith(MATERIAL_ERRORS)
    ]
    assert ours == []
    assert messages, "the checker ran and found Material's known errors"


class _Gzip(SimpleHTTPRequestHandler):
    """A static host: text files sent gzip-compressed."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        text = path.endswith((".html", ".css", ".js", ".json", ".svg", ".xml"))
        if text and "gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(path):
            data = gzip.compress(Path(path).read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return io.BytesIO(data)
        return super().send_head()


@pytest.fixture(scope="module")
def gzip_server(builds):
    site = builds.get("site").site
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("path", ["", "ar/countries/morocco/", "instruments/"])
def test_lighthouse_mobile_scores(gzip_server, path, tmp_path):
    assert LIGHTHOUSE.is_file(), "Lighthouse is installed by `make test` (npm)"
    # Performance is timed on this machine's CPU, which other work can slow: the bar
    # (95) holds on a quiet machine; a loaded one may lower it with LIGHTHOUSE_PERFORMANCE.
    # Lighthouse's own advice for its variance is several runs: the best of up to three.
    bar = int(os.environ.get("LIGHTHOUSE_PERFORMANCE", "95"))
    for attempt in range(3):
        report = tmp_path / f"report-{attempt}.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                f"{gzip_server}/{path}",
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--output=json",
                f"--output-path={report}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
            capture_output=True,
            timeout=600,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
        scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
        if scores["performance"] >= bar:
            break
    failing = {
        a["id"]: a.get("displayValue", "")
        for a in data["audits"].values()
        if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0
    }
    assert scores["performance"] >= bar, (scores, failing)
    assert data["audits"]["cumulative-layout-shift"]["numericValue"] < 0.1, scores
    for category in ("accessibility", "best-practices", "seo"):
        assert scores[category] >= 95, (category, scores, failing)
