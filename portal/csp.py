"""A Content-Security-Policy on every page, as a <meta http-equiv> (static hosts such as GitHub
Pages send no headers).

`script-src` has no 'unsafe-inline'. The inline scripts it allows are the portal's own: those
the theme's templates and ours write (`OwnScripts`), rendered once at the start of the build
from the templates' sources, with the build's configuration and nothing of the content. A
page is never trusted to say which of its scripts are legitimate: one holding any other inline
script (a parser difference let content write one) fails the build, naming the page, instead
of being published with that script's hash in its policy.

Nothing may be loaded from another origin; `base-uri 'none'` makes an injected <base href>
powerless, `object-src 'none'` and `frame-src 'self'` keep plugins and foreign frames out.

The offline edition is read from file://, where 'self' means nothing useful to Chromium: there
the policy names `file:` instead. Search runs in a Web Worker (`worker-src 'self' blob:`); from
file:// the `iframe-worker` shim runs it in a same-document iframe instead.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

# The templates whose inline scripts are the portal's: Material's partials that write one,
# and our overrides. A template outside this list (Material's redirect.html) writes no script
# the policy allows.
SCRIPT_TEMPLATES = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
    "partials/javascripts/announce.html",
    "partials/javascripts/outdated.html",
    "partials/javascripts/consent.html",
    "main.html",
    "404.html",
)
# Material writes the page's base address into one script ("../..", ".", "/" on the 404 page):
# a relative or site-absolute path, never a quote, so it cannot end the string it stands in.
_BASE_MARK = "\ue000portal-base-url\ue000"
_BASE_PATTERN = r"[A-Za-z0-9._~%/-]*"
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_SCRIPT_START = re.compile(r"<script(?=[\s/>])", re.I)
_SCRIPT_END = re.compile(r"</script(?=[\s/>])", re.I)
_HEAD_RE = re.compile(r"<head\b[^>]*>", re.I)
# Non-executable data blocks (Material's configuration). Any other type runs, or may: a browser
# also runs text/ecmascript, application/x-javascript, module; importmap and speculationrules
# steer loading.
_DATA_TYPES = ("application/json", "application/ld+json")  # the latter: portal/jsonld.py


class ForeignScript(Exception):
    """A page holds an inline script the portal did not write."""


@dataclass(frozen=True)
class OwnScripts:
    """The inline scripts the portal's templates write, as one expression per script."""

    patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> OwnScripts:
        patterns = []
        for text in dict.fromkeys(texts):
            parts = (re.escape(part) for part in text.split(_BASE_MARK))
            patterns.append(re.compile(_BASE_PATTERN.join(parts), re.S))
        return cls(tuple(patterns))

    def allows(self, text: str) -> bool:
        return any(p.fullmatch(text) for p in self.patterns)


def own_scripts(env: Any, config: Mapping[str, Any]) -> OwnScripts:
    """Render every inline script of `SCRIPT_TEMPLATES` (from the theme's Jinja environment
    `env`) with the build's configuration: the scripts the portal's pages may hold."""
    theme = config.get("theme")
    features = list((theme.get("features") if theme else None) or [])
    context = {"config": config, "features": features, "base_url": _BASE_MARK}
    texts: list[str] = []
    for name in SCRIPT_TEMPLATES:
        try:
            source = env.loader.get_source(env, name)[0]
        except Exception:  # a theme without this partial writes no such script
            continue
        for body in _TEMPLATE_SCRIPT.findall(source):
            texts.append(env.from_string(body).render(context))
    return OwnScripts.from_texts(texts)


class _StartTag(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.attrs:
            self.attrs = {k: v or "" for k, v in attrs}


def _inline_scripts(html: str) -> Iterable[tuple[dict[str, str], str]]:
    """(attributes, text) of every <script> of the page without `src`. Every `<script`
    counts, even one a real parser would read as text: a false alarm fails the build, a
    script missed would run."""
    pos = 0
    while m := _SCRIPT_START.search(html, pos):
        close = html.find(">", m.end())
        if close < 0:
            yield {}, html[m.start() :]
            return
        tag = _StartTag()
        tag.feed(html[m.start() : close + 1])
        end = _SCRIPT_END.search(html, close)
        stop = end.start() if end else len(html)
        if "src" not in tag.attrs:
            yield tag.attrs, html[close + 1 : stop]
        pos = stop if end else len(html)


def _digest(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"


def script_hashes(html: str, own: OwnScripts, where: str = "a page") -> list[str]:
    """'sha256-...' sources of the page's inline scripts, in order, without repeats; a script
    that is not the portal's own raises `ForeignScript` naming `where`."""
    out: list[str] = []
    for attrs, text in _inline_scripts(html):
        kind = attrs.get("type", "").strip().lower()
        if kind in _DATA_TYPES:
            continue
        if not own.allows(text):
            shown = " ".join(text.split())[:80]
            raise ForeignScript(
                f"{where}: holds an inline script the portal did not write ({shown!r}); "
                "content may not write scripts: remove it from the page's source"
            )
        source = _digest(text)
        if source not in out:
            out.append(source)
    return out


def policy(hashes: Iterable[str], offline: bool = False) -> str:
    own = "file:" if offline else "'self'"
    scripts = " ".join([own, *hashes])
    return "; ".join(
        [
            f"default-src {own}",
            f"script-src {scripts}",
            # No 'unsafe-inline': no style attribute or <style> element takes effect, so content
            # cannot restyle the page even past both walls. Material and portal.js style
            # through the CSSOM (element.style.setProperty), which a policy does not govern;
            # measured in Chromium by tests/browser/test_security.py (no violation reported).
            f"style-src {own}",
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


def add_policy(html: str, own: OwnScripts, offline: bool = False, where: str = "a page") -> str:
    """The page with its policy as the first element of <head> (before any script)."""
    head = _HEAD_RE.search(html)
    if head is None:
        return html
    content = policy(script_hashes(html, own, where), offline)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return html[: head.end()] + meta + html[head.end() :]
