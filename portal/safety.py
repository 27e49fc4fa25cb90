"""What content files may hold: the policy that makes pull requests from anyone safe to build.

Content arrives as pull requests from many editors and the build publishes what is merged, so
every file under countries/, objectives/ and docs/ is treated as hostile until checked:

- it must be a regular file inside the repository (a symbolic link could publish
  /proc/self/environ or any file of the build machine);
- docs/ holds Markdown pages and images in docs/media/ only: any other file would be copied
  into the site as-is, and could replace the portal's or the theme's own script;
- a narrative (Markdown written by an editor) is bounded in size and in the constructs that
  make Python-Markdown's work grow with the square of the text, and may use Markdown plus a
  small allowlist of harmless HTML; scripts, frames, forms, event handlers and script URLs
  are refused with the line and what to write instead.

Problems are collected in a `Problems` list (the same code serves `make check` and the build).
`portal.sanitize` is the second wall: it removes at build time whatever slipped past this.

For texts that come from YAML, `page_title` and `inert_headings` make sure they reach the
reader as text in places Jinja's autoescaping does not cover (MkDocs titles, Markdown headings).
"""

from __future__ import annotations

import html
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import yaml

from . import classes
from .problems import Problems

CONTENT_DIRS = ("countries", "objectives", "docs")
CONTENT_FILES = ("programme.yml",)
MAX_NARRATIVE_BYTES = 64_000  # the longest shipped narrative is about 12 kB
MAX_BRACKETS_PER_PARAGRAPH = 50  # Python-Markdown's link search is quadratic in '[' count
MEDIA_DIR = "media"  # docs/media/: the one folder of docs/ for images
MEDIA_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")  # not SVG: it can hold script
PAGE_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z]{2})?\.md")
MEDIA_NAME_RE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\.[a-z]+")
# Names a page of docs/ must not take: they are the site's own folders and files.
RESERVED_PAGE_STEMS = ("assets", "search", "media", "404", "sitemap")

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
_BLOCK_SPLIT_RE = re.compile(r"\n[ \t]*\n")
_ITEM_RE = re.compile(r"[ \t]*(?:[-*+][ \t]|\d+\.[ \t])")
_TABLE_RE = re.compile(
    r"[^\n]*\|[^\n]*\n[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*(?:\n|$)"
)


def _inline_units(text: str):
    """(offset, text) of the stretches Python-Markdown searches for links as one: paragraphs,
    and in a block that starts as a list or a table, each item or row (a paragraph does not
    end at a line starting with '-' or '|', so only a block that starts as one is split)."""
    pos = 0
    for block in _BLOCK_SPLIT_RE.split(text):
        start = text.index(block, pos)
        pos = start + len(block)
        if _ITEM_RE.match(block):
            yield from _items(block, start, _ITEM_RE)
        elif _TABLE_RE.match(block):  # a real table (header, then a |---| line): cell by cell
            yield from _items(block, start, re.compile(""))
        else:
            yield start, block


def _items(block: str, start: int, starts: re.Pattern):
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


# -- the content tree ---------------------------------------------------------------------------


def check_tree(root: Path, problems: Problems, generated: tuple[str, ...] = ()) -> None:
    """Report symbolic links, special files and files that have no place under the content
    folders; `generated` names docs/ folders the build rewrites (not checked for layout)."""
    real_root = root.resolve()
    for name in CONTENT_FILES:
        if (root / name).is_symlink():
            problems.add(name, "", _LINK_MESSAGE)
    for top in CONTENT_DIRS:
        base = root / top
        if base.is_symlink():
            problems.add(top, "", _LINK_MESSAGE)
            continue
        if not base.is_dir():
            continue
        for folder, dirs, files in os.walk(base, followlinks=False):
            here = Path(folder)
            for name in sorted(dirs):
                path = here / name
                if path.is_symlink():
                    problems.add(_rel(path, root) + "/", "", _LINK_MESSAGE)
            dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
            for name in sorted(files):
                path = here / name
                rel = _rel(path, root)
                mode = path.lstat().st_mode
                if stat.S_ISLNK(mode):
                    problems.add(rel, "", _LINK_MESSAGE)
                elif not stat.S_ISREG(mode):
                    problems.add(rel, "", "is not a regular file; remove it")
                elif not path.resolve().is_relative_to(real_root):
                    problems.add(rel, "", "lies outside the repository; remove it")
                elif top == "docs":
                    _check_docs_file(root, path, rel, problems, generated)


_LINK_MESSAGE = (
    "is a symbolic link; content must be regular files in the repository "
    "(copy the file's text here instead of linking to it)"
)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


FRONT_MATTER_KEYS = ("title", "description", "hide", "search")


def check_front_matter(text: str, rel: str, problems: Problems) -> None:
    """A page's front matter, read the way MkDocs will but bounded: no anchors or aliases (a
    few lines can expand to gigabytes), limited depth, and only keys the portal expects
    (others, such as `template`, change how the theme renders the page)."""
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return
    from .yamlio import _Loader  # the content files' own loader

    loader = _Loader(m[0].split("\n", 1)[1].rsplit("\n", 1)[0])
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        detail = getattr(e, "problem", None) or str(e)
        problems.add(rel, "", f"front matter: {detail}", mark.line + 2 if mark else 2)
        return
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        problems.add(rel, "", "front matter: expected fields like 'title: About'", 2)
        return
    for key in data:
        if key not in FRONT_MATTER_KEYS:
            problems.add(
                rel,
                "",
                f"front matter: unknown field {key!r}; a page may set "
                f"{', '.join(FRONT_MATTER_KEYS)}",
                2,
            )


