"""What the portal exports besides HTML: which PDFs exist, and where each file goes.

Names are decided here once, for the Downloads page (generated before the build) and for the
export step (after it): `downloads/portal.fr.pdf`, `downloads/country-morocco.fr.pdf`,
`downloads/objective-early-warning.fr.pdf`, and each page's own PDF next to it,
`fr/countries/morocco/morocco.fr.pdf`.
"""

from __future__ import annotations

import json
import posixpath
import re
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import i18n, opendata, paths, pdf
from .content import Content
from .fonts import Font
from .paths import DOWNLOADS, country_pdf, objective_pdf, offline_zip, page_pdf_name, portal_pdf
from .pdf_document import Doc, Part


@dataclass
class NavPage:
    """A built page as the export step sees it."""

    url: str  # site-relative, with the language prefix: "fr/countries/morocco/"
    inner: str  # without it: "countries/morocco/"
    title: str
    text_lang: str  # language of its text (the default language for a fallback page)


def plan(
    content: Content, editions: dict[str, list[NavPage]], default: str
) -> tuple[list[Doc], list[Doc]]:
    """(combined documents, page documents) of every language."""
    combined: list[Doc] = []
    pages: list[Doc] = []
    for lang, nav in editions.items():
        combined.append(_portal_doc(content, nav, lang))
        combined += _dossiers(content, nav, lang, default)
        pages += [_page_doc(page, lang) for page in nav if paths.printed(page.inner)]
    return combined, pages


def _portal_doc(content: Content, nav: list[NavPage], lang: str) -> Doc:
    """The whole portal in one language: every printed page, in navigation order."""
    labels = content.labels(lang)
    everything = [
        Part(p.url, p.title, p.text_lang)
        for p in nav
        if not p.inner.startswith(DOWNLOADS) and paths.printed(p.inner)
    ]
    return Doc(
        portal_pdf(lang),
        labels["portal_name"],
        lang,
        everything,
        "portal",
        labels["pdf_portal_subtitle"],
    )


def _dossiers(content: Content, nav: list[NavPage], lang: str, default: str) -> list[Doc]:
    """A country's dossier (its page); an objective's (its page, then the page of each country
    that serves it, by name in the language)."""
    labels = content.labels(lang)
    by_inner = {p.inner: p for p in nav}

    def part(inner: str) -> Part | None:
        page = by_inner.get(inner)
        return Part(page.url, page.title, page.text_lang) if page else None

    out = []
    for c in content.countries:
        p = part(c.page())
        if p:
            subtitle = labels["pdf_country_subtitle"]
            out.append(Doc(country_pdf(c.slug, lang), p.title, lang, [p], "dossier", subtitle))
    by_name = sorted(
        content.countries,
        key=lambda c: i18n.sort_key((i18n.pick(c.data.names, lang, default) or ("",))[0], lang),
    )
    for o in content.objectives:
        p = part(o.page())
        if not p:
            continue
        serving = [
            part(c.page())
            for c in by_name
            if any(o.slug in ins.objectives for ins in c.data.instruments)
            or any(a.objective == o.slug for a in c.data.activities)
        ]
        parts = [p, *filter(None, serving)]
        subtitle = labels["pdf_objective_subtitle"]
        out.append(Doc(objective_pdf(o.slug, lang), p.title, lang, parts, "dossier", subtitle))
    return out


def _page_doc(page: NavPage, lang: str) -> Doc:
    """A page's own PDF, beside the page."""
    folder = (
        page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url) + "/"
    )
    folder = "" if folder == "/" else folder
    return Doc(
        f"{folder}{page_pdf_name(page.inner, lang)}",
        page.title,
        lang,
        [Part(page.url, page.title, page.text_lang)],
        "page",
    )


def human_size(n: int, lang: str = "en") -> str:
    """A file's size in the reader's language, CLDR's units and numbers ("1,5 Mo", "340 кБ")."""
    from babel.units import format_unit

    if n >= 1_000_000:
        return format_unit(n / 1_000_000, "digital-megabyte", "short", "#,##0.0", locale=lang)
    return format_unit(max(1, round(n / 1000)), "digital-kilobyte", "short", locale=lang)


