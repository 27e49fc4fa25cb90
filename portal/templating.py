"""The Jinja environment of the pages and the PDFs' documents (portal/templates)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import htmlblocks

TEMPLATES = Path(__file__).parent / "templates"

_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja, looking a field of the content up as a key first.

    `{{ ins.title }}` tries the attribute, then the key: for the YAML mappings of the content
    that means an AttributeError raised and caught for every field a template reads, a good
    part of the time pages take. A dict has no attribute besides its methods, so trying the
    key first for any other name gives exactly the same result, without the exception (an
    absent optional field cost three: attribute, key, and Jinja's own second try)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            if attribute in obj:
                return obj[attribute]
            return self.undefined(obj=obj, name=attribute)  # what Jinja ends with, too
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def templates() -> Environment:
    """One Jinja environment per process, for the pages and the PDFs' documents: autoescaped
    (a title or a name is always text, never markup); `mkdocs serve` compiles the templates
    once, not at every rebuild (Jinja still reloads a template whose file changed)."""
    env = _Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["html_block"] = htmlblocks.html_block
    # JSON for a script to read from an attribute: text, escaped for the attribute like any text
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env
