"""Wording of reader-facing texts: process words, a portal's glossary and the status rule.

Readers need what is known, from whom and as of when; how the editors got there belongs in
the folder's NOTES.md. Three smells are reported as warnings (`make check STRICT=1` fails on
them), with the file, line, field and what to write instead:

- process words: phrases that speak of the editing process ("could not be read"). Each
  language's list ships in `portal/labels/glossary.<lang>.yml`; a portal's own
  `labels/glossary.<lang>.yml` adds phrases, or turns one off with `ignore: true`;
- terms: one word per thing. A portal's own glossary lists, per language, the preferred term
  and its non-preferred variants, with `except:` for longer phrases quoted as they are (an
  official title that uses a variant);
- status: an instrument whose period has ended and that is still "adopted" or "in force"
  needs a note saying which source states it (extended, replaced, still applied).

Every text of a country's or objective's YAML file, every narrative and every page of docs/
is read; original titles (quoted as published) are not texts for readers to translate and
are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import i18n, safety, yamlio
from .model import plain
from .problems import Problems
from .schema.base import describe

if TYPE_CHECKING:
    from .content import Content, Entry
    from .model import Country

FILE = "glossary.{lang}.yml"
ENDED_STATUSES = ("adopted", "in-force")


@dataclass(frozen=True)
class Rule:
    """One phrase to avoid in one language, and what to write instead."""

    phrase: str
    instead: str
    kind: str  # "process" or "term"
    allowed: tuple[str, ...] = ()  # longer phrases in which the phrase is fine


@dataclass(frozen=True)
class Matcher:
    rules: tuple[Rule, ...]
    pattern: re.Pattern[str] | None
    allowed: re.Pattern[str] | None

    def find(self, text: str) -> list[tuple[int, Rule]]:
        """(line, rule) of each phrase found in `text`, outside the allowed phrases; the
        line is counted from 1 at the text's start."""
        if self.pattern is None:
            return []
        folded = fold(text)
        spared = [m.span() for m in self.allowed.finditer(folded)] if self.allowed else []
        by_phrase = {fold(r.phrase): r for r in self.rules}
        out = []
        for m in self.pattern.finditer(folded):
            rule = by_phrase[m.group(0)]
            if any(a <= m.start() and m.end() <= b for a, b in spared):
                continue
            out.append((folded.count("\n", 0, m.start()) + 1, rule))
        return out


def fold(text: str) -> str:
    """Text as phrases are compared: case-folded, without Arabic vowel marks and tatweel (an
    editor writes تعذّر or تعذر). Newlines stay where they were, so lines can be counted."""
    kept = "".join(c for c in text if not ("\u064b" <= c <= "\u065f" or c in "\u0670\u0640"))
    return unicodedata.normalize("NFC", kept).casefold()