def fill_sizes(site: Path) -> None:
    """Write each file's size beside its link on the Downloads pages (after the files exist)."""
    pattern = re.compile(r'<span class="portal-size" data-file="([^"]+)"></span>')
    for page in site.glob("**/downloads/index.html"):
        text = page.read_text(encoding="utf-8")
        found = re.search(r'<html[^>]*\slang="([^"]+)"', text)
        lang = found.group(1) if found else "en"

        def size(m: re.Match[str], lang: str = lang) -> str:
            target = site / m.group(1)
            if not target.is_file():
                return m.group(0)
            return (
                f'<span class="portal-size" data-file="{m.group(1)}">'
                f"({human_size(target.stat().st_size, lang)})</span>"
            )

        page.write_text(pattern.sub(size, text), encoding="utf-8")


@dataclass
class Outcome:
    pdf: pdf.Report | None
    seconds: float


def run(
    content: Content,
    site: Path,
    editions: dict[str, list[NavPage]],
    default: str,
    *,
    pdf_enabled: bool,
    cache: Path,
    site_url: str,
    workers: int | None = None,
    fonts: Sequence[Font] = (),
) -> Outcome:
    """Every export after the HTML build: open data, PDFs, sizes on the Downloads pages."""
    started = time.perf_counter()
    opendata.write(content, site)
    report = None
    if pdf_enabled:
        combined, pages = plan(content, editions, default)
        name = content.labels(default)["portal_name"]
        today = content.settings.today
        words = content.labels
        report = pdf.render(
            combined, site, cache, site_url, name, today, workers, fonts, words=words
        )
        fill_sizes(site)
        second = pdf.render(pages, site, cache, site_url, name, today, workers, fonts, words=words)
        report.rendered += second.rendered
        report.reused += second.reused
        report.failed += second.failed
        report.refused += second.refused
        report.pages += second.pages
        report.cpu_seconds += second.cpu_seconds
        (cache / "last-run.json").write_text(
            json.dumps(
                {
                    "rendered": report.rendered,
                    "reused": report.reused,
                    "pages": report.pages,
                    "cpu_seconds": round(report.cpu_seconds, 3),
                    "seconds": round(time.perf_counter() - started, 3),
                },
                indent=1,
            )
        )
    else:
        fill_sizes(site)
    return Outcome(report, time.perf_counter() - started)


_UNSAFE_ENTRY_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\\:]|(?:^|/)\.\.(?:/|$)|^/")


def safe_entry_name(name: str) -> bool:
    """A zip entry name every extractor writes inside its target folder: no backslash (a
    separator on Windows), no '..' segment, no leading '/', no drive colon, no control
    character (a newline in a name reads as two files in a listing)."""
    return bool(name) and not _UNSAFE_ENTRY_RE.search(name)


# Files that are compressed already: deflating them again costs seconds (44 MB of PDFs in
# the shipped portal) and saves almost nothing, so they are stored as they are.
STORED_SUFFIXES = frozenset(
    {".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".gz", ".br", ".woff", ".woff2"}
)


def zip_method(name: str) -> int:
    """How the offline zip holds a file: stored when it is compressed already, else deflated."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return zipfile.ZIP_STORED if suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED


def zip_offline(edition: Path, site: Path, programme_slug: str) -> Path:
    """Zip the offline edition into site/downloads/ and show its size on the Downloads pages."""
    if not (edition / "index.html").is_file():
        raise FileNotFoundError(
            f"{edition} holds no built site: build it with PORTAL_OFFLINE=true first"
        )
    target = site / offline_zip(programme_slug)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.tmp")
    entries = [
        (path, f"{programme_slug}/{path.relative_to(edition).as_posix()}")
        for path in sorted(edition.rglob("*"))
        if path.is_file() and not path.is_symlink()
    ]
    unsafe = [name for _, name in entries if not safe_entry_name(name)]
    if unsafe:  # content checks refuse such names: this is the last wall before extractors
        raise ValueError(f"refusing to zip unsafe file names: {unsafe[:5]!r}")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path, name in entries:
            archive.write(path, name, compress_type=zip_method(path.name))
    tmp.replace(target)
    fill_sizes(site)
    return target
