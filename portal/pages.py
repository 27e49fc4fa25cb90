"""Generating the portal's Markdown pages from the content model.

`Renderer(...).render_all()` turns a `Content` into {docs-relative path: Markdown} for every language;
`write_tree()` writes them into the generated folders of `docs/`, touching only files whose text
changed (so `mkdocs serve` does not loop) and removing pages whose content was removed.

Pages are Markdown with HTML blocks rendered by Jinja with autoescaping on: whatever an editor
writes in YAML reaches the reader as text, never as markup, and it is part of the page content,
so the search index finds it.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import exports, i18n, opendata, schema
from .content import Content, Entry

TEMPLATES = Path(__file__).parent / "templates"
MAP_FILE = Path(__file__).parent / "map_assets" / "world.json"  # tools/make_map.py
# Folders of docs/ that belong to the generator: everything in them is rewritten each build.
GENERATED_DIRS = (
    "countries",
    "objectives",
    "instruments",
    "matrix",
    "contacts",
    "downloads",
    "open-data",
    "translations",
    "compare",
)


def page_file(target: str, lang: str, default: str) -> str:
    """Docs-relative source file of a generated page in one language (suffix structure)."""
    base = target if "/" in target and not target.endswith("/") else target.rstrip("/") + "/index"
    return f"{base}.md" if lang == default else f"{base}.{lang}.md"


class Renderer:
    def __init__(
        self,
        content: Content,
        use_directory_urls: bool = True,
        pdf_enabled: bool = True,
        offline: bool = False,
        history: dict | None = None,
        docs_pages: tuple[str, ...] = (),
        root: Path | None = None,
    ):
        self.root = root
        self.history = history if history is not None else {}
        self.docs_pages = docs_pages  # hand-written English pages, relative to the root
        self.content = content
        self.pdf_enabled = pdf_enabled
        self.offline = offline
        self.languages = content.settings.languages
        self.default = self.languages[0]
        self.use_directory_urls = use_directory_urls
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.by_objective = self._instruments_by_objective()
        self.world = json.loads((MAP_FILE).read_text(encoding="utf-8"))

    # -- helpers exposed to templates -------------------------------------------------------

    def _url(self, target: str) -> str:
        """Site-relative URL of a generated target like 'countries/morocco' or 'countries/'."""
        if target.endswith("/"):
            return target if self.use_directory_urls else f"{target}index.html"
        return f"{target}/" if self.use_directory_urls else f"{target}.html"

    def helpers(self, lang: str, here: str) -> dict[str, Any]:
        labels = i18n.labels(lang)
        default = self.default
        here_url = self._url(here)
        here_dir = here_url if here_url.endswith("/") else posixpath.dirname(here_url) + "/"

        def link(target: str, anchor: str = "") -> str:
            return _relative(self._url(target), here_dir) + (f"#{anchor}" if anchor else "")

        def asset(path: str) -> str:
            """Relative link to a file at the site root (the same file for every language)."""
            up = "../" if lang != default else ""
            return up + _relative(path, here_dir)

        def t(text: dict[str, str] | None) -> Markup:
            """Text in the reader's language, or marked up as English when it falls back."""
            got = i18n.pick(text, lang, default)
            if got is None:
                return nyd()
            value, in_lang = got
            if in_lang == lang:
                return escape(value)
            return Markup('<span lang="{}" dir="{}">{}</span>').format(
                in_lang, i18n.direction(in_lang), value
            )

        def plain(text: dict[str, str] | None) -> str:
            got = i18n.pick(text, lang, default)
            return got[0] if got else ""

        def nyd() -> Markup:
            return Markup('<span class="portal-nyd">{}</span>').format(labels["not_documented"])

        def label(key: str, **kw: Any) -> str:
            text = labels[key]
            return text.format(**kw) if kw else text

        def name(entry: Entry) -> str:
            return plain(entry.data.get("names") or entry.data.get("title"))

        def date(start: str | None, end: str | None = None) -> str:
            return i18n.format_date_range(start, end, lang)

        def langname(code: str) -> str:
            return i18n.language_name(code, lang)

        def period(item: dict) -> str:
            if item.get("start") or item.get("end"):
                return f"{item.get('start') or '…'}–{item.get('end') or '…'}"
            return str(item["year"]) if item.get("year") else ""

        def related(entry: Entry) -> Markup:
            return Markup('<a href="{}">{}</a>').format(
                link(f"{entry.kind == 'country' and 'countries' or 'objectives'}/{entry.slug}"),
                name(entry),
            )

        def activities_for(objective: str) -> list[tuple[Entry, dict]]:
            found = [
                (c, a)
                for c in self.content.countries
                for a in c.data.get("activities") or []
                if a.get("objective") == objective
            ]
            return sorted(found, key=lambda pair: pair[1]["date"])

        def merged_programme_contacts() -> list:
            """One row per person, listing every objective they are a contact for."""
            rows: dict[tuple, list] = {}
            for o in self.content.objectives:
                for i, x in enumerate(o.data.get("contacts") or []):
                    key = (x["name"], x.get("email"))
                    if key not in rows:
                        rows[key] = [x, [], o.slug, i]
                    rows[key][1].append(related(o))
            return [(x, Markup("<br>").join(links), slug, i) for x, links, slug, i in rows.values()]

        countries_sorted = sorted(self.content.countries, key=lambda c: i18n.sort_key(name(c)))

        today = self.content.settings.today
        max_age = self.content.settings.contact_max_age_days

        def stale(contact: dict) -> bool:
            verified = contact.get("verified")
            if not verified:
                return True
            full = {4: f"{verified}-01-01", 7: f"{verified}-01"}.get(len(verified), verified)
            return (today - dt.date.fromisoformat(full)).days > max_age

        return {
            "asset": asset,
            "stale": stale,
            "stale_months": max_age // 30,
            "vcard": exports.vcard_path,
            "contacts_of": lambda entry: [
                (x, None, entry.slug, i) for i, x in enumerate(entry.data.get("contacts") or [])
            ],
            "activities_for": activities_for,
            "count_for": lambda slug: sum(len(v) for v in self.by_objective.get(slug, {}).values()),
            "all_instruments": [
                (c, i, ins)
                for c in countries_sorted
                for i, ins in enumerate(c.data.get("instruments") or [])
            ],
            "programme_contacts": lambda: merged_programme_contacts(),
            "national_contacts": lambda: [
                (x, related(c), c.slug, i)
                for c in countries_sorted
                for i, x in enumerate(c.data.get("contacts") or [])
            ],
            "lang": lang,
            "dir": i18n.direction(lang),
            "L": labels,
            "label": label,
            "t": t,
            "plain": plain,
            "nyd": nyd,
            "link": link,
            "name": name,
            "date": date,
            "langname": langname,
            "period": period,
            "content": self.content,
            "objective_of": self.content.objective,
            "by_objective": self.by_objective,
            "sorted_countries": lambda: countries_sorted,
            "regions": self.content.settings.regions,
            "world": self.world,
            "instrument_types": schema.INSTRUMENT_TYPES,
            "instrument_statuses": schema.INSTRUMENT_STATUSES,
            "default_lang": default,
        }

    # -- pages --------------------------------------------------------------------------------

    def _instruments_by_objective(self) -> dict[str, dict[str, list[tuple[int, dict]]]]:
        """objective slug -> country slug -> [(index in instruments, instrument)]."""
        out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for c in self.content.countries:
            for i, ins in enumerate(c.data.get("instruments") or []):
                for o in ins.get("objectives") or []:
                    out[o][c.slug].append((i, ins))
        return out

    def _page(self, template: str, target: str, lang: str, title: str, **extra: Any) -> str:
        ctx = self.helpers(lang, target)
        ctx.update(extra)
        body = self.env.get_template(template).render(**ctx)
        meta = {"title": title, "portal_generated": True}
        meta.update(extra.get("meta", {}))
        front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
        return f"---\n{front}\n---\n\n{body}"

    def _narrative(self, entry: Entry, lang: str) -> tuple[str, str] | None:
        if lang in entry.narratives:
            return _media_links(entry, entry.narratives[lang], self.root), lang
        if self.default in entry.narratives:
            return _media_links(entry, entry.narratives[self.default], self.root), self.default
        return None

    def _plain(self, text: dict[str, str] | None, lang: str) -> str:
        got = i18n.pick(text, lang, self.default)
        return got[0] if got else ""

    def _entry_meta(self, entry: Entry, narrative: tuple[str, str] | None) -> dict[str, Any]:
        """Front matter of a country or objective page: its sources, for the hooks."""
        shown = narrative[1] if narrative else self.default
        return {
            "portal_kind": entry.kind,
            "portal_source": entry.meta_file,
            "portal_narrative": entry.narrative_file(shown, self.default),
            "portal_narrative_en": entry.narrative_file(self.default, self.default),
        }

    def render_all(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        for lang in self.languages:
            labels = i18n.labels(lang)
            for c in self.content.countries:
                target = f"countries/{c.slug}"
                narrative = self._narrative(c, lang)
                pages[page_file(target, lang, self.default)] = self._page(
                    "country.md.j2",
                    target,
                    lang,
                    self._plain(c.data["names"], lang),
                    entry=c,
                    narrative=narrative,
                    meta=self._entry_meta(c, narrative),
                )
            for o in self.content.objectives:
                target = f"objectives/{o.slug}"
                narrative = self._narrative(o, lang)
                title = labels["objective_n"].format(n=o.data["number"])
                pages[page_file(target, lang, self.default)] = self._page(
                    "objective.md.j2",
                    target,
                    lang,
                    f"{title}: {self._plain(o.data['title'], lang)}",
                    entry=o,
                    narrative=narrative,
                    meta=self._entry_meta(o, narrative),
                )
            for target, template, key in (
                ("countries/", "countries_index.md.j2", "nav_countries"),
                ("objectives/", "objectives_index.md.j2", "nav_objectives"),
                ("instruments/", "instruments_index.md.j2", "nav_instruments"),
                ("matrix/", "matrix.md.j2", "nav_matrix"),
                ("contacts/", "contacts.md.j2", "nav_contacts"),
                ("compare/", "compare.md.j2", "nav_compare"),
            ):
                pages[page_file(target, lang, self.default)] = self._page(
                    template,
                    target,
                    lang,
                    labels[key],
                    meta={"portal_kind": target.strip("/")},
                )
            pages[page_file("downloads/", lang, self.default)] = self._page(
                "downloads.md.j2",
                "downloads/",
                lang,
                labels["nav_downloads"],
                meta={"portal_kind": "downloads"},
                root="../" if lang == self.default else "../../",
                pdf_enabled=self.pdf_enabled,
                portal_pdf=exports.portal_pdf,
                country_pdf=exports.country_pdf,
                objective_pdf=exports.objective_pdf,
                data_files=opendata.FILES,
                offline_zip=None if self.offline else exports.OFFLINE_ZIP,
            )
        pages["translations/index.md"] = self._page(
            "translations.md.j2",
            "translations/",
            self.default,
            "Translation status",
            meta={"portal_kind": "translations"},
            rows=self._translation_rows(),
            others=self.languages[1:],
        )
        # Documentation of the open data files: English only; other languages fall back.
        pages["open-data/index.md"] = (TEMPLATES / "open_data.md").read_text(encoding="utf-8")
        return pages

    def _translation_rows(self) -> list[tuple[str, str, dict[str, str]]]:
        """(what, English file, {lang: translated | missing | outdated}) for every text."""
        rows = []
        entries = self.content.countries + self.content.objectives
        sources = [(p, p) for p in self.docs_pages] + [
            (e.folder, f"{e.folder}/index.md") for e in entries
        ]
        newer = getattr(self.history, "newer", lambda a, b: False)
        for what, english in sources:
            status = {}
            for lang in self.languages[1:]:
                translated = english[: -len(".md")] + f".{lang}.md"
                if not self._exists(translated):
                    status[lang] = "missing"
                elif newer(english, translated):
                    status[lang] = "outdated"
                else:
                    status[lang] = "translated"
            rows.append((what, english, status))
        return rows

    def _exists(self, rel: str) -> bool:
        return self.root is not None and (self.root / rel).is_file()


@lru_cache(maxsize=65536)
def _relative(url: str, here_dir: str) -> str:
    rel = posixpath.relpath(url, here_dir)
    if url.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


# Images an editor may put beside a narrative (countries/<slug>/figure.png, referenced from
# index.md as `figure.png`): copied next to the generated page, so the web page and its PDFs
# show them. Only regular files (no symbolic link) of these types are copied.
MEDIA_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def media(content: Content, root: Path) -> dict[str, bytes]:
    """Docs-relative path -> bytes of every image beside a country's or objective's narrative.

    mkdocs-static-i18n (suffix structure) publishes `figure.png` in the default language's
    folder only: each further language gets its copy as `figure.<lang>.png`.
    """
    out: dict[str, bytes] = {}
    for entry in [*content.countries, *content.objectives]:
        folder = root / entry.folder
        if folder.is_symlink() or not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in MEDIA_SUFFIXES and path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                out[f"{entry.folder}/{path.name}"] = data
                for lang in content.settings.languages[1:]:
                    out[f"{entry.folder}/{path.stem}.{lang}{path.suffix}"] = data
    return out


def _media_links(entry: Entry, text: str, root: Path | None) -> str:
    """Point a narrative's references to an image beside it (`figure.png`) at the copy
    beside the generated page (`morocco/figure.png` from `countries/morocco.md`)."""
    if root is None or "." not in text:
        return text
    folder = root / entry.folder
    if folder.is_symlink() or not folder.is_dir():
        return text
    slug = entry.folder.rstrip("/").rsplit("/", 1)[-1]
    for path in folder.iterdir():
        if path.suffix.lower() not in MEDIA_SUFFIXES or path.is_symlink():
            continue
        name = re.escape(path.name)
        text = re.sub(
            rf"(\]\(\s*<?|\bsrc=[\"']|^\s*\[[^\]]+\]:\s*<?)(?:\./)?{name}(?=[\s>)\"']|$)",
            rf"\g<1>{slug}/{path.name}",
            text,
            flags=re.MULTILINE,
        )
    return text


def write_tree(docs_dir: Path, pages: dict[str, str | bytes]) -> int:
    """Write generated pages under docs_dir; return how many files changed.

    Files are rewritten only when their text changed, and files in the generated folders that
    no longer correspond to a page (a removed country) are deleted.
    """
    changed = 0
    for rel, text in pages.items():
        path = docs_dir / rel
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.write_bytes(data)
        changed += 1
    wanted = {docs_dir / rel for rel in pages}
    for folder in GENERATED_DIRS:
        base = docs_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed
