"""Sources named by who publishes them: "UN Treaty Collection", "UNODC", not "Source" or "[2]".

A reader deciding whether to trust a fact wants to see its publisher before following the
link. Known publishers are named from the address's host (the longest matching suffix wins,
so sherloc.unodc.org is SHERLOC and www.unodc.org is UNODC); any other source is named by its
host without "www.".
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

PUBLISHERS = {
    "treaties.un.org": "UN Treaty Collection",
    "sherloc.unodc.org": "UNODC SHERLOC",
    "unodc.org": "UNODC",
    "news.un.org": "UN News",
    "ohchr.org": "OHCHR",
    "migrationnetwork.un.org": "UN Network on Migration",
    "un.org": "United Nations",
    "iom.int": "IOM",
    "ilo.org": "ILO",
    "unicef.org": "UNICEF",
    "refworld.org": "Refworld (UNHCR)",
    "oas.org": "OAS",
    "state.gov": "U.S. Department of State",
    "loc.gov": "Library of Congress",
    "europa.eu": "European Union",
    "legislationline.org": "Legislationline (OSCE/ODIHR)",
    "planalto.gov.br": "Presidência da República (Brasil)",
    "gov.br": "Governo do Brasil",
    "zoek.officielebekendmakingen.nl": "Officiële bekendmakingen (NL)",
    "paclii.org": "PacLII",
    "ecoi.net": "ecoi.net",
}


@cache
def publisher(url: str | None) -> str:
    """The publisher of a source address, or its host when it is not a known one."""
    host = (urlsplit(url or "").hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        suffix = ".".join(parts[i:])
        if suffix in PUBLISHERS:
            return PUBLISHERS[suffix]
    return host or (url or "")
