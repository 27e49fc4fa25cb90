"""MkDocs hooks of the portal: a thin surface over the `portal` package.

mkdocs-static-i18n runs the whole build once per language with the same config, so every
event here runs once per language: content is validated and pages are generated only in the
first build of a run, and everything else reads the current language from the i18n plugin.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import (  # noqa: E402
    addresses,
    build,
    exports,
    history,
    i18n,
    navigation,
    search,
    tables,
)
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


def _default() -> str:
    """The portal's default language (the first of the i18n plugin's languages)."""
    return (_state.get("languages") or ["en"])[0]


def _language(config: MkDocsConfig) -> str:
    plugin = _i18n(config)
    return (plugin.current_language if plugin else None) or config.theme.get("language") or "en"


def on_startup(*, command: str, dirty: bool) -> None:
    _state["command"] = command


def _pdf_enabled(config: MkDocsConfig) -> bool:
    """PDFs are made by `mkdocs build` unless PDF=0 or extra.portal.pdf is false."""
    options = config.extra.get("portal") or {}
    return (
        _state.get("command", "build") == "build"
        and os.environ.get("PDF", "1") != "0"
        and options.get("pdf", True) is not False
    )


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
    if _offline(config):
        # Material's offline plugin would load its file:// search helper from a CDN.
        config.extra["polyfills"] = ["assets/vendor/iframe-worker/shim.js"]
    settings = build.settings_from(config.extra.get("portal"), languages)
    try:
        prepared = build.prepare(
            root,
            Path(config.docs_dir),
            settings,
            config.use_directory_urls,
            _pdf_enabled(config),
            _offline(config),
        )
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
    _state["root"] = root
    _state["navs"] = {}
    _state["history"] = prepared.history
    log.info(f"Generated pages: {prepared.changed} file(s) changed")
    if not config.site_url and not _offline(config):
        log.info(addresses.NO_SITE_URL)
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    content = _state.get("content")
    if content is not None:
        navigation.arrange(nav, content, _language(config))
        _state["navs"][_language(config)] = nav
    return nav


def on_env(env, *, config: MkDocsConfig, files: Files):
    env.globals["portal_labels"] = {
        lang: i18n.labels(lang) for lang in _state.get("languages", ["en"])
    }
    env.globals["portal_direction"] = i18n.direction
    env.globals["portal_default_lang"] = _default()
    return env


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Each language build would overwrite the one /404.html: write /<lang>/404.html instead."""
    if template_name != "404.html":
        return output
    lang = _language(config)
    default = _default()
    if lang == default:
        return output
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs writes nothing for an empty template


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation):
    lang = _language(config)
    context["portal_lang"] = lang
    context["portal_page_lang"] = getattr(page.file, "locale", None) or lang
    if _pdf_enabled(config) and not navigation.hidden(_inner(page.url, lang)):
        context["portal_pdf"] = exports.page_pdf_name(_inner(page.url, lang), lang)
    context.update(_provenance(page, config, lang))
    context["portal_untranslated"] = _untranslated(page)
    context["portal_is_home"] = _inner(page.url, lang) in ("", "index.html")
    return context


def _untranslated(page: Page) -> list[str]:
    """Languages this page's own text is not translated into (it falls back to English)."""
    languages = _state.get("languages") or ["en"]
    meta = page.meta
    if meta.get("portal_generated"):
        english = meta.get("portal_narrative_en")
        if not english:
            return []  # index pages: generated in every language
        root = _state["root"]
        return [
            lang
            for lang in languages[1:]
            if not (root / english.replace("/index.md", f"/index.{lang}.md")).is_file()
        ]
    alternates = getattr(page.file, "alternates", {}) or {}
    return [
        lang
        for lang in languages[1:]
        if lang in alternates and getattr(alternates[lang], "locale", lang) != lang
    ]


