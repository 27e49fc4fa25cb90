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
import json
import logging
import os
import posixpath
import re
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import i18n, paths

ASSETS = Path(__file__).parent / "pdf_assets"
CSS_FILE = ASSETS / "print.css"
TEMPLATES = Path(__file__).parent / "templates"

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
# Web-only parts of a page, left out of its PDF: permalinks, buttons, download links (the PDF
# itself, vCards), the page's edit links, translation status and citation box, map hints.
_DROP = [
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL),
    re.compile(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', re.DOTALL),
    re.compile(r'<p class="portal-pdf-link".*?</p>', re.DOTALL),
    re.compile(r'<aside class="portal-page-meta".*?</aside>', re.DOTALL),
    re.compile(r'<details class="portal-cite".*?</details>', re.DOTALL),
    re.compile(r'<p class="portal-(?:edit|translations-link)".*?</p>', re.DOTALL),
    re.compile(r"(?:<br>\s*)?<a [^>]*\sdownload(?:=\"[^\"]*\")?(?=[\s>])[^>]*>.*?</a>", re.DOTALL),
    re.compile(r"<script\b.*?</script>", re.DOTALL),
    re.compile(r"<style\b.*?</style>", re.DOTALL),
    re.compile(r"<form\b.*?</form>", re.DOTALL),
    re.compile(r"<input\b[^>]*>"),
]
_ATTR = re.compile(r'\b(href|id|src)="([^"]*)"')
_LOCAL_SRC = re.compile(r'\bsrc="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^"]+)"')
_H = re.compile(r"<h([12])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
# The key-facts box: its definition list, then what follows it inside the box (a line of
# minor facts), kept after the table.
_GLANCE = re.compile(
    r'<div(?: [^>]*)? class="portal-glance"[^>]*>\s*<dl>(.*?)</dl>(.*?)</div>', re.DOTALL
)
_DT_DD = re.compile(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", re.DOTALL)
# Runs of left-to-right characters (numbers, law numbers, codes, Latin words, addresses) in a
# right-to-left text; entities are matched first so that they are never cut.
_LTR_RUN = re.compile(
    r"(&#?\w+;)|([0-9A-Za-z\u00c0-\u024f\u0400-\u04ff]"
    r"(?:[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff.,:/@_°\-–+\[\] ]*[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff])?)"
)
_MAJOR = re.compile(r"(^|/)(countries|objectives)/[^/]+/(index\.html)?$")
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"}
# A document with a table of contents: only when its text takes more than this many pages.
TOC_MIN_PAGES = 4
# HTML (SVG maps left out) longer than this surely takes more than TOC_MIN_PAGES pages (about
# 5,000 characters make a page): it is laid out once, with its table of contents.
SURELY_LONG = 60_000
PRINT_LABELS = ASSETS / "labels.yml"


def print_labels(lang: str) -> dict[str, str]:
    import yaml

    every = yaml.safe_load(PRINT_LABELS.read_text(encoding="utf-8"))
    return {**every["en"], **(every.get(lang) or {})}


def public_url(site_url: str) -> str:
    """The portal's published address, or "" when none is configured (unset, localhost)."""
    from urllib.parse import urlsplit

    parts = urlsplit(site_url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    if parts.hostname in _LOCAL_HOSTS or parts.hostname.endswith(".localhost"):
        return ""
    return site_url.rstrip("/") + "/"


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


def _rewrite(
    body: str, part_url: str, prefix: str, included: dict[str, str], site_url: str, out: str
) -> str:
    """Make links work inside the PDF: to included pages as anchors, to others absolute
    (unlinked when the portal has no published address)."""
    base = part_url if part_url.endswith("/") else posixpath.dirname(part_url) + "/"

    def fix(m: re.Match) -> str:
        attr, value = m.group(1), htmlmod.unescape(m.group(2))
        if attr == "id":
            return f'id="{prefix}{value}"' if prefix else m.group(0)
        if attr == "src":
            # Images beside the page: site-relative (the document's base is the site root);
            # anything else (another scheme, an absolute path) is left to the URL fetcher,
            # which refuses it.
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) or value.startswith("/"):
                return m.group(0)
            target = posixpath.normpath(posixpath.join(base, value)).lstrip("/")
            if target.startswith("../"):
                return 'src=""'
            return f'src="{htmlmod.escape(target)}"'
        if value == "#" or not value:
            return 'data-unlinked=""'  # a placeholder (the email's link is made by script)
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
        if not site_url:
            # No published address: WeasyPrint would resolve a relative link against the build
            # folder and write the build machine's path (file:///...) into the PDF. The text
            # stays, unlinked.
            return 'data-unlinked=""'
        absolute = site_url + target + (f"#{frag}" if frag else "")
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


def _key_facts(body: str) -> str:
    """The key-facts box (a definition list on the web) as an aligned two-column table."""

    def table(m: re.Match) -> str:
        rows = "".join(
            f'<tr><th scope="row">{dt_}</th><td>{dd}</td></tr>'
            for dt_, dd in _DT_DD.findall(m.group(1))
        )
        return f'<table class="portal-facts"><tbody>{rows}</tbody></table>{m.group(2)}'

    return _GLANCE.sub(table, body)


_SHIELD = "\ue000"  # stands for an SVG while text is rewritten (a private-use character)


def _shield_svg(body: str) -> tuple[str, list[str]]:
    kept = _SVG.findall(body)
    return _SVG.sub(_SHIELD, body), kept


def _unshield_svg(body: str, kept: list[str]) -> str:
    pieces = body.split(_SHIELD)
    return "".join(p + (kept[i] if i < len(kept) else "") for i, p in enumerate(pieces))


def _map(body: str, plabels: dict[str, str]) -> str:
    """The map: alternative text (the partner countries) and no web hint under it."""

    def fix(m: re.Match) -> str:
        figure = m.group(0)
        names = [htmlmod.unescape(n) for n in re.findall(r'aria-label="([^"]*)"', figure)]
        alt = plabels["map_alt"].format(names=", ".join(names))
        figure = re.sub(r"<figcaption\b.*?</figcaption>", "", figure, flags=re.DOTALL)
        figure = re.sub(
            r"<svg\b([^>]*)>",
            lambda s: (
                "<svg"
                + re.sub(r'\s(role|aria-labelledby|aria-label)="[^"]*"', "", s.group(1))
                + f' role="img"><title>{htmlmod.escape(alt)}</title>'
            ),
            figure,
            count=1,
        )
        figure = re.sub(
            r"<title>(?!" + re.escape(htmlmod.escape(alt)) + r").*?</title>", "", figure
        )
        return figure + f'<p class="portal-map-caption">{htmlmod.escape(alt)}</p>'

    return re.sub(r'<figure class="portal-map".*?</figure>', fix, body, flags=re.DOTALL)


def _printed_address(href: str) -> str:
    value = htmlmod.unescape(href)
    if value.startswith(("http://", "https://")):
        return value
    if value.startswith("mailto:"):
        return value[len("mailto:") :]
    return ""


def _link_notes(body: str, plabels: dict[str, str]) -> str:
    """Number every link that leaves the document and print its address at the end of its
    section (h2), so that a printed page says where each "Source" leads."""
    chunks = re.split(r"(?=<h2\b)", body)
    number = 0
    out = []
    for chunk in chunks:
        shielded, kept = _shield_svg(chunk)
        notes: dict[str, int] = {}

        def note(m: re.Match, notes: dict[str, int] = notes) -> str:
            nonlocal number
            address = _printed_address(m.group(2))
            text = htmlmod.unescape(_TAGS.sub("", m.group(4))).strip()
            if not address or text.rstrip("/") in (address.rstrip("/"), address.split("//")[-1]):
                return m.group(0)
            if address not in notes:
                number += 1
                notes[address] = number
            return f'{m.group(0)}<sup class="portal-ref">{notes[address]}</sup>'

        shielded = _LINK.sub(note, shielded)
        chunk = _unshield_svg(shielded, kept)
        if notes:
            items = "".join(
                f'<li><span class="portal-ref-n">{n}</span> '
                f'<a href="{htmlmod.escape(a)}" dir="ltr">{htmlmod.escape(a)}</a></li>'
                for a, n in notes.items()
            )
            chunk += (
                f'<aside class="portal-links" aria-label="{htmlmod.escape(plabels["links"])}">'
                f"<ol>{items}</ol></aside>"
            )
        out.append(chunk)
    return "".join(out)


def _isolate_ltr(body: str) -> str:
    """In right-to-left text, put every left-to-right run (27-14, 7 of 2013, 2012-023, an
    email) in its own <bdi dir="ltr">, so that it reads in its own order."""
    shielded, kept = _shield_svg(body)

    def text(m: re.Match) -> str:
        return (
            ">"
            + _LTR_RUN.sub(lambda r: r.group(1) or f'<bdi dir="ltr">{r.group(2)}</bdi>', m.group(1))
            + "<"
        )

    shielded = re.sub(r">([^<>]+)<", text, shielded)
    return _unshield_svg(shielded, kept)


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
    body: Markup  # the page's article, rewritten for print


@lru_cache(maxsize=1)
def _templates() -> Environment:
    """The PDFs' HTML templates, autoescaped: a title or a name is always text, never markup."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def assemble(doc: Doc, site: Path, site_url: str, portal_name: str, build_date: dt.date) -> str:
    """The complete HTML document WeasyPrint renders for `doc` (pdf_document.html.j2)."""
    labels = i18n.labels(doc.lang)
    plabels = print_labels(doc.lang)
    address = public_url(site_url)
    combined = doc.kind != "page"
    included = {p.url: f"p{i}--" for i, p in enumerate(doc.parts)} if combined else {}
    sections = []
    toc = []
    for i, part in enumerate(doc.parts):
        prefix = f"p{i}--" if combined else ""
        body = _article(site, part.url)
        body = _rewrite(body, part.url, prefix, included, address, doc.out)
        if combined and not re.search(r"<h1\b", body):
            # Before the other changes: the TOC, the bookmarks and the isolation see it too.
            body = str(Markup('<h1 id="{}">{}</h1>').format(prefix, part.title)) + body
        body = re.sub(r"<h1\b(?![^>]*\bid=)", f'<h1 id="{prefix}"', body, count=1)
        for level, ident, text in _headings(body):
            if level == 1 or len(doc.parts) == 1:
                toc.append((level, ident, text))
        body = _key_facts(body)
        body = _map(body, print_labels(part.lang))
        body = _link_notes(body, print_labels(part.lang))
        direction = i18n.direction(part.lang)
        if direction == "rtl" or i18n.direction(doc.lang) == "rtl":
            body = _isolate_ltr(body)
        # A country or an objective starts a new page; a short page (home, an index) runs on
        # after the previous one instead of leaving most of a page empty.
        # The same in both editions: 'countries/morocco/' online, 'countries/morocco.html' offline.
        major = bool(_MAJOR.search(paths.directory_url(part.url)))
        # Trusted: the built page's own article (editors' HTML was checked and sanitised by the
        # build), cut and rewritten above by this module.
        sections.append(_Section(prefix, part.lang, direction, major, Markup(body)))
    template = _templates().get_template("pdf_document.html.j2")
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
    )


def without_toc(html: str) -> str:
    return re.sub(r'<nav class="toc">.*?</nav>', "", html, count=1, flags=re.DOTALL)


# -- rendering (in worker processes) ----------------------------------------------------------

_worker_state: dict = {}


class Refused(Exception):
    """A resource the PDF renderer may not fetch (reported as a warning, never fatal)."""


def _fetcher(roots: tuple[Path, ...], refused: list[str]):
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
        def fetch(self, url, headers=None):
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


def _render(job: tuple[str, str, str, str]) -> tuple[str, str | None, int, float, list[str]]:
    """Render one PDF into the cache: (path, error or None, pages, CPU seconds, refused).

    A document with a table of contents keeps it only when its text is longer than
    TOC_MIN_PAGES pages: a short one is laid out without it first (pages are only known then).
    The PDF is tagged (PDF/UA-1: structure tree, /Lang, /MarkInfo, title shown).
    """
    started = time.process_time()
    html, cache_path, base_url, site = job
    refused: list[str] = []
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        roots = (ASSETS.resolve(), Path(site).resolve())
        fetcher = _fetcher(roots, refused)
        if "css" not in _worker_state:
            logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
            logging.getLogger("fontTools").setLevel(logging.ERROR)
            fonts = FontConfiguration()
            css = CSS(filename=str(CSS_FILE), font_config=fonts, url_fetcher=fetcher)
            _worker_state.update(css=css, fonts=fonts)

        def layout(source: str):
            return HTML(string=source, base_url=base_url, url_fetcher=fetcher).render(
                stylesheets=[_worker_state["css"]], font_config=_worker_state["fonts"]
            )

        document = None
        if '<nav class="toc">' in html and len(_SVG.sub("", html)) < SURELY_LONG:
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
    import weasyprint

    h = hashlib.sha256()
    h.update(weasyprint.__version__.encode())
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _media_digest(html: str, site: Path) -> str:
    """Digest of the local images a document shows (an image changed: the PDF is redone)."""
    h = hashlib.sha256()
    for rel in sorted(set(_LOCAL_SRC.findall(html))):
        path = site / htmlmod.unescape(rel)
        h.update(rel.encode())
        if path.is_file() and not path.is_symlink():
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
        key = fingerprint + _media_digest(doc.html, site) + doc.html
        doc.key = hashlib.sha256(key.encode()).hexdigest()
        cached = cache / f"{doc.key}.pdf"
        if cached.is_file():
            report.reused.append(doc.out)
        else:
            jobs.setdefault(str(cached), []).append(doc)
    if jobs:
        base_url = site.resolve().as_uri() + "/"
        work = [(docs_[0].html, path, base_url, str(site)) for path, docs_ in jobs.items()]
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
            target = site / doc.out
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
            notes = cached.with_suffix(".refused.json")
            refused = json.loads(notes.read_text()) if notes.is_file() else []
            for address in dict.fromkeys(refused):
                page = doc.parts[0].url if len(doc.parts) == 1 else doc.out
                report.refused.append((doc.out, page or "/", address))
    return report


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
