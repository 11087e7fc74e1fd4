"""Validation problems: one record per mistake, reported together, in Bahasa Indonesia."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, with where it is and how to fix it."""

    path: str  # relative to the repository root, forward slashes
    line: int | None  # 1-based line in the file, when known
    field: str | None  # front-matter key path such as "image.alt"
    message: str  # what is wrong (Indonesian)
    hint: str | None = None  # how to fix it (Indonesian)

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format_text(self) -> str:
        """`path:line: field: message` and, on the next line, the hint."""
        head = f"{self.location()}: {self.field}: {self.message}" if self.field else (
            f"{self.location()}: {self.message}"
        )
        return head + (f"\n    petunjuk: {self.hint}" if self.hint else "")

    def format_github(self, level: str = "error") -> str:
        """A GitHub Actions workflow command (`error`, `warning` or `notice`) that annotates the
        file in the pull request."""
        props = f"file={_gh_escape(self.path, prop=True)}"
        if self.line:
            props += f",line={self.line}"
        title = f"Warta: {self.field}" if self.field else "Warta"
        text = self.message + (f" Petunjuk: {self.hint}" if self.hint else "")
        return f"::{level} {props},title={_gh_escape(title, prop=True)}::{_gh_escape(text)}"


def _gh_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


class ContentError(Exception):
    """Raised when content has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or ""))
        super().__init__(self.summary())

    def summary(self) -> str:
        files = len({p.path for p in self.problems})
        body = "\n".join(p.format_text() for p in self.problems)
        return f"{len(self.problems)} kesalahan di {files} berkas:\n{body}"
