"""What happens to each page while the site engine renders it, independent of MkDocs.

The hooks hand over a `Page` (what the portal needs to know of the engine's page) and get
back HTML or template variables. The order of the steps matters and is written once, here:

- `content()`: editors' HTML through the sanitiser first (portal.sanitize; the portal's own
  parts lose their `markdown="0"` there, the editors' lose it to the sanitiser), then the
  home page's block (generated and autoescaped: after the sanitiser), then what search must
  not index, and last a line break between adjacent cells and list items, whose words the
  search index would run together. The steps after the sanitiser find tags by their text,
  which is exact on its output: it writes no `<` or `>` inside an attribute value;
- `finish()`: the page as a reader gets it: table cells labelled for phones, left-to-right
  runs isolated in right-to-left pages, the search worker that keeps law numbers whole, the
  language's own search index, and last the Content-Security-Policy: the page's inline
  scripts must be the portal's own (`csp.OwnScripts`, known before any content), or the
  build fails naming the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import (
    a11y,
    addresses,
    bidi,
    csp,
    history,
    htmlblocks,
    i18n,
    markup,
    pages,
    paths,
    provenance,
    safety,
    sanitize,
    search,
    tables,
)

if TYPE_CHECKING:
    from .config import Config


@dataclass(frozen=True)
class Page:
    """A page as the portal sees it, whatever engine renders it."""

    url: str  # site-relative, with the language prefix: 'fr/countries/morocco/'
    src_uri: str  # its file in docs/: 'countries/morocco/index.fr.md'
    lang: str  # the edition it belongs to
    text_lang: str  # the language of its text (the default one for a fallback page)
    meta: dict[str, Any] = field(default_factory=dict)
    alternates: dict[str, str] = field(default_factory=dict)  # lang -> URL of the same page
    # Written by the generator (build.Prepared.generated) -- never taken from front matter,
    # which an editor's page could use to claim it and escape the sanitiser.
    generated: bool = False


def inner_url(url: str, lang: str, default: str) -> str:
    """'countries/morocco/' for 'fr/countries/morocco/' (or 'fr/countries/morocco.html')."""
    prefix = f"{lang}/"
    inner = url[len(prefix) :] if lang != default and url.startswith(prefix) else url
    return addresses.directory_url(inner)


def is_home(page: Page, default: str) -> bool:
    return inner_url(page.url, page.lang, default) == ""  # offline 'index.html' included


def template_globals(settings: Config | None, words: i18n.Labels) -> dict[str, Any]:
    """What the theme's templates (overrides/) may call, in every language."""
    languages = settings.languages if settings else ("en",)
    return {
        # The theme's templates print what they are given unescaped: labels reach them as
        # escaped markup (`.format()` on it escapes its arguments too).
        "portal_labels": {lang: words.escaped(lang) for lang in languages},
        "portal_direction": i18n.direction,
        "portal_language_name": i18n.language_name,
        "portal_default_lang": languages[0],
    }


def markdown(text: str, page: Page, renderer: pages.Renderer | None) -> tuple[str, list[str]]:
    """The page's Markdown as Markdown should read it: a generated page's finished HTML
    blocks held out (portal.htmlblocks), and returned for `content` to put back.

    An editor's page gets its front matter's title and description made text, in `page.meta`
    (the engine's own mapping): MkDocs and Material output them unescaped."""
    if not page.generated:
        # The engine read the metadata before us (fenced or not): keep only what the portal
        # declares, of its kind (`template:` or a list as a title never reach the theme).
        allowed = safety.allowed_meta(page.meta)
        page.meta.clear()
        page.meta.update(allowed)
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = safety.page_title(page.meta[key])
    if not page.generated or renderer is None:
        return text, []
    return renderer.hold(page.src_uri, text)


class _FirstHeading(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = self.done = False
        self.permalink = 0  # depth inside the permalink's <a class="headerlink">
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "h1" and not self.done:
            self.inside = True
        elif self.inside and tag == "a" and (self.permalink or ("class", "headerlink") in attrs):
            self.permalink += 1  # its '¶' is not part of the title

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag == "a" and self.permalink:
            self.permalink -= 1
        elif self.inside and tag == "h1":
            self.inside, self.done = False, True

    def handle_data(self, data: str) -> None:
        if self.inside and not self.permalink:
            self.text.append(data)


def first_heading_text(html: str) -> str:
    """The text of the page's first <h1>, entities decoded, tags and permalink left out."""
    parser = _FirstHeading()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.text).split())


