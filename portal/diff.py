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

import dataclasses
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import build, config, docs_writer, i18n, mdtext, pages, paths
from .content import Content, Entry
from .history import History
from .model import plain
from .problems import ContentError, Problem
from .schema.written import out_of_date

# The labels key naming a field, where the labels have one without placeholders; any other
# field is named by its key in words ("as of" for as_of).
FIELD_LABELS = {
    "address": "address",
    "date": "date",
    "email": "email",
    "iso3": "iso3",
    "languages": "languages_available",
    "lead_agencies": "lead_agencies",
    "model_policies": "model_policies",
    "name": "name",
    "names": "name",
    "note": "note",
    "number": "number",
    "objective": "objective",
    "objectives": "objectives",
    "official_languages": "official_languages",
    "organisation": "organisation",
    "original_title": "original_title",
    "phone": "phone",
    "place": "place",
    "publisher": "publisher",
    "region": "region",
    "reviewed": "last_reviewed",
    "role": "role",
    "source": "source",
    "sources": "sources",
    "status": "status",
    "summary": "summary",
    "themes": "themes",
    "title": "title",
    "type": "type",
    "url": "link",
    "verified": "verified",
    "website": "website",
    "year": "year",
    "instruments": "instruments",
    "contacts": "contacts",
    "activities": "activities",
    "coordinating_bodies": "coordinating_bodies",
    "treaties": "treaties",
}
# The labels prefix of an enumerated value, by (list or mapping it is in, field).
VALUE_LABELS = {
    ("treaties", "status"): "treaty_",
    ("treaties", "act"): "act_",
    ("instruments", "status"): "status_",
    ("instruments", "type"): "type_",
    ("relations", "kind"): "relation_",
}
# What identifies an item of a list across the two sides (else: its position).
ITEM_KEYS = {
    "instruments": ("id",),
    "contacts": ("name",),
    "coordinating_bodies": ("name",),
    "activities": ("date", "summary"),
    "relations": ("kind", "target"),
    "lead_agencies": ("agency",),
    "model_policies": ("url",),
    "treaties": ("key",),
    "themes": ("key",),
    "regions": ("key",),
}
COLLECTIONS = frozenset(ITEM_KEYS) | {"treaties"}
SHORT = 80
PREVIEW_PAGE = "changes.html"  # the summary as a page inside the preview (tools/ci_preview.sh)  # characters of a long text shown before "…"


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


