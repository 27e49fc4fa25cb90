"""The portal's configuration, resolved and validated once per build.

Three places feed it: the languages listed once in mkdocs.yml's i18n plugin (the default one
first), the portal's options under `extra.portal` in mkdocs.yml, and environment switches
(`PDF=0`, `PDF_WORKERS`, `PORTAL_OFFLINE`, and for `mkdocs serve` `PREVIEW_ALL`, `PREVIEW_LANG`). The programme itself is content (programme.yml,
see `portal.programme`). Bad values are problems with the file and field, like content's.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import addresses, paths
from .problems import ContentError, Problems
from .schema.base import describe, did_you_mean

MKDOCS_FILE = "mkdocs.yml"
OPTIONS = {
    "repo": "web address of the repository, for 'edit this page' links",
    "contact_max_age_days": "days after which a contact's verification is flagged",
    "catalogue_rows": "instruments beyond which the catalogue is one page per region",
    "pdf": "false to build without PDFs",
    "pdf_cache": "folder of the PDF cache, relative to the repository",
    "today": "the date the build takes as today (tests only)",
}


@dataclass(frozen=True)
class Config:
    root: Path
    languages: tuple[str, ...]  # default language first
    repo: str = ""
    contact_max_age_days: int = 365
    catalogue_rows: int = 500
    today: dt.date = field(default_factory=dt.date.today)
    pdf: bool = True
    pdf_workers: int | None = None
    pdf_cache: Path = Path(".cache/pdf")
    offline: bool = False
    site_url: str = ""  # the published address, "" when none is configured
    built: tuple[str, ...] = ()  # the languages this run builds (all, unless previewing)

    @property
    def default(self) -> str:
        return self.languages[0]

    @property
    def builds_all(self) -> bool:
        return not self.built or set(self.built) == set(self.languages)

    @property
    def labels_dir(self) -> Path:
        return self.root / paths.LABELS


def languages_of(entries: list[Any]) -> tuple[str, ...]:
    """The i18n plugin's languages, default first (entries are mappings or config objects)."""

    def get(entry: Any, key: str) -> Any:
        return entry.get(key) if isinstance(entry, Mapping) else getattr(entry, key, None)

    locales = [str(get(e, "locale")) for e in entries if get(e, "locale")]
    default = [str(get(e, "locale")) for e in entries if get(e, "default")]
    first = default[0] if default else (locales[0] if locales else "en")
    return (first, *[x for x in locales if x != first]) if locales else ("en",)


def preview_languages(
    languages: tuple[str, ...], env: Mapping[str, str], problems: Problems
) -> tuple[str, ...]:
    """What `mkdocs serve` builds: the default language, and PREVIEW_LANG if set (to preview a
    translation); every language with PREVIEW_ALL=1. One language rebuilds several times
    faster than six, which is what an editor waiting for the page to reload needs."""
    if env.get("PREVIEW_ALL", "0") not in ("", "0"):
        return languages
    wanted = (env.get("PREVIEW_LANG") or "").strip()
    if wanted and wanted not in languages:
        problems.add(
            "PREVIEW_LANG",
            "",
            f"expected one of the portal's languages ({', '.join(languages)}), got {wanted!r}",
        )
        return languages[:1]
    return tuple(lang for lang in languages if lang in (languages[0], wanted))


def _whole(
    opts: Mapping[str, Any],
    name: str,
    default: int,
    low: int,
    high: int | None,
    unit: str,
    bad: Callable[[str, str], None],
) -> int:
    """An option that is a whole number from `low` to `high`; else reported, and the default."""
    value = opts.get(name, default)
    ok = isinstance(value, int) and not isinstance(value, bool)
    if ok and low <= value and (high is None or value <= high):
        return int(value)
    span = f" from {low} to {high}" if high is not None else ""
    bad(name, f"expected a whole number of {unit}{span}, got {describe(value)}")
    return default


def _workers(env: Mapping[str, str], problems: Problems) -> int | None:
    """PDF_WORKERS: how many processes render PDFs (None: one per core)."""
    if not env.get("PDF_WORKERS"):
        return None
    try:
        workers = int(env["PDF_WORKERS"])
    except ValueError:
        workers = 0
    if workers >= 1:
        return workers
    problems.add(
        "PDF_WORKERS",
        "",
        f"expected a whole number of processes like 2, got {env['PDF_WORKERS']!r}",
    )
    return None


