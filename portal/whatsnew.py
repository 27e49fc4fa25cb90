"""What's new: the changes to the content, from git history, in readers' words.

One `git log` lists the commits that touched `countries/`, `objectives/` or `programme.yml`
and the files each changed; one `git cat-file --batch` reads every changed YAML file before
and after. Each pair is compared at the level of readers' items (an instrument by its id, a
treaty by its key, a contact by its name, an activity by its date and summary...), as the
reader of each language sees them: texts are taken in that language (with the default
language's fallback) before comparing, so a French correction is news in French only. A
narrative counts in the language it is read in.

Dates are the commits' own (committer date). The history walked is the first-parent line,
the one the published site is built from: a merged branch counts once, on the day it was
merged, with its intermediate states left out. Uncommitted changes are not history. A copy
without git history (or a shallow clone's boundary, whose parents are missing) gives no
change at all: never a made-up date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import i18n, paths, yamlio
from .entrychanges import Change, clean, entry_changes, programme_changes

PATHSPECS = (*paths.BY_FOLDER, "programme.yml")
UNREADABLE = "(unreadable)"  # a version that existed but is not YAML a content file may hold
PROGRAMME = "programme.yml"

NO_HISTORY = (
    "No git history of the content: the What's new page says so and no feed.xml is written "
    "(build from a git clone to list the changes)"
)
# The newest content commits read: enough for the page and a feed of the newest 100 changes,
# and a bound on a build's time (about 3 ms a commit on the development machine).
MAX_COMMITS = 300
PARTIAL = (
    "What's new lists part of the content's history only: a shallow git clone (fetch the "
    f"whole history, e.g. fetch-depth: 0) or the newest {MAX_COMMITS} content commits of more"
)


@dataclass(frozen=True)
class Commit:
    sha: str
    when: str  # committer date, ISO 8601 with its offset
    parent: str | None  # first parent; None for a root commit
    files: tuple[str, ...]  # changed content files, relative to the portal's root


@dataclass(frozen=True)
class Dated:
    commit: Commit
    change: Change

    def uid(self, lang: str, namespace: str) -> str:
        """A stable id for the feed: the same change in the same language keeps it."""
        name = f"{namespace}/{lang}/{self.commit.sha}/{self.change.kind}/{self.change.slug}/"
        return uuid.uuid5(uuid.NAMESPACE_URL, name + self.change.key).urn


@dataclass
class Log:
    """The changes of the history, per language, newest first."""

    by_lang: dict[str, list[Dated]] = field(default_factory=dict)
    names: dict[tuple[str, str], Any] = field(default_factory=dict)  # newest data of each entry
    partial: bool = False  # history cut short (shallow clone, MAX_COMMITS): earliest unknown
    updated: str = ""  # the date of the newest commit that touched the content


# -- reading git ---------------------------------------------------------------------------


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


def commits(root: Path) -> tuple[list[Commit], bool] | None:
    """The newest commits of the first-parent line that changed content (MAX_COMMITS at most),
    newest first, and whether older ones are left out (a shallow clone's, or past the bound);
    None outside a git work tree."""
    out = _git(
        root,
        "log",
        "--first-parent",
        f"--max-count={MAX_COMMITS + 1}",
        "--diff-merges=first-parent",
        "--relative",
        "--no-renames",
        "--format=%x00%H %P%x00%cI",
        "--name-only",
        "--",
        *PATHSPECS,
    )
    if out is None:
        return None
    shallow_file = _git(root, "rev-parse", "--git-path", "shallow")
    boundary: set[str] = set()
    if shallow_file:
        path = Path(shallow_file.decode().strip())
        path = path if path.is_absolute() else root / path
        if path.is_file():
            boundary = set(path.read_text().split())
    found: list[Commit] = []
    parts = out.decode("utf-8", "replace").split("\x00")[1:]
    for head, body in zip(parts[0::2], parts[1::2], strict=False):
        shas = head.split()
        when, _, names = body.partition("\n")
        if not shas or shas[0] in boundary:
            continue  # a shallow clone's boundary: what it changed is not known
        files = tuple(n for n in names.splitlines() if n)
        found.append(Commit(shas[0], when.strip(), shas[1] if len(shas) > 1 else None, files))
    return found[:MAX_COMMITS], bool(boundary) or len(found) > MAX_COMMITS


def blobs(root: Path, specs: list[str]) -> dict[str, str | None]:
    """'<commit>:<path>' -> the file's text then: None where it did not exist, '' where it
    cannot be read as a content file (binary, not UTF-8, too large)."""
    if not specs:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in specs).encode())
    texts: dict[str, str | None] = dict.fromkeys(specs)
    if out is None:
        return texts
    at = 0
    for spec in specs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<spec> missing"
            continue
        size = int(header[2])
        data = out[at : at + size]
        at += size + 1
        texts[spec] = ""
        if header[1] == b"blob" and size <= yamlio.MAX_BYTES:
            try:
                texts[spec] = data.decode("utf-8")
            except UnicodeDecodeError:
                pass
    return texts


# -- comparing two versions ----------------------------------------------------------------


# What no reader's text may hold (portal.schema's rules for content today), nor XML at all
# (lone surrogates, U+FFFE and U+FFFF): an older version in history was not checked by today.
def _entry_of(path: str) -> tuple[str, str, str] | None:
    """(kind, slug, file) of a content file: ('country', 'mali', 'country.yml')."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] not in paths.BY_FOLDER:
        return None
    return paths.BY_FOLDER[parts[0]].name, parts[1], parts[2]


def _narrative_lang(name: str, languages: tuple[str, ...]) -> str | None:
    if name == "index.md":
        return languages[0]
    parts = name.split(".")
    if len(parts) == 3 and parts[0] == "index" and parts[2] == "md" and parts[1] in languages:
        return parts[1]
    return None


def _treaty_names(programme: Any, lang: str, default: str) -> dict[str, str]:
    out = {}
    for t in (programme or {}).get("treaties") or [] if isinstance(programme, dict) else []:
        if isinstance(t, dict) and t.get("key"):
            picked = i18n.pick(
                t.get("name") if isinstance(t.get("name"), dict) else None, lang, default
            )
            out[str(t["key"])] = clean(picked[0]) if picked else str(t["key"])
    return out


# The last history read, for `mkdocs serve`, which prepares every rebuild: the same commits
# and the same translations on disk give the same changes (measured: half a second saved).
_LAST: dict[tuple[Any, ...], Log] = {}


def read(root: Path, languages: tuple[str, ...]) -> Log | None:
    """Every change of the content's history for readers of each language; None without
    git history of the content (not a git work tree, or no commit touches the content)."""
    listed = commits(root)
    if listed is None or not listed[0]:
        return None
    history, partial = listed
    own = tuple(sorted(p.as_posix() for p in root.glob("*/*/index.*.md")))
    key = (root.resolve(), tuple(history), languages, own)
    if key not in _LAST:
        _LAST.clear()
        _LAST[key] = _log(root, history, partial, languages)
    return _LAST[key]


def _log(root: Path, history: list[Commit], partial: bool, languages: tuple[str, ...]) -> Log:
    specs: list[str] = []
    for c in history:
        for path in c.files:
            if path.endswith(".yml"):
                specs.append(f"{c.sha}:./{path}")
                if c.parent:
                    specs.append(f"{c.parent}:./{path}")
    texts = blobs(root, specs)
    parsed: dict[str, Any] = {}

    def data(rev: str | None, path: str) -> Any:
        """The file's data then: None where it did not exist, UNREADABLE where it did but
        cannot be read (then its change is told without its details, never as an addition)."""
        spec = f"{rev}:./{path}"
        if rev and spec not in parsed:
            text = texts.get(spec)
            loaded = yamlio.load_text(text) if text is not None else None
            parsed[spec] = UNREADABLE if text is not None and loaded is None else loaded
        return parsed.get(spec) if rev else None

    log = Log({lang: [] for lang in languages}, partial=partial)
    log.updated = max(history, key=lambda c: instant(c.when)).when
    programme = root / PROGRAMME
    programme_now = (
        yamlio.load_text(programme.read_text(encoding="utf-8")) if programme.is_file() else None
    )
    for lang in languages:
        names = _treaty_names(programme_now, lang, languages[0])
        for c in history:
            for change in _commit_changes(c, data, root, lang, languages, names, log):
                log.by_lang[lang].append(Dated(c, change))
    return log


def _commit_changes(
    c: Commit,
    data: Any,
    root: Path,
    lang: str,
    languages: tuple[str, ...],
    names: dict[str, Any],
    log: Log,
) -> list[Change]:
    out: list[Change] = []
    narrated: set[tuple[str, str]] = set()
    for path in c.files:
        if path == PROGRAMME:
            out += programme_changes(data(c.parent, path), data(c.sha, path), lang, languages)
            continue
        found = _entry_of(path)
        if found is None:
            continue
        kind, slug, name = found
        if name == f"{kind}.yml":
            old, new = data(c.parent, path), data(c.sha, path)
            newest = new if new is not None else old
            if isinstance(newest, dict):
                log.names.setdefault((kind, slug), newest)
            out += entry_changes(kind, slug, old, new, lang, languages, names)
            continue
        written = _narrative_lang(name, languages)
        own = root / path.rsplit("/", 1)[0] / f"index.{lang}.md"
        # The reader of `lang` reads its own narrative, or the default one while none exists.
        if written == lang or (written == languages[0] and not own.is_file()):
            if (kind, slug) not in narrated:
                narrated.add((kind, slug))
                out.append(Change(kind, slug, "wn_narrative", key="narrative"))
    # An added or removed entry says so once, not once per item it came with.
    whole = {(x.kind, x.slug) for x in out if x.key in ("added", "removed")}
    return [x for x in out if (x.kind, x.slug) not in whole or x.key in ("added", "removed")]


def instant(when: str) -> float:
    try:
        return dt.datetime.fromisoformat(when).timestamp()
    except ValueError:
        return 0.0
