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

from . import addresses, i18n
from . import pdf_article as article
from .fonts import Font
from .fonts import css as font_css
from .fonts import digest as font_digest
from .pdf_document import (
    SURELY_LONG,
    TOC_MIN_PAGES,
    Doc,
    assemble,
    print_labels,
    without_toc,
)

ASSETS = Path(__file__).parent / "pdf_assets"
CSS_FILE = ASSETS / "print.css"
SHARED_CSS = ASSETS / "shared.css"  # print rules of the PDFs and of a browser's print

# The local images a document shows (an SVG <image> too): their bytes are part of its cache key.
_LOCAL_SRC = re.compile(r'(?:\bsrc|<image\b[^>]*?\shref)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^"]+)"')


@dataclass
class Report:
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    pages: int = 0  # PDF pages rendered (not reused)
    cpu_seconds: float = 0.0  # CPU time of the rendering, summed over workers
    # Resources a PDF asked for and was refused: (PDF, page it comes from, address and why).
    refused: list[tuple[str, str, str]] = field(default_factory=list)


# -- rendering (in worker processes) ----------------------------------------------------------

_worker_state: dict[str, Any] = {}


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
    Path(__file__).parent / "pdf_document.py",
    Path(__file__).parent / "pdf_article.py",
    Path(__file__).parent / "bidi.py",
    Path(__file__).parent / "addresses.py",
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
    report, jobs = Report(), dict[str, list[Doc]]()
    address = addresses.published(site_url)
    inputs = _Inputs(site, fingerprint, build_date, address, portal_name, words=words)
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
