"""PDF export: every page, every dossier and the whole portal, in every language.

Only the article of each built page is rendered (no site chrome) with WeasyPrint and a small
print stylesheet with bundled fonts (Latin, Cyrillic, Arabic). A PDF is described by a `Doc`
(its parts: built HTML pages); its full HTML is assembled in the main process and hashed with
the stylesheet, fonts and WeasyPrint's version, so an unchanged PDF is copied from the cache
instead of being rendered. Rendering runs in a process pool across the machine's cores.

Each part's article is made ready for print by `pdf_article` (links, key facts, link notes,
left-to-right runs); the document around the parts (head, cover or band, contents) is the
template `templates/pdf_document.html.j2`.

This module knows nothing of MkDocs: the hooks hand it the site folder and the page lists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmlmod
import json
import logging
import os
import posixpath
import re
import shutil
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import addresses, bidi, i18n
from . import pdf_article as article
from .fonts import Font
from .fonts import css as font_css
from .fonts import digest as font_digest
from .pages import templates

ASSETS = Path(__file__).parent / "pdf_assets"
CSS_FILE = ASSETS / "print.css"
SHARED_CSS = ASSETS / "shared.css"  # print rules of the PDFs and of a browser's print

# The local images a document shows (an SVG <image> too): their bytes are part of its cache key.
_LOCAL_SRC = re.compile(r'(?:\bsrc|<image\b[^>]*?\shref)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^"]+)"')
_MAJOR = re.compile(r"(^|/)(countries|objectives)/[^/]+/(index\.html)?$")
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


def public_url(site_url: str) -> str:
    """The portal's published address, or "" when none is configured (unset, localhost)."""
    return addresses.published(site_url)


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


@dataclass
class Report:
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    pages: int = 0  # PDF pages rendered (not reused)
    cpu_seconds: float = 0.0  # CPU time of the rendering, summed over workers
    # Resources a PDF asked for and was refused: (PDF, page it comes from, address and why).
    refused: list[tuple[str, str, str]] = field(default_factory=list)


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
    labels = words(doc.lang)
    plabels = print_labels(words, doc.lang)
    address = public_url(site_url)
    combined = doc.kind != "page"
    included = {p.url: f"p{i}--" for i, p in enumerate(doc.parts)} if combined else {}
    sections = []
    toc = []
    nesting = depths([p.url for p in doc.parts]) if combined else [0] * len(doc.parts)
    for i, part in enumerate(doc.parts):
        prefix = f"p{i}--" if combined else ""
        body = article.extract(site, part.url)
        body = article.rewrite_links(body, part.url, prefix, included, address)
        if combined and not re.search(r"<h1\b", body):
            # Before the other changes: the TOC, the bookmarks and the isolation see it too.
            body = str(Markup('<h1 id="{}">{}</h1>').format(prefix, part.title)) + body
        body = re.sub(r"<h1\b(?![^>]*\bid=)", f'<h1 id="{prefix}"', body, count=1)
        for level, ident, text in article.headings(body):
            if level == 1 or len(doc.parts) == 1:
                toc.append((level + nesting[i], ident, text))
        body = article.key_facts(body)
        part_words = print_labels(words, part.lang)
        body = article.describe_map(body, part_words)
        body = article.split_wide_tables(body, part_words)
        body = article.link_notes(body, part_words)
        direction = i18n.direction(part.lang)
        if direction == "rtl" or i18n.direction(doc.lang) == "rtl":
            body = bidi.isolate(body)  # one rule with the pages' (portal.bidi)
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
        page_counter=_page_counter(plabels),
        combined=combined,
        toc_label=labels["toc"],
        toc=toc,
        parts=sections,
        L=labels,  # the colophon's licence (programme.yml licence:, as labels)
        direction_of=i18n.direction,
    )


def without_toc(html: str) -> str:
    return re.sub(r'<nav class="toc">.*?</nav>', "", html, count=1, flags=re.DOTALL)


# -- rendering (in worker processes) ----------------------------------------------------------

_worker_state: dict = {}


class Refused(Exception):
    """A resource the PDF renderer may not fetch (reported as a warning, never fatal)."""


def _fetcher(roots: tuple[Path, ...], refused: list[str]) -> Any:
    """A WeasyPrint 70 URL fetcher that reads local files under `roots` and nothing else.

    WeasyPrint 70 fetches through a `URLFetcher` object (there is no `default_url_fetcher`
    function any more). This one refuses every scheme but `file:`, and a `file:` URL whose
    real path (symbolic links resolved) is not a regular file inside the portal's PDF assets
    or the built site: no network, no other local file (`<link rel="attachment"
    href="file:///etc/passwd">` is refused). Refused addresses are collected in `refused`.
    """
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher

    class PortalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            try:
                parts = urlsplit(url)
                if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
                    raise Refused("only the portal's own files are used")
                path = Path(url2pathname(parts.path)).resolve()
                if not any(path.is_relative_to(root) for root in roots):
                    raise Refused("outside the portal's PDF assets and the built site")
                if not path.is_file():
                    raise Refused("no such file")
            except Refused as e:
                refused.append(f"{url} ({e})")
                raise
            return super().fetch(path.as_uri(), headers)

    return PortalFetcher(allow_redirects=False, timeout=5)  # fetch() refuses all but file:


# A job: the HTML, its cache path, base URL, site, and optionally the programme's fonts (their
# CSS and files, see portal.fonts).
Job = tuple[str, str, str, str] | tuple[str, str, str, str, tuple[str, tuple[str, ...]]]


def _render(job: Job) -> tuple[str, str | None, int, float, list[str]]:
    """Render one PDF into the cache: (path, error or None, pages, CPU seconds, refused).

    A document with a table of contents keeps it only when its text is longer than
    TOC_MIN_PAGES pages: a short one is laid out without it first (pages are only known then).
    The PDF is tagged (PDF/UA-1: structure tree, /Lang, /MarkInfo, title shown).
    """
    started = time.process_time()
    html, cache_path, base_url, site = job[:4]
    fonts_css, font_files = job[4] if len(job) > 4 else ("", ())
    refused: list[str] = []
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        # The programme's declared fonts (portal.fonts) are the only other files it may read.
        roots = (ASSETS.resolve(), Path(site).resolve(), *(Path(f) for f in font_files))
        fetcher = _fetcher(roots, refused)
        if "css" not in _worker_state:
            logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
            logging.getLogger("fontTools").setLevel(logging.ERROR)
            fonts = FontConfiguration()
            css = [CSS(filename=str(CSS_FILE), font_config=fonts, url_fetcher=fetcher)]
            if fonts_css:  # the programme's fonts, for the scripts the bundled ones lack
                css.append(CSS(string=fonts_css, font_config=fonts, url_fetcher=fetcher))
            _worker_state.update(css=css, fonts=fonts)

        def layout(source: str) -> Any:
            return HTML(string=source, base_url=base_url, url_fetcher=fetcher).render(
                stylesheets=_worker_state["css"], font_config=_worker_state["fonts"]
            )

        document = None
        if '<nav class="toc">' in html and len(article.SVG.sub("", html)) < SURELY_LONG:
            short = layout(without_toc(html))
            if len(short.pages) - 1 <= TOC_MIN_PAGES:  # the cover is not text
                document = short
        if document is None:
            document = layout(html)
        tmp = cache_path + f".{os.getpid()}.tmp"
        document.write_pdf(tmp, pdf_variant="pdf/ua-1")
        os.replace(tmp, cache_path)
        pages = len(document.pages)
        return cache_path, None, pages, time.process_time() - started, refused
    except Exception as e:  # reported with the PDF's name by the caller
        return cache_path, f"{type(e).__name__}: {e}", 0, time.process_time() - started, refused


def _fingerprint() -> str:
    # The version from the package's metadata: importing WeasyPrint takes a second, and a
    # build whose PDFs are all in the cache never needs it otherwise.
    from importlib.metadata import version

    h = hashlib.sha256()
    h.update(version("weasyprint").encode())
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


# The code that turns a document's inputs into its HTML: part of every cache key, so that a
# change of it renders again (its assets and WeasyPrint's version are in _fingerprint()).
_ASSEMBLY_CODE = (
    Path(__file__),
    Path(__file__).parent / "pdf_article.py",
    Path(__file__).parent / "i18n.py",
    Path(__file__).parent / "paths.py",
    Path(__file__).parent / "fonts.py",
    Path(__file__).parent / "templates" / "pdf_document.html.j2",
    Path(__file__).parent / "templates" / "_macros.j2",  # the colophon's licence statement
)


