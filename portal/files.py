"""Reading an editor's file: the one primitive below the YAML loader and the content policy.

A file of content is read only when it is a regular file: a symbolic link could publish
/proc/self/environ or any file of the build machine, a FIFO would block the build.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import Problems


def regular_file(path: Path, rel: str, problems: Problems) -> os.stat_result | None:
    """The file's status when it is a regular file an editor's file may be read from; None
    for a link or a special file (refused without a message here: `check_tree` reports it),
    or, with a problem, for a file that cannot be read. Nothing is opened."""
    try:
        info = path.lstat()
    except OSError as e:
        problems.add(rel, "", f"cannot be read: {e.strerror}")
        return None
    return info if stat.S_ISREG(info.st_mode) else None
