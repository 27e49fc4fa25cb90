"""The portal's own web addresses: absolute only when the published address (site_url) is known.

A build without site_url (a preview, a fork, a test) writes relative links and says so; it
never writes a made-up host such as localhost into pages, sitemaps or citations.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

# Hosts that are never a published address: a preview on the builder's own machine.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]")

NO_SITE_URL = (
    "No site_url: pages, the sitemap and citations use relative addresses. "
    "Set PORTAL_SITE_URL=https://... (the published address) to write absolute ones."
)


def directory_url(url: str) -> str:
    """'countries/morocco/' for 'countries/morocco.html' or 'countries/morocco/index.html'."""
    if url.endswith("index.html"):
        return url[: -len("index.html")]
    if url.endswith(".html"):
        return url[: -len(".html")] + "/"
    return "" if url == "./" else url


def published(site_url: str | None) -> str:
    """The site's published address with a trailing slash, or "" when none is: unset, not
    http(s), or a host of the builder's own machine (localhost, 127.0.0.1, *.localhost)."""
    url = (site_url or "").strip()
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return ""
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return ""
    return url if url.endswith("/") else url + "/"


@lru_cache(maxsize=65536)
def relative(target: str, here_dir: str) -> str:
    """Link from the folder `here_dir` to the site-relative `target` (a folder keeps its '/')."""
    rel = posixpath.relpath(target or ".", here_dir or ".")
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel


def relative_url(target: str, here: str) -> str:
    """Link from page URL `here` to page URL `target` (both site-relative)."""
    # 'about.html' is in the root folder: its folder is "." (never "/", which relpath would
    # take for the file system's root and answer with the build folder's path).
    return relative(target, here if here.endswith("/") else posixpath.dirname(here))


def absolute(site_url: str | None, url: str) -> str:
    """The published address of a site-relative URL, or '' when none is configured."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + directory_url(url)


def of_page(site_url: str | None, url: str, alternates: dict[str, str]) -> dict[str, Any]:
    """What a page's template needs: the address to cite, its path, and hreflang links.

    The cited address is the online one, also in the offline edition (`page.html`). hreflang
    links must be absolute to be valid, so there are none without a site_url.
    """
    path = directory_url(url)
    return {
        "portal_cite_url": absolute(site_url, url),
        "portal_cite_path": "/" + path,
        "portal_hreflang": [(lang, absolute(site_url, alt)) for lang, alt in alternates.items()]
        if site_url
        else [],
    }


# -- addresses from content, read as a browser reads them ---------------------------------------

_AUTHORITY_END = "/?#\\"  # WHATWG: for http(s), a backslash ends the host like a slash


def web_host(url: str) -> str:
    """The host a browser opens for an http(s) address, by the WHATWG URL rules where they
    differ from Python's `urlsplit`: a backslash ends the authority (`http://a\\@b/` opens
    `a`, where `urlsplit` says `b`), tabs and newlines are dropped, and user-info before
    the last '@' of the authority is not the host. '' when there is no host."""
    text = url.strip("\x00\x20").translate({9: None, 10: None, 13: None})
    scheme, sep, rest = text.partition(":")
    if not sep or scheme.lower() not in ("http", "https"):
        return ""
    rest = rest.lstrip("/\\")
    end = min((i for i in (rest.find(c) for c in _AUTHORITY_END) if i >= 0), default=len(rest))
    authority = rest[:end].rpartition("@")[2]
    host = authority.rsplit(":", 1)[0] if not authority.endswith("]") else authority
    return host.lower()
