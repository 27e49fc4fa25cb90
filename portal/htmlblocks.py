"""Finished HTML past Markdown.

Most of a generated page is HTML already: its tables, the glance, the map, written inside
`markdown="0"` blocks so that Markdown leaves them as they are. Python-Markdown still reads
every tag of such a block to find where it ends, and on a large portal that reading is most of
the time Markdown takes (a catalogue page of 700 rows: 6,000 tags).

The generator knows its blocks. A template marks one with the `html_block` filter; the page
keeps, for each, where it starts, its length and its digest (`Block`). Before Markdown,
`hold` puts a placeholder comment in its place, which Markdown passes through untouched;
after Markdown, `restore` puts the block back. The page's HTML is the same, byte for byte, as
if Markdown had read it: only what Markdown would have left unchanged is held, and a block
that is not found unchanged in the page's Markdown (the file was edited after it was
generated) is simply left to Markdown. The placeholders carry a secret drawn for each run,
so text in a page cannot forge one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context

_NONCE = secrets.token_hex(16)  # one per process: placeholders cannot be guessed by content
_PLACEHOLDER = re.compile(rf"<!-- portal-html {_NONCE} (\d+) -->")


@dataclass(frozen=True)
class Block:
    head: str  # its first line, where to look for it
    length: int
    digest: bytes


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


@pass_context
def html_block(context: Context, value: str) -> str:
    """Jinja filter: `value` is finished HTML (a top-level `markdown="0"` block); noted in the
    render's `html_blocks` list, if it has one, and returned unchanged."""
    found = context.get("html_blocks")
    if found is not None:
        found.append(str(value).strip("\n"))  # its lines, without those around it
    return value


def blocks_in(page: str, candidates: list[str]) -> tuple[Block, ...]:
    """The candidates that the finished page holds verbatim, in order."""
    out: list[Block] = []
    pos = 0
    for text in candidates:
        at = page.find(text, pos)
        if at < 0:
            continue
        out.append(Block(text.split("\n", 1)[0], len(text), _digest(text)))
        pos = at + len(text)
    return tuple(out)


def hold(markdown: str, blocks: tuple[Block, ...]) -> tuple[str, list[str]]:
    """The Markdown with each block replaced by a placeholder, and the blocks held."""
    held: list[str] = []
    pieces: list[str] = []
    pos = 0
    for block in blocks:
        at = markdown.find(block.head, pos)
        while at >= 0:
            text = markdown[at : at + block.length]
            if _digest(text) == block.digest:
                pieces += [markdown[pos:at], f"<!-- portal-html {_NONCE} {len(held)} -->"]
                held.append(text)
                pos = at + block.length
                break
            at = markdown.find(block.head, at + 1)
    if not held:
        return markdown, held
    pieces.append(markdown[pos:])
    return "".join(pieces), held


def restore(html: str, held: list[str]) -> str:
    """The HTML with every placeholder replaced by the block it holds."""
    if not held:
        return html
    return _PLACEHOLDER.sub(lambda m: held[int(m.group(1))], html)
