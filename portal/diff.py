"""What a change does for readers: `python -m portal diff <base> <head>`.

Both sides (two folders, or two git revisions read with `git archive`) are loaded with the
build's own loader (`build.load`) and their pages generated with the build's own renderer,
then compared: pages added, removed or changed per language, facts changed (old → new, with
the field's label in the default language), and the check's warnings that are new. The
result is Markdown, for a pull request's job summary ($GITHUB_STEP_SUMMARY) or a terminal.

Pages are compared as the generator writes them (the Markdown of every generated page, and
the hand-written pages of docs/), without git history on either side, so a change of dates
alone shows nothing and a change of one fact shows every page that displays it.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from . import build, config, docs_writer, i18n, mdtext, pages, paths
from .content import Content
from .factdiff import fact_changes
from .history import History
from .problems import ContentError, Problem
from .schema.written import out_of_date

PREVIEW_PAGE = "changes.html"  # the summary as a page inside the preview (tools/ci_preview.sh)


@dataclass
class Side:
    """One side of the comparison: its content, its pages and its check's problems."""

    content: Content
    files: dict[str, bytes]  # docs-relative path -> bytes, generated and hand-written
    problems: list[Problem]


@dataclass
class PageChange:
    lang: str
    path: str  # docs-relative source, e.g. countries/morocco.fr.md
    how: str  # "added", "removed" or "changed"
    url: str  # where the page is in the offline edition, e.g. fr/countries/morocco.html


@dataclass
class Summary:
    languages: tuple[str, ...]
    facts: list[str] = field(default_factory=list)
    page_changes: list[PageChange] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)  # media and other non-page files
    new_warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)


# -- reading a side ----------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True)


