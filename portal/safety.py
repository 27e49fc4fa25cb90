"""What content may hold: the policy that makes pull requests from anyone safe to build, in
three rooms, each read on its own:

- `portal.tree`: which files content is (CONTENT_DIRS, CONTENT_FILES), their names, links
  and special files refused, docs/ pages' settings;
- `portal.narrative` (with `portal.narrative_cost`): what Markdown written by editors may
  hold, and what it may cost to render;
- `portal.escaping`: texts from YAML written where autoescaping does not reach.

This module names the policy's public parts for the rest of the portal (`safety.check_tree`,
`safety.read_narrative`...), so that callers need not know which room holds which rule.
"""

from __future__ import annotations

from .escaping import inert_headings, page_title
from .narrative import (
    ALLOWED_TAGS,
    GLOBAL_ATTRIBUTES,
    URL_SCHEMES,
    check_markup,
    read_narrative,
    url_scheme,
)
from .narrative_cost import (
    MAX_BRACKETS_PER_PARAGRAPH,
    MAX_CONSTRUCTS,
    MAX_HEADINGS,
    MAX_NARRATIVE_BYTES,
    MAX_QUOTE_DEPTH,
    MAX_SPLITS_PER_BLOCK,
    MAX_TABLE_CELLS,
    construct_count,
)
from .tree import (
    CONTENT_DIRS,
    CONTENT_FILES,
    FRONT_MATTER_KEYS,
    MEDIA_SUFFIXES,
    allowed_meta,
    check_front_matter,
    check_tree,
)

__all__ = [
    "ALLOWED_TAGS",
    "CONTENT_DIRS",
    "CONTENT_FILES",
    "FRONT_MATTER_KEYS",
    "GLOBAL_ATTRIBUTES",
    "MAX_BRACKETS_PER_PARAGRAPH",
    "MAX_CONSTRUCTS",
    "MAX_HEADINGS",
    "MAX_NARRATIVE_BYTES",
    "MAX_QUOTE_DEPTH",
    "MAX_SPLITS_PER_BLOCK",
    "MAX_TABLE_CELLS",
    "MEDIA_SUFFIXES",
    "URL_SCHEMES",
    "allowed_meta",
    "check_front_matter",
    "check_markup",
    "check_tree",
    "construct_count",
    "inert_headings",
    "page_title",
    "read_narrative",
    "url_scheme",
]
