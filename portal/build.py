"""The build steps that come before MkDocs renders anything, independent of MkDocs.

`prepare()` validates the content and writes the generated pages; the MkDocs hooks call it
once per build, and `python -m portal check` calls `validate()` alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import content as content_mod
from . import history, pages
from .problems import ContentError


@dataclass
class Prepared:
    content: content_mod.Content
    changed: int  # generated files written or removed
    history: history.History  # last change of every source file


def settings_from(
    extra_portal: dict[str, Any] | None, languages: list[str]
) -> content_mod.Settings:
    opts = extra_portal or {}
    today = opts.get("today")
    return content_mod.Settings(
        languages=tuple(languages),
        regions=tuple(opts.get("regions") or ()),
        contact_max_age_days=int(opts.get("contact_max_age_days", 365)),
        today=dt.date.fromisoformat(str(today)) if today else dt.date.today(),
    )


def validate(root: Path, settings: content_mod.Settings) -> content_mod.Content:
    """Load and validate everything; raise ContentError when there is any error."""
    loaded = content_mod.load(root, settings)
    if loaded.problems.errors:
        raise ContentError(loaded.problems)
    return loaded


def prepare(
    root: Path,
    docs_dir: Path,
    settings: content_mod.Settings,
    use_directory_urls: bool = True,
    pdf: bool = True,
    offline: bool = False,
) -> Prepared:
    loaded = validate(root, settings)
    docs = docs_dir.resolve()
    docs_pages = tuple(
        p.relative_to(root).as_posix()
        for p in sorted(docs.glob("*.md"))
        if p.name.count(".") == 1  # English pages only: about.md, not about.fr.md
    )
    changes = history.last_changes(root, settings.today)
    generated = pages.Renderer(
        loaded,
        use_directory_urls,
        pdf,
        offline,
        history=changes,
        docs_pages=docs_pages,
        root=root,
    ).render_all()
    generated.update(pages.media(loaded, root))
    changed = pages.write_tree(docs_dir, generated)
    return Prepared(loaded, changed, changes)
