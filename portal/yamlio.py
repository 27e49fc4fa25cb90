"""Reading editors' YAML: safe loader only, bounded, with the line of every field.

The loader refuses what has no place in content files (anchors and aliases, which also make
"billion laughs" bombs possible; Python tags, which the safe loader already refuses; files
larger than a content file can reasonably be) and reports the line of each field so that a
validation message can point the editor at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .files import regular_file
from .problems import Problems

MAX_BYTES = 1_000_000  # the largest shipped country file is about 10 kB
MAX_DEPTH = 20  # country files nest 4 levels; deeper input would exhaust Python's stack


@dataclass
class Loaded:
    data: Any
    lines: dict[str, int] = field(default_factory=dict)  # field path -> 1-based line

    def line(self, path: str) -> int | None:
        # The nearest enclosing field that has a line: "instruments[2].year" falls back to
        # "instruments[2]", then "instruments".
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.lines.get("", 1)


class _Checks(yaml.composer.Composer):
    """What the composer refuses before anything is built: nesting deeper than MAX_DEPTH and
    aliases (and so alias bombs). Mixed in before a parser, which gives the events."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        events: Any = self  # the parser's methods (peek_event, check_event) come from the mix
        if self.depth >= MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                None,
                None,
                f"values are nested more than {MAX_DEPTH} levels deep; content files need a "
                "few levels only (check the indentation)",
                events.peek_event().start_mark,
            )
        if events.check_event(yaml.AliasEvent):
            event = events.peek_event()
            raise yaml.MarkedYAMLError(
                None,
                None,
                "anchors and aliases (&name, *name) are not allowed in content files; "
                "write the value out in full",
                event.start_mark,
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_Checks, yaml.SafeLoader):
    """SafeLoader that refuses aliases (and so alias bombs) before anything is built.

    Dates stay strings (no implicit timestamps): the schema checks them, so `2016-13-45`
    becomes a clear message instead of a crash inside the YAML library.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


try:  # libyaml, when PyYAML was built with it
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - then _compose_fast is never used
    _Parser = yaml.parser.Parser  # type: ignore[assignment,misc]


class _FastLoader(
    _Checks,
    yaml.composer.Composer,
    _Parser,
    yaml.constructor.SafeConstructor,
    yaml.resolver.Resolver,
):
    """libyaml's parser (C, several times faster than the Python scanner and parser) under
    the Python composer with `_Loader`'s checks: nesting depth and aliases are refused before
    anything deep or shared is built, as with `_Loader`. libyaml's own composer is not used:
    it recurses in C, with no depth limit."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


