"""Content problems: collected, never raised one at a time.

Every check in the portal appends a :class:`Problem` to a :class:`Problems` list instead of
raising, so that an editor sees every mistake of a change in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str  # path relative to the repository root, with forward slashes
    line: int | None
    field: str  # field path such as "instruments[2].year", or "" for the whole file
    message: str  # what was expected, what was found, and how to fix it
    severity: str = "error"  # "error" or "warning"

    def _key(self) -> tuple[str, int, str, str, str]:
        # A problem of the whole file (no line) comes before those of its lines.
        line = -1 if self.line is None else self.line
        return (self.file, line, self.field, self.message, self.severity)

    def __lt__(self, other: Problem) -> bool:
        """In file order, then line order: a report reads top to bottom."""
        return self._key() < other._key()

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{what}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str,
        field_path: str,
        message: str,
        line: int | None = None,
        severity: str = "error",
    ) -> None:
        self.items.append(Problem(file, line, field_path, message, severity))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == "warning")

    def __bool__(self) -> bool:
        return bool(self.items)

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"


class ContentError(Exception):
    """Raised once, after all problems of a run were collected."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(problems.summary())
