"""The page plan: which Markdown pages the content gives, in every language.

`Renderer(...).render_all()` turns a `Content` into {docs-relative path: Markdown} for every
language; `docs_writer.write_tree()` writes them into `docs/`. What the templates see is
`view.View` (one per language); the Jinja environment is `templating`.

Pages are Markdown with HTML blocks rendered by Jinja with autoescaping on: whatever an editor
writes in YAML reaches the reader as text, never as markup, and it is part of the page content,
so the search index finds it.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from . import (
    addresses,
    corrections,
    htmlblocks,
    i18n,
    mapgeo,  # the map's targets for phones
    newsfeed,
    opendata,
    paths,
    safety,
    sanitize,
)
from .content import Content, Entry
from .docs_writer import media_links
from .model import Instrument
from .templating import templates
from .view import View

MAP_FILE = Path(__file__).parent / "map_assets" / "world.json"  # tools/make_map.py
GENERATED_DIRS = paths.GENERATED_DIRS  # folders of docs/ the generator owns
page_file = paths.page_file


# Front matter of a page whose table takes the width of the table of contents (paths.Section).
WIDE = {"hide": ["toc"]}


class Renderer:
    """Renders every generated page. What depends only on the language (sorted countries,
    instruments by objective, contacts, labels) is computed once per language in a `View`;
    what depends on the page (relative links) is added per page in `_page`."""

    def __init__(
        self,
        content: Content,
        use_directory_urls: bool = True,
        pdf_enabled: bool = True,
        offline: bool = False,
        history: Any = None,
        docs_pages: tuple[str, ...] = (),
        root: Path | None = None,
        whats_new: Any = None,  # whatsnew.Log, None without git history
        corrections_to: corrections.Target | None = None,
    ):
        self.root = root
        self.whats_new = whats_new
        self.corrections_to = corrections_to or corrections.Target()  # "Suggest a correction"
        self.history = history if history is not None else {}
        self.docs_pages = docs_pages  # hand-written default-language pages, relative to root
        self.content = content
        self.programme = content.programme
        self.pdf_enabled = pdf_enabled
        self.offline = offline
        self.languages = content.settings.languages
        self.default = self.languages[0]
        self.use_directory_urls = use_directory_urls
        self.env = templates()
        self.by_objective = self._instruments_by_objective()
        self.world = json.loads(MAP_FILE.read_text(encoding="utf-8"))
        self.world["targets"] = mapgeo.small_targets(self.world)
        self._views: dict[str, dict[str, Any]] = {}  # language -> View.context()
        # page file -> its finished HTML blocks (portal.htmlblocks), for every page rendered
        self.blocks: dict[str, tuple[htmlblocks.Block, ...]] = {}
        self.blocks_seen = self.blocks_held = 0  # by the engine's runs (rendering.markdown)
        # page file -> what its head carries besides the theme's (a country's JSON-LD)
        self.head_data: dict[str, str] = {}

    # -- what templates see -------------------------------------------------------------------

    def hold(self, page: str, text: str) -> tuple[str, list[str]]:
        """The page's Markdown with its finished HTML blocks held out (`htmlblocks.hold`),
        counted for the build's report."""
        blocks = self.blocks.get(page, ())
        text, held = htmlblocks.hold(text, blocks)
        self.blocks_seen += len(blocks)
        self.blocks_held += len(held)
        return text, held

    def _view(self, lang: str) -> dict[str, Any]:
        if lang not in self._views:
            view = View(self.content, lang, self.by_objective, self.world, self.corrections_to)
            self._views[lang] = view.context()
        return self._views[lang]

    def _url(self, target: str) -> str:
        """Site-relative URL of a generated target like 'countries/morocco' or 'countries/'."""
        return paths.target_url(target, self.use_directory_urls)

    def _context(self, lang: str, here_dir: str, **extra: Any) -> dict[str, Any]:
        """The one context of every page kind: the language's view, the links from the page's
        folder `here_dir` (below the language root), and what the page adds."""
        up = "../" if lang != self.default else ""

        def link(to: str, anchor: str = "") -> str:
            return addresses.relative(self._url(to), here_dir) + (f"#{anchor}" if anchor else "")

        def asset(path: str) -> str:
            """Relative link to a file at the site root (the same file for every language)."""
            return up + addresses.relative(path, here_dir)

        def link_in(to: str, other: str) -> str:
            """Relative link to the page `to` in the edition of the language `other`."""
            return asset(("" if other == self.default else f"{other}/") + self._url(to))

        return {**self._view(lang), "link": link, "asset": asset, "link_in": link_in, **extra}

    def _page(self, template: str, target: str, lang: str, title: str, **extra: Any) -> str:
        here_url = self._url(target)
        here_dir = here_url if here_url.endswith("/") else posixpath.dirname(here_url) + "/"
        found: list[str] = []
        ctx = self._context(lang, here_dir, html_blocks=found, **extra)
        ctx["narrative"] = sanitize.mark(extra.get("narrative"))  # for the build's second wall
        body = self.env.get_template(template).render(**ctx)
        body = safety.inert_headings(body, keep=(extra.get("narrative") or ("",))[0])
        body, self.blocks[page_file(target, lang, self.default)] = htmlblocks.locate(body, found)
        meta = {"title": safety.page_title(title), "portal_generated": True}
        meta.update(extra.get("meta", {}))
        front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
        return f"---\n{front}\n---\n\n{body}"

    # -- pages --------------------------------------------------------------------------------

    def _instruments_by_objective(self) -> dict[str, dict[str, list[Instrument]]]:
        """objective slug -> country slug -> [instrument]."""
        out: dict[str, dict[str, list[Instrument]]] = defaultdict(lambda: defaultdict(list))
        for c in self.content.countries:
            for ins in c.data.instruments:
                for o in ins.objectives:
                    out[o][c.slug].append(ins)
        return out

    def _narrative(self, entry: Entry[Any], lang: str) -> tuple[str, str] | None:
        if lang in entry.narratives:
            return media_links(entry, entry.narratives[lang], self.root), lang
        if self.default in entry.narratives:
            return media_links(entry, entry.narratives[self.default], self.root), self.default
        return None

    def _plain(self, text: Any, lang: str) -> str:
        got = i18n.pick(text, lang, self.default)
        return got[0] if got else ""

    def _entry_meta(self, entry: Entry[Any], narrative: tuple[str, str] | None) -> dict[str, Any]:
        """Front matter of a country or objective page: its sources, for the hooks."""
        shown = narrative[1] if narrative else self.default
        return {
            "portal_kind": entry.kind,
            "portal_source": entry.meta_file,
            "portal_narrative": entry.narrative_file(shown, self.default),
            "portal_narrative_en": entry.narrative_file(self.default, self.default),
        }

    def home_block(self, lang: str) -> str:
        """The home page's first screens in one language (HTML, inserted under its title)."""
        latest = []
        for c in self.content.countries:
            dates = [d for p, d in self.history.items() if p.startswith(f"{c.folder}/")]
            if dates:
                latest.append((c, max(dates)))
        latest.sort(key=lambda pair: pair[1], reverse=True)
        ctx = self._context(lang, ".", latest=latest[:5])
        return self.env.get_template("home.md.j2").render(**ctx)

    def _catalogue(self, lang: str, pages: dict[str, str]) -> dict[str, Any]:
        """The catalogue's page: every instrument, or beyond `catalogue_rows` the list of the
        regions, each with a page of its own added to `pages` (a page of thousands of rows
        is more than a phone can lay out)."""
        rows = self._view(lang)["all_instruments"]
        if len(rows) <= self.content.settings.catalogue_rows:
            return {"split": False, "region": None}
        by_region: dict[str, list[Any]] = defaultdict(list[Any])
        for row in rows:
            by_region[row[0].data.region].append(row)
        labels = self.content.labels(lang)
        title = labels["nav_instruments"] + labels["colon"]  # "Instruments: <region>"
        for region in self.programme.regions:
            if by_region[region.key]:
                target = f"instruments/{region.key}"
                name = self._plain(region.name, lang)
                pages[page_file(target, lang, self.default)] = self._page(
                    "instruments_index.md.j2",
                    target,
                    lang,
                    title + name,
                    meta={"portal_kind": "instruments", **WIDE},
                    split=False,
                    region=region.key,
                    all_instruments=by_region[region.key],
                )
        per_region = Counter({key: len(found) for key, found in by_region.items()})
        return {"split": True, "region": None, "per_region": per_region}

    def render_all(self, languages: tuple[str, ...] = ()) -> dict[str, str]:
        """Every page in `languages` (default: every language of the portal)."""
        pages: dict[str, str] = {}
        for lang in languages or self.languages:
            self._entry_pages(lang, pages)
            self._section_pages(lang, pages)
            pages[page_file("downloads/", lang, self.default)] = self._downloads_page(lang)
        pages[page_file("translations/", self.default, self.default)] = self._translations_page()
        # The codebook of the open data files: English prose for analysts (marked lang="en" in
        # the template) under a title in the reader's language, written for every language so
        # that no edition presents it as a default-language page awaiting translation.
        codebook = opendata.tables(self.content)
        for lang in self.languages:
            pages[page_file("open-data/", lang, self.default)] = self._page(
                "open_data.md.j2",
                "open-data/",
                lang,
                self.content.labels(lang)["open_data"],
                meta={"portal_kind": "open-data"},
                codebook=codebook,
                default_name=i18n.language_name(self.default, "en"),
            )
        return pages

    def _entry_pages(self, lang: str, pages: dict[str, str]) -> None:
        """The page of every country and objective (of every kind of entry) in `lang`."""
        for entry in self.content.entries:
            kind = paths.KINDS[entry.kind]
            target = f"{kind.folder}/{entry.slug}"
            narrative = self._narrative(entry, lang)
            pages[page_file(target, lang, self.default)] = self._page(
                kind.template,
                target,
                lang,
                self._entry_title(entry, lang),
                entry=entry,
                narrative=narrative,
                meta=self._entry_meta(entry, narrative),
            )
            if entry.kind == "country":
                data = self._view(lang)["structured_data"](entry)
                self.head_data[page_file(target, lang, self.default)] = data

    def _section_pages(self, lang: str, pages: dict[str, str]) -> None:
        """The sections' generated index pages (paths.LIST_PAGES) in `lang`."""
        labels = self.content.labels(lang)
        for section in paths.LIST_PAGES:
            target = f"{section.key}/"
            extra = self._catalogue(lang, pages) if section.key == "instruments" else {}
            if section.key == "whats-new":
                extra = newsfeed.page_context(self.whats_new, self.content, lang)
            pages[page_file(target, lang, self.default)] = self._page(
                section.template or "",
                target,
                lang,
                labels[section.label],
                meta={"portal_kind": section.key, **(WIDE if section.wide else {})},
                **extra,
            )

    def _downloads_page(self, lang: str) -> str:
        return self._page(
            "downloads.md.j2",
            "downloads/",
            lang,
            self.content.labels(lang)["nav_downloads"],
            meta={"portal_kind": "downloads"},
            root="../" if lang == self.default else "../../",
            pdf_enabled=self.pdf_enabled,
            portal_pdf=paths.portal_pdf,
            country_pdf=paths.country_pdf,
            objective_pdf=paths.objective_pdf,
            data_files=paths.DATA_FILES,
            offline_zip=None if self.offline else paths.offline_zip(self.programme.slug),
        )

    def _translations_page(self) -> str:
        """An English page for editors: which texts are translated (see its template)."""
        return self._page(
            "translations.md.j2",
            "translations/",
            self.default,
            self.content.labels("en")["translations"],
            # Editors' page: not among readers' search results, in any edition.
            meta={"portal_kind": "translations", "search": {"exclude": True}},
            rows=self._translation_rows(),
            others=self.languages[1:],
            original=i18n.language_name(self.default, "en"),
        )

    def _entry_title(self, entry: Entry[Any], lang: str) -> str:
        """A country's name; 'Objective 3: <title>'."""
        name = self._plain(entry.name, lang)
        if entry.kind != "objective":
            return name
        labels = self.content.labels(lang)
        return f"{labels['objective_n'].format(n=entry.data.number)}{labels['colon']}{name}"

    def _translation_rows(self) -> list[tuple[str, str, dict[str, str]]]:
        """(what, original file, {lang: translated | missing | outdated}) for every text."""
        rows = []
        entries = self.content.entries
        sources = [(p, p) for p in self.docs_pages] + [
            (e.folder, f"{e.folder}/index.md") for e in entries
        ]
        newer = getattr(self.history, "newer", lambda a, b: False)
        for what, original in sources:
            status = {}
            for lang in self.languages[1:]:
                translated = original[: -len(".md")] + f".{lang}.md"
                if not self._exists(translated):
                    status[lang] = "missing"
                elif newer(original, translated):
                    status[lang] = "outdated"
                else:
                    status[lang] = "translated"
            rows.append((what, original, status))
        return rows

    def _exists(self, rel: str) -> bool:
        return self.root is not None and (self.root / rel).is_file()
