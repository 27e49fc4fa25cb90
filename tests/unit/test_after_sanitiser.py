"""Nothing after the sanitiser changes an attribute of the editors' markup.

Every hostile narrative (tests/hostile/**/*.md and the payloads below, aimed at the steps
that follow nh3: tags inside attribute values, `markdown="`, entities that a step decodes) is
rendered as the build renders it, sanitised, and then taken through every later step of
`portal.rendering` (`content` after the sanitiser, `finish`), in a left-to-right and a
right-to-left edition, as a hand-written page and as a generated one. An HTML parser reads the
sanitiser's output and the final page: each element of the editors' markup keeps exactly its
attributes (the steps may only add their own elements and `data-label`/`data-search-exclude`).
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest

from portal import csp, markup, rendering, sanitize
from portal.config import Config
from portal.narrative import MAX_NARRATIVE_BYTES
from portal.narrative_cost import check_cost
from portal.problems import Problems

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Config(root=ROOT, languages=("en", "ar"), offline=False)
OWN = csp.OwnScripts.from_texts([])
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc"]
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
ADDED_ELEMENTS = {"bdi"}  # right-to-left isolation
ADDED_ATTRIBUTES = {"data-label", "data-search-exclude"}

AIMED = [
    '<p title="x markdown=&quot;" lang="y onmouseover=alert(1) z">a</p>',
    "<p title='a markdown=\"b' lang=' onmouseover=alert(1) '>x</p>",
    '<p title="<b>&quot; onmouseover=alert(1) x">اختبار abc</p>',
    '<abbr title="</h1><h1 onclick=alert(1)>">A</abbr>',
    '<span title="<table class=&quot;portal-table&quot;><thead><tr><th>x</th>">t</span>',
    '<table class="portal-table"><thead><tr><th title="&quot; onclick=&quot;x">h'
    '</th></tr></thead><tbody><tr><td title="</td><td onclick=x>">c</td></tr></tbody></table>',
    '<span title=\'"search": "x/workers/search.1.min.js" "base": "/"\'>s</span>',
    '<div class="portal-table portal-instruments" title="<div class=&quot;x">d</div>',
    '<a href="https://example.org/?a=<b>&quot;x" title="<script>alert(1)</script>">l</a>',
    '<img src="https://example.org/i.png?<x>" alt="<img src=x onerror=alert(1)>">',
    'Arabic عربي <em title=\'a&gt;b\'>Law 27-14</em> and <code>"x" markdown="y"</code>',
]


def _costly(text: str) -> bool:
    """Refused before Markdown, as the build refuses it: too large, then too costly."""
    if len(text.encode()) > MAX_NARRATIVE_BYTES:
        return True
    problems = Problems()
    check_cost(text, "x.md", problems, lambda offset: 1)
    return bool(problems.items)


@functools.cache
def _narratives() -> list[tuple[str, str]]:
    found = [
        (path.relative_to(ROOT / "tests" / "hostile").as_posix(), path.read_text("utf-8"))
        for path in sorted((ROOT / "tests" / "hostile").rglob("*.md"))
        if path.is_file() and not path.is_symlink()
    ]
    # Those refused for their cost never reach Markdown (20 kB of `[` takes it 40 s, a run of
    # headings half a minute): the same rule as the build's, portal.narrative_cost.
    found = [(name, text) for name, text in found if not _costly(text)]
    return found + [(f"aimed-{i}", text) for i, text in enumerate(AIMED)]


class _Elements(HTMLParser):
    """Each start tag as (name, sorted attributes), in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = tuple(sorted((k, v or "") for k, v in attrs if k not in ADDED_ATTRIBUTES))
        if tag not in ADDED_ELEMENTS:
            self.elements.append((tag, kept))


def _elements(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def _article(page: str) -> str:
    return page[page.index("<article>") + len("<article>") : page.rindex("</article>")]


class _Home:
    """Stands in for portal.pages.Renderer: the home page's block, added after the sanitiser."""

    HOME = ("nav", (("data-home", "1"),))

    def home_block(self, lang: str) -> str:
        return '<nav data-home="1"></nav>'


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("kind", ["page", "generated", "home"])
@pytest.mark.parametrize("name, text", _narratives(), ids=[n for n, _ in _narratives()])
def test_later_steps_keep_every_attribute_of_the_sanitised_markup(name, text, lang, kind):
    source, generated = text, kind == "generated"
    if generated:  # inside a generated page, between the portal's own markup
        marked = sanitize.mark((text, lang))
        assert marked
        source = f'<div class="portal-glance" markdown="0"><p>Own</p></div>\n\n{marked[0]}'
    rendered = markdown.markdown(source, extensions=EXTENSIONS)
    sanitised = sanitize.page_content(rendered, generated, own=markup.strip_markdown_attributes)
    url = ("ar/" if lang == "ar" else "") + ("" if kind == "home" else "about/")
    page = rendering.Page(url=url, src_uri="a.md", lang=lang, text_lang=lang, generated=generated)
    renderer: Any = _Home() if kind == "home" else None
    body = rendering.content(rendered, page, "en", renderer)
    final = rendering.finish(
        f"<html><head></head><body><article>{body}</article></body></html>", lang, SETTINGS, OWN
    )
    after = [e for e in _elements(_article(final)) if e != _Home.HOME]
    assert after == _elements(sanitised), name
    assert kind != "home" or _Home.HOME in _elements(final)
    # What lets the later steps find tags by their text: in the sanitiser's output every `<`
    # opens a tag and the first `>` after it closes that tag (none inside a value).
    assert sanitised.count("<") == len(TAG.findall(sanitised)), name


def test_a_sanitiser_writing_a_tag_inside_a_value_stops_the_build(monkeypatch):
    """Another nh3 might leave `<` in attribute values (HTML's serialisation rules long allowed it): the build stops."""
    monkeypatch.setattr(sanitize, "_clean", lambda html: '<p title="</p><p onclick=x>">a</p>')
    with pytest.raises(sanitize.SerialisationChanged):
        sanitize.clean("<p>a</p>")
