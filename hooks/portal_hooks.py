"""MkDocs hooks of the portal: each event adapts MkDocs objects and delegates to `portal`
(`build` before and after rendering, `rendering` for each page).

mkdocs-static-i18n runs the whole build once per language with the same config, so every
event runs once per language: content is validated and pages generated in the first build of
a run only, and everything else reads the current language from the i18n plugin.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import build, config, csp, i18n, navigation, rendering  # noqa: E402
from portal.problems import ContentError  # noqa: E402

log = get_plugin_logger("portal")


@dataclass
class BuildState:
    """What one run (every language of it) shares; set by on_config at the start of each."""

    command: str = "build"
    settings: config.Config | None = None
    prepared: build.Prepared | None = None
    pages: dict[str, list[Any]] = field(default_factory=dict)  # language -> MkDocs pages, in order
    held: dict[str, list[str]] = field(default_factory=dict)  # page -> HTML held from Markdown
    # The inline scripts a page may hold: the templates', rendered before any page (on_env).
    own_scripts: csp.OwnScripts = field(default_factory=lambda: csp.OwnScripts(()))

    @property
    def renderer(self) -> Any:
        return self.prepared.renderer if self.prepared else None


state = BuildState()


def _i18n(mkdocs_config) -> Any:
    return mkdocs_config.plugins.get("i18n")


def _language(mkdocs_config) -> str:
    current = getattr(_i18n(mkdocs_config), "current_language", None)
    return current or (state.settings.default if state.settings else "en")


def _further_language(mkdocs_config) -> bool:
    """A later language of the same run (the first one did the run's work)."""
    return bool(getattr(_i18n(mkdocs_config), "building", False))


def _page(page, lang: str) -> rendering.Page:
    alternates = getattr(page.file, "alternates", None) or {}
    return rendering.Page(
        url=page.url,
        src_uri=page.file.src_uri,
        lang=lang,
        text_lang=getattr(page.file, "locale", None) or lang,
        meta=page.meta,
        alternates={code: f.url for code, f in alternates.items()},
        generated=bool(state.prepared and page.file.src_uri in state.prepared.generated),
    )


def on_startup(*, command: str, dirty: bool) -> None:
    state.command = command


def on_config(mkdocs_config):
    if _further_language(mkdocs_config):
        return mkdocs_config
    gc.unfreeze()  # a previous run's objects (mkdocs serve) may be collected again
    i18n, plugins = _i18n(mkdocs_config), mkdocs_config.plugins
    offline_plugin = plugins.get("material/offline") or plugins.get("offline")
    offline = bool(offline_plugin and offline_plugin.config.enabled)
    try:
        settings = config.resolve(
            Path(mkdocs_config.config_file_path).resolve().parent,
            config.languages_of(i18n.config.languages) if i18n else ("en",),
            mkdocs_config.extra.get("portal"),
            site_url=mkdocs_config.site_url,
            building=state.command == "build",
            serving=state.command == "serve",
            offline=offline,
        )
        prepared = build.prepare(
            settings, Path(mkdocs_config.docs_dir), mkdocs_config.use_directory_urls
        )
    except ContentError as e:
        raise PluginError(build.refused(e, log)) from None
    if offline:  # Material's offline plugin would load its file:// search helper from a CDN
        mkdocs_config.extra["polyfills"] = ["assets/vendor/iframe-worker/shim.js"]
        build.quiet_offline_alternates()
    for entry in i18n.config.languages if i18n else ():
        entry.site_name, entry.site_description = build.names(prepared, entry.locale)
        entry.build = entry.locale in settings.built
    mkdocs_config.site_name, description = build.names(prepared, settings.default)
    mkdocs_config.site_description = mkdocs_config.site_description or description
    build.report(prepared, settings).log(log)
    state.settings, state.prepared, state.pages, state.held = settings, prepared, {}, {}
    # What is alive now (configuration, content, generated pages) lives until the run ends:
    # set aside from the garbage collector, whose full passes would rescan it ever more often
    # as rendered pages pile up (a fifth of the CPU of a 240-country build).
    gc.freeze()
    return mkdocs_config


def on_nav(nav, *, config, files):
    if state.prepared is not None:
        lang = _language(config)
        state.pages[lang] = navigation.arrange(nav, state.prepared.content, lang)
    return nav


def on_env(env, *, config, files):
    words = state.prepared.content.labels if state.prepared else i18n.GENERIC
    env.globals.update(rendering.template_globals(state.settings, words))
    env.bytecode_cache = build.THEME_TEMPLATES
    state.own_scripts = csp.own_scripts(env, config)
    return env


def on_post_template(output: str, *, template_name: str, config) -> str:
    if template_name != "404.html" or state.settings is None:
        return output
    try:
        return rendering.not_found(
            output, _language(config), state.settings, Path(config.site_dir), state.own_scripts
        )
    except csp.ForeignScript as e:
        raise PluginError(str(e)) from None


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    here = _page(page, _language(config))
    markdown, state.held[here.src_uri] = rendering.markdown(markdown, here, state.renderer)
    return markdown


def on_page_content(html: str, *, page, config, files) -> str:
    default = state.settings.default if state.settings else "en"
    here = _page(page, _language(config))
    return rendering.content(
        html, here, default, state.renderer, state.held.pop(here.src_uri, None)
    )


def on_page_context(context: dict[str, Any], *, page, config, nav) -> dict[str, Any]:
    if state.settings is not None and state.prepared is not None:
        here, docs, urls = (
            _page(page, _language(config)),
            Path(config.docs_dir),
            config.use_directory_urls,
        )
        feed = state.prepared.whats_new is not None
        context.update(
            rendering.context(
                here,
                state.settings,
                state.prepared.history,
                docs,
                urls,
                state.prepared.content.labels,
                feed,
            )
        )
    return context


def on_post_page(output: str, *, page, config) -> str:
    lang = _language(config)
    here = _page(page, lang)
    try:
        head = state.renderer.head_data.get(here.src_uri, "") if state.renderer else ""
        return rendering.finish(
            output, lang, state.settings, state.own_scripts, here.text_lang, here.src_uri, head
        )
    except csp.ForeignScript as e:
        raise PluginError(str(e)) from None


def on_serve(server, *, config, builder):
    """Watch docs/ without the folders the build writes into it: one edit, one rebuild."""
    server.unwatch(config.docs_dir)
    for folder, recursive in build.watched(Path(config.docs_dir)):
        server.watch(str(folder), recursive=recursive)
    return server


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the index
def on_post_build(*, config) -> None:
    if _further_language(config) or state.settings is None or state.prepared is None:
        return
    built = {  # titles are known now that every page is rendered
        lang: [(_page(page, lang), page.title or "") for page in pages]
        for lang, pages in state.pages.items()
    }
    site, urls = Path(config.site_dir), config.use_directory_urls
    try:
        done = build.finish(state.settings, state.prepared, site, built, urls)
    finally:
        gc.unfreeze()
    done.log(log)
    if done.failed:
        raise PluginError(f"{len(done.failed)} PDF(s) could not be made; see above.")