class _Inputs:
    """What a document's HTML is made from, hashed, for the cache key: the articles of its
    pages as built (read once per run however many documents hold them), the images they
    show, the labels of its languages, its own fields and the assembling code.

    Checking that a cached PDF is current thus costs reading its pages, not assembling its
    HTML again (link rewriting, key facts, isolation: 4 of the 15 s of a no-change build of
    the shipped portal). `assemble()` reads nothing else: a test changes each input and
    checks that the key changes whenever the HTML does."""

    def __init__(
        self, site: Path, fingerprint: str, date: dt.date, *settings: str, words: i18n.Labels
    ) -> None:
        self.site, self.date, self.words = site, date.isoformat(), words
        h = hashlib.sha256(fingerprint.encode())
        for path in _ASSEMBLY_CODE:
            h.update(path.read_bytes())
        for value in settings:
            h.update(value.encode() + b"\0")
        self.base = h.hexdigest()
        self.articles: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.images: dict[str, bytes] = {}

    def article(self, url: str) -> str:
        if url not in self.articles:
            body = article.article_html(self.site, url)
            folder = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
            h = hashlib.sha256(body.encode())
            for rel in sorted(set(_LOCAL_SRC.findall(body))):
                # As rewrite_links will address it: relative to the page, inside the site.
                h.update(
                    rel.encode() + self.image(posixpath.normpath(folder + htmlmod.unescape(rel)))
                )
            self.articles[url] = h.hexdigest()
        return self.articles[url]

    def image(self, rel: str) -> bytes:
        """Digest of an image of the site (the map's background is on many pages)."""
        if rel not in self.images:
            path = self.site / rel
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
            self.images[rel] = hashlib.sha256(data).digest()
        return self.images[rel]

    def language(self, lang: str) -> str:
        if lang not in self.labels:
            every = [self.words(lang), print_labels(self.words, lang), i18n.direction(lang)]
            every += [i18n.language_name(lang, lang), i18n.format_partial_date(self.date, lang)]
            text = json.dumps(every, sort_keys=True, ensure_ascii=False)
            self.labels[lang] = hashlib.sha256(text.encode()).hexdigest()
        return self.labels[lang]

    def key(self, doc: Doc) -> str:
        h = hashlib.sha256(self.base.encode())
        fields = [doc.title, doc.lang, doc.kind, doc.subtitle, self.language(doc.lang)]
        for part in doc.parts:
            fields += [part.url, part.title, part.lang, self.language(part.lang)]
            fields.append(self.article(part.url))
        for value in fields:
            h.update(value.encode() + b"\0")
        return h.hexdigest()


def render(
    docs: list[Doc],
    site: Path,
    cache: Path,
    site_url: str,
    portal_name: str,
    build_date: dt.date,
    workers: int | None = None,
    fonts: Sequence[Font] = (),
    out: Path | None = None,
    *,
    words: i18n.Labels,
) -> Report:
    """Write every PDF of `docs` into `site` (or `out`: the tests read PDFs of a shared build
    without writing into it), rendering only those not in `cache`."""
    cache.mkdir(parents=True, exist_ok=True)
    # (No declared font: the key of before, so no cached PDF is rendered again for nothing.)
    fingerprint = _fingerprint() + (font_digest(list(fonts)) if fonts else "")
    report = Report()
    jobs: dict[str, list[Doc]] = {}
    inputs = _Inputs(site, fingerprint, build_date, public_url(site_url), portal_name, words=words)
    for doc in docs:
        doc.key = inputs.key(doc)
        cached = cache / f"{doc.key}.pdf"
        if cached.is_file():
            report.reused.append(doc.out)
            _touch(cached)  # used by this build: kept when CI drops the unused ones
        else:
            jobs.setdefault(str(cached), []).append(doc)
    for waiting in jobs.values():
        waiting[0].html = assemble(waiting[0], site, site_url, portal_name, build_date, words=words)
    if jobs:
        base_url = site.resolve().as_uri() + "/"
        extra = (font_css(fonts), tuple(str(f.path.resolve()) for f in fonts))
        work = [(docs_[0].html, path, base_url, str(site), extra) for path, docs_ in jobs.items()]
        workers = workers or os.cpu_count() or 1
        results: Iterator[tuple[str, str | None, int, float, list[str]]]
        pool = None
        if workers == 1 or len(work) == 1:
            results = map(_render, work)
        else:
            pool = ProcessPoolExecutor(max_workers=min(workers, len(work)))
            results = pool.map(_render, work, chunksize=1)
        try:
            _collect(results, jobs, report)
        finally:  # also when a worker dies or the build is interrupted: no process left behind
            if pool is not None:
                pool.shutdown(cancel_futures=True)
    for doc in docs:
        cached = cache / f"{doc.key}.pdf"
        if cached.is_file():
            target = (out or site) / doc.out
            target.parent.mkdir(parents=True, exist_ok=True)
            _place(cached, target)
            notes = cached.with_suffix(".refused.json")
            refused = json.loads(notes.read_text()) if notes.is_file() else []
            for address in dict.fromkeys(refused):
                page = doc.parts[0].url if len(doc.parts) == 1 else doc.out
                report.refused.append((doc.out, page or "/", address))
    return report


def _place(cached: Path, target: Path) -> None:
    """Put a cached PDF at its place in the site: a hard link (no copy of the bytes; nothing
    writes into a PDF once made), or a copy where the two folders are on different disks."""
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)


def _touch(cached: Path) -> None:
    for path in (cached, cached.with_suffix(".refused.json")):
        if path.is_file():
            os.utime(path)


def _collect(
    results: Iterator[tuple[str, str | None, int, float, list[str]]],
    jobs: dict[str, list[Doc]],
    report: Report,
) -> None:
    for path, error, pages, cpu, refused in results:
        report.pages += pages
        report.cpu_seconds += cpu
        # Kept beside the cached PDF, so that a reused PDF reports them again.
        Path(path).with_suffix(".refused.json").write_text(json.dumps(refused))
        for doc in jobs[path]:
            if error:
                report.failed.append((doc.out, error))
            else:
                report.rendered.append(doc.out)
