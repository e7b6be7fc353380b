"""Each phrase once: how abc says a number of days, a count of things, a list of files."""

from __future__ import annotations

from collections.abc import Sequence


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 person``, ``2 people``; ``many`` defaults to ``one`` + ``s``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def format_days(days: int) -> str:
    """A number of days in words: ``182`` → ``182 days``, ``1`` → ``1 day``."""
    return plural(days, "day")


def files_have_problems(paths: Sequence[str], what: str) -> str:
    """``abc: 2 files have problems (run abc check); <what>: a.yaml, b.yaml``."""
    n = len(paths)
    verb = "has" if n == 1 else "have"
    return f"abc: {plural(n, 'file')} {verb} problems (run abc check); {what}: {', '.join(paths)}"
