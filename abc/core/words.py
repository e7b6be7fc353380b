"""Each phrase once: how abc says a number of days, a count of things, a list of files,
a month in short, someone's work."""

from __future__ import annotations

from collections.abc import Sequence


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 person``, ``2 people``; ``many`` defaults to ``one`` + ``s``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


#: The months as abc writes them in short (``3 Mar 2012``), the same in every locale.
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: A month's short name, in any case, to its number (``mar`` → 3), for reading dates.
MONTH_NUMBERS = {m.casefold(): i for i, m in enumerate(MONTHS_SHORT, 1)}


def work(role: str | None, org: str | None) -> str | None:
    """``Head of Data at Fabrikam``, or whichever of the two there is (None for neither);
    spaces inside each are made single, and a blank one counts as none."""
    parts = [" ".join(x.split()) for x in (role, org) if x and x.strip()]
    return " at ".join(parts) or None


def counted(n: int, one: str, many: str | None = None) -> str:
    """``1,511 rows``: :func:`plural` with the thousands separated."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def format_days(days: int) -> str:
    """A number of days in words: ``182`` → ``182 days``, ``1`` → ``1 day``."""
    return plural(days, "day")


def files_have_problems(paths: Sequence[str], what: str) -> str:
    """``abc: 2 files have problems (run abc check); <what>: a.yaml, b.yaml``."""
    return f"abc: {files_have(len(paths))} problems (run abc check); {what}: {', '.join(paths)}"


def files_have(n: int) -> str:
    """``1 file has``, ``2 files have``."""
    return plural(n, "file has", "files have")
