"""MkDocs hooks of the portal: each event adapts MkDocs objects and delegates to `portal`.

mkdocs-static-i18n runs the whole build once per language with the same config, so every
event here runs once per language: content is validated and pages are generated only in the
first build of a run, and everything else reads the current language from the i18n plugin.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import (  # noqa: E402
    addresses,
    bidi,
    build,
    csp,
    exports,
    history,
    i18n,
    markup,
    navigation,
    pages,
    paths,
    provenance,
    safety,
    sanitize,
    search,
    tables,
)
from portal import config as portal_config  # noqa: E402
from portal.content import Content  # noqa: E402
from portal.problems import ContentError  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("portal")


@dataclass
class BuildState:
    """What one run (every language of it) shares; reset at the start of each run."""

    command: str = "build"
    settings: portal_config.Config | None = None
    content: Content | None = None
    history: history.History = field(default_factory=history.History)
    pages: dict[str, list[Any]] = field(default_factory=dict)  # language -> pages in order
    renderer: Any = None  # portal.pages.Renderer, for the home page's block


state = BuildState()


def _i18n(mkdocs_config: MkDocsConfig) -> Any:
    return mkdocs_config.plugins.get("i18n")


def _language(mkdocs_config: MkDocsConfig) -> str:
    plugin = _i18n(mkdocs_config)
    current = plugin.current_language if plugin else None
    return current or (state.settings.default if state.settings else "en")


def _offline(mkdocs_config: MkDocsConfig) -> bool:
    plugin = mkdocs_config.plugins.get("material/offline") or mkdocs_config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def _fail(problems: Any, what: str) -> PluginError:
    for problem in problems.errors + problems.warnings:
        (log.error if problem.severity == "error" else log.warning)(str(problem))
    return PluginError(f"{what} has {problems.summary()}; fix the lines above and build again.")


def on_startup(*, command: str, dirty: bool) -> None:
    state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = _i18n(config)
    if plugin is not None and getattr(plugin, "building", False):
        return config  # a further language of the same run: pages are already generated
    root = Path(config.config_file_path).resolve().parent
    languages = portal_config.languages_of(plugin.config.languages) if plugin else ("en",)
    try:
        settings = portal_config.resolve(
            root,
            languages,
            config.extra.get("portal"),
            site_url=config.site_url,
            building=state.command == "build",
            serving=state.command == "serve",
            offline=_offline(config),
        )
        prepared = build.prepare(settings, Path(config.docs_dir), config.use_directory_urls)
    except ContentError as e:
        raise _fail(e.problems, "The content") from None
    if settings.offline:
        # Material's offline plugin would load its file:// search helper from a CDN.
        config.extra["polyfills"] = ["assets/vendor/iframe-worker/shim.js"]
    # The portal's name and description per language come from programme.yml.
    described = prepared.content.programme.description
    if plugin is not None:
        for entry in plugin.config.languages:
            entry.site_name = i18n.labels(entry.locale)["portal_name"]
            description = i18n.pick(described, entry.locale, settings.default)
            if description:
                entry.site_description = description[0]
            entry.build = entry.locale in settings.built
    if not settings.builds_all:
        log.info(
            f"Previewing {', '.join(settings.built)} only; PREVIEW_ALL=1 builds every language"
        )
    config.site_name = i18n.labels(settings.default)["portal_name"]
    description = i18n.pick(described, settings.default, settings.default)
    if description and not config.site_description:
        config.site_description = description[0]
    for problem in prepared.content.problems.warnings:
        log.warning(str(problem))
    state.settings, state.content, state.history = settings, prepared.content, prepared.history
    state.renderer = prepared.renderer
    state.pages = {}
    log.info(f"Generated pages: {prepared.changed} file(s) changed")
    if not config.site_url and not settings.offline:
        log.info(addresses.NO_SITE_URL)
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    if state.content is not None:
        lang = _language(config)
        state.pages[lang] = navigation.arrange(nav, state.content, lang)
    return nav


def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    languages = state.settings.languages if state.settings else ("en",)
    env.globals["portal_labels"] = {lang: i18n.labels(lang) for lang in languages}
    env.globals["portal_direction"] = i18n.direction
    env.globals["portal_language_name"] = i18n.language_name
    env.globals["portal_default_lang"] = languages[0]
    env.bytecode_cache = build.THEME_TEMPLATES
    return env


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Each language build would overwrite the one /404.html: write /<lang>/404.html instead."""
    if template_name == "404.html":
        output = csp.add_policy(output, offline=_offline(config))
    lang = _language(config)
    if template_name != "404.html" or state.settings is None or lang == state.settings.default:
        return output
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs writes nothing for an empty template


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Titles from editors' front matter are output unescaped by MkDocs and Material."""
    if not page.meta.get("portal_generated"):
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = safety.page_title(page.meta[key])
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The second wall: editors' HTML through nh3 (portal.sanitize). Then the home page's
    block (generated, autoescaped: after the sanitiser), and what search must not index."""
    html = sanitize.page_content(html, generated=bool(page.meta.get("portal_generated")))
    lang = _language(config)
    if state.renderer is not None and _inner(page.url, lang) in ("", "index.html"):
        html = pages.insert_after_title(html, state.renderer.home_block(lang))
    return search.exclude_tables(markup.strip_markdown_attributes(html))


def _inner(url: str, lang: str) -> str:
    """'countries/morocco/' for 'fr/countries/morocco/' (or 'fr/countries/morocco.html')."""
    default = state.settings.default if state.settings else lang
    prefix = f"{lang}/"
    inner = url[len(prefix) :] if lang != default and url.startswith(prefix) else url
    return paths.directory_url(inner)


def _page_source(page: Page, mkdocs_config: MkDocsConfig, lang: str) -> provenance.PageSource:
    alternates = {code: f.url for code, f in (getattr(page.file, "alternates", None) or {}).items()}
    if page.meta.get("portal_generated"):
        return provenance.source_of_generated(page.meta, lang, page.url, alternates)
    assert state.settings is not None
    docs = Path(mkdocs_config.docs_dir).resolve().relative_to(state.settings.root).as_posix()
    locale = getattr(page.file, "locale", None) or lang
    return provenance.source_of_docs_page(
        docs, page.file.src_uri, locale, lang, page.url, alternates
    )


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    settings = state.settings
    if settings is None:
        return context
    lang = _language(config)
    inner = _inner(page.url, lang)
    context["portal_lang"] = lang
    context["portal_page_lang"] = getattr(page.file, "locale", None) or lang
    context["portal_is_home"] = inner in ("", "index.html")
    if settings.pdf and not paths.hidden(inner):
        context["portal_pdf"] = paths.page_pdf_name(inner, lang)
    about = provenance.describe(
        _page_source(page, config, lang),
        state.history,
        root=settings.root,
        languages=settings.languages,
        repo=settings.repo,
        site_url=settings.site_url,
    )
    context["portal_updated"] = about.updated
    context["portal_outdated"] = about.outdated
    context["portal_edit"] = list(about.edits)
    context["portal_untranslated"] = list(about.untranslated)
    alternates = {code: f.url for code, f in (getattr(page.file, "alternates", None) or {}).items()}
    context.update(addresses.of_page(settings.site_url, page.url, alternates))
    if paths.section_of(inner) != "translations":  # for editors, in the default language
        status = "translations/" if config.use_directory_urls else "translations/index.html"
        context["portal_translations"] = provenance.relative_url(status, page.url)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    default = state.settings.default if state.settings else "en"
    lang = _language(config)
    output = tables.label_cells(output)
    if i18n.direction(lang) == "rtl":
        output = bidi.isolate_article(output)
    if state.settings and not state.settings.offline:
        output = search.use_query_worker(output)  # from file:// an iframe shim runs the worker
    output = search.scope_page(output, lang, default)
    return csp.add_policy(output, offline=_offline(config))


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """Watch docs/ without the folders the build writes into it: one edit, one rebuild."""
    server.unwatch(config.docs_dir)
    for folder, recursive in build.watched(Path(config.docs_dir)):
        server.watch(str(folder), recursive=recursive)
    return server


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the index
def on_post_build(*, config: MkDocsConfig) -> None:
    plugin = _i18n(config)
    if plugin is not None and getattr(plugin, "building", False):
        return
    settings, content = state.settings, state.content
    assert settings is not None and content is not None
    site = Path(config.site_dir)
    if (site / "search" / "search_index.json").is_file():
        extra = {
            lang: search.instrument_docs(content, lang, settings.default, config.use_directory_urls)
            for lang in settings.built
        }
        counts = search.split_index(site, settings.built, inline_js=settings.offline, extra=extra)
        log.info("Search index per language: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    editions = {
        lang: [
            exports.NavPage(
                url=page.url,
                inner=_inner(page.url, lang),
                title=page.title or "",
                text_lang=getattr(page.file, "locale", None) or lang,
            )
            for page in pages
        ]
        for lang, pages in state.pages.items()
    }
    outcome = exports.run(
        content,
        site,
        editions,
        settings.default,
        pdf_enabled=settings.pdf,
        cache=settings.pdf_cache,
        site_url=settings.site_url,
        workers=settings.pdf_workers,
    )
    report = outcome.pdf
    if report is None:
        return
    log.info(
        f"PDF: rendered {len(report.rendered)}, reused {len(report.reused)} from the cache "
        f"({outcome.seconds:.1f} s)"
    )
    # A refused resource (network, a file outside the portal) leaves the PDF without it:
    # reported on a logger of its own, so that it is seen but does not fail --strict.
    refused_log = logging.getLogger("portal.pdf")
    for page, address in dict.fromkeys((page, address) for _, page, address in report.refused):
        refused_log.warning(f"WARNING -  PDF of {page}: refused {address}")
    if report.failed:
        for out, error in report.failed:
            log.error(f"PDF {out} failed: {error}")
        raise PluginError(f"{len(report.failed)} PDF(s) could not be made; see above.")
