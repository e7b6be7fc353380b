"""Problems in user data are values; fatal conditions are exceptions with an exit code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, rendered as ``path:line: field: message``.

    ``severity`` is ``error`` (the data is invalid, `abc check` exits 1) or
    ``warning`` (allowed, but worth a look, such as a cadence beyond twice a year).
    """

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {prefix}{what}{self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "severity": self.severity,
        }


def errors(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


class AbcError(Exception):
    """A condition that stops a command. The CLI prints it and exits with ``exit_code``."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NoNetworkError(AbcError):
    """No folder with ``contacts/`` was found."""


class DataError(AbcError):
    """A file abc was asked to change has problems; nothing was written."""

    exit_code = 1

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class NotFoundError(AbcError):
    """A name matched no contact, or more than one."""

    exit_code = 1

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class Interrupted(AbcError):
    """The user stopped a long write (Ctrl-C): what is done stays done."""

    exit_code = 130


class UsageError(AbcError):
    """An option or argument that makes no sense given the data."""


class ReadError(AbcError):
    """A folder or file abc needs cannot be read (its permissions, a link gone wrong)."""


class WriteError(AbcError):
    """A file could not be written (permissions, a full disk): what was there is unchanged.

    ``path`` is the file as the user knows it (relative to the network where it is in
    one), ``reason`` what the system said, ``hint`` what to do, if anything is to be done.
    """

    def __init__(
        self,
        path: str,
        reason: str,
        *,
        hint: str = "",
        outcome: str = "nothing was changed",
        action: str = "write",
    ) -> None:
        after = f" ({hint})" if hint else ""
        super().__init__(f"cannot {action} {path}: {reason}; {outcome}{after}")
        self.path = path
        self.reason = reason
        self.hint = hint
