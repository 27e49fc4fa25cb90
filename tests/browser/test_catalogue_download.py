"""The catalogue by theme, and downloadable as shown (issue 24): a theme filter and column;
a button writes the rows shown (filters and order) as CSV and JSON in the browser, online and
from file://, named after the filters, with the same formula rule as the open data CSV.

The fixture's instruments: Morocco's law (2016, theme tip) and strategy (2023-2030, no
theme), Colombia's law (2005) and strategy (2016-2018)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from portal import opendata

CASES = json.loads(
    (Path(__file__).parent / "js" / "formula_cells.json").read_text(encoding="utf-8")
)
FIXTURE = Path(__file__).parents[1] / "fixtures" / "site"
WATCH_POLICY = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__violations.push(e.violatedDirective))"
)


def themed() -> dict[str, list[str]]:
    """theme key -> the fixture's countries with an instrument of that theme (from the YAML)."""
    out: dict[str, list[str]] = {}
    for path in sorted((FIXTURE / "countries").glob("*/country.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for ins in data.get("instruments", []):
            for key in ins.get("themes", []):
                out.setdefault(key, []).append(path.parent.name)
    return out


def shown(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#catalogue tbody tr:not([hidden])", "rows => rows.map(r => ({...r.dataset}))"
    )


def download(page, fmt: str, tmp_path: Path) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(f"button[data-download={fmt}]")
    got = info.value
    target = tmp_path / got.suggested_filename
    got.save_as(target)
    return got.suggested_filename, target.read_text(encoding="utf-8-sig")


def test_the_formula_rule_is_the_same_in_the_browser_and_in_python(page, server):
    page.goto(f"{server}/instruments/")
    in_browser = page.evaluate("cases => cases.map(window.portalCsvCell)", CASES)
    assert in_browser == [opendata.csv_cell(c) for c in CASES]
    assert in_browser[0] == "'=1+1" and in_browser[7] == "plain"


def test_filter_by_theme_shows_only_its_rows_and_a_column_names_them(page, server):
    key, countries = next(iter(themed().items()))
    page.goto(f"{server}/instruments/")
    page.select_option("select[name=theme]", key)
    page.wait_for_url(f"**/instruments/?theme={key}")
    rows = shown(page)
    assert sorted(r["country"] for r in rows) == sorted(countries)
    assert all(key in r["themes"].split() for r in rows)
    heading = page.locator("#catalogue thead th").nth(5).inner_text()
    assert heading == "Themes"


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_download_writes_exactly_the_rows_shown_in_their_order(page, server, tmp_path, lang):
    page.goto(f"{server}/{lang}instruments/?type=strategy&sort=-year")
    page.evaluate(WATCH_POLICY)
    rows = shown(page)
    assert [r["country"] for r in rows] == ["morocco", "colombia"]
    # A title as a hostile editor could write it: the cell must reach a spreadsheet as text.
    page.evaluate(
        "document.querySelector('#catalogue tbody tr:not([hidden]) .portal-title')"
        ".textContent = '=HYPERLINK(\"https://evil.example\")'"
    )
    name, text = download(page, "csv", tmp_path)
    assert name == "instruments-strategy.csv"
    table = list(csv.reader(io.StringIO(text)))
    header = page.eval_on_selector(".portal-download-shown", "p => JSON.parse(p.dataset.columns)")
    assert table[0] == list(header.values())
    assert len(table) == 1 + len(rows)
    titles = page.eval_on_selector_all(
        "#catalogue tbody tr:not([hidden]) .portal-title", "els => els.map(e => e.textContent)"
    )
    assert table[1][2] == '\'=HYPERLINK("https://evil.example")'
    assert [r[2] for r in table[2:]] == titles[1:]
    name, text = download(page, "json", tmp_path)
    assert name == "instruments-strategy.json"
    records = json.loads(text)
    assert [r["title"] for r in records] == titles  # JSON keeps the text as it is
    assert list(records[0]) == list(header)
    assert records[0]["link"].endswith("/countries/morocco/#" + records[0]["link"].split("#")[1])
    assert page.evaluate("window.__violations") == []


def test_the_file_name_says_what_was_filtered(page, server, tmp_path):
    page.goto(f"{server}/instruments/?region=africa&type=law&from=2010")
    name, text = download(page, "csv", tmp_path)
    assert name == "instruments-africa-law-from2010.csv"
    assert len(list(csv.reader(io.StringIO(text)))) == 2  # the header and Morocco's law


def test_download_works_from_disk(page, builds, tmp_path):
    edition = builds.get("site", offline=True).site
    page.goto((edition / "fr" / "instruments" / "index.html").as_uri() + "?country=colombia")
    page.evaluate(WATCH_POLICY)
    name, text = download(page, "json", tmp_path)
    assert name == "instruments-colombia.json"
    assert [r["country"] for r in json.loads(text)] == ["Colombie", "Colombie"]
    assert page.evaluate("window.__violations") == []
