"""Tables that read as cards on a phone: every body cell says which column it belongs to.

On a narrow screen `portal.css` lays each row of a `portal-table` out as a card: its first cell
is the card's title and every further cell is preceded by its column's heading, taken from the
cell's `data-label` attribute. The labels are written here, once per page, from the table's
own header row, so no template has to repeat a heading per cell and the cards need no
JavaScript (nothing moves once the page is shown).

Every page passes through here, and a catalogue page has thousands of cells: the tables are
found with `str.find`, and the cells of a body in one regular-expression pass.
"""

from __future__ import annotations

import html
import re

_OPENING = re.compile(r'<table\b[^>]*\bclass="portal-table\b[^"]*"[^>]*>')
_THEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.S)
_TBODY = re.compile(r"<tbody\b[^>]*>")
_PIECE = re.compile(r"<t([rdh])\b([^>]*)>")  # a row's start, or a cell's
_HEAD_CELL = re.compile(r"<t([hd])\b([^>]*)>(.*?)</t\1>", re.S)  # an empty corner is a <td>
_TAG = re.compile(r"<[^>]+>")
_SPAN = re.compile(r'\bcolspan="(\d+)"')


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _headings(thead: str) -> list[str]:
    """One heading per column (a heading spanning n columns is repeated n times)."""
    out: list[str] = []
    for _, attrs, inner in _HEAD_CELL.findall(thead):
        span = _SPAN.search(attrs)
        out.extend([_text(inner)] * (int(span.group(1)) if span else 1))
    return out


def _label_body(body: str, labels: list[str]) -> str:
    """`body` (a <tbody>'s rows) with each cell's column label added."""
    count = len(labels)
    column = 0

    def cell(m: re.Match[str]) -> str:
        nonlocal column
        kind, attrs = m.group(1, 2)
        if kind == "r":  # a row starts
            column = 0
            return m.group(0)
        here = column
        span = _SPAN.search(attrs) if "colspan" in attrs else None
        width = int(span.group(1)) if span else 1
        column += width
        # A cell across every column (an instrument's texts beneath its row) is no column's.
        across = span is not None and width >= count
        if here >= count or across or not labels[here] or "data-label=" in attrs:
            return m.group(0)
        return f"<t{kind}{attrs}{labels[here]}>"

    return _PIECE.sub(cell, body)


def _label_table(inner: str) -> str:
    """A portal table's content (between <table> and </table>), its body cells labelled."""
    thead = _THEAD.search(inner)
    if not thead:
        return inner
    labels = [
        f' data-label="{html.escape(h, quote=True)}"' if h else ""
        for h in _headings(thead.group(1))
    ]
    pieces: list[str] = []
    pos = 0
    while m := _TBODY.search(inner, pos):
        end = inner.find("</tbody>", m.end())
        if end < 0:
            break
        pieces += [inner[pos : m.end()], _label_body(inner[m.end() : end], labels)]
        pos = end
    pieces.append(inner[pos:])
    return "".join(pieces)


def label_cells(page: str) -> str:
    """Add `data-label="<column heading>"` to the body cells of every portal table."""
    if "portal-table" not in page:
        return page
    pieces: list[str] = []
    pos = 0
    while (at := page.find("<table", pos)) >= 0:
        opening = _OPENING.match(page, at)
        end = page.find("</table>", opening.end()) if opening else -1
        if opening is None or end < 0:
            pieces.append(page[pos : at + 6])
            pos = at + 6
            continue
        pieces += [page[pos : opening.end()], _label_table(page[opening.end() : end])]
        pos = end
    pieces.append(page[pos:])
    return "".join(pieces)
