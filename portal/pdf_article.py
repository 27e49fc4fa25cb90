"""A built page's article made ready for print: the HTML rewriting of each part of a PDF.

Every function takes and returns HTML text, the `<article>` of a page MkDocs built (editors'
HTML in it already checked and sanitised by the build), and knows nothing of WeasyPrint or of
the document around it: `portal.pdf` puts the parts into one document
(templates/pdf_document.html.j2) and renders it.
"""

from __future__ import annotations

import html as htmlmod
import posixpath
import re
from pathlib import Path

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
# Web-only parts of a page, left out of its PDF: permalinks, buttons, download links (the PDF
# itself, vCards), the page's edit links, translation status and citation box, map hints.
_DROP = [
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL),
    re.compile(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', re.DOTALL),
    re.compile(r'<p class="portal-pdf-link".*?</p>', re.DOTALL),
    re.compile(r'<(aside|footer) class="portal-page-meta".*?</\1>', re.DOTALL),
    re.compile(r'<details class="portal-cite".*?</details>', re.DOTALL),
    re.compile(r'<p class="portal-(?:edit|translations-link)".*?</p>', re.DOTALL),
    re.compile(r"(?:<br>\s*)?<a [^>]*\sdownload(?:=\"[^\"]*\")?(?=[\s>])[^>]*>.*?</a>", re.DOTALL),
    re.compile(r"<script\b.*?</script>", re.DOTALL),
    re.compile(r"<style\b.*?</style>", re.DOTALL),
    re.compile(r"<form\b.*?</form>", re.DOTALL),
    re.compile(r"<input\b[^>]*>"),
    re.compile(r'(?:<br>\s*)?<(p|span) class="portal-correct"[^>]*>.*?</\1>', re.DOTALL),
]
# A start tag (its name), and the attributes in it that name a place.
_TAG = re.compile(r"<([a-zA-Z][\w:-]*)[^>]*>")
_ATTR = re.compile(r'\b(href|id|src)="([^"]*)"')
_H = re.compile(r"<h([12])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
# The key-facts box: its definition list, then what follows it inside the box (a line of
# minor facts), kept after the table.
_GLANCE = re.compile(
    r'<div(?: [^>]*)? class="portal-glance"[^>]*>\s*<dl>(.*?)</dl>(.*?)</div>', re.DOTALL
)
_DT_DD = re.compile(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", re.DOTALL)


# A table of more columns than a printed page holds (the comparison of every country, about
# 14 columns) is printed in parts of at most this many data columns (or the table's own
# data-print-columns), each part repeating the row headings: a page clips what it cannot hold, and nothing may be left out of a PDF.
MAX_COLUMNS = 6
_TABLE = re.compile(r"(<table\b[^>]*>)(.*?)</table>", re.DOTALL)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<(t[hd])\b[^>]*>.*?</\1>", re.DOTALL)


def _page_file(site: Path, url: str) -> Path:
    path = site / url
    return path / "index.html" if url.endswith("/") or url == "" else path


def article_html(site: Path, url: str) -> str:
    """The article of the built page at `url`, as built ("" for a page without one)."""
    m = _ARTICLE.search(_page_file(site, url).read_text(encoding="utf-8"))
    return m.group(1) if m else ""


def extract(site: Path, url: str) -> str:
    """The article of the built page at `url`, without what only works on the web."""
    body = article_html(site, url)
    for pattern in _DROP:
        body = pattern.sub("", body)
    return body


def rewrite_links(
    body: str, part_url: str, prefix: str, included: dict[str, str], site_url: str
) -> str:
    """Make links work inside the PDF: to included pages as anchors, to others absolute
    (unlinked when the portal has no published address)."""
    base = part_url if part_url.endswith("/") else posixpath.dirname(part_url) + "/"

    def fix(m: re.Match[str], tag: str) -> str:
        attr, value = m.group(1), htmlmod.unescape(m.group(2))
        if attr == "id":
            return f'id="{prefix}{value}"' if prefix else m.group(0)
        if attr == "src" or (tag == "image" and value):  # an SVG <image> shows its href
            # Images beside the page: site-relative (the document's base is the site root);
            # anything else (another scheme, an absolute path) is left to the URL fetcher,
            # which refuses it.
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) or value.startswith("/"):
                return m.group(0)
            target = posixpath.normpath(posixpath.join(base, value)).lstrip("/")
            if target.startswith("../"):
                return f'{attr}=""'
            return f'{attr}="{htmlmod.escape(target)}"'
        if value == "#" or not value:
            return 'data-unlinked=""'  # a placeholder (the email's link is made by script)
        if value.startswith("#"):
            return f'href="#{prefix}{value[1:]}"' if prefix else m.group(0)
        if re.match(r"^[a-z][a-z0-9+.-]*:", value) or value.startswith("//"):
            return m.group(0)
        path, _, frag = value.partition("#")
        target = posixpath.normpath(posixpath.join(base, path)) if path else part_url.rstrip("/")
        target = "" if target == "." else target.lstrip("/")
        if path.endswith("/") or path == "" or not posixpath.splitext(target)[1]:
            target = target.rstrip("/") + "/" if target else ""
        if target in included:
            anchor = included[target] + (frag or "")
            return f'href="#{anchor}"'
        # The offline edition links to page.html: print the site's address of the page.
        target = re.sub(r"(^|/)index\.html$", r"\1", target)
        target = re.sub(r"\.html$", "/", target)
        if not site_url:
            # No published address: WeasyPrint would resolve a relative link against the build
            # folder and write the build machine's path (file:///...) into the PDF. The text
            # stays, unlinked.
            return 'data-unlinked=""'
        absolute = site_url + target + (f"#{frag}" if frag else "")
        return f'href="{htmlmod.escape(absolute)}"'

    def attributes(m: re.Match[str]) -> str:
        tag = m.group(1).lower()
        return _ATTR.sub(lambda attr: fix(attr, tag), m.group(0))

    return _TAG.sub(attributes, body)


def headings(body: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of the h1 and h2 of a rendered part."""
    out = []
    for m in _H.finditer(body):
        ident = re.search(r'id="([^"]+)"', m.group(0))
        text = htmlmod.unescape(_TAGS.sub("", m.group(2))).strip()
        if ident and text:
            out.append((int(m.group(1)), ident.group(1), text))
    return out


def key_facts(body: str) -> str:
    """The key-facts box (a definition list on the web) as an aligned two-column table."""

    def table(m: re.Match[str]) -> str:
        rows = "".join(
            f'<tr><th scope="row">{dt_}</th><td>{dd}</td></tr>'
            for dt_, dd in _DT_DD.findall(m.group(1))
        )
        return f'<table class="portal-facts"><tbody>{rows}</tbody></table>{m.group(2)}'

    return _GLANCE.sub(table, body)


_SHIELD = "\ue000"  # stands for an SVG while text is rewritten (a private-use character)


def _shield_svg(body: str) -> tuple[str, list[str]]:
    kept = SVG.findall(body)
    return SVG.sub(_SHIELD, body), kept


def _unshield_svg(body: str, kept: list[str]) -> str:
    pieces = body.split(_SHIELD)
    return "".join(p + (kept[i] if i < len(kept) else "") for i, p in enumerate(pieces))


def describe_map(body: str, plabels: dict[str, str]) -> str:
    """The map: alternative text (the partner countries) and no web hint under it."""

    def fix(m: re.Match[str]) -> str:
        figure = m.group(0)
        names = [htmlmod.unescape(n) for n in re.findall(r'aria-label="([^"]*)"', figure)]
        alt = plabels["map_alt"].format(names=", ".join(names))
        figure = re.sub(r"<figcaption\b.*?</figcaption>", "", figure, flags=re.DOTALL)
        figure = figure.replace(' aria-labelledby="map-caption"', "", 1)  # the caption is gone
        figure = re.sub(
            r"<svg\b([^>]*)>",
            lambda s: (
                "<svg"
                + re.sub(r'\s(role|aria-labelledby|aria-label)="[^"]*"', "", s.group(1))
                + f' role="img"><title>{htmlmod.escape(alt)}</title>'
            ),
            figure,
            count=1,
        )
        figure = re.sub(
            r"<title>(?!" + re.escape(htmlmod.escape(alt)) + r").*?</title>", "", figure
        )
        return figure + f'<p class="portal-map-caption">{htmlmod.escape(alt)}</p>'

    return re.sub(r'<figure class="portal-map".*?</figure>', fix, body, flags=re.DOTALL)


def _printed_address(href: str) -> str:
    value = htmlmod.unescape(href)
    if value.startswith(("http://", "https://")):
        return value
    if value.startswith("mailto:"):
        return value[len("mailto:") :]
    return ""


def link_notes(body: str, plabels: dict[str, str]) -> str:
    """Number every link that leaves the document and print its address at the end of its
    section (h2), so that a printed page says where each "Source" leads."""
    chunks = re.split(r"(?=<h2\b)", body)
    number = 0
    out = []
    for chunk in chunks:
        shielded, kept = _shield_svg(chunk)
        notes: dict[str, int] = {}  # printed address -> its number
        targets: dict[str, str] = {}  # printed address -> where its link leads (mailto: too)

        def note(
            m: re.Match[str], notes: dict[str, int] = notes, targets: dict[str, str] = targets
        ) -> str:
            nonlocal number
            address = _printed_address(m.group(2))
            text = htmlmod.unescape(_TAGS.sub("", m.group(4))).strip()
            if not address or text.rstrip("/") in (address.rstrip("/"), address.split("//")[-1]):
                return m.group(0)
            if address not in notes:
                number += 1
                notes[address] = number
                targets[address] = htmlmod.unescape(m.group(2))
            return f'{m.group(0)}<sup class="portal-ref">{notes[address]}</sup>'

        shielded = _LINK.sub(note, shielded)
        chunk = _unshield_svg(shielded, kept)
        if notes:
            items = "".join(
                f'<li><span class="portal-ref-n">{n}</span> '
                f'<a href="{htmlmod.escape(targets[a])}" dir="ltr">{htmlmod.escape(a)}</a></li>'
                for a, n in notes.items()
            )
            chunk += (
                f'<aside class="portal-links" aria-label="{htmlmod.escape(plabels["links"])}">'
                f"<ol>{items}</ol></aside>"
            )
        out.append(chunk)
    return "".join(out)


def _rows(section: str) -> list[tuple[str, list[str]]]:
    """(the row's start tag, its cells) of every row of a table's section."""
    return [
        (m.group(1), [c.group(0) for c in _CELL.finditer(m.group(2))])
        for m in _ROW.finditer(section)
    ]


_ID = re.compile(r'\sid="[^"]*"')


def _cut(rows: list[tuple[str, list[str]]], first: int, last: int, anchors: bool) -> str:
    """The rows with their heading cell and the cells [first, last); without their ids
    unless `anchors` (an id is unique in a document: it stays on the first part)."""
    return "".join(
        f"{tr if anchors else _ID.sub('', tr)}{cells[0]}{''.join(cells[first:last])}</tr>"
        for tr, cells in rows
    )


def split_wide_tables(body: str, plabels: dict[str, str]) -> str:
    """Every table whose rows start with their heading (`<th>` first) and hold more further
    columns than a page holds (MAX_COLUMNS, or the table's own `data-print-columns`), as
    several tables of at most that many columns each, every one repeating the row headings
    and the column headings: nothing is clipped at the page's edge. The parts are balanced
    (13 columns in parts of 4: 4, 3, 3, 3)."""

    def split(m: re.Match[str]) -> str:
        start, inner = m.group(1), m.group(2)
        head = re.search(r"<thead\b[^>]*>(.*?)</thead>", inner, re.DOTALL)
        body_ = re.search(r"<tbody\b[^>]*>(.*?)</tbody>", inner, re.DOTALL)
        if not head or not body_:
            return m.group(0)
        declared = re.search(r'\sdata-print-columns="(\d+)"', start)
        most = max(1, int(declared.group(1))) if declared else MAX_COLUMNS
        head_rows, body_rows = _rows(head.group(1)), _rows(body_.group(1))
        widths = {len(cells) for _, cells in head_rows + body_rows}
        columns = widths.pop() - 1 if len(widths) == 1 else 0
        headed = bool(body_rows) and all(cells[0].startswith("<th") for _, cells in body_rows)
        if columns <= most or not headed:
            return m.group(0)
        parts = -(-columns // most)
        size, extra = divmod(columns, parts)
        out, first = [], 1
        for n in range(parts):
            last = first + size + (n < extra)
            caption = htmlmod.escape(plabels["table_part"].format(n=n + 1, total=parts))
            table = start if n == 0 else _ID.sub("", start)
            table = (
                table.replace('class="', 'class="portal-table-part ', 1)
                if 'class="' in table
                else table.replace("<table", '<table class="portal-table-part"', 1)
            )
            out.append(
                f'{table}<caption class="portal-table-part-caption">{caption}</caption>'
                f"<thead>{_cut(head_rows, first, last, n == 0)}</thead>"
                f"<tbody>{_cut(body_rows, first, last, n == 0)}</tbody></table>"
            )
            first = last
        return "".join(out)

    return _TABLE.sub(split, body)
