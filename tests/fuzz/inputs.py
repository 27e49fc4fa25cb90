"""Every text field of every input kind, found by walking the schema (portal/schema): a field
added to the schema is fuzzed without a change here."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from portal.schema import COUNTRY, OBJECTIVE, PROGRAMME
from portal.schema.base import Type
from portal.schema.structure import KeyedBy, ListOf, Object
from portal.schema.types import Str, Text, Url

MISSING = object()
Draw = Callable[[str], str]  # field path -> hostile text


@dataclass
class Written:
    """A value written into a YAML file, with what stood there before."""

    file: str
    path: tuple[Any, ...]
    before: Any


def _texts(kind: Type) -> bool:
    return isinstance(kind, (Str, Text, Url))


def _fill(obj: Object, data: dict, path: tuple, langs: tuple[str, ...], draw: Draw, out: list):
    for name, spec in obj.fields.items():
        here, kind = (*path, name), spec.type
        label = ".".join(str(p) for p in here)
        if _texts(kind):
            value: Any = {lang: draw(f"{label}.{lang}") for lang in langs}
            if not isinstance(kind, Text):
                value = draw(label)
            out.append((here, data.get(name, MISSING)))
            data[name] = value
        elif isinstance(kind, Object):
            inner = data.setdefault(name, {}) if isinstance(data.get(name), dict) else None
            if inner is None:
                inner = data[name] = {}
            _fill(kind, inner, here, langs, draw, out)
        elif isinstance(kind, ListOf) and isinstance(kind.item, Object):
            for i, item in enumerate(data.get(name) or []):
                if isinstance(item, dict):
                    _fill(kind.item, item, (*here, i), langs, draw, out)
        elif isinstance(kind, ListOf) and _texts(kind.item) and data.get(name):
            out.append((here, data[name]))
            data[name] = [draw(f"{label}[0]"), *data[name][1:]]
        elif isinstance(kind, KeyedBy):
            for key, item in (data.get(name) or {}).items():
                if isinstance(item, dict):
                    _fill(kind.item, item, (*here, key), langs, draw, out)


SCHEMAS = {"programme.yml": PROGRAMME, "country.yml": COUNTRY, "objective.yml": OBJECTIVE}


def yaml_files(root: Path) -> list[Path]:
    return [
        root / "programme.yml",
        *sorted(root.glob("countries/*/country.yml")),
        *sorted(root.glob("objectives/*/objective.yml")),
    ]


def fuzz_yaml(root: Path, path: Path, langs: tuple[str, ...], draw: Draw) -> list[Written]:
    """Every text field of one YAML file (at every depth) replaced by `draw`'s payloads."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: list[tuple[tuple, Any]] = []
    rel = path.relative_to(root).as_posix()
    _fill(SCHEMAS[path.name], data, (), langs, lambda f: draw(f"{rel}:{f}"), found)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [Written(rel, p, before) for p, before in found]


def _set(data: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    if value is MISSING:
        data.pop(path[-1], None)
    else:
        data[path[-1]] = value


_PROBLEM = re.compile(r"^(\S+?\.(?:yml|md))(?::\d+)?: (?:warning: )?(\S+?)?:? ", re.M)


def _field_path(text: str) -> tuple:
    return tuple(
        int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", text.strip(".[]")) if p
    )


def restore_refused(root: Path, written: list[Written], report: str) -> int:
    """Put back the values the check refused (each named by its file and field in `report`),
    so the next build holds every hostile value the check accepts. Returns how many."""
    refused: dict[str, set[tuple]] = {}
    for m in _PROBLEM.finditer(report):
        refused.setdefault(m[1], set()).add(_field_path(m[2] or ""))
    back = [
        w
        for w in written
        if w.file in refused and any(r[: len(w.path)] == w.path or r == () for r in refused[w.file])
    ]
    for file in {w.file for w in back}:
        path = root / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for w in back:
            if w.file == file:
                _set(data, w.path, w.before)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    for w in back:
        written.remove(w)
    return len(back)


def narratives(root: Path) -> list[Path]:
    return [
        *sorted(root.glob("countries/*/index*.md")),
        *sorted(root.glob("objectives/*/index*.md")),
        *sorted(root.glob("docs/*.md")),
    ]


def fuzz_narrative(path: Path, draw: Draw, label: str) -> None:
    """Hostile paragraphs, a heading and list items after the narrative's own text; a docs
    page's front matter title and description too."""
    text = path.read_text(encoding="utf-8")
    lines = [
        "",
        draw(f"{label}:paragraph"),
        "",
        f"## {draw(f'{label}:heading')}",
        "",
        f"- {draw(f'{label}:item')}",
        f"- [{draw(f'{label}:link text')}](https://example.org/)",
        "",
        f"| {draw(f'{label}:cell')} | b |",
        "|---|---|",
        f"| {draw(f'{label}:cell2')} | c |",
        "",
    ]
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(lines), encoding="utf-8")


def fuzz_front_matter(path: Path, draw: Draw, label: str) -> None:
    text = path.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    meta = {"title": draw(f"{label}:title"), "description": draw(f"{label}:description")}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def fuzz_first_heading(path: Path, draw: Draw, label: str) -> None:
    """A page without a front-matter title: its title comes from its first heading."""
    text = path.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    path.write_text(f"# {draw(f'{label}:h1')}\n\n{body}", encoding="utf-8")


_LINE = re.compile(r"^(\S+?\.md):(\d+): ", re.M)


def blank_refused_lines(root: Path, report: str) -> int:
    """Empty the narratives' lines the check named (the next round checks the rest)."""
    named: dict[str, set[int]] = {}
    for m in _LINE.finditer(report):
        named.setdefault(m[1], set()).add(int(m[2]))
    for rel, numbers in named.items():
        path = root / rel
        if not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        for n in numbers:
            if 0 < n <= len(lines):
                lines[n - 1] = ""
        path.write_text("\n".join(lines), encoding="utf-8")
    return sum(len(n) for n in named.values())


def fuzz_labels(root: Path, lang: str, draw: Draw) -> None:
    """labels/<lang>.yml overriding every label: the payload, then the label's own text (its
    placeholders kept)."""
    default = yaml.safe_load((Path(__file__).parents[2] / "portal/labels/en.yml").read_text())
    own = yaml.safe_load(
        (Path(__file__).parents[2] / f"portal/labels/{lang}.yml").read_text(encoding="utf-8")
    )
    out: dict[str, Any] = {}
    for key in default:
        value = own.get(key, default[key])
        if isinstance(value, str):
            out[key] = f"{draw(f'labels/{lang}.yml:{key}')} {value}"
        elif isinstance(value, dict):
            out[key] = {k: f"{draw(f'labels/{lang}.yml:{key}.{k}')} {v}" for k, v in value.items()}
    (root / "labels").mkdir(exist_ok=True)
    (root / "labels" / f"{lang}.yml").write_text(
        yaml.safe_dump(out, allow_unicode=True), encoding="utf-8"
    )


def fuzz_meta_lines(path: Path, draw: Draw, label: str) -> None:
    """MultiMarkdown-style `key: value` lines at the top of a page, without `---` fences:
    MkDocs reads them as metadata too."""
    text = path.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    lines = [
        f"title: {draw(f'{label}:meta title')}".replace("\n", " "),
        "template: redirect.html",
        f"location: {draw(f'{label}:meta location')}".replace("\n", " "),
    ]
    path.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
