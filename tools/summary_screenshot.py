"""A picture of a pull request's job summary, for CONTRIBUTING.md.

    python tools/summary_screenshot.py SUMMARY.md OUT.png

Renders the Markdown (what tools/ci_preview.sh writes to $GITHUB_STEP_SUMMARY; the test of
the workflow keeps one in tests/golden/diff/job-summary.md) as a page and photographs it with
Debian's Chromium, headless, the <details> list opened as a reader would.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from portal import diff  # noqa: E402


def main(source: Path, target: Path) -> int:
    from playwright.sync_api import sync_playwright

    page_html = diff.html_page(source.read_text(encoding="utf-8")).replace(
        "<details>", "<details open>"
    )
    page_file = target.with_suffix(".html")
    page_file.write_text(page_html, encoding="utf-8")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1000, "height": 600})
            page.goto(page_file.resolve().as_uri())
            page.screenshot(path=str(target), full_page=True)
            browser.close()
    finally:
        page_file.unlink()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
