"""The programme a portal is about, as programme.yml declares it.

Everything that belongs to one programme and not to the generator lives in that file: the
portal's name, the treaties countries report on, the themes instruments address, the regions.
The generator reads it like any other content file (same loader, same schema machinery, all
problems at once).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anyascii import anyascii

from . import schema
from .problems import Problems
from .yamlio import load_yaml

FILE = "programme.yml"


@dataclass(frozen=True)
class Term:
    """A treaty, theme or region: its key in content files and its name per language."""

    key: str
    name: dict[str, str]
    url: str | None = None


@dataclass(frozen=True)
class Programme:
    name: dict[str, str]
    short_name: str
    description: dict[str, str] | None
    treaties: tuple[Term, ...]
    themes: tuple[Term, ...]
    regions: tuple[Term, ...]
    declared_slug: str = ""  # programme.yml's `slug:`, when the short name needs one
    fonts: tuple[dict[str, str], ...] = ()  # programme.yml's `fonts:` (see portal.fonts)
    # programme.yml's `licence:` ({name, url, note}; see portal.licence) and `corrections:`
    # ({repository, email}; see portal.corrections), None when not declared.
    licence: dict[str, Any] | None = None
    corrections: dict[str, Any] | None = None

    @property
    def vocabulary(self) -> schema.Vocabulary:
        return schema.Vocabulary(
            treaties=tuple(t.key for t in self.treaties),
            themes=tuple(t.key for t in self.themes),
            regions=tuple(t.key for t in self.regions),
        )

    @property
    def slug(self) -> str:
        """'cote-resiliente' for 'Côte Résiliente': the short name as it appears in file names
        (programme.yml's `slug:` when it gives one; load() refuses a programme with neither)."""
        return self.declared_slug or slugify(self.short_name) or "portal"

    def term(self, kind: str, key: str) -> Term | None:
        return next((t for t in getattr(self, kind) if t.key == key), None)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, transliterated from any script by anyascii
    ('حماية العمال' gives 'hmyh-l-ml', '移民' 'yimin'); "" when nothing is left (emoji...)."""
    ascii_text = anyascii(unicodedata.normalize("NFC", text))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def _terms(items: list[dict[str, Any]] | None) -> tuple[Term, ...]:
    return tuple(Term(i["key"], i["name"], i.get("url")) for i in items or [] if i.get("key"))


def load(
    root: Path, languages: tuple[str, ...], problems: Problems, today: dt.date
) -> Programme | None:
    """Read and validate root/programme.yml; None (with problems added) when it is unusable."""
    path = root / FILE
    if not path.is_file():
        problems.add(
            FILE,
            "",
            "is missing: every portal declares its programme (name, treaties, themes, regions) "
            "in programme.yml at the repository root; copy the one of the sample portal and "
            "edit it",
        )
        return None
    loaded = load_yaml(path, FILE, problems)
    if loaded is None:
        return None
    ctx = schema.Context(
        file=FILE, problems=problems, lines=loaded, languages=languages, today=today
    )
    data = schema.PROGRAMME.check(loaded.data, "", ctx)
    if not data or not data.get("name") or not data.get("short_name"):
        return None
    if not data.get("slug") and not slugify(data["short_name"]):
        problems.add(
            FILE,
            "short_name",
            f"{data['short_name']!r} gives no name usable in file names; add `slug:` with "
            "lower-case ASCII letters, digits and hyphens, like 'my-programme'",
            loaded.line("short_name"),
        )
    return Programme(
        name=data["name"],
        short_name=data["short_name"],
        description=data.get("description"),
        treaties=_terms(data.get("treaties")),
        themes=_terms(data.get("themes")),
        regions=_terms(data.get("regions")),
        declared_slug=data.get("slug") or "",
        fonts=tuple(data.get("fonts") or ()),
        licence=data.get("licence") or None,
        corrections=data.get("corrections") or None,
    )
