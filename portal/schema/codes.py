"""Codes from the ISO registries: a country's alpha-3 code, a language's two-letter code."""

from __future__ import annotations

from typing import Any

import pycountry

from .base import Context, Type, Vocabulary, describe


class Code(Type):
    """A code from an ISO list (pycountry), as an exact upper- or lower-case string."""

    def __init__(self, kind: str):
        self.kind = kind

    def valid(self, value: str) -> bool:
        if self.kind == "iso3":
            return (
                len(value) == 3
                and value.isupper()
                and pycountry.countries.get(alpha_3=value) is not None
            )
        return (
            len(value) == 2
            and value.islower()
            and pycountry.languages.get(alpha_2=value) is not None
        )

    def check(self, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, str) and self.valid(value):
            return value
        if self.kind == "iso3":
            ctx.error(
                path,
                f"expected an ISO 3166-1 alpha-3 country code in capitals such as MAR, "
                f"got {describe(value)}",
            )
        else:
            ctx.error(
                path,
                f"expected a two-letter ISO 639-1 language code such as fr, got {describe(value)}",
            )
        return None

    def json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": "^[A-Z]{3}$" if self.kind == "iso3" else "^[a-z]{2}$",
        }


LANG_CODE = Code("lang")