def _alternation(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    body = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    # A phrase is not part of a longer word: "editor" is not found in "editorial".
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def matcher(rules: list[Rule]) -> Matcher:
    allowed = [fold(a) for r in rules for a in r.allowed]
    return Matcher(
        tuple(rules), _alternation([fold(r.phrase) for r in rules]), _alternation(allowed)
    )


# -- reading the lists ---------------------------------------------------------------------------


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return list(value)
    return None


def _read(path: Path, rel: str, problems: Problems) -> dict[str, Rule | None]:
    """One glossary file: phrase -> rule (None turns a package phrase off)."""
    loaded = yamlio.load_yaml(path, rel, problems)
    if loaded is None or loaded.data is None:
        return {}
    data = loaded.data
    if not isinstance(data, dict) or set(data) - {"process_words", "terms"}:
        problems.add(
            rel,
            "",
            "expected a mapping with `process_words:` and/or `terms:`, got "
            + (describe(data) if not isinstance(data, dict) else ", ".join(map(str, data))),
        )
        return {}
    out: dict[str, Rule | None] = {}
    for i, item in enumerate(data.get("process_words") or []):
        where = f"process_words[{i}]"
        ok = isinstance(item, dict) and isinstance(item.get("phrase"), str)
        if ok and item.get("ignore") is True:
            out[item["phrase"]] = None
        elif ok and isinstance(item.get("instead"), str):
            out[item["phrase"]] = Rule(item["phrase"], item["instead"], "process")
        else:
            problems.add(
                rel,
                where,
                "expected {phrase: <words to avoid>, instead: <what to write>} "
                f"(or ignore: true), got {describe(item)}",
                line=loaded.line(where),
            )
    for i, item in enumerate(data.get("terms") or []):
        where = f"terms[{i}]"
        use = item.get("use") if isinstance(item, dict) else None
        variants = _strings(item.get("not")) if isinstance(item, dict) else None
        allowed = _strings(item.get("except", [])) if isinstance(item, dict) else None
        if not isinstance(use, str) or not variants or allowed is None:
            problems.add(
                rel,
                where,
                "expected {use: <preferred term>, not: [<variants>], except: [<phrases "
                f"quoted as published>]}} (except is optional), got {describe(item)}",
                line=loaded.line(where),
            )
            continue
        for variant in variants:
            out[variant] = Rule(variant, f"write {use!r} ({rel})", "term", tuple(allowed))
    return out


def rules(root: Path, lang: str, problems: Problems) -> list[Rule]:
    """The package's list for `lang`, then the portal's own, which adds and turns off."""
    merged: dict[str, Rule | None] = {}
    package = i18n.LABELS_DIR / FILE.format(lang=lang)
    if package.is_file():
        merged.update(_read(package, f"portal/labels/{package.name}", problems))
    own = root / "labels" / FILE.format(lang=lang)
    if own.is_file():
        merged.update(_read(own, f"labels/{own.name}", problems))
    return [r for r in merged.values() if r is not None]


# -- the checks ----------------------------------------------------------------------------------


def _texts(value: Any, path: str, languages: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    """(field path, language, text) of every text for readers in a validated YAML value."""
    if isinstance(value, dict):
        if (
            value
            and set(value) <= set(languages)
            and all(isinstance(v, str) for v in value.values())
        ):
            for lang, text in value.items():
                yield f"{path}.{lang}", lang, text
            return
        for key, sub in value.items():
            yield from _texts(sub, f"{path}.{key}" if path else str(key), languages)
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _texts(sub, f"{path}[{i}]", languages)


def _say(rule: Rule) -> str:
    if rule.kind == "term":
        return f"{rule.phrase!r} is not this portal's term: {rule.instead}"
    return (
        f"{rule.phrase!r} speaks of the editing process, not to readers: {rule.instead}; how the "
        "editors got there goes in the folder's NOTES.md"
    )


def _report(problems: Problems, file: str, field: str, line: int | None, rule: Rule) -> None:
    problems.add(file, field, _say(rule), line=line, severity="warning")


_URL = re.compile(r"https?://\S+")
# Fields of sentences for readers, where an address shows as text, not as a link (names and
# titles are what a source publishes, quoted as they are).
RUNNING_TEXT = ("note", "summary", "status_note", "languages_note")


def _field_name(path: str) -> str:
    """'instruments[0].note.en' -> 'note'."""
    parts = re.sub(r"\[\d+\]", "", path).split(".")
    return parts[-2] if len(parts) > 1 else parts[0]


def _check_entry(entry: Entry[Any], matchers: dict[str, Matcher], content: Content) -> None:
    languages = content.settings.languages
    problems = content.problems
    for field, lang, text in _texts(plain(entry.data), "", languages):
        line = entry.lines.line(field) if entry.lines else None
        for rule in dict.fromkeys(r for _, r in matchers[lang].find(text)):
            _report(problems, entry.meta_file, field, line, rule)
        if _URL.search(text) and _field_name(field) in RUNNING_TEXT:
            problems.add(
                entry.meta_file,
                field,
                "a web address in running text is not a link for readers: put it in the "
                "item's `source:`/`sources:` and name the page in the text",
                line=line,
                severity="warning",
            )
    for lang, text in entry.narratives.items():
        file = entry.narrative_file(lang, languages[0])
        for line, rule in dict.fromkeys(matchers[lang].find(text)):
            _report(problems, file, "", line, rule)
    if entry.kind == "country":
        _check_statuses(entry, content)


def _check_statuses(entry: Entry[Country], content: Content) -> None:
    this_year = content.settings.today.year
    for i, item in enumerate(entry.data.instruments):
        end, status = item.end, item.status
        if end is not None and end < this_year and status in ENDED_STATUSES and not item.note:
            where = f"instruments[{i}].status"
            content.problems.add(
                entry.meta_file,
                where,
                f"its period ended in {end} but its status is {status!r}: write 'expired', "
                "or keep it with a note naming the source that says it was extended or "
                "is still applied",
                line=entry.lines.line(where) if entry.lines else None,
                severity="warning",
            )


def _check_docs(root: Path, matchers: dict[str, Matcher], content: Content) -> None:
    languages = content.settings.languages
    for path in sorted((root / "docs").glob("*.md")):
        parts = path.name.split(".")
        lang = parts[1] if len(parts) == 3 else languages[0]
        if lang not in matchers or path.is_symlink() or not path.is_file():
            continue  # another language or a refused file: the other checks report it
        if path.stat().st_size > safety.MAX_NARRATIVE_BYTES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for line, rule in dict.fromkeys(matchers[lang].find(text)):
            _report(content.problems, f"docs/{path.name}", "", line, rule)


def check(root: Path, content: Content) -> None:
    """Add a warning for each process word, non-preferred term and ended status found."""
    matchers = {
        lang: matcher(rules(root, lang, content.problems)) for lang in content.settings.languages
    }
    for entry in content.entries:
        _check_entry(entry, matchers, content)
    _check_docs(root, matchers, content)
