"""Text written into Markdown for GitHub (a job summary): what editors and pull requests
wrote (values, messages, file names) is shown as text, never read as markup, a link or HTML.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_RUN = re.compile(r"`+")


def text(value: str) -> str:
    """`value` as Markdown text: its markup characters escaped, on one line."""
    value = _CONTROL.sub(" ", value)
    for char in "\\`*[]<>|":
        value = value.replace(char, "\\" + char)
    return value


def code(value: str) -> str:
    """`value` as a Markdown code span, whatever backticks it holds (CommonMark: a span's
    fence is a run of backticks longer than any inside it), on one line."""
    value = _CONTROL.sub(" ", value)
    fence = "`" * (max((len(m) for m in _RUN.findall(value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"
