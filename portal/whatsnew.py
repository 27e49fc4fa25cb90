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
import re
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import i18n, yamlio
from .programme import slugify
from .schema.base import CONTROL_RE, INVISIBLE_RE

PATHSPECS = ("countries", "objectives", "programme.yml")
UNREADABLE = "(unreadable)"  # a version that existed but is not YAML a content file may hold
PROGRAMME = "programme.yml"
SHORT = 80  # characters of an item's name shown before "…"

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
class Change:
    """One thing a reader of one language would notice, in one commit."""

    kind: str  # "country", "objective" or "programme"
    slug: str  # the folder's name ("" for the programme)
    label: str  # labels key of the sentence, e.g. "wn_instrument_added"
    item: str = ""  # the item's name in the language ("" when the sentence has none)
    anchor: str = ""  # the item's anchor on its page, when it has one
    key: str = ""  # what the change is about, stable across builds (for the feed's ids)


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
_UNSHOWN = re.compile(
    f"{CONTROL_RE.pattern[:-1]}{INVISIBLE_RE.pattern[1:-1]}\ud800-\udfff\ufffe\uffff]"
)


def clean(text: str) -> str:
    """A text from history as readers may see it: one line, no invisible or control
    characters, at most SHORT characters."""
    text = " ".join(_UNSHOWN.sub("", text).split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def _is_text(value: Any, languages: tuple[str, ...]) -> bool:
    return isinstance(value, dict) and bool(value) and all(k in languages for k in value)


def view(value: Any, lang: str, languages: tuple[str, ...]) -> Any:
    """The data as a reader of `lang` sees it: every text in that language (or its fallback)."""
    if _is_text(value, languages):
        picked = i18n.pick(value, lang, languages[0])
        return picked[0] if picked else None
    if isinstance(value, dict):
        return {k: view(v, lang, languages) for k, v in value.items()}
    if isinstance(value, list):
        return [view(v, lang, languages) for v in value]
    return value


def instrument_id(item: dict) -> str:
    """An instrument's id as the content gives it: written, or derived from its type and
    number or year (portal.content; a second one of the same derivation is paired by title)."""
    given = item.get("id")
    if isinstance(given, str) and given:
        return given
    when = item.get("number") or item.get("year") or item.get("start") or ""
    return slugify(f"{item.get('type') or 'instrument'}-{when}")


def _text(value: Any) -> str:
    return clean(str(value)) if value not in (None, "") else ""


# collection -> (label stem, identity of an item, its name for readers, status-like fields)
_Collection = tuple[str, Any, Any, tuple[str, ...]]
COLLECTIONS: dict[str, _Collection] = {
    "instruments": ("instrument", instrument_id, lambda x: _text(x.get("title")), ("status",)),
    "contacts": ("contact", lambda x: x.get("name"), lambda x: _text(x.get("name")), ()),
    "activities": (
        "activity",
        lambda x: (x.get("date"), x.get("summary")),
        lambda x: str(x.get("date") or ""),  # shown in the reader's language (_list_changes)
        (),
    ),
    "coordinating_bodies": ("body", lambda x: x.get("name"), lambda x: _text(x.get("name")), ()),
    "model_policies": (
        "model_policy",
        lambda x: x.get("url") or x.get("title"),
        lambda x: _text(x.get("title")),
        (),
    ),
}
TREATY_STATUS = ("status", "act", "date", "signed", "as_of")


def _pairs(
    stem: str, old: list, new: list, languages: tuple[str, ...]
) -> list[tuple[dict | None, dict | None]]:
    """Items of two versions of a list paired by identity, then by name, both read in the
    default language (a translation changes no item's identity); in the new order, removed
    items last."""
    _, ident, name, _ = COLLECTIONS[stem]

    def who(x: dict) -> str:
        return repr(ident(_item(x, languages[0], languages)))

    def called(x: dict) -> str:
        return str(name(_item(x, languages[0], languages)))

    before: dict[str, dict] = {}
    for x in old:
        if isinstance(x, dict):
            before.setdefault(who(x), x)
    pairs: list[tuple[dict | None, dict | None]] = [
        (before.pop(who(x), None), x) for x in new if isinstance(x, dict)
    ]
    gone = list(before.values())
    for i, (was, item) in enumerate(pairs):
        if was is None and item is not None:
            same = next((g for g in gone if called(g) and called(g) == called(item)), None)
            if same is not None:
                gone.remove(same)
                pairs[i] = (same, item)
    return pairs + [(x, None) for x in gone]


def _item(raw: dict | None, lang: str, languages: tuple[str, ...]) -> dict | None:
    """An item of a list as the reader of `lang` sees it (a mapping, whatever it held)."""
    if raw is None:
        return None
    seen = view(raw, lang, languages)
    return seen if isinstance(seen, dict) else {}


def _when(activity: dict, lang: str) -> str:
    """An activity's date in the reader's language; as written when it is no date (an older
    version in history need not have passed today's checks)."""
    start, end = activity.get("date"), activity.get("end")
    try:
        return i18n.format_date_range(str(start or ""), str(end) if end else None, lang)
    except (ValueError, TypeError, OverflowError):
        return _text(start)


def _list_changes(
    kind: str, slug: str, key: str, old: Any, new: Any, lang: str, languages: tuple[str, ...]
) -> list[Change]:
    stem, ident, name, status_fields = COLLECTIONS[key]
    old_l = old if isinstance(old, list) else []
    new_l = new if isinstance(new, list) else []
    out: list[Change] = []
    for raw_before, raw_after in _pairs(key, old_l, new_l, languages):
        before = _item(raw_before, lang, languages)
        after = _item(raw_after, lang, languages)
        item = after if after is not None else before
        assert item is not None
        shown = name(item)
        if key == "activities":
            shown = _when(item, lang)
        raw = raw_after if raw_after is not None else raw_before
        ident_default = ident(_item(raw, languages[0], languages) or {})
        anchor = str(ident_default) if key == "instruments" else ""
        what = f"{stem}:{ident_default!r}"
        if before is None:
            out.append(Change(kind, slug, f"wn_{stem}_added", shown, anchor, f"{what}:added"))
        elif after is None:
            out.append(Change(kind, slug, f"wn_{stem}_removed", shown, "", f"{what}:removed"))
        elif before != after:
            status = any(before.get(f) != after.get(f) for f in status_fields)
            rest = (before.keys() | after.keys()) - set(status_fields)
            if status:
                out.append(Change(kind, slug, f"wn_{stem}_status", shown, anchor, f"{what}:st"))
            if any(before.get(k) != after.get(k) for k in rest):
                out.append(
                    Change(kind, slug, f"wn_{stem}_updated", shown, anchor, f"{what}:updated")
                )
    return out


def _treaty_changes(slug: str, old: Any, new: Any, names: dict[str, str]) -> list[Change]:
    """Treaties by their key: a change of status, act or dates, or of notes and sources."""
    old_d = old if isinstance(old, dict) else {}
    new_d = new if isinstance(new, dict) else {}
    out: list[Change] = []
    for key in [*new_d, *(k for k in old_d if k not in new_d)]:
        before, after = old_d.get(key), new_d.get(key)
        before = before if isinstance(before, dict) else {}
        after = after if isinstance(after, dict) else {}
        if before == after:
            continue
        shown = names.get(str(key), str(key))
        rest = (before.keys() | after.keys()) - set(TREATY_STATUS)
        if any(before.get(f) != after.get(f) for f in TREATY_STATUS):
            out.append(Change("country", slug, "wn_treaty_status", shown, "", f"treaty:{key}:st"))
        if any(before.get(f) != after.get(f) for f in rest):
            out.append(Change("country", slug, "wn_treaty_updated", shown, "", f"treaty:{key}:up"))
    return out


def entry_changes(
    kind: str,
    slug: str,
    old: Any,
    new: Any,
    lang: str,
    languages: tuple[str, ...],
    treaty_names: dict[str, str] | None = None,
) -> list[Change]:
    """What changed in a country's or objective's YAML (`old`, `new`: the parsed files, None
    when absent), for a reader of `lang`."""
    if new is None and old is None:
        return []
    if old is None:
        return [Change(kind, slug, f"wn_{kind}_added", key="added")]
    if new is None:
        return [Change(kind, slug, "wn_removed", key="removed")]
    if not isinstance(old, dict) or not isinstance(new, dict):
        return [Change(kind, slug, "wn_details", key="details")]
    out: list[Change] = []
    details = False
    for key in [*new, *(k for k in old if k not in new)]:
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        if key in COLLECTIONS:
            out += _list_changes(kind, slug, key, was, now, lang, languages)
            continue
        was, now = view(was, lang, languages), view(now, lang, languages)
        if was == now:
            continue
        if key == "treaties" and kind == "country":
            out += _treaty_changes(slug, was, now, treaty_names or {})
        elif key == "reviewed" and now:
            out.append(Change(kind, slug, "wn_reviewed", key="reviewed"))
        else:
            details = True
    if details:
        out.append(Change(kind, slug, "wn_details", key="details"))
    return out


def programme_changes(old: Any, new: Any, lang: str, languages: tuple[str, ...]) -> list[Change]:
    """programme.yml: the portal's own names, treaties, themes and regions, as one sentence."""
    if old is None or view(old, lang, languages) == view(new, lang, languages):
        return []
    return [Change("programme", "", "wn_programme", key="programme")]


# -- the whole history ----------------------------------------------------------------------


def _entry_of(path: str) -> tuple[str, str, str] | None:
    """(kind, slug, file) of a content file: ('country', 'mali', 'country.yml')."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] not in ("countries", "objectives"):
        return None
    return ("country" if parts[0] == "countries" else "objective"), parts[1], parts[2]


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
_LAST: dict[tuple, Log] = {}


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
    c: Commit, data: Any, root: Path, lang: str, languages: tuple[str, ...], names: dict, log: Log
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
