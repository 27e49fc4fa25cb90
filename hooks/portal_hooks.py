"""MkDocs hooks of the portal: a thin surface over the `portal` package.

mkdocs-static-i18n runs the whole build once per language with the same config, so every
event here runs once per language: content is validated and pages are generated only in the
first build of a run, and everything else reads the current language from the i18n plugin.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import build, i18n, navigation, search  # noqa: E402
from portal.problems import ContentError  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("portal")
_state: dict = {}


def _i18n(config: MkDocsConfig):
    return config.plugins.get("i18n")


def _language(config: MkDocsConfig) -> str:
    plugin = _i18n(config)
    return (plugin.current_language if plugin else None) or config.theme.get("language") or "en"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = _i18n(config)
    if plugin is not None and getattr(plugin, "building", False):
        return config  # a further language of the same run: pages are already generated
    languages = [lang.locale for lang in plugin.config.languages] if plugin else ["en"]
    default = (
        next((lang.locale for lang in plugin.config.languages if lang.default), "en")
        if plugin
        else "en"
    )
    languages.remove(default)
    languages.insert(0, default)
    root = Path(config.config_file_path).resolve().parent
    settings = build.settings_from(config.extra.get("portal"), languages)
    try:
        prepared = build.prepare(root, Path(config.docs_dir), settings, config.use_directory_urls)
    except ContentError as e:
        for problem in e.problems.errors + e.problems.warnings:
            log.error(str(problem)) if problem.severity == "error" else log.warning(str(problem))
        raise PluginError(
            f"The content has {e.problems.summary()}; fix the lines above and build again."
        ) from None
    for problem in prepared.content.problems.warnings:
        log.warning(str(problem))
    _state["content"] = prepared.content
    _state["languages"] = languages
    log.info(f"Generated pages: {prepared.changed} file(s) changed")
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    content = _state.get("content")
    if content is not None:
        navigation.arrange(nav, content, _language(config))
    return nav


def on_env(env, *, config: MkDocsConfig, files: Files):
    env.globals["portal_labels"] = {
        lang: i18n.labels(lang) for lang in _state.get("languages", ["en"])
    }
    env.globals["portal_direction"] = i18n.direction
    return env


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation):
    lang = _language(config)
    context["portal_lang"] = lang
    context["portal_page_lang"] = getattr(page.file, "locale", None) or lang
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    languages = _state.get("languages") or ["en"]
    return search.scope_page(output, _language(config), languages[0])


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the index
def on_post_build(*, config: MkDocsConfig) -> None:
    plugin = _i18n(config)
    if plugin is not None and getattr(plugin, "building", False):
        return
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        counts = search.split_index(Path(config.site_dir), tuple(_state["languages"]))
        log.info("Search index per language: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
