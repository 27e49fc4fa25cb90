"""PDF export: every page, every dossier and the whole portal, in every language.

Only the article of each built page is rendered (no site chrome) with WeasyPrint and a small
print stylesheet with bundled fonts (Latin, Cyrillic, Arabic). A PDF is described by a `Doc`
(its parts: built HTML pages); its full HTML is assembled in the main process and hashed with
the stylesheet, fonts and WeasyPrint's version, so an unchanged PDF is copied from the cache
instead of being rendered. Rendering runs in a process pool across the machine's cores.

This module knows nothing of MkDocs: the hooks hand it the site folder and the page lists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmlmod
import logging
import os
import posixpath
import re
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n

ASSETS = Path(__file__).parent / "pdf_assets"
CSS_FILE = ASSETS / "print.css"

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
_DROP = [
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL),
    re.compile(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', re.DOTALL),
    re.compile(r'<p class="portal-pdf-link".*?</p>', re.DOTALL),
    re.compile(r"<script\b.*?</script>", re.DOTALL),
]
_ATTR = re.compile(r'\b(href|id)="([^"]*)"')
_H = re.compile(r"<h([12])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


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


def _page_file(site: Path, url: str) -> Path:
    path = site / url
    return path / "index.html" if url.endswith("/") or url == "" else path


def _article(site: Path, url: str) -> str:
    text = _page_file(site, url).read_text(encoding="utf-8")
    m = _ARTICLE.search(text)
    body = m.group(1) if m else ""
    for pattern in _DROP:
        body = pattern.sub("", body)
    return body


def _rewrite(body: str, part_url: str, prefix: str, included: dict[str, str], site_url: str) -> str:
    """Make links work inside the PDF: to included pages as anchors, to others absolute."""
    base = part_url if part_url.endswith("/") else posixpath.dirname(part_url) + "/"

    def fix(m: re.Match) -> str:
        attr, value = m.group(1), htmlmod.unescape(m.group(2))
        if attr == "id":
            return f'id="{prefix}{value}"' if prefix else m.group(0)
        if value.startswith("#"):
            return f'href="#{prefix}{value[1:]}"' if prefix else m.group(0)
        if re.match(r"^[a-z][a-z0-9+.-]*:", value) or value.startswith("//"):
            return m.group(0)
        path, _, frag = value.partition("#")
        target = posixpath.normpath(posixpath.join(base, path)) if path else part_url.rstrip("/")
        target = "" if target == "." else target.lstrip("/")
        if path.endswith("/") or path == "" or not posixpath.splitext(target)[1]:
            target = target.rstrip("/") + "/" if target else ""
        if target in included:
            anchor = included[target] + (frag or "")
            return f'href="#{anchor}"'
        # The offline edition links to page.html: print the site's address of the page.
        target = re.sub(r"(^|/)index\.html$", r"\1", target)
        target = re.sub(r"\.html$", "/", target)
        absolute = site_url.rstrip("/") + "/" + target + (f"#{frag}" if frag else "")
        return f'href="{htmlmod.escape(absolute)}"'

    return _ATTR.sub(fix, body)


def _headings(body: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of the h1 and h2 of a rendered part."""
    out = []
    for m in _H.finditer(body):
        ident = re.search(r'id="([^"]+)"', m.group(0))
        text = htmlmod.unescape(_TAGS.sub("", m.group(2))).strip()
        if ident and text:
            out.append((int(m.group(1)), ident.group(1), text))
    return out