def _compose_fast(text: str) -> yaml.Node | None:
    """The file's node tree through libyaml; None when the file has an error (or PyYAML has
    no libyaml), so that `_Loader` reports it in its own words."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _join(base: str, key: object) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else str(key)


def _walk(node: yaml.Node, path: str, lines: dict[str, int], rel: str, problems: Problems) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.add(
                    rel,
                    _join(path, key),
                    f"duplicate key {key!r} (first at line {seen[key]}); "
                    "keep one and delete the other",
                    line,
                )
            seen[key] = line
            _walk(value_node, _join(path, key), lines, rel, problems)
            lines[_join(path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, _join(path, i), lines, rel, problems)


def _text(path: Path, rel: str, problems: Problems) -> str | None:
    """The file's text: a regular file, not too large, UTF-8 (a byte-order mark dropped), not
    empty; else a problem and None."""
    info = regular_file(path, rel, problems)
    if info is None:
        return None  # a link or special file (safety.check_tree reports it), or unreadable
    size = info.st_size
    if size > MAX_BYTES:
        problems.add(
            rel,
            "",
            f"is {size:,} bytes; content files may be at most {MAX_BYTES:,} bytes. "
            "Split long text into the Markdown narrative instead",
        )
        return None
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark is harmless: editors' tools add it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        at_line = raw[: e.start].count(b"\n") + 1
        problems.add(
            rel,
            "",
            f"is not valid UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start}); "
            "save the file as UTF-8",
            at_line,
        )
        return None
    if not text.strip():
        problems.add(rel, "", "is empty; it must hold a YAML mapping of fields")
        return None
    return text


def _syntax_error(e: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """What an editor reads of a syntax error, and the line where the fix goes."""
    mark = e.problem_mark or e.context_mark
    detail = e.problem or e.context or "invalid YAML"
    end = len(text.rstrip())
    opened = e.context_mark
    if mark and mark.index >= end and opened and opened.index < end:
        # The file ended inside something opened earlier ({, [ or a quote): the line
        # that opened it is where the fix goes, not the end of the file.
        mark = opened
        detail = f"{e.context} opened here and never closed ({detail})"
    elif mark and mark.index >= end:
        detail = f"{detail} at the end of the file"
    rows = text.splitlines()
    line, col = None, ""
    if mark and mark.line >= len(rows):  # past the last line: name the last
        line = len(rows)
    elif mark:
        line, col = mark.line + 1, f", column {mark.column + 1}"
    bad_line = rows[mark.line] if mark and mark.line < len(rows) else ""
    if "\t" in bad_line:
        detail = f"{detail} (YAML forbids tabs for indentation; use spaces)"
    elif "block end" in str(detail) or "mapping values are not allowed" in str(detail):
        detail = (
            f"{detail} (check the indentation: a field lines up with the fields beside it, "
            "two spaces further in than the field it belongs to)"
        )
    return f"YAML syntax error{col}: {detail}", line


def _compose(text: str, rel: str, problems: Problems) -> yaml.Node | None:
    """The file's node tree (the fast composer, else PyYAML's with its error marks)."""
    node = _compose_fast(text)
    if node is not None:
        return node
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        message, line = _syntax_error(e, text)
        problems.add(rel, "", message, line)
        return None
    except yaml.YAMLError as e:
        problems.add(rel, "", f"YAML error: {e}")
        return None
    finally:
        loader.dispose()
    if node is None:
        problems.add(rel, "", "is empty; it must hold a YAML mapping of fields")
    return node


def _construct(node: yaml.Node, rel: str, problems: Problems) -> Any:
    constructor = _Loader("")
    try:
        return constructor.construct_document(node)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        detail = str(getattr(e, "problem", None) or e)
        if "could not determine a constructor" in detail:
            tag = detail.split("tag ", 1)[-1]
            detail = (
                f"the tag {tag} is not allowed in content files (tags such as !!python/... "
                "could run code); remove it and write plain values"
            )
        problems.add(rel, "", f"YAML error: {detail}", mark.line + 1 if mark else None)
        return _FAILED


_FAILED = object()


def load_yaml(path: Path, rel: str, problems: Problems) -> Loaded | None:
    """Load one YAML file; on failure add a problem and return None."""
    text = _text(path, rel, problems)
    node = _compose(text, rel, problems) if text is not None else None
    if node is None:
        return None
    lines: dict[str, int] = {}
    before = len(problems.items)
    _walk(node, "", lines, rel, problems)
    if len(problems.items) > before:
        return None
    data = _construct(node, rel, problems)
    return None if data is _FAILED else Loaded(data, lines)


def load_text(text: str) -> Any:
    """The data of a YAML text that is not a file of the tree (an earlier version, read from
    git history), read as a content file is (size, aliases, duplicate keys, safe tags only).
    None when it breaks any rule or is not YAML: the caller says what it cannot read."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        return None
    text = text.removeprefix("\ufeff")
    problems = Problems()
    try:
        node = _compose(text, "", problems) if text.strip() else None
        if node is None:
            return None
        _walk(node, "", {}, "", problems)
        data = _construct(node, "", problems) if not problems.items else _FAILED
    except RecursionError:
        return None
    return None if data is _FAILED else data
