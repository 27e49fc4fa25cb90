"""programme.yml, declared with the types of `types`: the programme's name, the treaties,
themes and regions it reports on (which country.yml and objective.yml are then checked
against), its fonts, licence and where readers' corrections go.
"""

from __future__ import annotations

import re
from typing import Any

from .base import Context, subpath
from .structure import Field, ListOf, Object
from .types import Email, Slug, Str, Text, Url


def _named(what: str, with_url: bool = False) -> Object:
    fields = {
        "key": Field(Slug(f"a short key for the {what}"), "Key used in the content files", True),
        "name": Field(Text(200), f"Name of the {what} in each portal language", True),
    }
    if with_url:
        fields["url"] = Field(Url(), f"Web address of the {what}'s authoritative page")
    return Object(fields, f"A {what} the programme declares")


def _unique_keys(item: dict[str, Any], path: str, ctx: Context) -> None:
    for list_name in ("treaties", "themes", "regions"):
        seen: set[str] = set()
        for i, entry in enumerate(item.get(list_name) or []):
            key = entry.get("key")
            if key in seen:
                ctx.error(f"{list_name}[{i}].key", f"expected each key once, got {key!r} twice")
            seen.add(key)


FONT = Object(
    {
        "file": Field(
            Str(200, r"[^/\\][^\\]*\.(ttf|otf|ttc|TTF|OTF|TTC)", "a path like fonts/x.ttf"),
            "A font file in the repository (OpenType or TrueType), relative to its root",
        ),
        "system": Field(
            Str(100, hint="a font family name"),
            "A font installed on the build machine, by its fontconfig family name, e.g. "
            "'Noto Sans CJK SC' (Debian fonts-noto-cjk) or 'WenQuanYi Micro Hei'",
        ),
    },
    "A font for the PDFs: a file in the repository or a font of the system (one of the two)",
)

GITHUB_REPO_RE = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/?")


def _github_repository(item: dict[str, Any], path: str, ctx: Context) -> None:
    repository = item.get("repository")
    if repository and not GITHUB_REPO_RE.fullmatch(repository):
        ctx.error(
            subpath(path, "repository"),
            "expected the address of a GitHub repository like https://github.com/OWNER/REPO "
            f"(its issue form receives the corrections), got {repository!r}",
        )


LICENCE = Object(
    {
        "name": Field(
            Text(120, plain=True),
            "Name of the licence in each language, e.g. CC BY 4.0 (footer, PDFs, open data)",
            True,
        ),
        "url": Field(Url(), "Web address of the licence's text", True),
        "note": Field(
            Text(300, plain=True),
            "What the licence covers when not everything, in each language; the portal says "
            "anyway that linked sources keep their own terms",
        ),
    },
    "The licence under which readers may reuse the portal's own texts and data",
)

CORRECTIONS = Object(
    {
        "repository": Field(
            Url(),
            "GitHub repository whose issue form (.github/ISSUE_TEMPLATE/correction.yml) "
            "receives readers' corrections; by default the repository of the edit links "
            "(extra.portal.repo in mkdocs.yml)",
        ),
        "email": Field(
            Email(),
            "Address that receives corrections from readers without a GitHub account; none "
            "when empty",
        ),
    },
    "Where readers' suggested corrections go (the links under every country and objective)",
    checks=(_github_repository,),
)

PROGRAMME = Object(
    {
        "name": Field(
            Text(120, plain=True), "The portal's name in each language (title, header, PDFs)", True
        ),
        "short_name": Field(
            Str(40, plain=True),
            "Short name, used in file names (offline zip, PDFs) once turned into a slug",
            True,
        ),
        "description": Field(
            Text(300, plain=True),
            "One sentence on what the portal is for (home page, meta description)",
        ),
        "slug": Field(
            Slug("the short name in file names"),
            "The short name as it appears in file names (the offline zip); by default the "
            "short name transliterated to ASCII",
        ),
        "fonts": Field(
            ListOf(FONT),
            "Fonts for the PDFs beyond the bundled ones (Latin, Cyrillic, Arabic), in order of "
            "preference: a script the bundled fonts lack (Chinese, Devanagari...) needs one",
        ),
        "treaties": Field(
            ListOf(_named("treaty", with_url=True)),
            "Treaties countries report their status of (country.yml treaties:), in this order",
        ),
        "themes": Field(
            ListOf(_named("theme")),
            "What an instrument may address (country.yml instruments[].themes), in this order",
        ),
        "regions": Field(
            ListOf(_named("region")), "Regions countries belong to, in display order", True
        ),
        "licence": Field(
            LICENCE,
            "The licence of the portal's own texts and data (footer, PDFs, open data); "
            "without it, the portal says that no licence is stated",
        ),
        "corrections": Field(CORRECTIONS, "Where readers' suggested corrections go"),
    },
    "The programme behind the portal: programme.yml at the repository root",
    checks=(_unique_keys,),
)
