"""Generating the portal's Markdown pages from the content model.

`Renderer(...).render_all()` turns a `Content` into {docs-relative path: Markdown} for every language;
`write_tree()` writes them into the generated folders of `docs/`, touching only files whose text
changed (so `mkdocs serve` does not loop) and removing pages whose content was removed.

Pages are Markdown with HTML blocks rendered by Jinja with autoescaping on: whatever an editor
writes in YAML reaches the reader as text, never as markup, and it is part of the page content,
so the search index finds it.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import (
    corrections,
    highlights,
    htmlblocks,
    i18n,
    mapgeo,  # the map's targets for phones
    opendata,
    paths,
    safety,
    sanitize,
    schema,
    sources,
)
from .content import Content, Entry
from .schema.types import first_day

TEMPLATES = Path(__file__).parent / "templates"
MAP_FILE = Path(__file__).parent / "map_assets" / "world.json"  # tools/make_map.py
GENERATED_DIRS = paths.GENERATED_DIRS  # folders of docs/ the generator owns
page_file = paths.page_file


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja, looking a field of the content up as a key first.

    `{{ ins.title }}` tries the attribute, then the key: for the YAML mappings of the content
    that means an AttributeError raised and caught for every field a template reads, a good
    part of the time pages take. A dict has no attribute besides its methods, so trying the
    key first for any other name gives exactly the same result, without the exception (an
    absent optional field cost three: attribute, key, and Jinja's own second try)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            if attribute in obj:
                return obj[attribute]
            return self.undefined(obj=obj, name=attribute)  # what Jinja ends with, too
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def templates() -> Environment:
    """One Jinja environment per process, for the pages and the PDFs' documents: autoescaped
    (a title or a name is always text, never markup); `mkdocs serve` compiles the templates
    once, not at every rebuild (Jinja still reloads a template whose file changed)."""
    env = _Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["html_block"] = htmlblocks.html_block
    # JSON for a script to read from an attribute: text, escaped for the attribute like any text
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


# Front matter of a page whose table takes the width of the table of contents (paths.Section).
WIDE = {"hide": ["toc"]}


class Renderer:
    """Renders every generated page. What depends only on the language (sorted countries,
    instruments by objective, contacts, labels) is computed once per language in `_view`;
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
        corrections_to: corrections.Target | None = None,
    ):
        self.root = root
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
        self._views: dict[str, dict[str, Any]] = {}
        # page file -> its finished HTML blocks (portal.htmlblocks), for every page rendered
        self.blocks: dict[str, tuple[htmlblocks.Block, ...]] = {}
        self.blocks_seen = self.blocks_held = 0  # by the engine's runs (rendering.markdown)

    # -- what templates see -------------------------------------------------------------------

    def _url(self, target: str) -> str:
        """Site-relative URL of a generated target like 'countries/morocco' or 'countries/'."""
        if target.endswith("/"):
            return target if self.use_directory_urls else f"{target}index.html"
        return f"{target}/" if self.use_directory_urls else f"{target}.html"

    def _view(self, lang: str) -> dict[str, Any]:
        """Everything the templates use that depends on the language only, computed once."""
        if lang in self._views:
            return self._views[lang]
        labels = i18n.labels(lang)
        default = self.default
        content = self.content
        today = content.settings.today
        max_age = content.settings.contact_max_age_days

        not_documented = Markup('<span class="portal-nyd">{}</span>').format(
            labels["not_documented"]
        )

        def nyd() -> Markup:
            return not_documented

        shown: dict[int, tuple[dict, Markup]] = {}  # id(text) -> (text, its HTML in `lang`)

        def t(text: dict[str, str] | None) -> Markup:
            """Text in the reader's language, or marked with its own language when it falls back.

            The same texts (an instrument's title...) appear on many pages: each is escaped
            once per language. The cache holds the text itself, so its id stays its own."""
            if text is None:
                return not_documented
            known = shown.get(id(text))
            if known is None or known[0] is not text:
                known = shown[id(text)] = (text, _text_html(text, lang, default, not_documented))
            return known[1]

        def plain(text: dict[str, str] | None) -> str:
            got = i18n.pick(text, lang, default)
            return got[0] if got else ""

        def label(key: str, **kw: Any) -> str:
            """A label with its {placeholders} filled; one that counts takes the form of {n}."""
            text = i18n.counted(labels[key], lang, kw.get("n", 0))
            return text.format(**kw) if kw else text

        def label_html(key: str, **kw: Any) -> Markup:
            """A label as HTML, its {placeholders} filled with HTML (a link, an isolated
            period): the label's own text is escaped, the values are Markup already."""
            text = i18n.counted(labels[key], lang, kw.get("n", 0))
            return escape(text).format(**kw)  # Markup.format escapes what is not Markup

        def total(instruments: int, countries: int) -> str:
            return label(
                "total_instruments",
                instruments=label("count_instruments", n=instruments),
                countries=label("count_countries", n=countries),
            )

        def name(entry: Entry) -> str:
            return plain(entry.data.get("names") or entry.data.get("title"))

        def term(kind: str, key: str) -> str:
            found = self.programme.term(kind, key)
            return plain(found.name) if found else key

        def contact_state(contact: dict) -> str:
            """'period' (belongs to a past period), 'unverified', 'stale' or 'current'.

            A contact with no channel to reach it (no email, phone or address) is never
            shown as verified: there is nothing a reader could use that was checked."""
            if contact.get("end"):
                return "period"
            verified = contact.get("verified")
            if not verified or not has_channel(contact):
                return "unverified"
            return "stale" if (today - first_day(verified)).days > max_age else "current"

        countries = sorted(content.countries, key=lambda c: i18n.sort_key(name(c), lang))
        programme_rows: dict[tuple, list] = {}
        for o in content.objectives:
            for i, x in enumerate(o.data.get("contacts") or []):
                row = programme_rows.setdefault((x["name"], x.get("email")), [x, [], o.slug, i])
                row[1].append(o)
        view = {
            "lang": lang,
            "dir": i18n.direction(lang),
            "direction": i18n.direction,
            "L": labels,
            "P": i18n.punctuation(lang),
            "label": label,
            "label_html": label_html,
            "total_instruments": total,
            "t": t,
            "plain": plain,
            "nyd": nyd,
            "name": name,
            "date": lambda start, end=None: i18n.format_date_range(start, end, lang),
            "langname": lambda code: i18n.language_name(code, lang),
            "period": _period,
            "content": content,
            "programme": self.programme,
            "treaties": self.programme.treaties,
            "treaty_name": lambda key: term("treaties", key),
            "theme_name": lambda key: term("themes", key),
            "region_name": lambda key: term("regions", key),
            "regions": [r.key for r in self.programme.regions],
            "objective_of": content.objective,
            "by_objective": self.by_objective,
            "sorted_countries": lambda: countries,
            "countries_in": lambda region: [c for c in countries if c.data["region"] == region],
            "all_instruments": [
                (c, ins) for c in countries for ins in c.data.get("instruments") or []
            ],
            "count_for": lambda slug: sum(len(v) for v in self.by_objective.get(slug, {}).values()),
            "activities_for": lambda slug: sorted(
                (
                    (c, a)
                    for c in content.countries
                    for a in c.data.get("activities") or []
                    if a.get("objective") == slug
                ),
                key=lambda pair: pair[1]["date"],
            ),
            "contacts_of": lambda entry: [
                (x, [], entry.slug, i) for i, x in enumerate(entry.data.get("contacts") or [])
            ],
            "programme_contacts": lambda: [tuple(r) for r in programme_rows.values()],
            "national_contacts": lambda: [
                (x, [c], c.slug, i)
                for c in countries
                for i, x in enumerate(c.data.get("contacts") or [])
            ],
            "contact_state": contact_state,
            "has_channel": has_channel,
            "international": lambda phone: str(phone or "").startswith("+"),
            "stale_months": max_age // 30,
            "vcard": paths.vcard_path,
            "world": self.world,
            "instrument_types": schema.INSTRUMENT_TYPES,
            "instrument_statuses": schema.INSTRUMENT_STATUSES,
            "default_lang": default,
            "publisher": sources.publisher,
            "main_laws": highlights.main_laws,
            # The build date is "today" for what is in force (settings.today, from the build).
            "plans_in_force": lambda instruments: highlights.plans_in_force(instruments, today),
            "correction": corrections.for_pages(self.corrections_to, lang, default),
        }
        self._views[lang] = view
        return view

    def _page(self, template: str, target: str, lang: str, title: str, **extra: Any) -> str:
        here_url = self._url(target)
        here_dir = here_url if here_url.endswith("/") else posixpath.dirname(here_url) + "/"
        up = "../" if lang != self.default else ""

        def link(to: str, anchor: str = "") -> str:
            return _relative(self._url(to), here_dir) + (f"#{anchor}" if anchor else "")

        def asset(path: str) -> str:
            """Relative link to a file at the site root (the same file for every language)."""
            return up + _relative(path, here_dir)

        found: list[str] = []
        ctx = {**self._view(lang), "link": link, "asset": asset, "html_blocks": found, **extra}
        ctx["narrative"] = sanitize.mark(extra.get("narrative"))  # for the build's second wall
        body = self.env.get_template(template).render(**ctx)
        body = safety.inert_headings(body, keep=(extra.get("narrative") or ("",))[0])
        body, self.blocks[page_file(target, lang, self.default)] = htmlblocks.locate(body, found)
        meta = {"title": safety.page_title(title), "portal_generated": True}
        meta.update(extra.get("meta", {}))
        front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
        return f"---\n{front}\n---\n\n{body}"

    # -- pages --------------------------------------------------------------------------------

    def _instruments_by_objective(self) -> dict[str, dict[str, list[dict]]]:
        """objective slug -> country slug -> [instrument]."""
        out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for c in self.content.countries:
            for ins in c.data.get("instruments") or []:
                for o in ins.get("objectives") or []:
                    out[o][c.slug].append(ins)
        return out

    def _narrative(self, entry: Entry, lang: str) -> tuple[str, str] | None:
        if lang in entry.narratives:
            return media_links(entry, entry.narratives[lang], self.root), lang
        if self.default in entry.narratives:
            return media_links(entry, entry.narratives[self.default], self.root), self.default
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

    def home_block(self, lang: str) -> str:
        """The home page's first screens in one language (HTML, inserted under its title)."""
        up = "../" if lang != self.default else ""

        def link(to: str, anchor: str = "") -> str:
            return _relative(self._url(to), ".") + (f"#{anchor}" if anchor else "")

        def parties(key: str) -> int:
            return sum(
                1
                for c in self.content.countries
                if ((c.data.get("treaties") or {}).get(key) or {}).get("status") == "party"
            )

        latest = []
        for c in self.content.countries:
            dates = [d for p, d in self.history.items() if p.startswith(f"{c.folder}/")]
            if dates:
                latest.append((c, max(dates)))
        latest.sort(key=lambda pair: pair[1], reverse=True)
        ctx = {
            **self._view(lang),
            "link": link,
            "asset": lambda path: up + path,
            "parties": parties,
            "latest": latest[:5],
        }
        return self.env.get_template("home.md.j2").render(**ctx)

    def _catalogue(self, lang: str, pages: dict[str, str]) -> dict[str, Any]:
        """The catalogue's page: every instrument, or beyond `catalogue_rows` the list of the
        regions, each with a page of its own added to `pages` (a page of thousands of rows
        is more than a phone can lay out)."""
        rows = self._view(lang)["all_instruments"]
        if len(rows) <= self.content.settings.catalogue_rows:
            return {"split": False, "region": None}
        by_region: dict[str, list] = defaultdict(list)
        for row in rows:
            by_region[row[0].data["region"]].append(row)
        labels = i18n.labels(lang)
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
        default = self.default
        for lang in languages or self.languages:
            labels = i18n.labels(lang)
            for c in self.content.countries:
                target = f"countries/{c.slug}"
                narrative = self._narrative(c, lang)
                pages[page_file(target, lang, default)] = self._page(
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
                pages[page_file(target, lang, default)] = self._page(
                    "objective.md.j2",
                    target,
                    lang,
                    f"{title}{labels['colon']}{self._plain(o.data['title'], lang)}",
                    entry=o,
                    narrative=narrative,
                    meta=self._entry_meta(o, narrative),
                )
            for section in paths.LIST_PAGES:
                target = f"{section.key}/"
                extra = self._catalogue(lang, pages) if section.key == "instruments" else {}
                pages[page_file(target, lang, default)] = self._page(
                    section.template or "",
                    target,
                    lang,
                    labels[section.label],
                    meta={"portal_kind": section.key, **(WIDE if section.wide else {})},
                    **extra,
                )
            pages[page_file("downloads/", lang, default)] = self._page(
                "downloads.md.j2",
                "downloads/",
                lang,
                labels["nav_downloads"],
                meta={"portal_kind": "downloads"},
                root="../" if lang == default else "../../",
                pdf_enabled=self.pdf_enabled,
                portal_pdf=paths.portal_pdf,
                country_pdf=paths.country_pdf,
                objective_pdf=paths.objective_pdf,
                data_files=paths.DATA_FILES,
                offline_zip=None if self.offline else paths.offline_zip(self.programme.slug),
            )
        pages[page_file("translations/", default, default)] = self._page(
            "translations.md.j2",
            "translations/",
            default,
            i18n.labels("en")["translations"],  # an English page for editors (see template)
            # Editors' page: not among readers' search results, in any edition.
            meta={"portal_kind": "translations", "search": {"exclude": True}},
            rows=self._translation_rows(),
            others=self.languages[1:],
            original=i18n.language_name(default, "en"),
        )
        # The codebook of the open data files: English prose for analysts (marked lang="en" in
        # the template) under a title in the reader's language, written for every language so
        # that no edition presents it as a default-language page awaiting translation.
        codebook = opendata.tables(self.content)
        for lang in self.languages:
            pages[page_file("open-data/", lang, default)] = self._page(
                "open_data.md.j2",
                "open-data/",
                lang,
                i18n.labels(lang)["open_data"],
                meta={"portal_kind": "open-data"},
                codebook=codebook,
                default_name=i18n.language_name(default, "en"),
            )
        return pages

    def _translation_rows(self) -> list[tuple[str, str, dict[str, str]]]:
        """(what, original file, {lang: translated | missing | outdated}) for every text."""
        rows = []
        entries = self.content.countries + self.content.objectives
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


CHANNELS = ("email", "phone", "address")  # what a reader can reach a contact by


def has_channel(contact: dict) -> bool:
    return any(contact.get(key) for key in CHANNELS)


def _text_html(text: dict[str, str], lang: str, default: str, missing: Markup) -> Markup:
    got = i18n.pick(text, lang, default)
    if got is None:
        return missing
    value, in_lang = got
    if in_lang == lang:
        return escape(value)
    return Markup(
        f'<span lang="{escape(in_lang)}" dir="{i18n.direction(in_lang)}">{escape(value)}</span>'
    )


def _period(item: dict) -> str:
    if item.get("start") or item.get("end"):
        return f"{item.get('start') or '…'}–{item.get('end') or '…'}"
    return str(item["year"]) if item.get("year") else ""


@lru_cache(maxsize=65536)
def _relative(url: str, here_dir: str) -> str:
    rel = posixpath.relpath(url, here_dir)
    if url.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def insert_after_title(html: str, block: str) -> str:
    """A page's HTML with `block` right under its first-level title (or at its top)."""
    end = html.find("</h1>")
    at = end + len("</h1>") if end >= 0 else 0
    return html[:at] + "\n" + block + "\n" + html[at:]


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


def media_links(entry: Entry, text: str, root: Path | None) -> str:
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


def write_tree(
    docs_dir: Path, pages: dict[str, str | bytes], languages: tuple[str, ...] = ()
) -> int:
    """Write generated pages under docs_dir; return how many files changed.

    Files are rewritten only when their text changed (an unchanged build writes nothing, so
    `mkdocs serve` sees nothing new), and files in the generated folders that no longer
    correspond to a page (a removed country) are deleted. With `languages` (a preview of some
    languages), the pages of the other languages are left as they are.
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
    for folder in paths.GENERATED_DIRS:
        base = docs_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                if languages and paths.language_of(path.name, languages) is None:
                    continue  # a language this run does not build
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed
