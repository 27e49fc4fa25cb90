"""A portal's own labels files (`labels/<lang>.yml`), checked with the content (build.load).

The package's six files are checked by its tests; a portal's own file (a seventh language, or
overrides) is written by the portal's maintainers and read by every page: a misspelt key
would be silently ignored, a lost `{placeholder}` would stop the build with a traceback. Each
problem is reported with the file, the line and the label, like a content problem.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

from . import i18n, paths, yamlio
from .problems import Problems
from .schema.base import CONTROL_RE, INVISIBLE_RE, describe, did_you_mean, markup_problem

_PLACEHOLDER = re.compile(r"{(\w+)}")
MAX_LABEL = 400  # the longest shipped label is about 200 characters


def text_problem(text: str, wanted: set[str]) -> str | None:
    """What is wrong with one label text, or None: markup, control characters, length, or
    {placeholders} other than `wanted` (each a bare name: no format spec, conversion,
    attribute or index, which could pad a page to megabytes or reach into Python objects)."""
    if len(text) > MAX_LABEL:
        return f"expected at most {MAX_LABEL} characters, got {len(text)}"
    if CONTROL_RE.search(text) or INVISIBLE_RE.search(text):
        return "expected text on one line without control or invisible direction characters"
    problem = markup_problem(text)
    if problem:
        return f"{problem}; got {text!r}"
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        fields = [("", "?", "", None)]  # an unmatched brace
    names = set()
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if not re.fullmatch(r"[A-Za-z_]\w*", name) or spec or conversion:
            names.add("?")
        names.add(name)
    if names != wanted:
        listed = ", ".join(f"{{{p}}}" for p in sorted(wanted)) or "none"
        return (
            f"expected the placeholders {listed} (as in portal/labels/en.yml), each written "
            f"as {{name}} alone, and '{{' or '}}' nowhere else; got {text!r}"
        )
    return None


def _forms(value: Any) -> list[str] | None:
    """A label's texts (one, or one per plural category); None when it is neither."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return list(value.values())
    return None


def check(root: Path, languages: tuple[str, ...], problems: Problems) -> None:
    """Add a problem for each language without labels and each wrong label of the portal's
    own labels files (labels/<lang>.yml)."""
    words = i18n.Labels(root / paths.LABELS, (), languages[0])
    # A new language's labels are best translated from the default language's.
    model = languages[0] if (i18n.LABELS_DIR / f"{languages[0]}.yml").is_file() else "en"
    for lang in languages:
        if not words.files(lang):
            problems.add(
                f"labels/{lang}.yml",
                "",
                f"is missing: mkdocs.yml lists the language {lang!r}, which has no interface "
                f"labels; copy portal/labels/{model}.yml to labels/{lang}.yml and translate "
                "its values",
            )
    english = i18n.read_labels(i18n.LABELS_DIR / "en.yml")
    for lang in languages:
        path = root / "labels" / f"{lang}.yml"
        if path.is_file():
            check_file(path, f"labels/{lang}.yml", english, problems)
            if not (i18n.LABELS_DIR / f"{lang}.yml").is_file():
                _complete(path, f"labels/{lang}.yml", english, problems)


def _complete(path: Path, rel: str, english: dict[str, Any], problems: Problems) -> None:
    """A language the generator does not ship is all the portal's own file: every label
    there, or its readers read some words in another language (a status, a sentence)."""
    own = i18n.read_labels(path)
    missing = [key for key in english if key not in (own if isinstance(own, dict) else {})]
    if missing:
        problems.add(
            rel,
            "",
            f"lacks {len(missing)} label(s) of portal/labels/en.yml, which its readers would "
            f"read in another language: {', '.join(missing)}; translate and add them",
        )


def check_file(path: Path, rel: str, english: dict[str, Any], problems: Problems) -> None:
    """Add a problem for each label of one file that `english` (the complete set, from
    portal/labels/en.yml) does not have, or has with other placeholders."""
    loaded = yamlio.load_yaml(path, rel, problems)
    if loaded is None:
        return
    if not isinstance(loaded.data, dict):
        problems.add(rel, "", f"expected a mapping of labels, got {describe(loaded.data)}")
        return
    for key, value in loaded.data.items():
        line = loaded.line(str(key))
        if key not in english:
            hint = did_you_mean(str(key), tuple(english))
            problems.add(rel, str(key), f"is not a label of the portal{hint}", line)
            continue
        forms = _forms(value)
        if forms is None:
            problems.add(
                rel,
                str(key),
                "expected a text, or texts by plural category like "
                f'{{one: "...", other: "..."}}, got {describe(value)}',
                line,
            )
            continue
        if isinstance(value, dict):
            unknown = sorted(set(value) - set(i18n.PLURAL_CATEGORIES))
            if unknown or "other" not in value:
                problems.add(
                    rel,
                    str(key),
                    "plural categories are "
                    f"{', '.join(i18n.PLURAL_CATEGORIES)}, with 'other' required; got "
                    f"{', '.join(map(str, value))}",
                    line,
                )
                continue
        wanted = {p for form in _forms(english[key]) or [] for p in _PLACEHOLDER.findall(form)}
        for form in forms:
            problem = text_problem(form, wanted)
            if problem:
                problems.add(rel, str(key), problem, line)
                break
