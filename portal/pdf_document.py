"""A PDF document's HTML: its parts (built pages' articles, made ready for print by
`pdf_article`) inside the cover or band, contents and colophon of the template
`templates/pdf_document.html.j2`, in the words of the portal's labels. `pdf` renders it."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from . import addresses, bidi, i18n, paths
from . import pdf_article as article
from .templating import templates

# A page of a country or an objective (any kind of entry) starts a new page of the document.
_MAJOR = re.compile(
    rf"(^|/)({'|'.join(re.escape(f) for f in paths.BY_FOLDER)})/[^/]+/(index\.html)?$"
)
# A document with a table of contents: only when its text takes more than this many pages.
TOC_MIN_PAGES = 4
# HTML (SVG maps left out) longer than this surely takes more than TOC_MIN_PAGES pages (about
# 5,000 characters make a page): it is laid out once, with its table of contents.
SURELY_LONG = 60_000
PRINT_WORDS = ("page_counter", "links", "map_alt", "table_part")


def print_labels(labels: i18n.Labels, lang: str) -> dict[str, str]:
    """The words only the PDFs use, from the labels of `lang` (`pdf_<word>` in
    labels/<lang>.yml: one label system, so a programme's own language has them too)."""
    found = labels(lang)
    return {word: str(found[f"pdf_{word}"]) for word in PRINT_WORDS}


@dataclass
class Part:
    """A built page that goes into a PDF."""

    url: str  # site-relative URL of the page, e.g. "fr/countries/morocco/"
    title: str
    lang: str  # the language its text is in (a fallback page inside /ar/ is the default one)


@dataclass
class Doc:
    out: str  # site-relative path of the PDF
    title: str
    lang: str  # the reader's language (of the edition)
    parts: list[Part]
    kind: str = "page"  # "page", "dossier" or "portal"
    subtitle: str = ""
    html: str = field(default="", repr=False)
    key: str = ""


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string inside a <style> element (no "<" that could end it)."""
    for char, escaped in (("\\", "\\\\"), ('"', '\\"'), ("<", "\\3c "), ("\n", "\\a ")):
        text = text.replace(char, escaped)
    return f'"{text}"'


def _page_counter(plabels: dict[str, str]) -> Markup:
    """The page counter's CSS content in the document's language ("Page 2 of 78")."""
    pieces = re.split(r"(\{pages?\})", plabels["page_counter"])
    numbers = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    return Markup(" ".join(numbers.get(p) or _css_string(p) for p in pieces if p))


@dataclass
class _Section:
    """One part of a document as the template shows it."""

    prefix: str  # of its anchors ("p2--"), "" in a page's own PDF
    lang: str
    direction: str
    major: bool  # a country or an objective: starts a new page
    wide: bool  # holds a table printed landscape (data-print="landscape")
    body: Markup  # the page's article, rewritten for print
    depth: int = 0  # parts of the document it sits under (a country under "Countries")
    parent: bool = False  # the parts that follow sit under it: they are its outline


def depths(urls: Sequence[str]) -> list[int]:
    """How deep each part of a document sits in its contents and outline: under every
    other part of the document whose folder holds it ("countries/morocco/" under
    "countries/", when the document has both), so that the whole portal's countries are
    listed under "Countries" and its objectives under "Objectives", not beside them."""
    folders = [addresses.directory_url(u).strip("/") for u in urls]
    present = set(folders)
    # The edition's home ("" or "fr") holds every page: it is no section.
    common = posixpath.commonpath(folders) if len(folders) > 1 else ""
    root = len(common.split("/")) if common else 0
    out = []
    for folder in folders:
        steps = folder.split("/")
        out.append(sum("/".join(steps[:n]) in present for n in range(root + 1, len(steps))))
    return out


def _part_body(
    doc: Doc,
    part: Part,
    site: Path,
    prefix: str,
    included: dict[str, str],
    address: str,
    words: i18n.Labels,
    toc: list[tuple[int, str, str]],
    depth: int,
) -> str:
    """A part's article ready for print (its headings added to `toc` at `depth`)."""
    combined = bool(prefix)
    body = article.extract(site, part.url)
    body = article.rewrite_links(body, part.url, prefix, included, address)
    if combined and not re.search(r"<h1\b", body):
        # Before the other changes: the TOC, the bookmarks and the isolation see it too.
        body = str(Markup('<h1 id="{}">{}</h1>').format(prefix, part.title)) + body
    body = re.sub(r"<h1\b(?![^>]*\bid=)", f'<h1 id="{prefix}"', body, count=1)
    for level, ident, text in article.headings(body):
        if level == 1 or len(doc.parts) == 1:
            toc.append((level + depth, ident, text))
    body = article.key_facts(body)
    part_words = print_labels(words, part.lang)
    body = article.describe_map(body, part_words)
    body = article.split_wide_tables(body, part_words)
    body = article.link_notes(body, part_words)
    if i18n.direction(part.lang) == "rtl" or i18n.direction(doc.lang) == "rtl":
        body = bidi.isolate(body)  # one rule with the pages' (portal.bidi)
    return body


def assemble(
    doc: Doc,
    site: Path,
    site_url: str,
    portal_name: str,
    build_date: dt.date,
    *,
    words: i18n.Labels,
) -> str:
    """The complete HTML document WeasyPrint renders for `doc` (pdf_document.html.j2), in the
    words of `words` (the portal's labels)."""
    labels, address, combined = words(doc.lang), addresses.published(site_url), doc.kind != "page"
    included = {p.url: f"p{i}--" for i, p in enumerate(doc.parts)} if combined else {}
    sections: list[_Section] = []
    toc: list[tuple[int, str, str]] = []
    nesting = depths([p.url for p in doc.parts]) if combined else [0] * len(doc.parts)
    for i, part in enumerate(doc.parts):
        prefix = f"p{i}--" if combined else ""
        body = _part_body(doc, part, site, prefix, included, address, words, toc, nesting[i])
        direction = i18n.direction(part.lang)
        # A country or an objective starts a new page; a short page (home, an index) runs on
        # after the previous one instead of leaving most of a page empty.
        # The same in both editions: 'countries/morocco/' online, 'countries/morocco.html' offline.
        major = bool(_MAJOR.search(addresses.directory_url(part.url)))
        # Trusted: the built page's own article (editors' HTML was checked and sanitised by the
        # build), cut and rewritten above by this module.
        wide = 'data-print="landscape"' in body
        sections.append(
            _Section(
                prefix,
                part.lang,
                direction,
                major,
                wide,
                Markup(body),
                depth=min(nesting[i], 2),
                parent=i + 1 < len(nesting) and nesting[i + 1] > nesting[i],
            )
        )
    template = templates().get_template("pdf_document.html.j2")
    return template.render(
        lang=doc.lang,
        direction=i18n.direction(doc.lang),
        title=doc.title,
        subtitle=doc.subtitle,
        portal_name=portal_name,
        programme=labels.get("portal_name") or portal_name,
        created=build_date.isoformat(),
        date=i18n.format_partial_date(build_date.isoformat(), doc.lang),
        language=i18n.language_name(doc.lang, doc.lang),
        address=address,
        page_counter=_page_counter(print_labels(words, doc.lang)),
        combined=combined,
        toc_label=labels["toc"],
        toc=toc,
        parts=sections,
        labels=labels,  # the colophon's licence (programme.yml licence:, as labels)
        direction_of=i18n.direction,
    )


def without_toc(html: str) -> str:
    return re.sub(r'<nav class="toc">.*?</nav>', "", html, count=1, flags=re.DOTALL)
