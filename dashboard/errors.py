"""Errors a user can act on: they name the file (and line) and say what is wrong."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_path(path: Path) -> Path:
    """A file of the project by its place in the project: an error never shows the server's folders."""
    path = Path(path)
    return path.relative_to(ROOT) if path.is_absolute() and path.is_relative_to(ROOT) else path


def csv_rows(path: Path, columns: list[str] | None = None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """A small CSV file a person keeps (UTF-8, a BOM allowed): its header — which must be `columns` when
    given — and each non-empty row with its line, one cell per column: a stray or missing comma is one
    InputError naming the line, never a value shifted into the next column."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, [])
            if columns is not None and header != list(columns):
                raise InputError(path, f"the header should be {','.join(columns)}", line=1)
            rows = []
            for cells in reader:
                if cells and len(cells) != len(header):
                    raise InputError(path, f"{len(header)} cells expected ({','.join(header)}), found {len(cells)}",
                                     line=reader.line_num)
                if cells:
                    rows.append((reader.line_num, cells))
            return header, rows
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None


class InputError(Exception):
    """Unusable input. Printed as one line: ``error: FILE[:LINE]: message[; run `FIX`]``, where `fix` is
    the command that makes the input again (normalize, for missing or damaged tables), when one does."""

    def __init__(self, file: str | Path, message: str, line: int | None = None, fix: str | None = None):
        self.file = str(project_path(Path(file))) if Path(file).is_absolute() else str(file)  # a project file by its place
        self.line = line
        self.message = message
        self.fix = fix
        super().__init__(self.one_line())

    def one_line(self, with_fix: bool = True) -> str:
        """The line the command line prints; with_fix=False: without the command that fixes it (the app says
        that in the UI language)."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        fix = f"; run `{self.fix}`" if self.fix and with_fix else ""
        return f"error: {where}: {self.message}{fix}"
