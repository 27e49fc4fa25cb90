"""Search scoped to the reader's language.

mkdocs-static-i18n merges the pages of every language into one index at the site root, so a
reader in /fr/ would get the default language's pages of the same content. After the build,
`split_index` writes one index per language, holding only that language's pages (including the
default-language fallbacks built into it), with locations relative to the language's root; and
`scope_page` points each page's search at its own language's index.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_BASE = re.compile(r'("base":\s*")([^"]*)(")')


def split_index(
    site_dir: Path, languages: tuple[str, ...], inline_js: bool = False
) -> dict[str, int]:
    """Write <site>/<lang>/search/search_index.json for each non-default language.

    The root index keeps only the default language's pages. With `inline_js` (the offline
    edition, read from file:// where fetch is not allowed) each index is also written as the
    script `search_index.js` that Material loads instead. Returns entries per language.
    """
    root_index = site_dir / "search" / "search_index.json"
    merged = json.loads(root_index.read_text(encoding="utf-8"))
    default, others = languages[0], languages[1:]
    buckets: dict[str, list] = {lang: [] for lang in languages}
    for doc in merged["docs"]:
        first = doc["location"].split("/", 1)[0]
        if first in others:
            doc = {**doc, "location": doc["location"][len(first) + 1 :]}
            buckets[first].append(doc)
        else:
            buckets[default].append(doc)
    for lang in languages:
        target = root_index if lang == default else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        # Stem with the page's language first; the default language's for fallback pages.
        lunr_langs = [lang] if lang == default else [lang, default]
        index = {
            "config": {**merged["config"], "lang": lunr_langs},
            "docs": buckets[lang],
        }
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, "utf-8")
        if inline_js:
            target.with_suffix(".js").write_text(f"var __index = {text}", "utf-8")
    return {lang: len(docs) for lang, docs in buckets.items()}


def scope_page(html: str, lang: str, default: str) -> str:
    """Make the page's search look in its own language's index (/fr/search/...)."""
    if lang == default:
        return html

    def rebase(m: re.Match) -> str:
        base = m.group(2).rstrip("/")
        return f"{m.group(1)}{base}/{lang}/{m.group(3)}"

    return _BASE.sub(rebase, html, count=1)