def extract_revision(repo: Path, revision: str, into: Path) -> Path:
    """The portal at `repo` (a folder of a git work tree) as of `revision`, written into
    `into`; raise ValueError naming the revision when git does not know it."""
    top = _git(repo, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ValueError(f"{repo} is not in a git repository, so {revision!r} cannot be read")
    prefix = repo.resolve().relative_to(Path(top.stdout.decode().strip()).resolve()).as_posix()
    tree = f"{revision}:{prefix}" if prefix != "." else f"{revision}:"
    if _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode:
        raise ValueError(f"{revision!r} is neither a folder nor a git revision of {repo}")
    archive = _git(repo, "archive", "--format=tar", tree)
    if archive.returncode != 0:
        raise ValueError(f"git archive {tree} failed: {archive.stderr.decode().strip()}")
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")  # no absolute path, no way out of `into`
    return into


def read_side(root: Path) -> Side:
    """Load and render the portal at `root` as the build does (offline edition's links)."""
    settings = config.from_file(root)
    loaded = build.load(settings)
    docs = root / "docs"
    docs_pages = tuple(
        p.relative_to(root).as_posix() for p in sorted(docs.glob("*.md")) if p.name.count(".") == 1
    )
    renderer = pages.Renderer(
        loaded, False, True, True, history=History(), docs_pages=docs_pages, root=root
    )
    files: dict[str, bytes] = {
        rel: text.encode("utf-8") for rel, text in renderer.render_all().items()
    }
    files.update(docs_writer.media(loaded, root))
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        rel = path.relative_to(docs).as_posix()
        if (
            path.is_file()
            and not path.is_symlink()
            and rel.split("/")[0] not in paths.GENERATED_DIRS
        ):
            files[rel] = path.read_bytes()
    problems = list(loaded.problems.items)
    if not loaded.problems.errors:  # as `portal check` says: the generated files are stale
        problems += [
            Problem(name, None, "", "no longer matches programme.yml and the schema", "warning")
            for name in out_of_date(root, loaded.programme.vocabulary)
        ]
    return Side(loaded, files, problems)


# -- pages --------------------------------------------------------------------------------------


def offline_url(rel: str, languages: tuple[str, ...]) -> tuple[str, str] | None:
    """(language, address in the offline edition) of a page file; None for other files."""
    if not rel.endswith(".md"):
        return None
    folder, _, name = rel.rpartition("/")
    lang = paths.language_of(name, languages)
    if lang is None:
        return None
    stem = name[: -len(".md")]
    if lang != languages[0] or stem.endswith(f".{languages[0]}"):
        stem = stem.rsplit(".", 1)[0]
    page = f"{folder}/{stem}.html" if folder else f"{stem}.html"
    return lang, page if lang == languages[0] else f"{lang}/{page}"


def page_changes(
    old: dict[str, bytes], new: dict[str, bytes], languages: tuple[str, ...]
) -> tuple[list[PageChange], list[str]]:
    """Pages added, removed or changed, and the other files (media) that differ."""
    changes: list[PageChange] = []
    others: list[str] = []
    for rel in sorted(old.keys() | new.keys()):
        if old.get(rel) == new.get(rel):
            continue
        how = "added" if rel not in old else "removed" if rel not in new else "changed"
        where = offline_url(rel, languages)
        if where is None:
            others.append(f"{rel} ({how})")
        else:
            changes.append(PageChange(where[0], rel, how, where[1]))
    order = {lang: i for i, lang in enumerate(languages)}
    changes.sort(key=lambda c: (order.get(c.lang, len(order)), c.url))
    return changes, others


# -- facts ----------------------------------------------------------------------------------


def _unlocated(problem: Problem) -> tuple[str, str, str, str]:
    """A problem without its line: an edit above it moves it, it is the same problem."""
    return (problem.file, problem.field, problem.message, problem.severity)


def compare(old: Side, new: Side) -> Summary:
    languages = new.content.settings.languages
    summary = Summary(languages)
    summary.facts = fact_changes(old.content, new.content)
    summary.page_changes, summary.other_files = page_changes(old.files, new.files, languages)
    known = {_unlocated(p) for p in old.problems}
    summary.new_warnings = [
        p for p in new.problems if p.severity == "warning" and _unlocated(p) not in known
    ]
    summary.errors = [p for p in new.problems if p.severity == "error"]
    return summary


def markdown(summary: Summary, link_base: str = "", artifact_url: str = "") -> str:
    """The summary as Markdown: links to pages are `link_base` + their offline address."""
    languages = summary.languages
    out = ["## What this change does for readers", ""]
    if artifact_url:
        out += [
            f"**Preview:** [download the built portal]({artifact_url}), unzip it and open "
            f"`{PREVIEW_PAGE}` in a browser: it links every page below.",
            "",
        ]
    if summary.errors:
        out += [f"### Errors: the check fails ({len(summary.errors)})", ""]
        out += [f"- {mdtext.code(str(p))}" for p in summary.errors] + [""]
    out += [f"### Facts changed ({len(summary.facts)})", ""]
    out += [f"- {mdtext.text(line)}" for line in summary.facts] or ["No fact changed."]
    out += ["", "### Pages", ""]
    if summary.page_changes:
        out += ["| language | added | removed | changed |", "|---|--:|--:|--:|"]
        for lang in languages:
            mine = [c for c in summary.page_changes if c.lang == lang]
            counts = [sum(c.how == how for c in mine) for how in ("added", "removed", "changed")]
            if any(counts):
                name = i18n.language_name(lang, languages[0])
                out.append(f"| {name} ({lang}) | " + " | ".join(map(str, counts)) + " |")
        out += ["", '<details markdown="1"><summary>Pages to open in the preview</summary>', ""]
        for lang in languages:
            mine = [c for c in summary.page_changes if c.lang == lang]
            for how in ("added", "changed", "removed"):
                shown = [_page_link(c, link_base) for c in mine if c.how == how]
                if shown:
                    out.append(f"- {lang}, {how}: " + " · ".join(shown))
        out += ["", "</details>"]
    else:
        out.append("No page changed.")
    if summary.other_files:
        out += ["", "Other files: " + ", ".join(mdtext.code(f) for f in summary.other_files)]
    out += ["", f"### New warnings from `make check` ({len(summary.new_warnings)})", ""]
    out += [f"- {mdtext.code(str(p))}" for p in summary.new_warnings] or ["None."]
    return "\n".join(out) + "\n"


PAGE_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "color:#1f2328}code{background:#eff1f3;padding:.1em .3em;border-radius:4px;font-size:85%}"
    "table{border-collapse:collapse}td,th{border:1px solid #d1d9e0;padding:.3em .8em}"
    "h2{border-bottom:1px solid #d1d9e0;padding-bottom:.3em}"
)


def html_page(text: str) -> str:
    """The summary as a page of its own, to open from the unzipped preview: its links to the
    changed pages are relative, so they open the pages beside it."""
    import markdown as md

    body = md.markdown(text, extensions=["tables", "md_in_html"])
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>What this change does for readers</title>"
        f"<style>{PAGE_STYLE}</style></head><body>\n{body}\n</body></html>\n"
    )


def _page_link(change: PageChange, link_base: str) -> str:
    if link_base and change.how != "removed":
        return f"[{mdtext.code(change.url)}]({link_base}{quote(change.url)})"
    return mdtext.code(change.url)


def run(base: str, head: str, repo: Path) -> Summary:
    """Compare two folders or two git revisions of the portal at `repo`."""
    with tempfile.TemporaryDirectory(prefix="portal-diff-") as tmp:
        sides = []
        for i, source in enumerate((base, head)):
            folder = Path(source)
            if not folder.is_dir():
                folder = extract_revision(repo, source, Path(tmp) / str(i))
            try:
                sides.append(read_side(folder.resolve()))
            except ContentError as e:  # the configuration itself is wrong
                raise ValueError(f"{source}: " + "; ".join(map(str, e.problems.items))) from None
        return compare(sides[0], sides[1])
