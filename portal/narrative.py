"""What a narrative (Markdown written by an editor) may hold: Markdown plus a small allowlist
of harmless HTML. Scripts, frames, forms, event handlers, script URLs, the theme's classes
and constructs beyond their cost (`portal.narrative_cost`) are refused with the line and what
to write instead. `portal.sanitize` is the second wall: it removes at build time whatever
slipped past this.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from . import classes
from .files import regular_file
from .narrative_cost import (
    MAX_NARRATIVE_BYTES,
    check_cost,
)
from .problems import Problems

# -- HTML allowed in narratives ---------------------------------------------------------------

GLOBAL_ATTRIBUTES = frozenset({"title", "lang", "dir", "id", "class", "markdown"})
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    tag: frozenset(extra)
    for tag, extra in {
        "abbr": (),
        "sup": (),
        "sub": (),
        "br": (),
        "details": ("open",),
        "summary": (),
        "figure": (),
        "figcaption": (),
        "table": (),
        "caption": (),
        "colgroup": ("span",),
        "col": ("span",),
        "thead": (),
        "tbody": (),
        "tfoot": (),
        "tr": (),
        "th": ("colspan", "rowspan", "scope", "align"),
        "td": ("colspan", "rowspan", "align"),
        # What Markdown itself writes, for editors who prefer to write it as HTML.
        "p": (),
        "div": (),
        "span": (),
        "a": ("href", "rel"),
        "img": ("src", "alt", "width", "height"),
        "em": (),
        "strong": (),
        "b": (),
        "i": (),
        "u": (),
        "s": (),
        "del": (),
        "ins": (),
        "mark": (),
        "small": (),
        "q": (),
        "cite": (),
        "code": (),
        "kbd": (),
        "pre": (),
        "blockquote": (),
        "ul": (),
        "ol": ("start", "type"),
        "li": (),
        "dl": (),
        "dt": (),
        "dd": (),
        "h2": (),
        "h3": (),
        "h4": (),
        "h5": (),
        "h6": (),
        "hr": (),
        "time": ("datetime",),
    }.items()
}
URL_ATTRIBUTES = frozenset({"href", "src"})
URL_SCHEMES = ("http", "https", "mailto", "tel")
LINK_INSTEAD = "link to it instead: [what it is](https://...)"
REFUSED_TAGS: dict[str, str] = {
    **dict.fromkeys(
        ("script", "noscript", "template"),
        "scripts are not allowed in content; describe what the reader should do in text, "
        "or link to a page that does it",
    ),
    **dict.fromkeys(
        ("iframe", "frame", "frameset", "object", "embed", "applet", "portal", "video", "audio"),
        f"embedded content is not allowed; {LINK_INSTEAD}",
    ),
    **dict.fromkeys(
        ("form", "input", "button", "select", "textarea", "option", "fieldset"),
        f"forms are not allowed; {LINK_INSTEAD}",
    ),
    "base": "<base> would send every link and script of the page elsewhere; remove it",
    "meta": "<meta> (refresh, redirect) is not allowed; link to the page instead: "
    "[what it is](https://...)",
    "link": "<link> loads resources into the page; write a Markdown link instead: "
    "[what it is](https://...)",
    "style": "<style> would restyle the whole portal; remove it (Markdown has emphasis, lists "
    "and tables)",
    **dict.fromkeys(
        ("svg", "math"),
        "inline SVG and MathML can carry script; use an image instead: ![description](picture.png)",
    ),
}

_LT_RE = re.compile(r"<(?=[A-Za-z/!?])")
_COMPLETE_TAG_RE = re.compile(
    r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>|!--.*?-->|![^<>]*>|\?[^<>]*>)", re.S
)
_AUTOLINK_RE = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]*:|[^<>\s@]+@)[^<>\s]*)>")
_MD_LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_REF_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)", re.M)
_ATTR_LIST_RE = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
_ATTR_RE = re.compile(r"""([^\s=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]*)""")
_CONTROL_RE = re.compile(r"[\x00-\x20\x7f]+")
ATTR_LIST = "an attribute list {...}"


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in `value` (entities decoded, spaces ignored), if any."""
    seen = _CONTROL_RE.sub("", html.unescape(value)).lower()
    m = re.match(r"([a-z][a-z0-9+.-]*):", seen)
    return m[1] if m else None


def _url_problem(value: str) -> str | None:
    scheme = url_scheme(value)
    if scheme is None or scheme in URL_SCHEMES:
        return None
    return (
        f"{scheme}: addresses are not allowed (they can run script or hide content); "
        "link to a web page with https://, or to a file beside the page"
    )


# -- narratives ---------------------------------------------------------------------------------


