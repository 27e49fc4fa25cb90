"""Tables that read as cards on a phone: every body cell says which column it belongs to.

On a narrow screen `portal.css` lays each row of a `portal-table` out as a card: its first cell
is the card's title and every further cell is preceded by its column's heading, taken from the
cell's `data-label` attribute. The labels are written here, once per page, from the table's
own header row, so no template has to repeat a heading per cell and the cards need no
JavaScript (nothing moves once the page is shown).
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r'(<table\b[^>]*\bclass="portal-table\b[^"]*"[^>]*>)(.*?)(</table>)', re.S)
_THEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.S)
_TBODY = re.compile(r"(<tbody\b[^>]*>)(.*?)(</tbody>)", re.S)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S)
_CELL_OPEN = re.compile(r"<(t[dh])\b([^>]*)>")
_HEAD_CELL = re.compile(r"<th\b([^>]*)>(.*?)</th>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPAN = re.compile(r'\bcolspan="(\d+)"')


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _headings(thead: str) -> list[str]:
    """One heading per column (a heading spanning n columns is repeated n times)."""
    out: list[str] = []
    for attrs, inner in _HEAD_CELL.findall(thead):
        span = _SPAN.search(attrs)
        out.extend([_text(inner)] * (int(span.group(1)) if span else 1))
    return out


def _label_row(row: str, headings: list[str]) -> str:
    column = 0
    pieces: list[str] = []
    last = 0
    for m in _CELL_OPEN.finditer(row):
        tag, attrs = m.group(1), m.group(2)
        pieces.append(row[last : m.start()])
        label = headings[column] if column < len(headings) else ""
        if label and "data-label=" not in attrs:
            attrs = f'{attrs} data-label="{html.escape(label, quote=True)}"'
        pieces.append(f"<{tag}{attrs}>")
        last = m.end()
        span = _SPAN.search(attrs)
        column += int(span.group(1)) if span else 1
    pieces.append(row[last:])
    return "".join(pieces)


def _label_table(match: re.Match) -> str:
    opening, inner, closing = match.groups()
    thead = _THEAD.search(inner)
    if not thead:
        return match.group(0)
    headings = _headings(thead.group(1))

    def body(m: re.Match) -> str:
        rows = _ROW.sub(
            lambda r: r.group(1) + _label_row(r.group(2), headings) + r.group(3), m.group(2)
        )
        return m.group(1) + rows + m.group(3)

    return opening + _TBODY.sub(body, inner) + closing


def label_cells(page: str) -> str:
    """Add `data-label="<column heading>"` to the body cells of every portal table."""
    if "portal-table" not in page:
        return page
    return _TABLE.sub(_label_table, page)
