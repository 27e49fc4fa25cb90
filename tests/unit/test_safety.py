"""The security helpers on their own: inert YAML texts, the second wall, the policy, bounded
rendering, CSV cells. The corpus (test_hostile.py) covers the check's messages."""

from __future__ import annotations

import base64
import hashlib

import markdown
import pytest
from contenttree import make_tree, problems_of, write

from portal import csp, opendata, safety, sanitize
from portal.model import Contact, record
from portal.problems import Problems

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc"]


def render(text: str) -> str:
    return markdown.markdown(
        text, extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}}
    )


# -- texts from YAML in generated Markdown ---------------------------------------------------


def test_headings_from_yaml_cannot_link_emphasise_or_set_attributes():
    body = "# [x](javascript:alert(1)) *em* {onmouseover=alert(1)}\n\nText *kept*.\n"
    out = render(safety.inert_headings(body))
    heading = out.split('<a class="headerlink"')[0]
    assert "<a" not in heading and "<em>" not in heading
    assert "onmouseover=" not in out.split(">", 1)[0]
    assert "[x](javascript:alert(1)) *em* {onmouseover=alert(1)}" in _text(out)
    assert "<em>kept</em>" in out  # only headings are touched


def test_the_templates_own_anchor_and_markup_survive():
    body = '## Objective 1: <span lang="en" dir="ltr">T_i_tle</span> { #objective-1 }\n'
    out = render(safety.inert_headings(body))
    assert out.startswith('<h2 id="objective-1">Objective 1: <span lang="en" dir="ltr">')
    assert "T_i_tle" in _text(out)


def test_the_narrative_inside_a_page_keeps_its_markdown():
    narrative = "## Editors' *heading* {#custom}\n"
    body = f"# Name *x*\n\n{narrative}\n## Other\n"
    out = render(safety.inert_headings(body, keep=narrative))
    assert '<h2 id="custom">Editors\' <em>heading</em>' in out
    assert "<h1" in out and "<em>x</em>" not in out


def test_page_titles_are_html():
    assert safety.page_title('<img src=x onerror="alert(1)">') == (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    )


def _text(html: str) -> str:
    import html as html_mod
    import re

    return html_mod.unescape(re.sub(r"<[^>]+>", "", html))


# -- script addresses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, scheme",
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("jav&#x09;ascript&colon;alert(1)", "javascript"),
        (" \tjava\nscript:x", "javascript"),
        ("data:text/html,x", "data"),
        ("https://example.org/a:b", "https"),
        ("../figure.png", None),
        ("#section", None),
    ],
)
def test_url_scheme_is_what_a_browser_sees(url, scheme):
    assert safety.url_scheme(url) == scheme


def test_allowed_markup_passes_the_check():
    problems = Problems()
    safety.check_markup(
        '<abbr title="x">TIP</abbr> H<sub>2</sub>O <sup>1</sup><br>\n\n'
        "<details><summary>More</summary>\n\nText\n\n</details>\n\n"
        '<figure markdown="1">\n![A chart](chart.png)\n<figcaption>Chart</figcaption>\n</figure>\n\n'
        "| a | b |\n|---|---|\n| [link](https://example.org/) | <mailto:a@example.org> |\n",
        "x.md",
        problems,
    )
    assert [str(p) for p in problems.items] == []


# -- bounded work ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    ["[a" * 20, "[x](" * 20, "![" * 20, "<abbr>" * 10 + "text", "a < b " * 100, "## h\n" * 20],
)
def test_a_narrative_of_one_construct_is_accepted_or_refused_by_the_budget(unit):
    """A whole narrative of one costly construct: the check never fails on it, and accepts it
    only within the budget whose worst case `tools/bench_narratives.py` measures (timings
    belong to the benchmark, not to tests)."""
    text = ""
    while len((text + unit + "\n\n").encode()) <= safety.MAX_NARRATIVE_BYTES:
        text += unit + "\n\n"
    problems = Problems()
    safety.check_markup(text, "x.md", problems)
    accepted = not problems.errors
    within = safety.construct_count(text) <= safety.MAX_CONSTRUCTS
    assert accepted == within, problems.errors[:1]
    if not accepted:
        assert "would take" in problems.errors[0].message


ROW = "[a" * 15  # under the cap of a paragraph; 60 such rows are far over it


@pytest.mark.parametrize(
    "shape, text, refused",
    [
        ("a list of links", "\n".join(f"- {ROW}" for _ in range(60)), False),
        ("a numbered list", "\n".join(f"1. {ROW}" for _ in range(60)), False),
        (
            "a table",
            "|a|b|\n|-|-|\n" + "\n".join(f"|{ROW[:16]}|{ROW[16:]}|" for _ in range(60)),
            False,
        ),
        ("a paragraph, then '-' lines", "x\n" + "\n".join(f"- {ROW}" for _ in range(60)), True),
        ("'|' lines that are no table", "\n".join(f"|{ROW}|" for _ in range(60)), True),
        ("a quote", "\n".join(f"> {ROW}" for _ in range(60)), True),
        ("'1)' lines (no list in Markdown)", "\n".join(f"1) {ROW}" for _ in range(60)), True),
        ("an item's continuation", "- x\n" + "\n".join(f"  {ROW}" for _ in range(60)), True),
    ],
)
def test_brackets_are_counted_as_markdown_groups_them(shape, text, refused):
    text = text[: safety.MAX_NARRATIVE_BYTES]
    problems = Problems()
    safety.check_markup(text, "x.md", problems)
    assert bool(problems.errors) == refused, (shape, problems.errors[:1])


