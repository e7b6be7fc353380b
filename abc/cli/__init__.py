"""The `abc` command. Each command parses options, calls the library, prints.

The Click group is in ``app``. ``abc check`` with its flags alone, the command run
most (by hand and by the pre-commit hook), starts without Click (``quick``); so this
package imports Click only when ``app`` is asked for.

Heavy libraries (mkdocs, icalendar) are imported inside the commands that use them,
so `abc --help` starts fast, and each command's module is imported only when that
command runs (:data:`COMMANDS` says where each lives), so `abc check` loads no more than
it uses. Commands live by area: ``daily`` (check, today, plan,
stats), ``history``, ``changes`` (log, add, snooze), ``people`` (show, list, merge, unlog),
``triage`` (triage, keep, archive, unarchive), ``outputs`` (calendar, site, export, pocket)
``start`` (init, import), ``sync``, ``inbox`` and ``coach`` (build, init); ``base`` holds what
they share.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import COMMANDS as COMMANDS
    from .app import LazyGroup as LazyGroup
    from .app import cli as cli

#: Set to 1 to see the traceback of an error abc did not foresee.
DEBUG_VAR = "ABC_DEBUG"


def __getattr__(name: str) -> Any:
    """The Click group and its table, imported when first asked for (:mod:`.app`), so
    that ``abc check`` can start without Click (:mod:`.quick`)."""
    if name in ("cli", "COMMANDS", "LazyGroup"):
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The `abc` program: ``abc check`` by :mod:`.quick` where it can, else Click. An
    error abc did not foresee (a bug) ends with one clear message and exit code 70
    (``EX_SOFTWARE``), not a traceback, unless ``ABC_DEBUG=1``. Writes go through
    temporary files, so such an error leaves every file as it was or whole."""
    try:
        from .quick import run

        code = run(sys.argv[1:])
        if code is not None:
            raise SystemExit(code)
        from .app import cli

        cli(prog_name="abc")
    except Exception as err:  # the last guard, after Click's own handling
        if os.environ.get(DEBUG_VAR) == "1":
            raise
        from .terminal import echo

        what = " ".join(str(err).split())[:300] or "no message"
        echo(
            f"abc: internal error ({type(err).__name__}: {what}). This is a bug in abc: "
            f"your files are as they were or whole. Run again with {DEBUG_VAR}=1 to see "
            "where it happened, and report it with that output.",
            err=True,
        )
        raise SystemExit(70) from None