@dataclass
class _Words:
    """How facts are named: labels and the programme's terms in the default language."""

    content: Content
    default: str
    labels: dict[str, Any]

    def text(self, value: Any) -> str:
        if isinstance(value, Mapping):
            picked = i18n.pick(value, self.default, self.default)
            return picked[0] if picked else ""
        return str(value)

    def field(self, key: str) -> str:
        label = self.labels.get(FIELD_LABELS.get(key, ""), "")
        return label if isinstance(label, str) and label else key.replace("_", " ")

    def value(self, value: Any, within: str, key: str) -> str:
        if value is None or value == [] or value == {}:
            return self.labels["not_documented"].lower()
        prefix = VALUE_LABELS.get((within, key))
        if prefix and isinstance(value, str):
            label = self.labels.get(prefix + value)
            return label if isinstance(label, str) else value
        if key == "region":
            return self.term("regions", value)
        if key == "themes" and isinstance(value, list):
            return ", ".join(self.term("themes", v) for v in value)
        if isinstance(value, list):
            return ", ".join(self.short(self.text(v)) for v in value)
        return self.short(self.text(value))

    def term(self, kind: str, key: str) -> str:
        found = self.content.programme.term(kind, key)
        return self.text(found.name) if found else key

    def item(self, within: str, item: Any) -> str:
        """What names an item of a list: an instrument's title, a contact's name..."""
        if not isinstance(item, dict):
            return self.short(str(item))
        for key in ("title", "name", "agency", "summary", "key", "date"):
            if item.get(key):
                return self.short(self.text(item[key]))
        if within == "relations":
            return f"{self.value(item.get('kind'), within, 'kind')} {item.get('target')}"
        return "?"

    @staticmethod
    def short(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def _differing(old: str, new: str) -> tuple[str, str]:
    """Two versions of a long text, each cut to where they differ (a few words before it)."""
    old, new = " ".join(old.split()), " ".join(new.split())
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = old.rfind(" ", 0, max(0, same - 20)) + 1 if same > 30 else 0
    lead = "…" if start else ""
    return (_Words.short(lead + old[start:]), _Words.short(lead + new[start:]))


def _is_text(value: Any, languages: tuple[str, ...]) -> bool:
    return isinstance(value, dict) and bool(value) and all(k in languages for k in value)


def _identity(within: str, item: Any, index: int) -> Any:
    keys = ITEM_KEYS.get(within)
    if keys and isinstance(item, dict):
        return tuple(repr(item.get(k)) for k in keys)
    return index


def _pairs(within: str, old: list, new: list, words: _Words) -> list[tuple[Any, Any]]:
    """The items of two versions of a list, paired: by their identity (an instrument's id),
    else by their name (an id derived from a year changes with the year), else unpaired
    (added or removed). In the new list's order, removed items last."""
    before = {_identity(within, x, i): x for i, x in enumerate(old)}
    after = {_identity(within, x, i): x for i, x in enumerate(new)}
    pairs: list[tuple[Any, Any]] = [(before.get(k), x) for k, x in after.items()]
    gone = [x for k, x in before.items() if k not in after]
    for i, (was, item) in enumerate(pairs):
        if was is None:
            same = next(
                (x for x in gone if words.item(within, x) == words.item(within, item)), None
            )
            if same is not None:
                gone.remove(same)
                pairs[i] = (same, item)
    return pairs + [(x, None) for x in gone]


def _walk(
    old: Any, new: Any, trail: list[str], within: str, key: str, words: _Words
) -> Iterator[str]:
    """One line per fact that differs between `old` and `new`."""
    if old == new or (old in (None, [], {}) and new in (None, [], {})):
        return
    languages = words.content.settings.languages
    where = " · ".join(trail)
    if _is_text(old, languages) or _is_text(new, languages):
        old_t, new_t = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
        for lang in [x for x in languages if old_t.get(x) != new_t.get(x)]:
            if lang in old_t and lang in new_t:
                before, after = _differing(old_t[lang], new_t[lang])
            else:
                before = words.short(old_t[lang]) if lang in old_t else words.value(None, "", "")
                after = words.short(new_t[lang]) if lang in new_t else words.value(None, "", "")
            yield f"{where} ({lang}): {before} → {after}"
        return
    if isinstance(old, dict) or isinstance(new, dict):
        old_d = old if isinstance(old, dict) else {}
        new_d = new if isinstance(new, dict) else {}
        # The fields of a treaty's entry or of a list's item belong to that collection.
        inside = key if key in COLLECTIONS else within
        for k in [*new_d, *(k for k in old_d if k not in new_d)]:
            # A treaty's entry is named by the treaty; any other field by its label.
            step = words.term("treaties", k) if key == "treaties" else words.field(k)
            yield from _walk(old_d.get(k), new_d.get(k), [*trail, step], inside, k, words)
        return
    if isinstance(old, list) and isinstance(new, list) and key in ITEM_KEYS:
        for before, after in _pairs(key, old, new, words):
            named = words.item(key, after if after is not None else before)
            if before is None:
                yield f"{where}: added {named}"
            elif after is None:
                yield f"{where}: removed {named}"
            else:
                yield from _walk(before, after, [*trail, named], key, "", words)
        return
    yield f"{where}: {words.value(old, within, key)} → {words.value(new, within, key)}"


def _entries(content: Content, kind: str) -> dict[str, Entry[Any]]:
    return {e.slug: e for e in content.entries if e.kind == kind}


def fact_changes(old: Content, new: Content) -> list[str]:
    default = new.settings.languages[0]
    words = _Words(new, default, new.labels(default))
    old_words = _Words(old, default, words.labels)
    lines: list[str] = []
    programme = words.labels.get("portal_name") or "programme.yml"
    lines += _walk(
        _programme_data(old), _programme_data(new), [f"{programme} (programme.yml)"], "", "", words
    )
    for kind in ("country", "objective"):
        before, after = _entries(old, kind), _entries(new, kind)
        for slug in sorted(before.keys() | after.keys()):
            if slug not in before:
                lines.append(f"{_name(after[slug], words)}: added ({after[slug].folder})")
            elif slug not in after:
                lines.append(f"{_name(before[slug], old_words)}: removed ({before[slug].folder})")
            else:
                trail = [_name(after[slug], words)]
                old_data = plain(before[slug].data, keep_empty=True)
                new_data = plain(after[slug].data, keep_empty=True)
                lines += _walk(old_data, new_data, trail, "", "", words)
    return lines


def _name(entry: Entry[Any], words: _Words) -> str:
    return words.text(entry.name or {"": entry.slug})


def _programme_data(content: Content) -> dict[str, Any]:
    data = dataclasses.asdict(content.programme)
    for kind in ("treaties", "themes", "regions"):
        data[kind] = list(data[kind])
    return data


# -- the summary ----------------------------------------------------------------------------


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
