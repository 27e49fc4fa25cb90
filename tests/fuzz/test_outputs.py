"""The fuzzer's output checks find what they look for (so a green fuzz run means something)."""

from __future__ import annotations

import pytest
from outputs import csv_problems, page_problems, url_problem, vcard_problems

from portal import csp

OWN = csp.OwnScripts.from_texts(["var ok=1"])


@pytest.mark.parametrize(
    "page",
    [
        "<p><script>alert(1)</script></p>",
        '<script type="text/ecmascript">alert(1)</script>',
        "<img src=x onerror=alert(1)>",
        "<p style=position:fixed>x</p>",
        "<style>body{}</style>",
        '<a href=" jav&#x09;ascript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<img src="file:///etc/passwd">',
        '<meta http-equiv="Refresh" content="0;url=https://evil.example/">',
        '<base href="https://evil.example/">',
        '<a href="\\\\evil.example/x">x</a>',
    ],
)
def test_a_live_thing_in_a_page_is_found(page):
    assert page_problems(f"<html><body>{page}</body></html>", OWN)


def test_the_portals_own_page_parts_pass():
    page = (
        '<script>var ok=1</script><script id="__config" type="application/json">{}</script>'
        '<script src="assets/x.js"></script><a href="https://example.org/">a</a>'
        '<a href="mailto:a@example.org">m</a><a href="tel:+4312">t</a><a href="../x/">r</a>'
        '<script type="application/ld+json">{"name":"\\u003c/script\\u003e"}</script>'
    )
    assert page_problems(page, OWN) == []
    assert url_problem("HTTPS://example.org/") is None


def test_a_json_ld_block_must_be_inert_json():
    for data in ("alert(1)", '{"a": "<b>"}'):
        block = f'<script type="application/ld+json">{data}</script>'
        assert page_problems(block, OWN), data


def test_spreadsheet_formulas_and_foreign_vcard_lines_are_found(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('name,x\n"=1+1",ok\n"\'=1+1",ok\n', encoding="utf-8")
    assert len(csv_problems(path)) == 1
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:a\r\nEND:VCARD\r\n"
    assert vcard_problems(card) == []
    injected = card.replace("FN:a", "FN:a\r\nURL:https://evil.example/")
    assert vcard_problems(injected)
    assert vcard_problems(card + card)


def test_pdf_link_annotations_outside_the_schemes_are_found(tmp_path):
    from outputs import pdf_problems
    from pypdf import PdfWriter
    from pypdf.annotations import Link

    for url, bad in (
        ("javascript:alert(1)", True),
        ("file:///etc/passwd", True),
        ("https://a/", False),
    ):
        writer = PdfWriter()
        writer.add_blank_page(100, 100)
        writer.add_annotation(0, Link(rect=(0, 0, 50, 50), url=url))
        path = tmp_path / "a.pdf"
        with path.open("wb") as f:
            writer.write(f)
        assert bool(pdf_problems(path)) is bad, url
