"""Sources named by who publishes them ("UN Treaty Collection", an agency's acronym), not
"Source" or "[2]".

A reader deciding whether to trust a fact wants to see its publisher before following the
link. A few publishers are named from the address's host by a table (the longest matching
suffix wins); an organisation's own short domain under .org or .int is named by its acronym
(iom.int is IOM; a subdomain is added: sherloc.<acronym>.org is "<ACRONYM> SHERLOC"); any other
source is named by its host without "www.".
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from .addresses import web_host

PUBLISHERS = {
    "treaties.un.org": "UN Treaty Collection",
    "news.un.org": "UN News",
    "migrationnetwork.un.org": "UN Network on Migration",
    "un.org": "United Nations",
    "refworld.org": "Refworld (UNHCR)",
    "state.gov": "U.S. Department of State",
    "loc.gov": "Library of Congress",
    "europa.eu": "European Union",
    "legislationline.org": "Legislationline (OSCE/ODIHR)",
    "planalto.gov.br": "Presidência da República (Brasil)",
    "gov.br": "Governo do Brasil",
    "officielebekendmakingen.nl": "Officiële bekendmakingen (NL)",
}
# Publishers of numbered documents: each document is named by its number, so that two
# documents of one publisher never share a link's name ("Tractatenblad 2007/71").
DOCUMENTS = (
    (
        "officielebekendmakingen.nl",
        re.compile(r"/trb-(\d{4})-(\d+)\.html"),
        "Tractatenblad {0}/{1}",
    ),
    ("undocs.org", re.compile(r"/((?:[A-Z]+/)+[\w./-]+)"), "UN document {0}"),
)
_ACRONYM = re.compile(r"(?:(?P<sub>[a-z]+)\.)?(?P<org>[a-z]{2,6})\.(?:org|int)")


@cache
def publisher(url: str | None) -> str:
    """The publisher of a source address, or its host when it is not a known one."""
    host = web_host(url or "")  # the host the browser opens, not urlsplit's
    path = urlsplit(url or "").path  # content's addresses have no backslash or user-info
    if host.startswith("www."):
        host = host[4:]
    for suffix, pattern, name in DOCUMENTS:
        found = pattern.fullmatch(path)
        if found and (host == suffix or host.endswith("." + suffix)):
            return name.format(*found.groups())
    parts = host.split(".")
    for i in range(len(parts) - 1):
        suffix = ".".join(parts[i:])
        if suffix in PUBLISHERS:
            return PUBLISHERS[suffix]
    m = _ACRONYM.fullmatch(host)
    if m:
        name = m.group("org").upper()
        return f"{name} {m.group('sub').upper()}" if m.group("sub") else name
    return host or (url or "")