def _provenance(page: Page, config: MkDocsConfig, lang: str) -> dict:
    """Last updated (from git), edit links, and whether the translation is out of date."""
    from mkdocs.utils import get_relative_url

    hist = _state.get("history") or history.History()
    root = _state["root"]
    default = _default()
    meta = page.meta
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    if meta.get("portal_generated"):
        data, text, english = (
            meta.get("portal_source"),
            meta.get("portal_narrative"),
            meta.get("portal_narrative_en"),
        )
        if meta.get("portal_kind") in ("country", "objective"):
            sources = [data, text]
        else:  # an index page: the latest change of any content file
            sources = [p for p in hist if p.startswith(("countries/", "objectives/"))]
    else:
        data = None
        text = f"{docs}/{page.file.src_uri}"
        english = f"{docs}/{page.file.src_uri}".replace(f".{page.file.locale}.md", ".md")
        sources = [text]
    updated = history.latest(hist, *sources)
    out: dict = {"portal_updated": i18n.format_partial_date(updated, lang) if updated else ""}
    shown_is_translation = text and english and text != english
    if shown_is_translation and hist.newer(english, text):
        en_file = getattr(page.file, "alternates", {}).get(default)
        if en_file is not None:
            out["portal_outdated"] = get_relative_url(en_file.url, page.url)
    repo = ((config.extra.get("portal") or {}).get("repo") or "").rstrip("/")
    edits = []
    if repo:
        labels = i18n.labels(lang)
        if data:
            edits.append((labels["edit_data"], f"{repo}/edit/main/{data}"))
        if text and (root / text).is_file() and (text != english or lang == default):
            edits.append((labels["edit_text" if data else "edit_page"], f"{repo}/edit/main/{text}"))
        elif text and english and lang != default:
            folder, name = english.rsplit("/", 1)
            stem = name[: -len(".md")]
            edits.append(
                (labels["translate_page"], f"{repo}/new/main/{folder}?filename={stem}.{lang}.md")
            )
    out["portal_edit"] = edits
    # For editors: the translation status page (English), linked from every page's footer.
    status = "translations/" if config.use_directory_urls else "translations/index.html"
    if exports.directory_url(_inner(page.url, lang)) != "translations/":
        out["portal_translations"] = get_relative_url(status, page.url)
    out.update(addresses.of_page(config.site_url, page.url, _alternates(page)))
    return out


def _alternates(page: Page) -> dict[str, str]:
    """{language: site-relative URL} of this page in every language (mkdocs-static-i18n)."""
    alternates = getattr(page.file, "alternates", {}) or {}
    return {lang: f.url for lang, f in alternates.items() if getattr(f, "url", None) is not None}


def _inner(url: str, lang: str) -> str:
    """'countries/morocco/' for 'fr/countries/morocco/' (or 'fr/countries/morocco.html')."""
    default = _default()
    prefix = f"{lang}/"
    inner = url[len(prefix) :] if lang != default and url.startswith(prefix) else url
    return exports.directory_url(inner)


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return search.scope_page(tables.label_cells(output), _language(config), _default())


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged the index
def on_post_build(*, config: MkDocsConfig) -> None:
    plugin = _i18n(config)
    if plugin is not None and getattr(plugin, "building", False):
        return
    site = Path(config.site_dir)
    languages = tuple(_state["languages"])
    index = site / "search" / "search_index.json"
    if index.is_file():
        counts = search.split_index(site, languages, inline_js=_offline(config))
        log.info("Search index per language: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    editions = {
        lang: [
            exports.NavPage(
                url=page.url,
                inner=_inner(page.url, lang),
                title=page.title or "",
                text_lang=getattr(page.file, "locale", None) or lang,
            )
            for page in nav.pages
        ]
        for lang, nav in _state["navs"].items()
    }
    options = config.extra.get("portal") or {}
    outcome = exports.run(
        _state["content"],
        site,
        editions,
        languages[0],
        pdf_enabled=_pdf_enabled(config),
        cache=_state["root"] / options.get("pdf_cache", ".cache/pdf"),
        site_url=config.site_url or "",
        workers=int(os.environ["PDF_WORKERS"]) if os.environ.get("PDF_WORKERS") else None,
    )
    report = outcome.pdf
    if report is not None:
        log.info(
            f"PDF: rendered {len(report.rendered)}, reused {len(report.reused)} from the cache "
            f"({outcome.seconds:.1f} s)"
        )
        if report.failed:
            for out, error in report.failed:
                log.error(f"PDF {out} failed: {error}")
            raise PluginError(f"{len(report.failed)} PDF(s) could not be made; see above.")
