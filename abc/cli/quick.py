"""``abc check`` started without Click: the command run most, by hand and by the
pre-commit hook, so its start-up is most of its time on a warm network.

``abc check`` with no other arguments than its flags ``--strict``, ``--all`` and
``--json`` (each once, in any order) runs here, and so do ``ABC_ROOT`` naming a
folder and ``ABC_TODAY`` holding a date (as Click takes them: blank is unset); any
other command line, or another value of either, goes to Click (:mod:`.app`), which
parses and says what is wrong with it. Both run :func:`check_network`, and print through
:mod:`.terminal`, so they give the same bytes and exit codes (``tests/test_cli.py``
compares them).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from abcnet.core.problems import AbcError

from .terminal import NetworkRef, echo, echo_lines, echo_problems, error_code, print_json

#: The flags of ``abc check`` taken here, and the parameter each sets.
FLAGS = {"--strict": "strict", "--all": "show_all", "--json": "as_json"}


def environment() -> tuple[Path | None, date | None] | None:
    """What Click reads for ``abc`` and ``abc check`` from the environment, as it takes
    them: the folder ``ABC_ROOT`` names, and the day ``ABC_TODAY`` holds (each None when
    unset or blank). None when either is something else, for Click to say what."""
    from abcnet.core.model import check_year

    root, text = os.environ.get("ABC_ROOT") or None, os.environ.get("ABC_TODAY") or None
    if root is not None and not os.path.isdir(root):
        return None
    day = None
    if text is not None:
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            return None
        if check_year(day) is not None:
            return None
    return (None if root is None else Path(root)), day


def run(argv: list[str]) -> int | None:
    """The exit code of ``abc`` run with ``argv``, when it is ``abc check`` as this module
    takes it (see above); None for Click to run."""
    if not argv or argv[0] != "check":
        return None
    flags = argv[1:]
    if len(set(flags)) != len(flags) or not set(flags) <= FLAGS.keys():
        return None
    given = environment()
    if given is None:
        return None
    ref = NetworkRef(given[0])
    try:
        code = check_network(ref, today=given[1], **{FLAGS[f]: True for f in flags})
        where = ref.elsewhere()
        if where is not None:
            echo(f"abc: wrote in the network at {where}, above this folder", err=True)
    except AbcError as e:
        return error_code(e)
    except KeyboardInterrupt:  # as Click: a blank line closes the terminal's ^C
        echo("", err=True)
        echo("Aborted!", err=True)
        return 1
    except BrokenPipeError:  # as Click: the reader went away (abc check | head)
        # What is left in the buffer goes nowhere, not into a second error at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


def check_network(
    ref: NetworkRef,
    *,
    strict: bool = False,
    show_all: bool = False,
    as_json: bool = False,
    today: date | None = None,
) -> int:
    """``abc check`` (see :func:`abcnet.cli.daily.check`): prints the problems and the
    report, and gives the exit code."""
    from abcnet.core.cadence import check_report
    from abcnet.core.problems import errors
    from abcnet.formats.report import check_json, problem_summary, report_lines
    from abcnet.storage.layout import waiting
    from abcnet.storage.network import broken_files
    from abcnet.storage.summary import load_check

    # Without --today, the network's today, from the settings the check summary holds.
    day, (people, settings, files, problems, known) = load_check(ref.root, today)
    rep = check_report(people, settings, day, known)
    bad = broken_files(problems)  # the files every other command leaves out
    errs = errors(problems)
    inbox = waiting(ref.root)
    if as_json:
        print_json(check_json(rep, problems, files, strict, inbox))
    else:
        echo_problems(problems)
        summary = problem_summary(problems, files)
        echo(summary, fg="red" if errs else "green", err=True)
        if bad:
            echo(f"Left out of the plan until fixed: {', '.join(bad)}.", fg="red", err=True)
        echo("")
        echo_lines(report_lines(rep, show_all=show_all))
        if inbox:
            from abcnet.formats.inbox import waiting_line

            echo("")
            echo(waiting_line(inbox))
        if strict and rep.overdue:
            echo(f"--strict: {len(rep.overdue)} overdue.", fg="red", err=True)
    return 1 if errs or (strict and rep.overdue) else 0