def assemble(doc: Doc, site: Path, site_url: str, portal_name: str, build_date: dt.date) -> str:
    """The complete HTML document WeasyPrint renders for `doc`."""
    labels = i18n.labels(doc.lang)
    combined = doc.kind != "page"
    included = {p.url: f"p{i}--" for i, p in enumerate(doc.parts)} if combined else {}
    sections = []
    toc = []
    for i, part in enumerate(doc.parts):
        prefix = f"p{i}--" if combined else ""
        body = _rewrite(_article(site, part.url), part.url, prefix, included, site_url)
        if combined and not re.search(r"<h1\b", body):
            body = f'<h1 id="{prefix}">{htmlmod.escape(part.title)}</h1>' + body
        body = re.sub(r"<h1\b(?![^>]*\bid=)", f'<h1 id="{prefix}"', body, count=1)
        for level, ident, text in _headings(body):
            if level == 1 or len(doc.parts) == 1:
                toc.append((level, ident, text))
        direction = i18n.direction(part.lang)
        sections.append(
            f'<section class="part" id="{prefix}part" lang="{part.lang}" dir="{direction}">'
            f"{body}</section>"
        )
    head = (
        f'<meta charset="utf-8"><title>{htmlmod.escape(doc.title)}</title>'
        f'<meta name="author" content="{htmlmod.escape(portal_name)}">'
        f'<meta name="dcterms.created" content="{build_date.isoformat()}">'
        f'<meta name="generator" content="{htmlmod.escape(portal_name)}">'
    )
    front = ""
    if combined:
        date = i18n.format_partial_date(build_date.isoformat(), doc.lang)
        language = i18n.language_name(doc.lang, doc.lang)
        front = (
            f'<div class="cover"><div class="cover-kind">{htmlmod.escape(labels["portal_name"])}</div>'
            f'<div class="cover-title">{htmlmod.escape(doc.title)}</div>'
            f'<div class="cover-meta">{htmlmod.escape(doc.subtitle)}</div>'
            f'<div class="cover-meta">{htmlmod.escape(language)} · {htmlmod.escape(date)}</div>'
            f'<div class="cover-source">{htmlmod.escape(site_url)}</div></div>'
        )
        items = "".join(
            f'<li class="{"toc-sub" if level == 2 else "toc-top"}">'
            f'<a href="#{ident}">{htmlmod.escape(text)}</a></li>'
            for level, ident, text in toc
        )
        front += f'<nav class="toc"><h2>{htmlmod.escape(labels["toc"])}</h2><ol>{items}</ol></nav>'
    direction = i18n.direction(doc.lang)
    return (
        f'<!doctype html><html lang="{doc.lang}" dir="{direction}"><head>{head}</head>'
        f"<body>{front}{''.join(sections)}</body></html>"
    )


# -- rendering (in worker processes) ----------------------------------------------------------

_worker_state: dict = {}


def _no_network(url: str, *args, **kwargs):
    if url.startswith("file:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"PDF export fetches nothing from the network (asked for {url})")


def _render(job: tuple[str, str, str]) -> tuple[str, str | None, int, float]:
    """Render one PDF into the cache: (path, error or None, pages, CPU seconds)."""
    started = time.process_time()
    html, cache_path, base_url = job
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        if "css" not in _worker_state:
            logging.getLogger("weasyprint").setLevel(logging.ERROR)
            logging.getLogger("fontTools").setLevel(logging.ERROR)
            fonts = FontConfiguration()
            css = CSS(filename=str(CSS_FILE), font_config=fonts, url_fetcher=_no_network)
            _worker_state.update(css=css, fonts=fonts)
        document = HTML(string=html, base_url=base_url, url_fetcher=_no_network).render(
            stylesheets=[_worker_state["css"]], font_config=_worker_state["fonts"]
        )
        tmp = cache_path + f".{os.getpid()}.tmp"
        document.write_pdf(tmp)
        os.replace(tmp, cache_path)
        return cache_path, None, len(document.pages), time.process_time() - started
    except Exception as e:  # reported with the PDF's name by the caller
        return cache_path, f"{type(e).__name__}: {e}", 0, time.process_time() - started


def _fingerprint() -> str:
    import weasyprint

    h = hashlib.sha256()
    h.update(weasyprint.__version__.encode())
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def render(
    docs: list[Doc],
    site: Path,
    cache: Path,
    site_url: str,
    portal_name: str,
    build_date: dt.date,
    workers: int | None = None,
) -> Report:
    """Write every PDF of `docs` into `site`, rendering only those not in `cache`."""
    cache.mkdir(parents=True, exist_ok=True)
    fingerprint = _fingerprint()
    report = Report()
    jobs: dict[str, list[Doc]] = {}
    for doc in docs:
        doc.html = assemble(doc, site, site_url, portal_name, build_date)
        doc.key = hashlib.sha256((fingerprint + doc.html).encode()).hexdigest()
        cached = cache / f"{doc.key}.pdf"
        if cached.is_file():
            report.reused.append(doc.out)
        else:
            jobs.setdefault(str(cached), []).append(doc)
    if jobs:
        base_url = (ASSETS / "print.css").as_uri()
        work = [(docs_[0].html, path, base_url) for path, docs_ in jobs.items()]
        workers = workers or os.cpu_count() or 1
        results: Iterator[tuple[str, str | None, int, float]]
        if workers == 1 or len(work) == 1:
            results = map(_render, work)
        else:
            pool = ProcessPoolExecutor(max_workers=min(workers, len(work)))
            results = pool.map(_render, work, chunksize=1)
        for path, error, pages, cpu in results:
            report.pages += pages
            report.cpu_seconds += cpu
            for doc in jobs[path]:
                if error:
                    report.failed.append((doc.out, error))
                else:
                    report.rendered.append(doc.out)
        if workers != 1 and len(work) > 1:
            pool.shutdown()
    for doc in docs:
        cached = cache / f"{doc.key}.pdf"
        if cached.is_file():
            target = site / doc.out
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
    return report
