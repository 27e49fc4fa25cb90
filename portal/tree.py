"""The content tree: which files a content pull request may add or change, and what each may
be. Everything under countries/, objectives/, docs/ and labels/ (and programme.yml) is treated
as written by a stranger:

- it must be a regular file inside the repository (a symbolic link could publish
  /proc/self/environ or any file of the build machine);
- docs/ holds Markdown pages and images in docs/media/ only: any other file would be copied
  into the site as-is, and could replace the portal's or the theme's own script;
- a docs page's settings are `---` front matter of the declared keys and kinds only.

Problems are collected in a `Problems` list (the same code serves `make check` and the build).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import yaml

from . import paths
from .narrative import _FRONT_MATTER_RE, read_narrative
from .problems import Problems
from .yamlio import _Loader

# Everything a content pull request may add or change; anything else is code (SECURITY.md).
CONTENT_DIRS = (*paths.BY_FOLDER, "docs", paths.LABELS)
CONTENT_FILES = ("programme.yml",)
LABELS_NAME_RE = re.compile(r"(?:glossary\.)?[a-z]{2,3}\.yml")
MEDIA_DIR = "media"  # docs/media/: the one folder of docs/ for images
MEDIA_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")  # not SVG: it can hold script
# One pattern for every file name content may give (images, narratives, data): nothing that a
# file system, a zip extractor, a URL or a terminal reads differently (\\, .., /, controls).
FILE_NAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")
ENTRY_FILE_EXCEPTIONS = ("NOTES.md",)  # editors' notes, never published
PAGE_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z]{2})?\.md")
MEDIA_NAME_RE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\.[a-z]+")
# Names a page of docs/ must not take: they are the site's own folders and files.
RESERVED_PAGE_STEMS = ("assets", "search", "media", "404", "sitemap")

# -- the content tree ---------------------------------------------------------------------------


def check_tree(root: Path, problems: Problems, generated: tuple[str, ...] = ()) -> None:
    """Report symbolic links, special files and files that have no place under the content
    folders; `generated` names docs/ folders the build rewrites (not checked for layout)."""
    real_root = root.resolve()
    for name in CONTENT_FILES:
        if (root / name).is_symlink():
            problems.add(name, "", _LINK_MESSAGE)
    for top in CONTENT_DIRS:
        base = root / top
        if base.is_symlink():
            problems.add(top, "", _LINK_MESSAGE)
            continue
        if not base.is_dir():
            continue
        for folder, dirs, files in os.walk(base, followlinks=False):
            here = Path(folder)
            for name in sorted(dirs):
                path = here / name
                if path.is_symlink():
                    problems.add(_rel(path, root) + "/", "", _LINK_MESSAGE)
            dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
            for name in sorted(files):
                path = here / name
                rel = _rel(path, root)
                mode = path.lstat().st_mode
                if stat.S_ISLNK(mode):
                    problems.add(rel, "", _LINK_MESSAGE)
                elif not stat.S_ISREG(mode):
                    problems.add(rel, "", "is not a regular file; remove it")
                elif not path.resolve().is_relative_to(real_root):
                    problems.add(rel, "", "lies outside the repository; remove it")
                elif top == "docs":
                    _check_docs_file(root, path, rel, problems, generated)
                elif top == "labels" and (here != base or not LABELS_NAME_RE.fullmatch(name)):
                    problems.add(
                        rel,
                        "",
                        "labels/ holds one file of labels per language named like 'fr.yml' (its "
                        "language code), and its glossary 'glossary.fr.yml'; rename or remove it",
                    )
                elif top in paths.BY_FOLDER:
                    _check_entry_file(path, rel, problems)


_LINK_MESSAGE = (
    "is a symbolic link; content must be regular files in the repository "
    "(copy the file's text here instead of linking to it)"
)


def _check_entry_file(path: Path, rel: str, problems: Problems) -> None:
    """A file of a country's or objective's folder: a name of the one safe pattern."""
    name = path.name
    if name in ENTRY_FILE_EXCEPTIONS or name.startswith("."):
        return
    if not FILE_NAME_RE.fullmatch(name) or ".." in name:
        problems.add(
            _printable(rel),
            "",
            "file names are lower-case ASCII letters, digits, '.', '-' and '_', starting with a "
            "letter or digit (like 'figure-1.png'); rename the file",
        )


def _printable(text: str) -> str:
    """A path as a message can show it: control and invisible characters as escapes."""
    return text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


# A docs page's metadata: only these keys, of these kinds, in `---` front matter. Anything else
# (`template`, `redirect`, ...) would change how the theme renders the page.
HIDE_VALUES = ("navigation", "toc", "footer", "path", "feedback")


def _is_text(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 300 and "\n" not in value


FRONT_MATTER: dict[str, tuple[str, Callable[[object], bool]]] = {
    "title": ("one line of text", _is_text),
    "description": ("one line of text", _is_text),
    "hide": (
        f"a list of {', '.join(HIDE_VALUES)}",
        lambda v: isinstance(v, list) and all(x in HIDE_VALUES for x in v),
    ),
    "search": (
        "'exclude: true' or 'boost: <number>'",
        lambda v: isinstance(v, dict)
        and set(v) <= {"exclude", "boost"}
        and isinstance(v.get("exclude", False), bool)
        and isinstance(v.get("boost", 1), (int, float))
        and not isinstance(v.get("boost", 1), bool),
    ),
}
FRONT_MATTER_KEYS = tuple(FRONT_MATTER)
# MkDocs also reads MultiMarkdown metadata: 'key: value' lines at the very top of a page
# without '---' fences (mkdocs.utils.meta.get_data).
_BARE_META_RE = re.compile(r"\A[ ]{0,3}[A-Za-z0-9_-]+:")


def allowed_meta(meta: dict[str, object]) -> dict[str, object]:
    """The part of a page's metadata the portal lets through: declared keys, declared kinds
    (the build's second wall; `check_front_matter` reports the rest to the editor)."""
    return {k: v for k, v in meta.items() if k in FRONT_MATTER and FRONT_MATTER[k][1](v)}


def check_front_matter(text: str, rel: str, problems: Problems) -> None:
    """A page's front matter, read the way MkDocs will but bounded: no anchors or aliases (a
    few lines can expand to gigabytes), limited depth, and only keys the portal expects, each
    of its kind (others, such as `template`, change how the theme renders the page)."""
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        if _BARE_META_RE.match(text):
            problems.add(
                rel,
                "",
                "the first line reads as page settings ('name: value' at the top of a page "
                "is metadata to MkDocs, even without '---' lines); start the page with its "
                "'# Title', or put 'title: ...' between two '---' lines",
                1,
            )
        return
    loader = _Loader(m[0].split("\n", 1)[1].rsplit("\n", 1)[0])
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        detail = getattr(e, "problem", None) or str(e)
        problems.add(rel, "", f"front matter: {detail}", mark.line + 2 if mark else 2)
        return
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        problems.add(rel, "", "front matter: expected fields like 'title: About'", 2)
        return
    for key, value in data.items():
        if key not in FRONT_MATTER:
            problems.add(
                rel,
                "",
                f"front matter: unknown field {key!r}; a page may set "
                f"{', '.join(FRONT_MATTER_KEYS)}",
                2,
            )
        elif not FRONT_MATTER[key][1](value):
            problems.add(
                rel,
                str(key),
                f"front matter: expected {FRONT_MATTER[key][0]}, got {type(value).__name__} "
                f"{str(value)[:40]!r}",
                2,
            )


def _check_docs_file(
    root: Path, path: Path, rel: str, problems: Problems, generated: tuple[str, ...]
) -> None:
    inner = rel.split("/", 1)[1]
    parts = inner.split("/")
    if parts[0] in generated and len(parts) > 1:
        return  # rewritten by every build (portal.pages.write_tree)
    if len(parts) == 1 and PAGE_NAME_RE.fullmatch(inner):
        stem = inner.split(".", 1)[0]
        if stem in RESERVED_PAGE_STEMS or stem in generated:
            problems.add(
                rel,
                "",
                f"a page named {stem!r} would take the place of the portal's own "
                f"{stem}/ pages or files; choose another name",
            )
        text = read_narrative(path, rel, problems)  # the same rules as countries' narratives
        if text is not None:
            check_front_matter(text, rel, problems)
        return
    if parts[0] == MEDIA_DIR and len(parts) > 1:
        name = parts[-1]
        if name.lower().endswith(MEDIA_SUFFIXES) and MEDIA_NAME_RE.fullmatch(name):
            return
        problems.add(
            rel,
            "",
            f"docs/{MEDIA_DIR}/ holds images only ({', '.join(MEDIA_SUFFIXES)}) with "
            "lower-case names of letters, digits, '-' and '_'; convert or rename the file",
        )
        return
    shadows = _shadowed(root, inner)
    if shadows:
        problems.add(
            rel,
            "",
            f"would replace {shadows} in the published site; remove it "
            "(the portal's own files live in overrides/, which editors do not change)",
        )
    elif inner.endswith(".md"):
        problems.add(
            rel,
            "",
            "pages of docs/ are Markdown files at its top level named like 'about.md' or "
            "'about.fr.md' (lower-case letters, digits and hyphens); rename or move it",
        )
    else:
        problems.add(
            rel,
            "",
            f"docs/ holds Markdown pages and images in docs/{MEDIA_DIR}/ only; any other file "
            f"would be published as-is. Put images in docs/{MEDIA_DIR}/ and remove the rest",
        )


def _shadowed(root: Path, inner: str) -> str:
    """Which theme or portal file a docs/ file would replace, or ''."""
    if (root / "overrides" / inner).exists():
        return f"the portal's own file overrides/{inner}"
    try:
        import material

        theme = Path(material.__file__).parent / "templates"
    except ImportError:  # pragma: no cover - the build needs Material anyway
        theme = None
    if theme is not None and (theme / inner).exists():
        return f"the theme's file {inner}"
    first = inner.split("/", 1)[0]
    if first in ("assets", "search") or inner in ("404.html", "sitemap.xml", "sitemap.xml.gz"):
        return f"the site's own {first if '/' in inner else inner}"
    return ""
