"""The build steps that come before MkDocs renders anything, independent of MkDocs.

`prepare()` validates the content and writes the generated pages; the MkDocs hooks call it
once per build, and `python -m portal check` calls `validate()` alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from . import content as content_mod
from . import history, i18n, pages, paths
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
    files: dict[str, str | bytes] = {
        **renderer.render_all(config.built),
        **pages.media(loaded, root),
    }
    changed = pages.write_tree(docs_dir, files, config.built)
    return Prepared(loaded, changed, changes, renderer)


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
