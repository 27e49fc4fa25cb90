"""When each source file last changed, from git history (not the build date).

One `git log` over the whole repository gives every file's last commit date. Files changed
since (or not committed at all) count as changed today. Outside a git checkout every date is
unknown and the portal shows none.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any


class History(dict[str, Any]):
    """{path: 'YYYY-MM-DD'} of last changes, plus `order`: {path: n}, larger is more recent."""

    def __init__(self) -> None:
        super().__init__()
        self.order: dict[str, int] = {}

    def newer(self, a: str, b: str) -> bool:
        """Did `a` change after `b` (both known to git)?"""
        return a in self.order and b in self.order and self.order[a] > self.order[b]


def last_changes(root: Path, today: dt.date | None = None) -> History:
    """The last change of every file git knows under `root` (paths relative to it)."""
    today_s = (today or dt.date.today()).isoformat()
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return History()
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"

    def rel(path: str) -> str:
        return path[len(prefix) :] if prefix and path.startswith(prefix) else path

    dates = History()
    date = ""
    commits = log.count("\x00")
    position = 0
    for line in log.splitlines():
        if line.startswith("\x00"):
            date = line[1:]
            position += 1
        elif line and rel(line) not in dates:
            dates[rel(line)] = date
            dates.order[rel(line)] = commits - position  # newest commit first in the log
    for line in dirty.splitlines():
        path = rel(line[3:].split(" -> ")[-1].strip('"'))
        dates[path] = today_s
        dates.order[path] = commits + 1
    return dates


def latest(dates: dict[str, str], *paths: str) -> str | None:
    found = [dates[p] for p in paths if p and p in dates]
    return max(found) if found else None
