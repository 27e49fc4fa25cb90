"""Where a page comes from, for its readers and editors: last updated (from git), edit links,
whether a translation is out of date or missing, and the address to cite.

Plain functions over a `PageSource` (what a page is made of), so they are tested without MkDocs:
the hooks describe each MkDocs page as a `PageSource` and pass the result to the template.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import addresses, history, i18n, paths


@dataclass(frozen=True)
class PageSource:
    """The files a built page is made from, relative to the repository root."""

    lang: str  # language of the edition the page belongs to
    url: str  # the page's site-relative URL, with the language prefix
    data: str | None = None  # country.yml / objective.yml, for a generated entry page
    text: str | None = None  # the narrative or page shown (possibly a fallback)
    original: str | None = None  # the default-language file that text translates
    kind: str = "page"  # "country", "objective", "index" (generated lists) or "page"
    alternates: dict[str, str] = field(default_factory=dict)  # lang -> URL of the same page


@dataclass(frozen=True)
class Provenance:
    updated: str = ""  # last change, formatted in the reader's language ("" when unknown)
    updated_iso: str = ""
    outdated: str | None = None  # relative link to the original, when it changed since
    edits: tuple[tuple[str, str], ...] = ()  # (label, address) of edit links
    untranslated: tuple[str, ...] = ()  # languages this page's text has no translation into


def source_of_generated(
    meta: Mapping[str, Any], lang: str, url: str, alternates: dict[str, str]
) -> PageSource:
    """A generated page's sources, from the front matter `portal.pages` writes."""
    return PageSource(
        lang=lang,
        url=url,
        data=meta.get("portal_source"),
        text=meta.get("portal_narrative"),
        original=meta.get("portal_narrative_en"),
        kind=str(meta["portal_kind"])
        if meta.get("portal_kind") in ("country", "objective")
        else "index",
        alternates=alternates,
    )


def source_of_docs_page(
    docs: str, src_uri: str, locale: str, lang: str, url: str, alternates: dict[str, str]
) -> PageSource:
    """A hand-written page of docs/ ('docs/about.fr.md' translates 'docs/about.md')."""
    text = f"{docs}/{src_uri}"
    original = text.replace(f".{locale}.md", ".md")
    return PageSource(lang, url, None, text, original, "page", alternates)


def edit_links(
    src: PageSource, repo: str, root: Path, default: str, labels: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """'Edit the data', 'Edit the text' or 'Translate this text' links to the repository."""
    if not repo:
        return ()

    def address(action: str, rel: str, query: str = "") -> str:
        return f"{repo}/{action}/main/{quote(rel)}{query}"

    edits = []
    if src.data:
        edits.append((labels["edit_data"], address("edit", src.data)))
    text, original = src.text, src.original
    if text and (root / text).is_file() and (text != original or src.lang == default):
        edits.append((labels["edit_text" if src.data else "edit_page"], address("edit", text)))
    elif text and original and src.lang != default:
        folder, name = original.rsplit("/", 1)
        stem = name[: -len(".md")]
        query = "?filename=" + quote(f"{stem}.{src.lang}.md")
        edits.append((labels["translate_page"], address("new", folder, query)))
    return tuple(edits)


def untranslated(src: PageSource, languages: tuple[str, ...], root: Path) -> tuple[str, ...]:
    """Languages the page's own text is not translated into (readers see the default's)."""
    if src.kind == "index" or not src.original:
        return ()
    original = src.original
    stem = original[: -len(".md")]
    return tuple(lang for lang in languages[1:] if not (root / f"{stem}.{lang}.md").is_file())


def describe(
    src: PageSource,
    hist: history.History,
    *,
    root: Path,
    languages: tuple[str, ...],
    repo: str,
    words: i18n.Labels,
) -> Provenance:
    default = languages[0]
    if src.kind in ("country", "objective"):
        sources = [s for s in (src.data, src.text) if s]
    elif src.kind == "index":  # a generated list: the latest change of any content file
        sources = [p for p in hist if p.startswith(paths.CONTENT_FOLDERS)]
    else:
        sources = [src.text] if src.text else []
    updated = history.latest(hist, *sources)
    outdated = None
    if (
        src.text
        and src.original
        and src.text != src.original
        and hist.newer(src.original, src.text)
    ):
        original_url = src.alternates.get(default)
        if original_url is not None:
            outdated = addresses.relative_url(original_url, src.url)
    return Provenance(
        updated=i18n.format_partial_date(updated, src.lang) if updated else "",
        updated_iso=updated or "",
        outdated=outdated,
        edits=edit_links(src, repo, root, default, words(src.lang)),
        untranslated=untranslated(src, languages, root),
    )
