"""Left-to-right islands in right-to-left pages: law numbers, dates, codes, addresses, names.

Beside Arabic letters the Unicode bidirectional algorithm reads digits as Arabic numbers and a
hyphen between them as a neutral: "القانون رقم 27-14" shows the law as "14-27", "7 of 2013"
as "of 2013 7". Every run of Latin or Cyrillic letters and digits (with the punctuation that
holds it together: . - / @ : and spaces inside a phrase) that sits in right-to-left text is
wrapped in `<bdi dir="ltr">`, so it reads in its own order whatever surrounds it.

This runs on each page's finished HTML (templates, narratives written in Markdown, labels),
inside the article only, and leaves alone what is already left to right or isolated (elements
with dir="ltr" or dir="auto", `bdi`) and what is not text (scripts, styles, code, SVG, form fields).
"""

from __future__ import annotations

import html
import re

# The ordinal indicators º ª are letters of their run: "Cra 8 Nº 12B-31" is one address.
_LETTER = r"A-Za-z0-9\u00AA\u00BA\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF"
# A run starts (a phone number with its +) and ends with a Latin/Cyrillic letter or a digit; inside it may hold
# spaces and the punctuation of numbers, addresses and names.
_RUN = re.compile(rf"(?:\+(?=\d)|[{_LETTER}])(?:[{_LETTER}\s.,\-‐–/@:_+'’&()\[\]]*[{_LETTER}])?")
_PLAIN_NUMBER = re.compile(r"\d+")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>|<!--.*?-->", re.S)
_LTR = re.compile(r"""\sdir=["']?(?:ltr|auto)\b""")
_SKIP = {"script", "style", "code", "pre", "svg", "textarea", "select", "bdi", "kbd", "math"}


def _isolate_text(escaped: str) -> str:
    text = html.unescape(escaped)
    if not _RUN.search(text):
        return escaped
    out: list[str] = []
    last = 0
    for m in _RUN.finditer(text):
        run, end = m.group(0), m.end()
        if _PLAIN_NUMBER.fullmatch(run):
            continue  # a lone number reads the same in either direction
        while run.count("(") > run.count(")") and text[end : end + 1] == ")":
            run, end = run + ")", end + 1  # "(Ley 985 de 2005)" keeps its closing bracket
        out.append(html.escape(text[last : m.start()], quote=False))
        out.append(f'<bdi dir="ltr">{html.escape(run, quote=False)}</bdi>')
        last = end
    if last == 0:
        return escaped
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def isolate(fragment: str) -> str:
    """Wrap the left-to-right runs of every text node of an HTML fragment in <bdi dir=ltr>."""
    out: list[str] = []
    skip: list[str] = []  # the open element that is being skipped, repeated per nesting
    last = 0
    for m in _TAG.finditer(fragment):
        text = fragment[last : m.start()]
        out.append(text if skip or not text.strip() else _isolate_text(text))
        out.append(m.group(0))
        last = m.end()
        closing, name, attrs = m.group(1), (m.group(2) or "").lower(), m.group(3) or ""
        if not name or attrs.rstrip().endswith("/"):
            continue
        if skip:
            if name == skip[0]:
                if closing:
                    skip.pop()
                else:
                    skip.append(name)
            continue
        if not closing and (name in _SKIP or _LTR.search(attrs)):
            if name not in ("br", "img", "input", "wbr", "hr", "meta", "link"):
                skip.append(name)
    tail = fragment[last:]
    out.append(tail if skip or not tail.strip() else _isolate_text(tail))
    return "".join(out)


def isolate_article(page: str) -> str:
    """`isolate` inside the page's <article> only (navigation and header are left alone)."""
    start = page.find("<article")
    end = page.rfind("</article>")
    if start < 0 or end < start:
        return page
    return page[:start] + isolate(page[start:end]) + page[end:]
