"""The one schema of the portal's content, declared once.

`types` holds the validation machinery (`Field`, `Object`, `Text`, ...), which knows nothing of
any programme; `vocabulary` declares the files (`programme.yml`, `country.yml`,
`objective.yml`) with it. The same declarations validate and normalise the files at build time
and in `make check`, produce the JSON Schemas editors' IDEs use, and the scaffold's comments,
so none of them can disagree.
"""

from __future__ import annotations

from typing import Any

from . import base, structure, types
from .base import SLUG_RE, Context, Vocabulary
from .codes import LANG_CODE
from .programme_file import PROGRAMME
from .structure import Field, Object
from .vocabulary import (
    CONTACT,
    COUNTRY,
    INSTRUMENT,
    INSTRUMENT_STATUSES,
    INSTRUMENT_TYPES,
    OBJECTIVE,
    RELATION_KINDS,
    TREATY_ACTS,
    TREATY_STATUSES,
)

__all__ = [
    "CONTACT",
    "COUNTRY",
    "INSTRUMENT",
    "INSTRUMENT_STATUSES",
    "INSTRUMENT_TYPES",
    "LANG_CODE",
    "OBJECTIVE",
    "PROGRAMME",
    "RELATION_KINDS",
    "SLUG_RE",
    "TREATY_ACTS",
    "TREATY_STATUSES",
    "Context",
    "Field",
    "Object",
    "Vocabulary",
    "base",
    "structure",
    "types",
    "json_schema",
]

FILES = {"country": COUNTRY, "objective": OBJECTIVE, "programme": PROGRAMME}


def json_schema(kind: str, vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """The JSON Schema of `country.yml`, `objective.yml` or `programme.yml`, for editors' IDEs.

    With a vocabulary (the programme's treaties, themes and regions), keys and values that only
    the programme knows are listed as enums, so the IDE completes them.
    """
    out = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{kind}.yml",
    }
    out.update(FILES[kind].json(vocabulary or Vocabulary()))
    return out


def field_reference(vocabulary: Vocabulary) -> str:
    """Every field of every file, for CONTRIBUTING.md: written by `python -m portal schema`."""
    lines: list[str] = []

    def walk(obj: Object, prefix: str) -> None:
        for name, spec in obj.fields.items():
            path = f"{prefix}{name}"
            kind = spec.type
            values = list(kind.values())
            declared = getattr(kind, "kind", None) or getattr(
                getattr(kind, "item", None), "kind", None
            )
            if isinstance(declared, str) and hasattr(vocabulary, declared):
                values = list(getattr(vocabulary, declared))
            extra = f" One of: {', '.join(f'`{v}`' for v in values)}." if values else ""
            required = " **Required.**" if spec.required else ""
            lines.append(f"- `{path}`: {spec.description}.{extra}{required}")
            inner = getattr(kind, "item", kind)
            if isinstance(inner, Object):
                if inner is kind:  # a mapping of fixed fields (programme.yml licence:)
                    walk(inner, f"{path}.")
                else:
                    walk(inner, f"{path}.<key>." if hasattr(kind, "key") else f"{path}[].")

    for kind, obj in FILES.items():
        lines.append(f"\n**{kind}.yml**: {obj.description}.\n")
        walk(obj, "")
    return "\n".join(lines).strip() + "\n"
