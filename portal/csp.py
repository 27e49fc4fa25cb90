"""A Content-Security-Policy on every page, as a <meta http-equiv> (static hosts such as GitHub
Pages send no headers).

`script-src` has no 'unsafe-inline': the theme's few inline scripts are allowed by their
SHA-256, computed from the final HTML of each page, so a script injected into a page (had it
passed `portal.safety` and `portal.sanitize`) does not run. Nothing may be loaded from another
origin; `base-uri 'none'` makes an injected <base href> powerless, `object-src 'none'` and
`frame-src 'self'` keep plugins and foreign frames out.

The offline edition is read from file://, where 'self' means nothing useful to Chromium: there
the policy names `file:` instead. Search runs in a Web Worker (`worker-src 'self' blob:`); from
file:// the `iframe-worker` shim runs it in a same-document iframe instead.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_EXECUTABLE_TYPES = ("", "text/javascript", "module", "application/javascript")
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.I)


def _executable(attributes: str) -> bool:
    if re.search(r"\ssrc\s*=", attributes, re.I):
        return False
    m = re.search(r"""\stype\s*=\s*["']?([^"'\s>]+)""", attributes, re.I)
    return (m[1].lower() if m else "") in _EXECUTABLE_TYPES


def script_hashes(html: str) -> list[str]:
    """'sha256-...' sources of the page's inline scripts, in order, without repeats."""
    out: list[str] = []
    for m in _INLINE_SCRIPT_RE.finditer(html):
        if _executable(m[1]):
            digest = base64.b64encode(hashlib.sha256(m[2].encode("utf-8")).digest()).decode()
            source = f"'sha256-{digest}'"
            if source not in out:
                out.append(source)
    return out


def policy(html: str, offline: bool = False) -> str:
    own = "file:" if offline else "'self'"
    scripts = " ".join([own, *script_hashes(html)])
    return "; ".join(
        [
            f"default-src {own}",
            f"script-src {scripts}",
            # Material sets inline style attributes (scroll positions, the progress bar).
            f"style-src {own} 'unsafe-inline'",
            # Material's icons are data: SVGs in its stylesheet.
            f"img-src {own} data:",
            f"font-src {own}",
            f"connect-src {own}",
            f"worker-src {own} blob:",
            f"frame-src {own}" + (" blob: about:" if offline else ""),
            f"form-action {own}",
            "object-src 'none'",
            "base-uri 'none'",
        ]
    )


def add_policy(html: str, offline: bool = False) -> str:
    """The page with its policy as the first element of <head> (before any script)."""
    head = _HEAD_RE.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, offline)}">'
    return html[: head.end()] + meta + html[head.end() :]
