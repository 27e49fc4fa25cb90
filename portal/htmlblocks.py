"""Finished HTML past Markdown.

Most of a generated page is HTML already: its tables, the glance, the map, written inside
`markdown="0"` blocks so that Markdown leaves them as they are. Python-Markdown still reads
every tag of such a block to find where it ends, and on a large portal that reading is most of
the time Markdown takes (a catalogue page of 700 rows: 6,000 tags).

The generator knows its blocks. A template marks one with the `html_block` filter, which
writes a marker where the block starts; `locate` removes the markers and keeps, for each
block (`Block`), where it stands (counted from the end of the page's text, which the engine
leaves as it is when it strips the front matter; mkdocs-static-i18n drops the last line
break), its first line, its length and its digest. Before Markdown, `hold` puts a
placeholder comment in its place, which Markdown passes through untouched; after Markdown,
`restore` puts the block back. A block is looked for at its own place only: a copy of it
elsewhere (in a narrative, a code span) is not taken, and a block that is not there
unchanged (the file was edited after it was generated) is simply left to Markdown. The
placeholders carry a secret drawn for each run, so text in a page cannot forge one; one that
Markdown escaped (a narrative's unclosed code fence swallowed the rest of the page) gets its
block escaped the same way, as Markdown would have shown it. The page's HTML is the same,
byte for byte, as if Markdown had read the blocks.
"""

from __future__ import annotations

import hashlib
import html
import re
import secrets
from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

_NONCE = secrets.token_hex(16)  # one per process: placeholders cannot be guessed by content
_PLACEHOLDER = re.compile(rf"(<|&lt;)!-- portal-html {_NONCE} (\d+) --(>|&gt;)")
_MARKER = re.compile(rf"\ue000{_NONCE} (\d+)\ue000")  # where a block starts, while rendering


@dataclass(frozen=True)
class Block:
    from_end: int  # where it starts, counted back from the end of the page's text
    head: str  # its first line
    length: int
    digest: bytes


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


@pass_context
def html_block(context: Context, value: Markup) -> Markup:
    """Jinja filter: `value` is finished HTML (a top-level `markdown="0"` block). In a page's
    render (one with an `html_blocks` list) it is noted there and preceded by a marker that
    says where it stands, for `locate`; elsewhere it is returned unchanged."""
    found = context.get("html_blocks")
    if found is None:
        return value
    found.append(str(value).strip("\n"))  # its lines, without those around it
    return Markup(f"\ue000{_NONCE} {len(found) - 1}\ue000") + value


def locate(page: str, found: list[str]) -> tuple[str, tuple[Block, ...]]:
    """The rendered page without the markers `html_block` wrote, and its blocks, each where
    its marker stood: the generator's own, whatever copy of one a narrative may hold."""
    pieces: list[str] = []
    starts: list[tuple[int, int]] = []  # (offset in the page without markers, block)
    pos = length = 0
    for m in _MARKER.finditer(page):
        pieces.append(page[pos : m.start()])
        length += m.start() - pos
        starts.append((length, int(m.group(1))))
        pos = m.end()
    if not starts:
        return page, ()
    pieces.append(page[pos:])
    clean = "".join(pieces)
    end = len(clean.rstrip())
    blocks = tuple(
        Block(end - at, found[i].split("\n", 1)[0], len(found[i]), _digest(found[i]))
        for at, i in starts
        if clean.startswith(found[i], at)  # not one with another block's marker inside
    )
    return clean, blocks


def hold(markdown: str, blocks: tuple[Block, ...]) -> tuple[str, list[str]]:
    """The Markdown with each block replaced by a placeholder, and the blocks held."""
    held: list[str] = []
    pieces: list[str] = []
    pos = 0
    end = len(markdown.rstrip())
    for block in blocks:
        at = end - block.from_end
        if (
            at < pos
            or not markdown.startswith(block.head, at)
            or _digest(markdown[at : at + block.length]) != block.digest
        ):
            continue
        pieces += [markdown[pos:at], f"<!-- portal-html {_NONCE} {len(held)} -->"]
        held.append(markdown[at : at + block.length])
        pos = at + block.length
    if not held:
        return markdown, held
    pieces.append(markdown[pos:])
    return "".join(pieces), held


def restore(text: str, held: list[str]) -> str:
    """The HTML with every placeholder replaced by the block it holds."""
    if not held:
        return text

    def block(m: re.Match[str]) -> str:
        index = int(m.group(2))
        if index >= len(held):
            return ""
        return held[index] if m.group(1) == "<" else html.escape(held[index], quote=False)

    return _PLACEHOLDER.sub(block, text)


def insert_after_title(html: str, block: str) -> str:
    """A page's HTML with `block` right under its first-level title (or at its top)."""
    end = html.find("</h1>")
    at = end + len("</h1>") if end >= 0 else 0
    return html[:at] + "\n" + block + "\n" + html[at:]