def _check_docs_file(
    root: Path, path: Path, rel: str, problems: Problems, generated: tuple[str, ...]
) -> None:
    inner = rel.split("/", 1)[1]
    parts = inner.split("/")
    if parts[0] in generated and len(parts) > 1:
        return  # rewritten by every build (portal.pages.write_tree)
    if len(parts) == 1 and PAGE_NAME_RE.fullmatch(inner):
        stem = inner.split(".", 1)[0]
        if stem in RESERVED_PAGE_STEMS or stem in generated:
            problems.add(
                rel,
                "",
                f"a page named {stem!r} would take the place of the portal's own "
                f"{stem}/ pages or files; choose another name",
            )
        text = read_narrative(path, rel, problems)  # the same rules as countries' narratives
        if text is not None:
            check_front_matter(text, rel, problems)
        return
    if parts[0] == MEDIA_DIR and len(parts) > 1:
        name = parts[-1]
        if name.lower().endswith(MEDIA_SUFFIXES) and MEDIA_NAME_RE.fullmatch(name):
            return
        problems.add(
            rel,
            "",
            f"docs/{MEDIA_DIR}/ holds images only ({', '.join(MEDIA_SUFFIXES)}) with "
            "lower-case names of letters, digits, '-' and '_'; convert or rename the file",
        )
        return
    shadows = _shadowed(root, inner)
    if shadows:
        problems.add(
            rel,
            "",
            f"would replace {shadows} in the published site; remove it "
            "(the portal's own files live in overrides/, which editors do not change)",
        )
    elif inner.endswith(".md"):
        problems.add(
            rel,
            "",
            "pages of docs/ are Markdown files at its top level named like 'about.md' or "
            "'about.fr.md' (lower-case letters, digits and hyphens); rename or move it",
        )
    else:
        problems.add(
            rel,
            "",
            f"docs/ holds Markdown pages and images in docs/{MEDIA_DIR}/ only; any other file "
            f"would be published as-is. Put images in docs/{MEDIA_DIR}/ and remove the rest",
        )


def _shadowed(root: Path, inner: str) -> str:
    """Which theme or portal file a docs/ file would replace, or ''."""
    if (root / "overrides" / inner).exists():
        return f"the portal's own file overrides/{inner}"
    try:
        import material

        theme = Path(material.__file__).parent / "templates"
    except ImportError:  # pragma: no cover - the build needs Material anyway
        theme = None
    if theme is not None and (theme / inner).exists():
        return f"the theme's file {inner}"
    first = inner.split("/", 1)[0]
    if first in ("assets", "search") or inner in ("404.html", "sitemap.xml", "sitemap.xml.gz"):
        return f"the site's own {first if '/' in inner else inner}"
    return ""


def regular_file(path: Path, rel: str, problems: Problems) -> os.stat_result | None:
    """The file's status when it is a regular file an editor's file may be read from; None
    for a link or a special file (refused without a message here: `check_tree` reports it),
    or, with a problem, for a file that cannot be read. Nothing is opened."""
    try:
        info = path.lstat()
    except OSError as e:
        problems.add(rel, "", f"cannot be read: {e.strerror}")
        return None
    return info if stat.S_ISREG(info.st_mode) else None


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


def _mask(match: re.Match) -> str:
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

    for start, unit in _inline_units(masked):
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


def _check_attribute(tag: str, name: str, value: str, rel: str, problems: Problems, line: int):
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

    def handle_starttag(self, tag, attrs):
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


# -- texts from YAML ----------------------------------------------------------------------------

# Characters Markdown (with attr_list) gives a meaning to, as numeric character references:
# they show as themselves and mean nothing to Markdown.
_MARKDOWN_ACTIVE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]!#~"}
_TAG_OR_ENTITY_RE = re.compile(r"(<[^>]*>|&#?[A-Za-z0-9]+;)")
_TEMPLATE_ANCHOR_RE = re.compile(r"(\s\{ #[a-z0-9-]+ \})$")


def page_title(title: str) -> str:
    """A page title (or description) from YAML, for front matter: MkDocs and Material output
    them unescaped (navigation, <title>, previous/next, meta description), so it must already
    be HTML."""
    return html.escape(title)


def inert_headings(markdown: str, keep: str = "") -> str:
    """Markdown headings of a generated page with Markdown syntax made inert.

    Generated pages are rendered by Jinja with autoescaping, so every '<', '&' and quote of
    YAML text is already an entity: any tag left on a heading line is the template's own. Only
    the Markdown that YAML text could carry is left to neutralise: links, emphasis, attribute
    lists. The template's own trailing anchor `{ #id }` is kept, and so is `keep`, the
    narrative included in the page (editors' Markdown, checked by `check_markup` instead).
    """
    if keep.strip():
        return keep.join(inert_headings(part) for part in markdown.split(keep))
    out = []
    for line in markdown.split("\n"):
        m = re.match(r"(#{1,6} )(.*)$", line)
        if m:
            body, anchor = m[2], ""
            a = _TEMPLATE_ANCHOR_RE.search(body)
            if a:
                body, anchor = body[: a.start()], a[1]
            line = m[1] + _inert(body) + anchor
        out.append(line)
    return "\n".join(out)


def _inert(text: str) -> str:
    return "".join(
        part if i % 2 else "".join(_MARKDOWN_ACTIVE.get(c, c) for c in part)
        for i, part in enumerate(_TAG_OR_ENTITY_RE.split(text))
    )
