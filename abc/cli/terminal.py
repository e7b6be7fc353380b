"""What the commands print, and where the network is: without Click, so that
``abc check`` can start without it (:mod:`abcnet.cli.quick`); :mod:`abcnet.cli.base`
gives the same to every command.

Output goes through :func:`echo`: while Click runs a command, Click's own ``echo``
writes it (so its colour settings and test streams hold); without Click, the same
bytes by the same rule (abc's colours, stripped where the stream is no terminal).
"""

from __future__ import annotations

import os
import re
import sys
from functools import cached_property
from pathlib import Path
from typing import Any

from abcnet.core.problems import AbcError, DataError, NotFoundError, Problem

#: The ANSI colours abc uses, as Click's ``style(fg=...)`` writes them.
_COLOURS = {"red": 31, "green": 32, "yellow": 33}
#: What Click strips of text for a stream that is no terminal.
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def color_enabled() -> bool:
    return "NO_COLOR" not in os.environ


def style(text: str, fg: str | None = None) -> str:
    """``text`` in abc's colour ``fg``, where colour is on."""
    if fg is None or not color_enabled():
        return text
    return f"\033[{_COLOURS[fg]}m{text}\033[0m"


#: What data must not bring to a terminal raw: the C0 controls but tab and newline
#: (a carriage return only where it ends a line, as in a vCard's CRLF), DEL, the
#: C1 controls, and the bidirectional embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
#: What ``json.dumps`` leaves raw of those: it escapes the C0 controls itself.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` with each control character written as a visible escape (``\\x1b``,
    ``\\u202e``), so a name cannot move the cursor, retitle the window or reorder
    the line. Text without them is returned as it is."""
    return _UNSAFE.sub(_escape, text)


def echo(text: str = "", *, err: bool = False, nl: bool = True, fg: str | None = None) -> None:
    """The one way abc prints to the terminal, on standard output or (``err``) error.

    Control characters in ``text`` are shown as escapes first (:func:`shown`); then
    abc's own colour ``fg`` is applied, where colour is on.
    """
    line = shown(text)
    line = style(line, fg=fg) if fg else line
    click = sys.modules.get("click")
    if click is not None:
        click.echo(line, err=err, nl=nl)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if nl:
        line += "\n"
    if not stream.isatty():
        line = _ANSI.sub("", line)
    stream.write(line)
    stream.flush()


def echo_problems(problems: list[Problem]) -> None:
    for p in problems:
        colour = "yellow" if p.severity == "warning" else "red"
        echo(str(p), fg=colour, err=True)


def print_json(data: Any) -> None:
    """Stable JSON on standard output. ``json.dumps`` escapes the C0 controls; the
    other characters :func:`shown` escapes get JSON's own ``\\uXXXX``, so the text
    holds none of them raw and still reads back as the same strings."""
    import json  # not for abc check's report, which it starts faster without

    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)
    echo(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def echo_lines(lines: list[str]) -> None:
    for line in lines:
        echo(line)


#: The module every write goes through (imported by the commands that write).
_ATOMIC = "abcnet.storage.atomic"


class NetworkRef:
    """Where the network is, as every command is given it: ``-C``/``ABC_ROOT``, else
    found from the working folder upwards (once, when a command first asks)."""

    def __init__(self, given: Path | None) -> None:
        self.given = given
        self._mark = 0

    @cached_property
    def root(self) -> Path:
        """The network: the folder given (``-C``) or the current one, or the nearest above it."""
        from abcnet.storage.layout import find_root

        found = find_root(self.given or Path.cwd())
        atomic = sys.modules.get(_ATOMIC)  # every write goes through it: not imported, none
        self._mark = 0 if atomic is None else atomic.write_mark()
        return found

    def elsewhere(self) -> Path | None:
        """The network's folder when it was found above the folder abc was started in
        and the command wrote into it, else None: a write the user should be told the
        place of, since it is not where they stand."""
        if "root" not in self.__dict__:  # never looked for: nothing was written
            return None
        if self.root == (self.given or Path.cwd()).resolve():
            return None
        atomic = sys.modules.get(_ATOMIC)
        if atomic is None:  # never imported, so nothing was written
            return None
        return self.root if atomic.wrote_under(self.root, self._mark) else None


def error_code(e: AbcError) -> int:
    """Says one of abc's own errors, and gives its exit code: what every command does
    with them, in one place."""
    if isinstance(e, DataError):
        echo_problems(e.problems)
        echo(f"abc: {e.message}", fg="red", err=True)
    elif isinstance(e, NotFoundError):
        echo(f"abc: {e.message}", err=True)
        for name in e.candidates:
            echo(f"  {name}", err=True)
    else:
        echo(f"abc: {e.message}", fg="red", err=True)
    return e.exit_code