def resolve(
    root: Path,
    languages: tuple[str, ...],
    options: Mapping[str, Any] | None,
    *,
    site_url: str | None = "",
    building: bool = True,
    serving: bool = False,
    offline: bool = False,
    env: Mapping[str, str] | None = None,
) -> Config:
    """Validate and combine every setting; raise ContentError listing every bad one."""
    env = os.environ if env is None else env
    opts = dict(options or {})
    problems = Problems()

    def bad(name: str, message: str) -> None:
        problems.add(MKDOCS_FILE, f"extra.portal.{name}", message)

    for key in opts:
        if key not in OPTIONS:
            hint = did_you_mean(str(key), tuple(OPTIONS))
            moved = " (regions are declared in programme.yml now)" if key == "regions" else ""
            bad(str(key), f"unknown option{hint}{moved}; allowed: {', '.join(OPTIONS)}")
    max_age = _whole(opts, "contact_max_age_days", 365, 1, 3650, "days", bad)
    rows = _whole(opts, "catalogue_rows", 500, 1, None, "instruments like 500", bad)
    today = dt.date.today()
    if opts.get("today") is not None:
        try:
            today = dt.date.fromisoformat(str(opts["today"]))
        except ValueError:
            bad("today", f"expected a date like 2026-11-28, got {describe(opts['today'])}")
    repo = opts.get("repo") or ""
    if not isinstance(repo, str) or (repo and not repo.startswith(("https://", "http://"))):
        bad("repo", f"expected a web address starting with https://, got {describe(repo)}")
        repo = ""
    workers = _workers(env, problems)
    built = preview_languages(languages, env, problems) if serving else languages
    if problems:
        raise ContentError(problems)
    return Config(
        root=root,
        languages=languages,
        repo=repo.rstrip("/"),
        contact_max_age_days=max_age,
        catalogue_rows=rows,
        today=today,
        pdf=building and env.get("PDF", "1") != "0" and opts.get("pdf", True) is not False,
        pdf_workers=workers,
        pdf_cache=root / str(opts.get("pdf_cache", ".cache/pdf")),
        offline=offline,
        site_url=addresses.published(site_url),
        built=built,
    )


def read_mkdocs_file(root: Path) -> dict[str, Any]:
    """mkdocs.yml read without MkDocs (for `python -m portal check`): tags become None."""

    class _Lenient(yaml.SafeLoader):
        pass

    def env_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
        # `!ENV [NAME, default]`: the environment's value, else the default.
        if suffix == "ENV":
            values = (
                loader.construct_sequence(node)
                if isinstance(node, yaml.SequenceNode)
                else [loader.construct_scalar(node)]  # type: ignore[arg-type]
            )
            for name in values[:-1] if len(values) > 1 else values:
                if isinstance(name, str) and name in os.environ:
                    return os.environ[name]
            return values[-1] if len(values) > 1 else None
        return None

    _Lenient.add_multi_constructor("!", env_tag)
    path = root / MKDOCS_FILE
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Lenient) or {}


def _plugin(mk: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    for plugin in mk.get("plugins") or []:
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] or {}
        if plugin == name:
            return {}
    return None


def languages_disagree(mk: Mapping[str, Any], languages: tuple[str, ...]) -> Problems:
    """The i18n plugin's list names the languages; theme.language and the search plugin's
    `lang`, where mkdocs.yml writes them at all, must say the same (they were once left at
    a former programme's languages)."""
    problems = Problems()
    listed = ", ".join(languages)
    theme = (mk.get("theme") or {}).get("language") if isinstance(mk.get("theme"), dict) else None
    if theme is not None and theme != languages[0]:
        problems.add(
            MKDOCS_FILE,
            "theme.language",
            f"expected {languages[0]!r}, the default language of the i18n plugin's list (the "
            f"one place that names the languages), got {theme!r}; write {languages[0]} or "
            "remove the line",
        )
    search = _plugin(mk, "search")
    lang = search.get("lang") if isinstance(search, Mapping) else None
    if lang is not None:
        given = [lang] if isinstance(lang, str) else list(lang)
        if sorted(map(str, given)) != sorted(languages):
            problems.add(
                MKDOCS_FILE,
                "plugins.search.lang",
                f"expected the i18n plugin's languages ({listed}), got "
                f"{', '.join(map(str, given))}; write [{listed}] or remove `lang:`",
            )
    return problems


def from_file(root: Path, *, building: bool = False) -> Config:
    """The configuration as the build would resolve it, read from root/mkdocs.yml."""
    if not (root / MKDOCS_FILE).is_file():
        missing = Problems()
        missing.add(
            MKDOCS_FILE,
            "",
            f"is missing in {root}: run the command in the portal's folder, or give it with --root",
        )
        raise ContentError(missing)
    mk = read_mkdocs_file(root)
    i18n_plugin = _plugin(mk, "i18n") or {}
    entries: list[Any] = i18n_plugin.get("languages") or []
    extra = (mk.get("extra") or {}).get("portal") or {}
    disagree = languages_disagree(mk, languages_of(entries))
    try:
        settings = resolve(
            root, languages_of(entries), extra, site_url=mk.get("site_url"), building=building
        )
    except ContentError as e:
        disagree.extend(e.problems)
        raise ContentError(disagree) from None
    if disagree:
        raise ContentError(disagree)
    return settings
