"""Errors a user can act on: they name the file (and line) and say what is wrong."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_path(path: Path) -> Path:
    """A file of the project by its place in the project: an error never shows the server's folders."""
    path = Path(path)
    return path.relative_to(ROOT) if path.is_absolute() and path.is_relative_to(ROOT) else path


class InputError(Exception):
    """Unusable input. Printed as one line: ``error: FILE[:LINE]: message``."""

    def __init__(self, file: str | Path, message: str, line: int | None = None):
        self.file = str(project_path(Path(file))) if Path(file).is_absolute() else str(file)  # a project file by its place
        self.line = line
        self.message = message
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"error: {where}: {self.message}"
