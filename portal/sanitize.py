"""The second wall: editors' HTML is sanitised at build time with nh3 (ammonia).

`portal.safety` refuses unsafe narratives with a message; whatever slips past it (a parser
difference, a rule we forgot) is removed here, not published. Sanitised are:

- hand-written pages of docs/: their whole content;
- the narratives inside generated pages, which `mark` brackets between two HTML comments
  carrying the SHA-256 of the narrative's text. A narrative cannot forge its own end marker (it
  would have to contain the hash of itself), so the region cannot be closed early. The rest of
  a generated page is the portal's own markup, rendered from data by autoescaping templates.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import nh3

from .classes import CONTENT_CLASSES
from .safety import ALLOWED_TAGS, GLOBAL_ATTRIBUTES, URL_SCHEMES

TAGS = set(ALLOWED_TAGS) | {"h1"}  # a hand-written page starts with its # title
ATTRIBUTES = {
    "*": set(GLOBAL_ATTRIBUTES - {"markdown", "class"}),
    **{tag: set(extra) for tag, extra in ALLOWED_TAGS.items() if extra},
}
# A class stays only if it is one content may use (portal.classes): no theme look-alike.
CLASSES = {tag: set(CONTENT_CLASSES) for tag in TAGS}
ATTRIBUTES["a"] = ATTRIBUTES.get("a", set()) | {"aria-label"}  # toc's permalinks

_MARKED_RE = re.compile(r"<!-- portal-narrative ([0-9a-f]{64}) -->")


# The steps after the sanitiser (portal.rendering) find tags by their text. That is exact on
# nh3's output, which escapes `<`, `>` and `"` inside attribute values and text: every `<`
# opens a tag and the first `>` after it closes that tag. Checked on every output, so that a
# sanitiser writing otherwise (another version) stops the build instead of letting a later
# step cut inside a value.
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


class SerialisationChanged(RuntimeError):
    """The sanitiser's output no longer has the shape the later steps rely on."""


def clean(html: str) -> str:
    """Editor-written HTML with everything outside the allowlist removed."""
    out = _clean(html)
    if out.count("<") != len(_TAG.findall(out)):
        raise SerialisationChanged(
            "nh3 wrote a '<' that does not open a tag: the steps after the sanitiser would "
            "misread its output; pin the nh3 version tests/unit/test_after_sanitiser.py passes"
        )
    return out


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def mark(narrative: tuple[str, str] | None) -> tuple[str, str] | None:
    """A narrative (text, language) bracketed for `page_content` to find after rendering."""
    if not narrative:
        return narrative
    text, lang = narrative
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return (
        f"<!-- portal-narrative {digest} -->\n\n{text}\n\n<!-- /portal-narrative {digest} -->",
        lang,
    )


def _same(html: str) -> str:
    return html


def page_content(html: str, generated: bool, own: Callable[[str], str] = _same) -> str:
    """A page's rendered content with the editors' parts sanitised (see the module's doc).

    `own` rewrites the portal's own parts of a generated page (never the editors' markup,
    before or after the sanitiser): the sanitiser is the last step that sees that markup."""
    if not generated:
        return clean(html)
    out, pos = [], 0
    for m in _MARKED_RE.finditer(html):
        if m.start() < pos:
            continue  # a marker inside a region already cleaned
        end_marker = f"<!-- /portal-narrative {m[1]} -->"
        end = html.find(end_marker, m.end())
        stop = end if end >= 0 else len(html)  # no end: clean the rest of the page
        out += [own(html[pos : m.start()]), clean(html[m.end() : stop])]
        pos = stop + len(end_marker) if end >= 0 else stop
    out.append(own(html[pos:]))
    return "".join(out)
