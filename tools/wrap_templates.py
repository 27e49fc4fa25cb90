"""Wrap the templates' long lines without changing a byte of what they render.

    python tools/wrap_templates.py [--check] [--width 120] FILE...

A line longer than `--width` is broken where a line break means nothing to Jinja: at a space
inside a `{{ … }}`, `{% … %}` or `{# … #}` tag (outside its string literals), else between
two HTML tags through an empty comment `{#↵#}`. Output stays byte-identical (tools/same_build.py
proves it on the shipped portal and the fixtures); golden-file diffs become readable.
`--check` lists the files that have a line too long and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

OPEN = ("{{", "{%", "{#")
CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}
INDENT = "  "


def _breaks(line: str) -> list[tuple[int, str]]:
    """(position, how) where the line may break: 'space' (a space inside a tag, outside a
    string: replaced by a line break) or 'gap' (between '>' and '<' in text: an empty comment
    holding the line break goes there)."""
    found: list[tuple[int, str]] = []
    i, tag, quote = 0, "", ""
    while i < len(line):
        two = line[i : i + 2]
        if not tag:
            if two in OPEN and not line.startswith("{% raw", i):
                tag = two
                i += 2
                continue
            if line[i] == ">" and line[i + 1 : i + 2] == "<":
                found.append((i + 1, "gap"))
        elif quote:
            if line[i] == "\\":
                i += 2
                continue
            if line[i] == quote:
                quote = ""
        elif line[i] in "'\"" and tag != "{#":
            quote = line[i]
        elif two == CLOSE[tag]:
            tag = ""
            i += 2
            continue
        elif line[i] == " " and tag != "{#":
            # The space right after '{{' or '{%' reads best as a break: the tag's words
            # start the next line.
            found.append((i, "open" if line[i - 2 : i] in OPEN else "space"))
        i += 1
    return found


def wrap(line: str, width: int) -> str:
    """The line broken into pieces of at most `width` characters where it can be."""
    if len(line) <= width or "{% raw" in line:
        return line
    candidates = _breaks(line)
    chosen: list[tuple[int, str]] = []
    start, lead = 0, 0  # where the current piece starts, what precedes it on its line
    while len(line) - start + lead > width:
        limit = start + width - lead - 2  # room for the '{#' of a gap
        usable = [c for c in candidates if start < c[0] <= limit]
        preferred = [c for c in usable if c[1] == "open" and c[0] > start + width // 3]
        usable = preferred[-1:] or usable[-1:] or [c for c in candidates if c[0] > start][:1]
        if not usable:
            break
        at, how = usable[0]
        chosen.append((at, how))
        start, lead = (at, len(INDENT) + 2) if how == "gap" else (at + 1, len(INDENT))
    out, done = [], 0
    for at, how in chosen:
        out.append(line[done:at])
        out.append("{#\n" + INDENT + "#}" if how == "gap" else "\n" + INDENT)
        done = at if how == "gap" else at + 1
    out.append(line[done:])
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    long_files = []
    for path in args.files:
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        if args.check:
            if any(len(line) > args.width for line in lines):
                long_files.append(path)
            continue
        wrapped = "\n".join(wrap(line, args.width) for line in lines)
        if wrapped != text:
            path.write_text(wrapped, encoding="utf-8")
            print(f"wrapped {path}")
    for path in long_files:
        print(f"{path}: a line is longer than {args.width} characters")
    return 1 if long_files else 0


if __name__ == "__main__":
    sys.exit(main())
