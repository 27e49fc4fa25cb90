"""The build steps before and after the site engine renders the pages, independent of MkDocs.

`prepare()` validates the content and writes the generated pages; the MkDocs hooks call it
once per build, and `python -m portal check` calls `validate()` alone. `finish()` runs once
every language is rendered: one search index per language, then open data and PDFs.
(What happens to each page in between is `portal.rendering`.)
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

from . import (
    addresses,
    corrections,
    datacatalog,
    docs_writer,
    exports,
    fonts,
    glossary,
    history,
    i18n,
    labelcheck,
    links,
    newsfeed,
    pages,
    paths,
    pdf,
    rendering,
    search,
    whatsnew,
)
from . import content as content_mod
from .config import Config
from .model import plain
from .problems import ContentError, Problems

PRINT_CSS = "assets/portal-print.css"  # the site's copy of pdf.SHARED_CSS


@dataclass
class Prepared:
    content: content_mod.Content
    changed: int  # generated files written or removed
    history: history.History  # last change of every source file
    renderer: pages.Renderer | None = None  # for the blocks the hooks add (the home page's)
    generated: frozenset[str] = frozenset()  # the pages it wrote, relative to docs/
    whats_new: whatsnew.Log | None = None  # the content's changes; None without git history


def content_settings(config: Config) -> content_mod.Settings:
    return content_mod.Settings(
        config.languages,
        config.contact_max_age_days,
        config.today,
        config.catalogue_rows,
        config.labels_dir,
    )


def load(config: Config) -> content_mod.Content:
    """Load and validate everything, whatever the problems (for `portal check`): the content
    and the portal's labels files, whose problems are reported together."""
    loaded = content_mod.load(config.root, content_settings(config))
    labelcheck.check(config.root, config.languages, loaded.problems)
    glossary.check(config.root, loaded)  # wording: process words, terms, ended statuses
    severity = "error" if config.pdf else "warning"
    used = fonts.check(
        config.root, config.languages, loaded.programme.fonts, loaded.problems, severity
    )
    if not loaded.problems.errors:  # a language no font covers is said once, not per file
        entries = loaded.entries
        fonts.check_texts(
            [
                ("programme.yml", vars(loaded.programme)),
                *((e.meta_file, plain(e.data)) for e in entries),
                *(
                    (e.narrative_file(lang, config.default), text)
                    for e in entries
                    for lang, text in e.narratives.items()
                ),
            ],
            used,
            loaded.problems,
        )
    return loaded


def validate(config: Config) -> content_mod.Content:
    """Load and validate everything; raise ContentError when there is any error."""
    loaded = load(config)
    if loaded.problems.errors:
        raise ContentError(loaded.problems)
    return loaded


