"""Bad input an editor can write, by mistake or on purpose: each gives one clear line, no
traceback, bounded time and memory, and nothing that reaches readers as markup."""

from __future__ import annotations

import pytest
from contenttree import VALID_COUNTRY, make_tree, problems_of, settings, write

from portal import content, pages

META = "countries/morocco/country.yml"


def write_bytes(root, data: bytes):
    (root / META).write_bytes(data)


def test_tab_indentation(tmp_path):
    make_tree(tmp_path, VALID_COUNTRY.replace("  tip:", "\ttip:"))
    (found,) = problems_of(tmp_path)
    assert found.startswith(f"{META}:6: YAML syntax error")
    assert "tab" in found.lower()


def test_wrong_indentation(tmp_path):
    make_tree(tmp_path, VALID_COUNTRY.replace("    status: party", "      status: party"))
    (found,) = problems_of(tmp_path)
    assert found.startswith(f"{META}:8: YAML syntax error, column")


def test_crlf_line_ends_and_byte_order_mark_are_accepted(tmp_path):
    make_tree(tmp_path)
    write_bytes(tmp_path, b"\xef\xbb\xbf" + VALID_COUNTRY.replace("\n", "\r\n").encode())
    assert problems_of(tmp_path) == []


def test_non_utf8_bytes(tmp_path):
    make_tree(tmp_path)
    write_bytes(tmp_path, VALID_COUNTRY.encode().replace(b"Maroc", b"Mar\xe9c"))
    assert problems_of(tmp_path) == [
        f"{META}:2: is not valid UTF-8 (byte 0xe9 at offset 38); save the file as UTF-8"
    ]


def test_a_50_mb_file_is_refused_at_once(tmp_path):
    make_tree(tmp_path)
    with open(tmp_path / META, "wb") as f:
        f.write(b"a: " + b"x" * (50 * 1024 * 1024) + b"\n")
    assert problems_of(tmp_path) == [
        f"{META}: is 52,428,804 bytes; content files may be at most 1,000,000 bytes. "
        "Split long text into the Markdown narrative instead"
    ]


def test_billion_laughs_is_refused_before_anything_is_built(tmp_path):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb += f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    make_tree(tmp_path, bomb)
    (found,) = problems_of(tmp_path)
    assert "anchors and aliases (&name, *name) are not allowed" in found


@pytest.mark.parametrize(
    "url",
    [
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/x",
        "https://exa mple.org/x",
        "//example.org/x",
    ],
)
def test_urls_other_than_web_addresses(tmp_path, url):
    make_tree(
        tmp_path, VALID_COUNTRY.replace("source: https://example.org/law", f"source: '{url}'")
    )
    (found,) = problems_of(tmp_path)
    assert (
        "instruments[0].source: expected a web address starting with https:// or http://" in found
    )


@pytest.mark.parametrize("slug", ["Morocco", "côte-d-ivoire", "south africa", "a--b", "-x", "x_y"])
def test_bad_folder_names(tmp_path, slug):
    make_tree(tmp_path, slug=slug)
    (found,) = problems_of(tmp_path)
    assert f"folder name {slug!r} is not a valid slug" in found


def test_markup_and_markdown_in_yaml_reach_readers_as_text(tmp_path):
    text = VALID_COUNTRY.replace(
        "title: {en: Law No. 27-14, fr: Loi n° 27-14}",
        "title: {en: '**Law** <img src=x onerror=alert(1)> [link](javascript:alert(1))'}",
    )
    make_tree(tmp_path, text)
    loaded = content.load(tmp_path, settings())
    assert loaded.problems.errors == []
    page = pages.Renderer(loaded).render_all()["countries/morocco.md"]
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "**Law**" in page  # inside an HTML block: Markdown is not interpreted
    assert 'href="javascript' not in page


def test_names_that_are_not_text(tmp_path):
    make_tree(
        tmp_path,
        VALID_COUNTRY.replace("names: {en: Morocco, fr: Maroc, ar: المغرب}", "names: [Morocco]"),
    )
    (found,) = problems_of(tmp_path)
    assert found.startswith(f"{META}:2: names: expected text, or a mapping of language codes")


def test_a_stray_file_in_countries(tmp_path):
    make_tree(tmp_path)
    write(tmp_path, "countries/notes.txt", "x")
    assert problems_of(tmp_path) == [
        "countries/notes.txt: unexpected file: each country lives in its own folder, "
        "countries/<slug>/"
    ]


def test_a_folder_without_metadata(tmp_path):
    make_tree(tmp_path)
    write(tmp_path, "countries/chad/index.md", "Chad.\n")
    assert problems_of(tmp_path) == [
        "countries/chad: has no country.yml; every country folder needs one"
    ]
