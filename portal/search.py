"""Search scoped to the reader's language.

mkdocs-static-i18n merges the pages of every language into one index at the site root, so a
reader in /fr/ would get the default language's pages of the same content. After the build,
`split_index` writes one index per language, holding only that language's pages (including the
default-language fallbacks built into it), with locations relative to the language's root; and
`scope_page` points each page's search at its own language's index. On the web a page loads
only a stub of it; the portal's worker (overrides/assets/javascripts/workers/portal-search.js)
fetches the documents at the first search and runs every word, of the index and of the query,
through one analyser (portal-words.js beside it): README.md, "Search".
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import material

from . import i18n
from .schema.vocabulary import choice_label

if TYPE_CHECKING:
    from .content import Content

_BASE = re.compile(r'("base":\s*")([^"]*)(")')
_WORKER = re.compile(r'("search":\s*"[^"]*/workers/)(search\.[0-9a-f]+\.min\.js)(")')


def split_index(
    site_dir: Path,
    languages: tuple[str, ...],
    inline_js: bool = False,
    extra: dict[str, list[dict[str, Any]]] | None = None,
    tags: dict[str, dict[str, list[str]]] | None = None,
) -> dict[str, int]:
    """Write one index per language: <site>/search/ for the default, <site>/<lang>/search/.

    On the web, `search_index.json` (which Material's page fetches at load) is only a stub: the
    configuration and where the documents are, `search_docs.json`, which the portal's worker
    fetches when the reader starts a search. With `inline_js` (the offline edition, read from
    file:// where fetch is not allowed) each index is whole, also written as the script
    `search_index.js` that Material loads instead. `tags` adds other names (a country's
    aliases) to the page at a location. Returns entries per language.
    """
    root_index = site_dir / "search" / "search_index.json"
    merged = json.loads(root_index.read_text(encoding="utf-8"))
    default, others = languages[0], languages[1:]
    buckets: dict[str, list[Any]] = {lang: [] for lang in languages}
    for doc in merged["docs"]:
        first = doc["location"].split("/", 1)[0]
        if first in others:
            doc = {**doc, "location": doc["location"][len(first) + 1 :]}
            buckets[first].append(doc)
        else:
            buckets[default].append(doc)
    for lang, docs in (extra or {}).items():
        buckets.setdefault(lang, []).extend(docs)
    for lang, named in (tags or {}).items():
        for doc in buckets.get(lang, []):
            if doc["location"] in named:
                doc["tags"] = [escape(t, quote=False) for t in named[doc["location"]]]
    config = dict(merged["config"])
    if config.get("separator") in (None, MATERIAL_DEFAULT_SEPARATOR):
        config["separator"] = SEPARATOR  # unless the site configured its own
    editions = {lang: _edition(lang, default) for lang in languages}
    for lang in languages:
        target = site_dir / editions[lang]["root"] / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        portal = {**editions[lang], "stemmers": STEMMERS, "languages": editions}
        # The portal's worker runs every word through its own analyser (portal-words.js):
        # Material's pipeline stays empty, and loads no lunr-languages file itself.
        settings = {**config, "lang": ["en"], "pipeline": [], "portal": portal}
        if inline_js:
            text = _json({"config": settings, "docs": buckets[lang]})
            target.write_text(text, "utf-8")
            target.with_suffix(".js").write_text(f"var __index = {text}", "utf-8")
            continue
        target.write_text(_json({"config": settings, "docs": []}), "utf-8")
        target.with_name(DOCS).write_text(_json(buckets[lang]), "utf-8")
    return {lang: len(docs) for lang, docs in buckets.items()}


DOCS = "search_docs.json"
# Not stemmers: helpers, languages that need a segmenter of their own, and Arabic, which the
# portal's analyser light-stems itself (lunr-languages' leaves the article and particles on).
_NOT_STEMMERS = {"multi", "stemmer", "ar", "ja", "jp", "ko", "th", "vi", "zh", "hi"}
# The languages whose Snowball stemmer lunr-languages provides (Material ships its files).
STEMMERS = sorted(
    p.name.split(".")[1]
    for p in (Path(material.__file__).parent / "templates/assets/javascripts/lunr/min").glob(
        "lunr.*.min.js"
    )
    if p.name.count(".") == 3 and p.name.split(".")[1] not in _NOT_STEMMERS
)


def _edition(lang: str, default: str) -> dict[str, str]:
    """Where an edition's search lives, and how its results are marked in another's."""
    root = "" if lang == default else f"{lang}/"
    return {
        "lang": lang,
        "root": root,
        "docs": f"{root}search/{DOCS}",
        "name": _capitalised(i18n.language_name(lang, lang)),
        "dir": i18n.direction(lang),
    }


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]  # CLDR writes "français": a label, not in a sentence


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def alias_tags(
    content: Content, lang: str, default: str, directory_urls: bool = True
) -> dict[str, list[str]]:
    """A country page's other names (country.yml `aliases:`) in `lang` and, as every text
    falls back to it, in the default language, by the page's location."""
    out = {}
    for country in content.countries:
        given = country.data.aliases
        names = list(dict.fromkeys(aliases(given, lang) + aliases(given, default)))
        if names:
            out[country.page(directory_urls)] = names
    return out


def aliases(value: Mapping[str, str] | None, lang: str) -> list[str]:
    """The names of an `aliases:` text in `lang`, split at its commas."""
    text = (value or {}).get(lang) or ""
    return [name.strip() for name in text.split(",") if name.strip()]


def use_query_worker(html: str) -> str:
    """Point Material's search at our wrapper of its worker (law numbers stay one word)."""
    return _WORKER.sub(r"\1portal-search.js?worker=\2\3", html, count=1)


def scope_page(html: str, lang: str, default: str) -> str:
    """Make the page's search look in its own language's index (/fr/search/...)."""
    if lang == default:
        return html

    def rebase(m: re.Match[str]) -> str:
        base = m.group(2).rstrip("/")
        return f"{m.group(1)}{base}/{lang}/{m.group(3)}"

    return _BASE.sub(rebase, html, count=1)


# -- What the index holds: sentences, and one entry per instrument at its own anchor --------

# Material splits text and queries into words with this expression. Its default, [\s\-]+, cut
# law numbers in two ("27-14" became "27" and "14"): here a hyphen or a full stop is a word
# separator except between a digit (0-9 or Arabic-Indic) and a digit or letter ("27-14",
# "13.344", "350-Z", "350-З", "٢٧-١٤"), so a law number is one word.
SEPARATOR = (
    r"[\s\u200b,;:!?=\[\]()\"'/«»“”‘’،؛]+"
    r"|(?<![0-9\u0660-\u0669\u06F0-\u06F9])[-.]"
    r"|[-.](?![0-9\u0660-\u0669\u06F0-\u06F9A-Za-z\u0400-\u04FF])"
)
MATERIAL_DEFAULT_SEPARATOR = r"[\s\-]+"

# Tables whose rows are instruments or countries read as a run of cells in a result snippet
# ("CountryTypeTitleYear..."); their content is indexed as one entry per instrument instead.
# The key facts box likewise ("ISO codeMAR RegionAfrica..."): its facts are on the page below.
_UNINDEXED = re.compile(
    r'<(table|form|div) class="(portal-table portal-(?:instruments|catalogue|matrix|compare|serving|countries|timeline)'
    r"|portal-filter|portal-compare-pick|portal-glance)\b"
)


# The closing tag of a cell, row or list item directly followed by another tag.
_ADJACENT = re.compile(r"(</(?:t[dh]|tr|li|dt|dd)>)(?=<)")


def separate_cells(html: str) -> str:
    """A line break after each table cell, row and list item that another tag follows at
    once: the search indexer takes the text without the tags, so "Treaty</th><th>Status"
    was the one word "TreatyStatus" and a search for "status" missed it. The browser ignores
    white space between cells and between list items."""
    return _ADJACENT.sub("\\1\n", html)


def exclude_tables(html: str) -> str:
    """Mark the tables of instruments, the timeline (its events are told in the tables above
    it) and the filter forms `data-search-exclude` (Material's)."""
    return _UNINDEXED.sub(
        lambda m: m.group(0).replace(f"<{m.group(1)} ", f"<{m.group(1)} data-search-exclude ", 1),
        html,
    )


def instrument_docs(
    content: Content, lang: str, default: str, directory_urls: bool = True
) -> list[dict[str, Any]]:
    """One index entry per instrument, at its anchor on its country's page, as a sentence.

    Titled by the instrument, described by a sentence: "Law, <country>. Number: 27-14. 2016.
    In force. <summary>". A search for the law's number or title lands on the instrument.
    """
    labels = content.labels(lang)

    def text(value: Mapping[str, str] | None) -> str:
        got = i18n.pick(value, lang, default)
        return got[0] if got else ""

    docs = []
    for country in content.countries:
        page = country.page(directory_urls)
        where = text(country.data.names)
        for ins in country.data.instruments:
            kind = choice_label(labels, "type", ins.type)
            parts = [f"{kind}{labels['comma']}{where}"]
            if ins.original_title:
                parts.append(ins.original_title)
            if ins.number:
                parts.append(f"{labels['number']}{labels['colon']}{ins.number}")
            if ins.period:
                parts.append(ins.period)
            if ins.status:
                parts.append(choice_label(labels, "status", ins.status))
            summary = text(ins.summary)
            sentence = ". ".join(p.rstrip(".") for p in parts) + "."
            docs.append(
                {
                    "location": f"{page}#{ins.id}",
                    "title": escape(text(ins.title), quote=False),
                    "text": f"<p>{escape(sentence, quote=False)}</p>"
                    + (f"<p>{escape(summary, quote=False)}</p>" if summary else ""),
                }
            )
    return docs