class _OfflineAlternates(logging.Filter):
    """mkdocs-static-i18n says, for every language of every language's build, that the
    language links of the offline edition ('/fr/index.html', its own doing without directory
    URLs) should end with '/': 36 lines of INFO in which an editor's real message drowns."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "The 'extra.alternate' configuration contains" not in record.getMessage()


_OFFLINE_ALTERNATES = _OfflineAlternates()


def quiet_offline_alternates() -> None:
    """Silence that message (added once: the same filter object)."""
    logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(
        _OFFLINE_ALTERNATES
    )


def _docs_pages(root: Path, docs_dir: Path) -> tuple[str, ...]:
    """The hand-written default-language pages of docs/, relative to root."""
    return tuple(
        p.relative_to(root).as_posix()
        for p in sorted(docs_dir.resolve().glob("*.md"))
        if p.name.count(".") == 1  # default-language pages only: about.md, not about.fr.md
    )


def check_links(
    config: Config, loaded: content_mod.Content, generated: dict[str, str | bytes] | None = None
) -> None:
    """Links of docs/ pages and narratives to missing pages or anchors, into loaded.problems
    (`portal check` renders the default language's pages to know them; the build passes the
    pages it generated)."""
    default = config.default
    if generated is None:
        docs_pages = _docs_pages(config.root, config.root / "docs")
        renderer = pages.Renderer(loaded, True, False, config.offline, docs_pages=docs_pages)
        generated = {**renderer.render_all((default,)), **docs_writer.media(loaded, config.root)}
    own: dict[str, str | None] = {
        rel: text if isinstance(text, str) else None  # an image beside a narrative: a file
        for rel, text in generated.items()
        if not isinstance(text, str)
        or paths.language_of(rel.rsplit("/", 1)[-1], config.languages) == default
    }
    # As the build shows them: an image beside the narrative is linked where it is published.
    narratives = [
        (
            entry.narrative_file(lang, default),
            f"{entry.folder}.md",
            docs_writer.media_links(entry, text, config.root),
        )
        for entry in loaded.entries
        for lang, text in entry.narratives.items()
    ]
    links.check(config.root, config.languages, own, narratives, loaded.problems)


def prepare(config: Config, docs_dir: Path, use_directory_urls: bool = True) -> Prepared:
    loaded = validate(config)
    root = config.root
    docs_pages = _docs_pages(root, docs_dir)
    changes = history.last_changes(root, config.today)
    news = whatsnew.read(root, config.languages)
    renderer = pages.Renderer(
        loaded,
        use_directory_urls,
        config.pdf,
        config.offline,
        history=changes,
        docs_pages=docs_pages,
        root=root,
        whats_new=news,
        corrections_to=corrections.target(
            loaded.programme.corrections, config.repo, config.site_url
        ),
    )
    files: dict[str, str | bytes] = {
        **renderer.render_all(config.built),
        **docs_writer.media(loaded, root),
    }
    check_links(config, loaded, files)
    if loaded.problems.errors:  # a link to a missing page: what --strict would refuse
        raise ContentError(loaded.problems)
    changed = docs_writer.write_tree(docs_dir, files, config.built)
    generated = frozenset(renderer.blocks)
    return Prepared(loaded, changed, changes, renderer, generated, news)


def names(prepared: Prepared, lang: str) -> tuple[str, str | None]:
    """The portal's name and one-line description in `lang` (programme.yml) for the engine's
    theme, which prints them unescaped (header, <title>, meta description) and sometimes
    escaped again (`title="{{ config.site_name | e }}"`): '<', '>' and '"' become entities,
    so no tag and no attribute can start; '&' stays (it cannot start a tag, and escaping it
    would show '&amp;' where the theme escapes again). Both must be plain strings: the i18n
    plugin applies only `str` overrides."""
    default = prepared.content.settings.languages[0]
    described = i18n.pick(prepared.content.programme.description, lang, default)
    return (
        _tagless(prepared.content.labels(lang)["portal_name"]),
        _tagless(described[0]) if described else None,
    )


def _tagless(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@dataclass
class Messages:
    """What a build step has to tell, by kind, for the engine's log."""

    warnings: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # resources a PDF was made without
    failed: list[str] = field(default_factory=list)  # PDFs that could not be made

    def log(self, log: logging.Logger | logging.LoggerAdapter[Any]) -> None:
        for message in self.warnings:
            log.warning(message)
        for message in self.info:
            log.info(message)
        # A refused resource (network, a file outside the portal) leaves the PDF without it:
        # reported on a logger of its own, so that it is seen but does not fail --strict.
        for message in self.refused:
            logging.getLogger("portal.pdf").warning(f"WARNING -  {message}")
        for message in self.failed:
            log.error(message)


def refused(error: ContentError, log: logging.Logger | logging.LoggerAdapter[Any]) -> str:
    """Log every problem of content that cannot be built; the build's closing message."""
    for problem in error.problems.errors + error.problems.warnings:
        (log.error if problem.severity == "error" else log.warning)(str(problem))
    return f"The content has {error.problems.summary()}; fix the lines above and build again."


def report(prepared: Prepared, config: Config) -> Messages:
    """What the editor should read after `prepare()`."""
    out = Messages(warnings=[str(p) for p in prepared.content.problems.warnings])
    if not config.builds_all:
        out.info.append(f"Previewing {', '.join(config.built)} only; PREVIEW_ALL=1 builds all")
    out.info.append(f"Generated pages: {prepared.changed} file(s) changed")
    if not config.site_url and not config.offline:
        out.info.append(addresses.NO_SITE_URL)
    if prepared.whats_new is None:
        out.info.append(whatsnew.NO_HISTORY)
    elif prepared.whats_new.partial:
        out.info.append(whatsnew.PARTIAL)
    return out


