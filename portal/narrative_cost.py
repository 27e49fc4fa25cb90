"""What a narrative may cost to render: the Markdown constructs whose work grows faster than
their bytes, capped (`check_cost`, part of `portal.narrative.check_markup`).

Python-Markdown searches a paragraph for links again at each '[', splits a block at each
heading or rule and scans the rest again, makes each heading's id unique by trying '_1',
'_2', ... in turn, and parses nested quotes again at each level; and every construct (a link,
a mark, a level, a row, a tag) costs tens of times what its bytes cost in prose. Each cap
names what it closes; `tools/bench_narratives.py` (in `make bench`) fills a whole narrative
with each construct at its cap and measures the worst against an ordinary narrative.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .problems import Problems

MAX_NARRATIVE_BYTES = 64_000  # the longest shipped narrative is about 12 kB
MAX_BRACKETS_PER_PARAGRAPH = 20  # Python-Markdown's link search is quadratic in '[' count
# Python-Markdown splits a block (lines between blank lines) at each heading or rule and scans
# the rest again: 12,000 '## h' lines without a blank line took 10 s, 'a' + '-' pairs 21 s.
MAX_SPLITS_PER_BLOCK = 20
# Each heading's id is made unique by trying '_1', '_2', ... in turn (Markdown's toc): 12,000
# headings of one text cost seconds. Nested quotes are parsed again at each level.
MAX_HEADINGS = 200
MAX_QUOTE_DEPTH = 4
MAX_TABLE_CELLS = 2000  # cells of every table of a narrative: each is parsed on its own
# Beyond those, each construct (a quote level, a list level, a heading, a rule, a cell, a '[',
# a tag) costs tens of times what its bytes cost in prose: a narrative has a budget of them
# (the shipped ones use 10 to 60), so that no narrative costs more than a few times another.
MAX_CONSTRUCTS = 1500
_CONSTRUCT_RE = re.compile(
    r"\[|<[A-Za-z/]|>|[*_~`]+|^[ \t]*(?:[-+] |\d+[.)] |#|\||(?:-[ \t]*){3,}$)", re.M
)
_INDENT_RE = re.compile(r"^(?: {4}|\t)+", re.M)


def construct_count(text: str) -> int:
    """What rendering `text` costs beyond its bytes: links, tags, quote levels, emphasis and
    code marks, list items, headings, rules and rows, and each level of indentation (a nested
    list's depth)."""
    indents = sum(len(m[0].expandtabs(4)) // 4 for m in _INDENT_RE.finditer(text))
    return len(_CONSTRUCT_RE.findall(text)) + indents


_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)|^[^\n]*\S[^\n]*\n {0,3}(?:=+|-+)[ \t]*$", re.M)
_QUOTE_RE = re.compile(r"^(?: {0,3}>){5,}", re.M)
_SPLIT_LINE_RE = re.compile(
    r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|([-*_])(?:[ \t]*\1){2,}[ \t]*$|[=-]+[ \t]*$)", re.M
)

_BLOCK_SPLIT_RE = re.compile(r"\n[ \t]*\n")
_ITEM_RE = re.compile(r"[ \t]*(?:[-*+][ \t]|\d+\.[ \t])")
_TABLE_RE = re.compile(
    r"[^\n]*\|[^\n]*\n[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*(?:\n|$)"
)


def _inline_units(blocks: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """(offset, text) of the stretches Python-Markdown searches for links as one: paragraphs,
    and in a block that starts as a list or a table, each item or row (a paragraph does not
    end at a line starting with '-' or '|', so only a block that starts as one is split)."""
    for start, block in blocks:
        if _ITEM_RE.match(block):
            yield from _items(block, start, _ITEM_RE)
        elif _TABLE_RE.match(block):  # a real table (header, then a |---| line): cell by cell
            yield from _items(block, start, re.compile(""))
        else:
            yield start, block


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each block: the lines between blank lines."""
    pos = 0
    for block in _BLOCK_SPLIT_RE.split(text):
        start = text.index(block, pos)
        pos = start + len(block)
        yield start, block


def _items(block: str, start: int, starts: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """The items of a list block (lines matching `starts` begin one), or a table's rows."""
    item: list[str] = []
    item_start = offset = start
    for line in block.split("\n"):
        if starts.match(line) and item:
            yield item_start, "\n".join(item)
            item, item_start = [], offset
        item.append(line)
        offset += len(line) + 1
    if item:
        yield item_start, "\n".join(item)


def check_cost(masked: str, rel: str, problems: Problems, line_of: Callable[[int], int]) -> None:
    """Report each cap `masked` (a narrative, front matter and autolinks blanked) exceeds."""
    blocks = list(_blocks(masked))  # split once, read by the caps below
    _block_caps(blocks, rel, problems, line_of)
    _whole_caps(masked, blocks, rel, problems, line_of)


def _block_caps(
    blocks: list[tuple[int, str]], rel: str, problems: Problems, line_of: Callable[[int], int]
) -> None:
    """The caps of a paragraph or a block: brackets, headings and rules without blank lines."""
    for start, unit in _inline_units(blocks):
        brackets = unit.count("[")  # escaped ones too: '\\[' is as slow to render
        if brackets > MAX_BRACKETS_PER_PARAGRAPH:
            problems.add(
                rel,
                "",
                f"a paragraph with {brackets} '[' (at most "
                f"{MAX_BRACKETS_PER_PARAGRAPH}) would take minutes to render; split it into "
                "shorter paragraphs or list items",
                line_of(start + len(unit) - len(unit.lstrip())),
            )
    for start, block in blocks:
        splits = len(_SPLIT_LINE_RE.findall(block))
        if splits > MAX_SPLITS_PER_BLOCK:
            problems.add(
                rel,
                "",
                f"{splits} headings or horizontal rules without a blank line between them (at "
                f"most {MAX_SPLITS_PER_BLOCK}) would take minutes to render; put a blank line "
                "after each heading and around each rule",
                line_of(start),
            )


def _whole_caps(
    masked: str,
    blocks: list[tuple[int, str]],
    rel: str,
    problems: Problems,
    line_of: Callable[[int], int],
) -> None:
    """The caps of the whole text: headings, constructs, table cells, quote depth."""
    headings = len(_HEADING_RE.findall(masked))
    if headings > MAX_HEADINGS:
        problems.add(
            rel,
            "",
            f"{headings} headings (at most {MAX_HEADINGS}) would take minutes to render; "
            "split the text into several pages",
            1,
        )
    constructs = construct_count(masked)
    if constructs > MAX_CONSTRUCTS:
        problems.add(
            rel,
            "",
            f"{constructs} Markdown constructs (links, list and quote levels, headings, cells, "
            f"tags; at most {MAX_CONSTRUCTS}) would take long to render; split the text into "
            "several pages",
            1,
        )
    cells = sum(block.count("|") for _, block in blocks if _TABLE_RE.match(block))
    if cells > MAX_TABLE_CELLS:
        problems.add(
            rel,
            "",
            f"tables with {cells} cells (at most {MAX_TABLE_CELLS} in a narrative) would take "
            "minutes to render; publish large tables as a linked file instead",
            1,
        )
    for m in _QUOTE_RE.finditer(masked):
        problems.add(
            rel,
            "",
            f"quotes nested more than {MAX_QUOTE_DEPTH} levels deep ('>' repeated) would take "
            "minutes to render; nest fewer levels",
            line_of(m.start()),
        )
        break
