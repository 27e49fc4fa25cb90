"""Which files of a change are content, and which are code that needs a maintainer.

A content pull request may add or change only the inputs the check and the build validate:
`programme.yml`, `labels/<lang>.yml`, anything under `countries/` and `objectives/`, and
the pages and media of `docs/` (`docs/<page>.md`, `docs/media/<image>`). Anything else
(the generator, templates, the theme's overrides, mkdocs.yml, the workflow, the tests, the
Makefile) is code: it runs at build time or decides what is published, so a maintainer
reviews it (`.github/CODEOWNERS` says who). `python -m portal code-changes BASE HEAD` lists
those files for the pull request's job summary.

This listing informs the reviewer; it is not the wall. A pull request can change this module
and the workflow too: what stops code from being merged without a maintainer is CODEOWNERS
with branch protection ("require review from code owners"), which GitHub enforces outside
the pull request.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import mdtext, paths
from .tree import CONTENT_FILES, LABELS_NAME_RE, MEDIA_DIR, MEDIA_SUFFIXES, PAGE_NAME_RE

# One rule per kind of content input; keep .github/CODEOWNERS and SECURITY.md in step.
_ENTRY_DIRS = paths.CONTENT_FOLDERS


def is_content(path: str) -> bool:
    """Is `path` (repository-relative, with /) a file a content pull request may change?"""
    if path in CONTENT_FILES or (
        path.startswith("labels/") and LABELS_NAME_RE.fullmatch(path[len("labels/") :])
    ):
        return True
    if path.startswith(_ENTRY_DIRS):
        return True
    parts = path.split("/")
    if parts[0] != "docs":
        return False
    if len(parts) == 2:
        return bool(PAGE_NAME_RE.fullmatch(parts[1]))
    return len(parts) == 3 and parts[1] == MEDIA_DIR and Path(parts[2]).suffix in MEDIA_SUFFIXES


def changed_paths(repo: Path, base: str, head: str) -> list[str]:
    """Files added, changed, removed or renamed (both names) from `base` to `head`, as
    GitHub shows a pull request: since the revisions' merge base. ValueError when git fails."""
    result = subprocess.run(
        ["git", "-C", str(repo), "diff", "--name-only", "-z", "--no-renames", f"{base}...{head}"],
        capture_output=True,
    )
    if result.returncode != 0:
        raise ValueError(result.stderr.decode(errors="replace").strip() or "git diff failed")
    return sorted(p for p in result.stdout.decode("utf-8", "replace").split("\0") if p)


def markdown(paths: list[str]) -> str:
    """The job summary's section on code changes."""
    code = [p for p in paths if not is_content(p)]
    out = ["## Files outside the content", ""]
    if not code:
        out.append(f"None: the {len(paths)} changed files are all content.")
    else:
        out += [
            f"{len(code)} of the {len(paths)} changed files are code, not content: a "
            "maintainer (.github/CODEOWNERS) reviews them before merging.",
            "",
        ]
        out += [f"- {mdtext.code(p)}" for p in code]
    return "\n".join(out) + "\n"