def finish(
    config: Config,
    prepared: Prepared,
    site: Path,
    built: dict[str, list[tuple[rendering.Page, str]]],
    use_directory_urls: bool,
) -> Messages:
    """After every language is rendered; `built` holds each language's pages, in navigation
    order, with their titles."""
    done = Messages()
    if prepared.renderer is not None and prepared.renderer.blocks_seen:
        done.info.append(
            f"Finished HTML held out of Markdown: {prepared.renderer.blocks_held} of "
            f"{prepared.renderer.blocks_seen} blocks"
        )
    # The PDFs' shared print rules, for a browser printing a page (overrides/main.html).
    (site / "assets").mkdir(exist_ok=True)
    shutil.copyfile(pdf.SHARED_CSS, site / PRINT_CSS)
    _search_and_feeds(config, prepared, site, use_directory_urls, done)
    _exports(config, prepared, site, built, done)
    return done


def _search_and_feeds(
    config: Config, prepared: Prepared, site: Path, use_directory_urls: bool, done: Messages
) -> None:
    """One search index per language; the What's new feeds."""
    content = prepared.content
    if (site / "search" / "search_index.json").is_file():
        extra = {
            lang: search.instrument_docs(content, lang, config.default, use_directory_urls)
            for lang in config.built
        }
        tags = {
            lang: search.alias_tags(content, lang, config.default, use_directory_urls)
            for lang in config.built
        }
        counts = search.split_index(
            site, config.built, inline_js=config.offline, extra=extra, tags=tags
        )
        done.info.append(
            "Search index per language: " + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
    if prepared.whats_new is not None:
        site_url = None if config.offline else config.site_url
        feeds = newsfeed.write_feeds(
            prepared.whats_new, content, site, config.built, site_url, use_directory_urls
        )
        done.info.append(f"What's new: {len(feeds)} Atom feed(s), {', '.join(feeds)}")


def _exports(
    config: Config,
    prepared: Prepared,
    site: Path,
    built: dict[str, list[tuple[rendering.Page, str]]],
    done: Messages,
) -> None:
    """Open data, its catalogue, the PDFs of every page, country, objective and language."""
    content = prepared.content
    editions = {
        lang: [
            exports.NavPage(
                page.url, rendering.inner_url(page.url, lang, config.default), title, page.text_lang
            )
            for page, title in pages
        ]
        for lang, pages in built.items()
    }
    outcome = exports.run(
        content,
        site,
        editions,
        config.default,
        pdf_enabled=config.pdf,
        cache=config.pdf_cache,
        site_url=config.site_url,
        workers=config.pdf_workers,
        fonts=fonts.declared(config.root, content.programme.fonts, Problems()),
    )
    # The catalogue and the Data Package beside the open data, whose sizes they give.
    datacatalog.write(content, site, prepared.history, config.site_url)
    exports.fill_sizes(site)
    report = outcome.pdf
    if report is not None:
        done.info.append(
            f"PDF: rendered {len(report.rendered)}, reused {len(report.reused)} from the cache "
            f"({outcome.seconds:.1f} s)"
        )
        pairs = dict.fromkeys((page, address) for _, page, address in report.refused)
        done.refused = [f"PDF of {page}: refused {address}" for page, address in pairs]
        done.failed = [f"PDF {out} failed: {error}" for out, error in report.failed]


def watched(docs_dir: Path) -> list[tuple[Path, bool]]:
    """What `mkdocs serve` watches in docs/, as (path, recursive): docs/ itself for its own
    pages, and its subfolders except those the generator writes (paths.GENERATED_DIRS), whose
    changes come from a rebuild and would otherwise start another one."""
    folders = [(docs_dir, False)]
    if docs_dir.is_dir():
        folders += [
            (child, True)
            for child in sorted(docs_dir.iterdir())
            if child.is_dir() and child.name not in paths.GENERATED_DIRS
        ]
    return folders


class CompiledTemplates(BytecodeCache):
    """Compiled Jinja templates kept in memory for the whole process.

    MkDocs makes a new Jinja environment for every build: six per run with six languages, one
    per rebuild under `mkdocs serve`, and each compiled the theme's templates again. Set as
    the environment's `bytecode_cache`, this compiles each template once; Jinja checks the
    source's checksum, so an edited template is compiled anew.
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


THEME_TEMPLATES = CompiledTemplates()