def read_narrative(path: Path, rel: str, problems: Problems) -> str | None:
    """The text of an editor's Markdown file, or None (with a problem) when it is refused.

    Links and special files are refused here without a message: `check_tree` reports them.
    """
    info = regular_file(path, rel, problems)
    if info is None:
        return None
    if info.st_size > MAX_NARRATIVE_BYTES:
        problems.add(
            rel,
            "",
            f"is {info.st_size:,} bytes; a narrative may be at most {MAX_NARRATIVE_BYTES:,} "
            "bytes. Shorten it, or split it into several pages",
        )
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.add(rel, "", "is not valid UTF-8; save the file as UTF-8")
        return None
    text = text.replace("\r\n", "\n")
    check_markup(text, rel, problems)
    return text


def _mask(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match[0])


_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*$", re.M | re.S)


def _mask_front_matter(text: str) -> str:
    """The front matter of a docs/ page blanked out (keeping lines): the build escapes its
    title and description instead.

    Code spans and code blocks are NOT exempt: inside a raw HTML block (<details> ...) Markdown
    leaves backticks alone, so `<script>` there would be live HTML. Editors write &lt; instead.
    """
    return _FRONT_MATTER_RE.sub(_mask, text, count=1)


def check_markup(text: str, rel: str, problems: Problems) -> None:
    """Report HTML outside the allowlist, script URLs and pathological constructs."""
    masked = _mask_front_matter(text)
    for m in _AUTOLINK_RE.finditer(masked):  # <https://...>, <name@example.org>
        if "@" not in m[1].split(":", 1)[0]:
            message = _url_problem(m[1])
            if message:
                problems.add(rel, "", message, masked.count("\n", 0, m.start()) + 1)
    masked = _AUTOLINK_RE.sub(_mask, masked)

    def line_of(offset: int) -> int:
        return masked.count("\n", 0, offset) + 1

    check_cost(masked, rel, problems, line_of)
    for m in _LT_RE.finditer(masked):
        if not _COMPLETE_TAG_RE.match(masked, m.start()):
            problems.add(
                rel,
                "",
                "'<' starts an HTML tag that is never closed with '>'; write &lt; for a "
                "literal '<'",
                line_of(m.start()),
            )
    checker = _TagChecker(rel, problems)
    checker.feed(masked)
    checker.close()
    for m in _MD_LINK_RE.finditer(masked):
        _check_url(m[1], rel, problems, line_of(m.start()))
    for m in _MD_REF_RE.finditer(masked):
        _check_url(m[1], rel, problems, line_of(m.start()))
    for m in _ATTR_LIST_RE.finditer(masked):
        for name, value in _ATTR_RE.findall(m[1]):
            _check_attribute(
                ATTR_LIST, name.lower(), value.strip("\"'"), rel, problems, line_of(m.start())
            )
    for offset, names in classes.in_markdown(masked):
        problems.add(rel, "", classes.message(names), line_of(offset))


def _check_url(value: str, rel: str, problems: Problems, line: int) -> None:
    message = _url_problem(value)
    if message:
        problems.add(rel, "", message, line)


def _check_attribute(
    tag: str, name: str, value: str, rel: str, problems: Problems, line: int
) -> None:
    if name.startswith("on"):
        problems.add(
            rel,
            "",
            f"the event-handler attribute {name}= on {tag} runs script; remove it",
            line,
        )
    elif name == "style":
        problems.add(
            rel,
            "",
            f"style= on {tag} is not allowed (it can hide or fake parts of the page); remove it",
            line,
        )
    elif name in URL_ATTRIBUTES or name in ("srcset", "action", "formaction", "xlink:href"):
        _check_url(value, rel, problems, line)
        if name not in URL_ATTRIBUTES:
            problems.add(rel, "", f"the attribute {name}= on {tag} is not allowed; remove it", line)
    elif name == "class" and classes.refused(value):
        problems.add(rel, "", classes.message(classes.refused(value)), line)
    elif (
        tag != ATTR_LIST
        and name not in GLOBAL_ATTRIBUTES
        and name not in ALLOWED_TAGS.get(tag.strip("<>"), frozenset())
    ):
        problems.add(rel, "", f"the attribute {name}= on {tag} is not allowed; remove it", line)


class _TagChecker(HTMLParser):
    def __init__(self, rel: str, problems: Problems):
        super().__init__(convert_charrefs=True)
        self.rel, self.problems = rel, problems

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in REFUSED_TAGS:
            self.problems.add(self.rel, "", f"<{tag}>: {REFUSED_TAGS[tag]}", line)
            return
        if tag not in ALLOWED_TAGS:
            self.problems.add(
                self.rel,
                "",
                f"<{tag}> is not among the HTML tags narratives may use "
                f"({', '.join(sorted(t for t in ALLOWED_TAGS if t not in ('p', 'div', 'span')))}, "
                "p, div, span); write Markdown instead",
                line,
            )
            return
        for name, value in attrs:
            _check_attribute(f"<{tag}>", name, value or "", self.rel, self.problems, line)

    handle_startendtag = handle_starttag
