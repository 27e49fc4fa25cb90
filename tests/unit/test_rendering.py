"""The per-page steps (portal.rendering), without MkDocs: their order is what makes them safe."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from portal import csp, pages, rendering
from portal.config import Config

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Config(root=ROOT, languages=("en", "fr", "ar"), offline=False)
OWN = csp.OwnScripts.from_texts(["var a = 1;"])


class _Renderer:
    """Stands in for portal.pages.Renderer: the home page's generated block."""

    blocks_seen = blocks_held = 0
    hold = pages.Renderer.hold

    def home_block(self, lang: str) -> str:
        return f'<form class="portal-home-search" data-lang="{lang}"><input name="q"></form>'


def _page(url: str, lang: str, **meta: object) -> rendering.Page:
    return rendering.Page(url=url, src_uri="index.md", lang=lang, text_lang=lang, meta=meta)


def test_inner_url_drops_the_language_prefix_only_outside_the_default_language():
    assert rendering.inner_url("fr/countries/morocco/", "fr", "en") == "countries/morocco/"
    assert rendering.inner_url("fr/countries/morocco.html", "fr", "en") == "countries/morocco/"
    assert rendering.inner_url("fr/", "en", "en") == "fr/"  # a page named 'fr' in English


def test_editors_html_is_sanitised_before_the_home_block_is_added():
    editor = "<h1>Home</h1><p>Hi</p><script>alert(1)</script><form action=x><input></form>"
    html = rendering.content(editor, _page("fr/", "fr"), "en", _Renderer())
    assert "<script" not in html and "action=" not in html  # the editor's form is gone
    assert '<form class="portal-home-search" data-lang="fr">' in html  # the portal's stays
    assert html.index("</h1>") < html.index("portal-home-search")
    other = rendering.content(editor, _page("fr/about/", "fr"), "en", _Renderer())
    assert "portal-home-search" not in other


def test_the_policy_is_computed_on_the_final_page():
    page = (
        "<html><head><script>var a = 1;</script></head><body><article><p>Loi 27-14</p>"
        '</article><script id="__config" type="application/json">'
        '{"base": "..", "search": "../assets/javascripts/workers/search.1234abcd.min.js"}'
        "</script></body></html>"
    )
    html = rendering.finish(page, "ar", SETTINGS, OWN)
    assert "<bdi" in html  # the law number, isolated in a right-to-left page
    assert '"base": "../ar/"' in html  # the Arabic search index
    assert "portal-search.js?worker=search.1234abcd.min.js" in html  # law numbers stay whole
    digest = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy and f"'sha256-{digest}'" in policy.group(1)
    assert html.index("Content-Security-Policy") < html.index("<script")
    english = rendering.finish(page, "en", SETTINGS, OWN)
    assert "<bdi" not in english and '"base": ".."' in english


def test_a_page_claiming_to_be_generated_in_its_front_matter_is_still_sanitised():
    """Whether a page is the generator's is known from the files it wrote, not from meta."""
    editor = '<p>Hi</p><img src="x" onerror="alert(1)"><iframe src="https://example.org/"></iframe>'
    claimed = _page("about/", "en", portal_generated=True)
    html = rendering.content(editor, claimed, "en", None)
    assert "onerror" not in html and "<iframe" not in html
    assert "<p>Hi</p>" in html


def test_a_generated_pages_html_blocks_skip_markdown_and_come_back_unchanged():
    import markdown as md
    from mkdocs.utils.meta import get_data

    from portal import htmlblocks, templating

    table = '<div class="portal-table-wrap" markdown="0">\n<table><tr><td>1 &lt; 2</td></tr></table>\n</div>'
    template = templating.templates().from_string(
        "# Title\n\nA narrative quoting the table: `{{ copy | safe }}`\n\n"
        "{% filter html_block %}\n" + table + "\n{% endfilter %}\n\nSome *text*.\n"
    )
    found: list[str] = []
    body, located = htmlblocks.locate(template.render(copy=table, html_blocks=found), found)
    assert "\ue000" not in body and body.count(table) == 2
    # As MkDocs reads the file: front matter stripped by its own function.
    text, _ = get_data(f'---\ntitle: "Title"\nportal_generated: true\n---\n\n{body}')
    text = "\n".join(text.splitlines())  # as mkdocs-static-i18n passes it on

    class Renderer(_Renderer):
        blocks = {"countries/x.md": located}

    page = rendering.Page("countries/x/", "countries/x.md", "en", "en", generated=True)
    held_text, held = rendering.markdown(text, page, Renderer())  # type: ignore[arg-type]
    assert held == [table]
    assert held_text.count(table) == 1  # the narrative's copy is left where it is, to Markdown
    converter = md.Markdown(extensions=["md_in_html"])
    direct = converter.convert(text)
    converter.reset()
    via_placeholder = rendering.content(converter.convert(held_text), page, "en", None, held)
    assert via_placeholder == rendering.content(direct, page, "en", None)
    # Not the generator's page, or the block edited since: Markdown reads it as before.
    other = rendering.Page("about/", "countries/x.md", "en", "en")
    assert rendering.markdown(text, other, Renderer()) == (text, [])  # type: ignore[arg-type]
    edited = text.replace("1 &lt; 2</td>", "1 &lt; 3</td>")
    assert rendering.markdown(edited, page, Renderer()) == (edited, [])  # type: ignore[arg-type]


def test_a_placeholder_is_restored_as_markdown_would_have_shown_its_block():
    from portal import htmlblocks

    secret = htmlblocks._NONCE
    held = ["<b>&amp;</b>"]
    # Raw (Markdown passed it through), or escaped: a narrative's unclosed code fence made the
    # rest of the page code, so the block shows as code, never the placeholder and its secret.
    assert htmlblocks.restore(f"<p>a</p><!-- portal-html {secret} 0 -->", held) == (
        "<p>a</p><b>&amp;</b>"
    )
    escaped = f"<pre><code>&lt;!-- portal-html {secret} 0 --&gt;</code></pre>"
    assert (
        htmlblocks.restore(escaped, held) == "<pre><code>&lt;b&gt;&amp;amp;&lt;/b&gt;</code></pre>"
    )
    forged = "<!-- portal-html 00000000000000000000000000000000 0 -->"
    assert htmlblocks.restore(f"<p>a</p>{forged}", held).endswith(forged)