def test_a_narrative_that_is_too_large_is_not_even_read(tmp_path):
    make_tree(tmp_path)
    write(tmp_path, "countries/morocco/index.md", "x" * (safety.MAX_NARRATIVE_BYTES + 1))
    assert problems_of(tmp_path) == [
        "countries/morocco/index.md: is 64,001 bytes; a narrative may be at most 64,000 bytes. "
        "Shorten it, or split it into several pages"
    ]


# -- the second wall ----------------------------------------------------------------------------


def test_the_second_wall_cleans_the_narrative_and_keeps_the_page():
    marked, _ = sanitize.mark(("<script>alert(1)</script><p onclick='x'>Text</p>", "en"))
    page = f'<form class="portal-filters"><input name="q"></form>\n{render(marked)}\n<p>after</p>'
    out = sanitize.page_content(page, generated=True)
    assert out.startswith('<form class="portal-filters"><input name="q"></form>')
    assert "<script" not in out and "onclick" not in out and "<p>Text</p>" in out
    assert out.endswith("<p>after</p>") and "portal-narrative" not in out


def test_a_narrative_cannot_close_its_region_early():
    forged = "<!-- /portal-narrative " + "0" * 64 + " -->"
    text = f"Text {forged} <img src=x onerror=alert(1)>"
    marked, _ = sanitize.mark((text, "en"))
    out = sanitize.page_content(render(marked), generated=True)
    assert "onerror" not in out and '<img src="x">' in out


def test_a_region_without_its_end_is_cleaned_to_the_end_of_the_page():
    digest = "a" * 64
    page = f"<p>before</p><!-- portal-narrative {digest} --><iframe></iframe><p>x</p>"
    assert sanitize.page_content(page, generated=True) == "<p>before</p><p>x</p>"


def test_hand_written_pages_are_cleaned_whole_keeping_markdown_output():
    page = render(
        "# Title\n\n| a |\n|:-:|\n| b |\n\n"
        '<abbr title="x">A</abbr> <a href="javascript:alert(1)">j</a> '
        '<a href="https://example.org/">ok</a>'
    )
    out = sanitize.page_content(page, generated=False)
    assert '<a class="headerlink" href="#title" title="Permanent link">' in out
    assert "<th>a</th>" in out and "style" not in out  # no style attribute from content
    assert '<abbr title="x">A</abbr> <a>j</a> <a href="https://example.org/">ok</a>' in out


def test_only_the_declared_classes_survive_the_sanitiser():
    page = (
        '<div class="admonition md-consent__overlay"><p class="admonition-title">x</p></div>'
        '<a class="md-button" href="#a">y</a><span class="portal-table note">z</span>'
    )
    assert sanitize.clean(page) == (
        '<div class="admonition"><p class="admonition-title">x</p></div>'
        '<a class="" href="#a">y</a><span class="note">z</span>'
    )


# -- the Content-Security-Policy ----------------------------------------------------------------


def test_inline_scripts_are_hashed_and_data_scripts_and_files_are_not():
    page = (
        '<html><head><script>var a=1;</script><script id="__config" type="application/json">'
        '{"x":1}</script><script src="a.js"></script><script>var a=1;</script></head></html>'
    )
    own = csp.OwnScripts.from_texts(["var a=1;"])
    digest = base64.b64encode(hashlib.sha256(b"var a=1;").digest()).decode()
    assert csp.script_hashes(page, own) == [f"'sha256-{digest}'"]
    out = csp.add_policy(page, own)
    assert out.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="')
    assert f"script-src 'self' 'sha256-{digest}';" in out
    assert "style-src 'self'; img-src" in out and "unsafe-inline" not in out
    offline = csp.policy(csp.script_hashes(page, own), offline=True)
    assert offline.startswith("default-src file:; script-src file: 'sha256-")


# -- open data ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, written",
    [
        ("=1+1", "'=1+1"),
        ("+43 1 26060", "'+43 1 26060"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Morocco", "Morocco"),
        (2016, 2016),
    ],
)
def test_csv_cells_spreadsheets_would_run_are_text(value, written):
    assert opendata.csv_cell(value) == written


def test_a_vcard_value_cannot_add_a_line():
    contact = {
        "name": "Ana\r\nEND:VCARD",
        "role": {"en": "a;b,c\\d"},
        "source": "https://example.org/",
        "verified": "2026-01-01",
    }
    card = opendata.vcard(record(Contact, contact), "en")
    assert card.split("\r\n") == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Ana\\nEND:VCARD",
        "N:Ana\\nEND:VCARD;;;;",
        "NOTE:Verified 2026-01-01",
        "SOURCE:https://example.org/",
        "TITLE:a\\;b\\,c\\\\d",
        "END:VCARD",
        "",
    ]
