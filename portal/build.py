"""The build steps that come before MkDocs renders anything, independent of MkDocs.

`prepare()` validates the content and writes the generated pages; the MkDocs hooks call it
once per build, and `python -m portal check` calls `validate()` alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import content as content_mod
from . import history, i18n, pages
from .config import Config
from .problems import ContentError


@dataclass
class Prepared:
    content: content_mod.Content
    changed: int  # generated files written or removed
    history: history.History  # last change of every source file
    renderer: pages.Renderer | None = None  # for the blocks the hooks add (the home page's)


def content_settings(config: Config) -> content_mod.Settings:
    return content_mod.Settings(config.languages, config.contact_max_age_days, config.today)


def load(config: Config) -> content_mod.Content:
    """Load and validate everything, whatever the problems (for `portal check`)."""
    loaded = content_mod.load(config.root, content_settings(config))
    i18n.configure(config.labels_dir, loaded.programme.name, config.default)
    return loaded


def validate(config: Config) -> content_mod.Content:
    """Load and validate everything; raise ContentError when there is any error."""
    loaded = load(config)
    if loaded.problems.errors:
        raise ContentError(loaded.problems)
    return loaded


def prepare(config: Config, docs_dir: Path, use_directory_urls: bool = True) -> Prepared:
    loaded = validate(config)
    root = config.root
    docs = docs_dir.resolve()
    docs_pages = tuple(
        p.relative_to(root).as_posix()
        for p in sorted(docs.glob("*.md"))
        if p.name.count(".") == 1  # default-language pages only: about.md, not about.fr.md
    )
    changes = history.last_changes(root, config.today)
    renderer = pages.Renderer(
        loaded,
        use_directory_urls,
        config.pdf,
        config.offline,
        history=changes,
        docs_pages=docs_pages,
        root=root,
    )
    files: dict[str, str | bytes] = {**renderer.render_all(), **pages.media(loaded, root)}
    changed = pages.write_tree(docs_dir, files)
    return Prepared(loaded, changed, changes, renderer)