def content(
    html: str,
    page: Page,
    default: str,
    renderer: pages.Renderer | None,
    held: list[str] | None = None,
) -> str:
    """The page's body, once Markdown has made it HTML (`held`: what `markdown` held out)."""
    # The portal's own blocks lose their `markdown="0"` beside the sanitiser, never after it:
    # a text rewrite of sanitised markup could cut inside an attribute value (issue 18).
    html = sanitize.page_content(
        htmlblocks.restore(html, held or []),
        page.generated,
        own=markup.strip_markdown_attributes,
    )
    if not page.generated and not isinstance(page.meta.get("title"), str):
        # The engine would take the title from the first heading's source, entities and all,
        # and the theme's `striptags` would decode them into markup: the title is made here
        # from the heading's text, as text.
        heading = first_heading_text(html)
        if heading:
            page.meta["title"] = safety.page_title(heading)
    if renderer is not None and is_home(page, default):
        # The portal's own block (not editors'): its Markdown-steering attributes go as the
        # other own blocks' do, before it joins the sanitised page.
        block = markup.strip_markdown_attributes(renderer.home_block(page.lang))
        html = htmlblocks.insert_after_title(html, block)
    if renderer is not None:
        html = a11y.mark_parts(html, renderer, page.lang)
    return search.separate_cells(search.exclude_tables(html))


def context(
    page: Page,
    settings: Config,
    hist: history.History,
    docs_dir: Path,
    use_directory_urls: bool,
    words: i18n.Labels,
    feed: bool = False,
) -> dict[str, Any]:
    """The template variables of the portal's additions (overrides/main.html): PDF link,
    provenance, edit links, citation, language alternates, the language's feed (`feed`:
    whether the build writes one)."""
    docs = docs_dir.resolve().relative_to(settings.root).as_posix()
    inner = inner_url(page.url, page.lang, settings.default)
    out: dict[str, Any] = {
        "portal_lang": page.lang,
        "portal_page_lang": page.text_lang,
        "portal_is_home": is_home(page, settings.default),
    }
    if settings.pdf and paths.printed(inner):
        out["portal_pdf"] = paths.page_pdf_name(inner, page.lang)
    if page.generated:
        source = provenance.source_of_generated(page.meta, page.lang, page.url, page.alternates)
    else:
        source = provenance.source_of_docs_page(
            docs, page.src_uri, page.text_lang, page.lang, page.url, page.alternates
        )
    about = provenance.describe(
        source,
        hist,
        root=settings.root,
        languages=settings.languages,
        repo=settings.repo,
        words=words,
    )
    out["portal_updated"] = about.updated
    out["portal_outdated"] = about.outdated
    out["portal_edit"] = list(about.edits)
    out["portal_untranslated"] = list(about.untranslated)
    out.update(addresses.of_page(settings.site_url, page.url, page.alternates))
    if feed:
        where = paths.feed_file(page.lang, settings.default)
        out["portal_feed"] = addresses.relative_url(where, page.url)
        labels = words(page.lang)
        title = labels["whats_new_feed_title"].format(portal=labels["portal_name"])
        out["portal_feed_title"] = i18n.html_text(title)
    # The translation status is an editors' page: linked from CONTRIBUTING.md and the about
    # page, never from every reader's page footer.
    return out


def not_found(html: str, lang: str, settings: Config, site_dir: Path, own: csp.OwnScripts) -> str:
    """The "page not found" page of `lang`, with its Content-Security-Policy. Every language
    is built to the one /404.html: a further language's is written to /<lang>/404.html here,
    and the empty text returned tells the engine to write nothing."""
    where = "404.html" if lang == settings.default else f"{lang}/404.html"
    html = csp.add_policy(a11y.html_dir(html, lang), own, offline=settings.offline, where=where)
    if lang == settings.default:
        return html
    target = site_dir / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return ""


# Material's header shows the page's title beside the portal's name.
_HEADER_TITLE = re.compile(
    r'(<div class="md-header__topic" data-md-component="header-topic">\s*<span class="md-ellipsis")>'
)


def finish(
    html: str,
    lang: str,
    settings: Config | None,
    own: csp.OwnScripts,
    text_lang: str | None = None,
    where: str = "a page",
    head: str = "",
) -> str:
    """The complete page, as the reader's browser gets it. `text_lang` is the language of the
    page's text when it differs from the edition's (a page not yet translated); `own`: the
    inline scripts the policy allows (`csp.own_scripts`); `where` names the page in an error;
    `head`: the generator's data for the page's head (a country's JSON-LD, portal/jsonld.py),
    added after every rewrite, so no step reads or changes it."""
    default = settings.default if settings else lang
    offline = bool(settings and settings.offline)
    if text_lang and text_lang != lang:  # its title, in the header, is in that language too
        html = _HEADER_TITLE.sub(
            rf'\1 lang="{text_lang}" dir="{i18n.direction(text_lang)}">', html, count=1
        )
    html = tables.label_cells(html)
    if i18n.direction(lang) == "rtl":
        html = bidi.isolate_article(html)
    if settings is not None:
        html = search.use_query_worker(html)  # from file:// an iframe shim runs it
    html = search.scope_page(html, lang, default)
    html = a11y.html_dir(html, lang)
    if head:
        html = html.replace("</head>", f"{head}</head>", 1)
    return csp.add_policy(html, own, offline=offline, where=where)
