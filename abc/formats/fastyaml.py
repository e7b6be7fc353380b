"""The plain YAML most contact files are written in, read three times faster than libyaml.

A contact file as abc, an import or a person writes it is a block mapping of plain
or simply quoted scalars, lists of them (block or ``[a, b]``) and lists of small
mappings (the touches). :func:`load` reads exactly that, line by line, and gives
the very data the safe loader gives (:mod:`.yamltext`: YAML 1.2, timestamps kept as
text). Anything else, or anything it is not sure of (a tab, an anchor, a tag, a
block scalar, an escape, a comment after a value, a number other than a plain
decimal integer, digits with a letter other than a cadence's, a duplicate key, a scalar over two lines), gives :data:`UNSURE`, and the file goes to the full
loader, which also names the line of any problem. So this is a shortcut, never a
second reading of YAML: tests/test_fastyaml.py checks it against the loader.
"""

from __future__ import annotations

import re
from typing import Any

#: What :func:`load` gives when the full loader must read the text.
UNSURE: Any = object()

_MAX_DEPTH = 32
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?\Z")
#: Characters that start something other than a plain scalar, or may.
_NOT_PLAIN_START = frozenset("&*!|>%@`?:,[]{}#'\"")
#: Plain scalars YAML 1.2 reads as something other than a string, by first character
#: (the resolver's own table); a scalar starting otherwise is a string.
_RESOLVED = {
    "~": re.compile(r"~\Z"),
    "n": re.compile(r"null\Z"),
    "N": re.compile(r"(?:Null|NULL)\Z"),
    "t": re.compile(r"true\Z"),
    "T": re.compile(r"(?:True|TRUE)\Z"),
    "f": re.compile(r"false\Z"),
    "F": re.compile(r"(?:False|FALSE)\Z"),
    "<": re.compile(r"<<\Z"),
    "=": re.compile(r"=\Z"),
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z")
#: The integers read here (``daily_quota: 40``), as the safe loader reads them; any
#: other number (a sign, leading zeros, underscores, a base, a point, or more digits
#: than Python turns into an int unasked: the loader says what is wrong) goes to it.
_INT = re.compile(r"(?:0|-?[1-9][0-9]{0,17})\Z")
#: A cadence such as ``30d``, ``2w`` or ``1y``: digits and one of these letters is no
#: number to the safe loader (its bases are ``0x``, ``0o`` and ``0b``, its exponent
#: ``e``), but text.
_DURATION = re.compile(r"[0-9]+[dwmy]\Z")
_NUMERIC_START = frozenset("0123456789+-.")


class _Unsure(Exception):
    pass


def _plain(text: str) -> str | int | None:
    """A plain scalar's value: the text, an integer, or None for null; _Unsure for
    anything else."""
    if not text:
        return None
    first = text[0]
    if first in _NOT_PLAIN_START or ": " in text or " #" in text or text.endswith(":"):
        raise _Unsure
    if first in _NUMERIC_START:
        if _DATE.match(text):
            return text  # a date: a timestamp, which abc keeps as text, or text
        if _INT.match(text):
            return int(text)
        if _DURATION.match(text):
            return text
        raise _Unsure  # a number, maybe
    pattern = _RESOLVED.get(first)
    if pattern is not None and pattern.match(text):
        if first == "~" or first in "nN":
            return None
        raise _Unsure  # a boolean, a merge key or a value key
    return text


def _uncommented(text: str) -> str:
    """``text`` without a comment after the value (`` # ...``)."""
    if "#" not in text:
        return text
    first = text[0]
    if first in "\"'[":
        close = {'"': '"', "'": "'", "[": "]"}[first]
        end = text.find(close, 1)
        if first == "'":
            while end != -1 and text[end + 1 : end + 2] == "'":
                end = text.find("'", end + 2)
        if end == -1:
            raise _Unsure
        rest = text[end + 1 :]
        if (rest.strip(" ") and not rest.lstrip(" ").startswith("#")) or rest[:1] not in ("", " "):
            raise _Unsure
        return text[: end + 1]
    if first == "#":
        return ""
    at = text.find(" #")
    return text if at == -1 else text[:at].rstrip(" ")


def _scalar(text: str) -> Any:
    text = _uncommented(text.rstrip(" "))
    if not text:
        return None
    first = text[0]
    if first == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or "\\" in inner or '"' in inner:
            raise _Unsure
        return inner
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _Unsure
        return inner.replace("''", "'")
    if first == "[":
        return _flow_list(text)
    if text == "{}":
        return {}
    return _plain(text)


def _flow_list(text: str) -> list[Any]:
    if not text.endswith("]"):
        raise _Unsure
    inner = text[1:-1].strip()
    if not inner:
        return []
    out = []
    for item in inner.split(","):
        item = item.strip()
        if not item or any(c in item for c in "[]{}'\"#:"):
            raise _Unsure
        out.append(_plain(item))
    return out


def _lines(raw: list[str]) -> list[tuple[int, str, int]]:
    """(indent, content, line index) of each line that holds something."""
    out = []
    for n, line in enumerate(raw):
        content = line.lstrip(" ")
        if not content or content[0] == "#":
            if "\t" in line or "\r" in line:
                raise _Unsure
            continue
        if "\t" in line or "\r" in content or content.startswith(("---", "...", "%")):
            raise _Unsure
        out.append((len(line) - len(content), content.rstrip(" "), n))
    return out


class _Reader:
    def __init__(self, raw: list[str], lines: list[tuple[int, str, int]]) -> None:
        self.raw = raw
        self.lines = lines
        self.i = 0

    def literal(self, indent: int, header: str) -> str:
        """A literal block scalar (``|`` or ``|-``) after the line just read."""
        if header not in ("|", "|-"):
            raise _Unsure
        raw = self.raw
        start = self.lines[self.i - 1][2] + 1
        end = start
        block: list[str] = []
        width = 0
        while end < len(raw):
            line = raw[end]
            content = line.lstrip(" ")
            if not content:
                if (width and len(line) > width) or (not width and len(line) > indent + 1):
                    raise _Unsure  # spaces that might be content
                block.append("")
            else:
                at = len(line) - len(content)
                if not width:
                    if at <= indent:
                        break
                    width = at
                elif at < width:
                    break
                block.append(line[width:])
            end += 1
        if end == len(raw):
            raise _Unsure  # at the end of the text: its last line break decides
        while self.i < len(self.lines) and self.lines[self.i][2] < end:
            self.i += 1
        text = "\n".join(block).rstrip("\n")
        return text + "\n" if text and header == "|" else text

    def block(self, indent: int, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise _Unsure
        content = self.lines[self.i][1]
        if content == "-" or content.startswith("- "):
            return self.sequence(indent, depth)
        return self.mapping(indent, depth)

    def mapping(self, indent: int, depth: int, first: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        lines = self.lines
        while self.i < len(lines):
            at, content, _ = lines[self.i]
            if first is not None:
                content, first = first, None
            elif at != indent:
                if at > indent:
                    raise _Unsure
                break
            m = _KEY.match(content)
            if m is None:
                raise _Unsure
            key, rest = m.group(1), m.group(2)
            if key in out or _plain(key) != key:
                raise _Unsure
            self.i += 1
            if rest and rest[0] == "#":
                rest = ""
            if rest and rest[0] == "|":
                out[key] = self.literal(indent, rest)
            elif rest:
                out[key] = _scalar(rest)
            else:
                out[key] = self.nested(indent, depth, same_level_list=True)
        return out

    def nested(self, indent: int, depth: int, *, same_level_list: bool) -> Any:
        """The value of a key or an item with nothing after it: what the next lines hold."""
        if self.i >= len(self.lines):
            return None
        at, content, _ = self.lines[self.i]
        is_list = content == "-" or content.startswith("- ")
        if at > indent or (same_level_list and at == indent and is_list):
            return self.block(at, depth + 1)
        return None

    def sequence(self, indent: int, depth: int) -> list[Any]:
        out: list[Any] = []
        lines = self.lines
        while self.i < len(lines):
            at, content, _ = lines[self.i]
            if at != indent or not (content == "-" or content.startswith("- ")):
                if at > indent:
                    raise _Unsure
                break
            after = content[2:]
            item = after.lstrip(" ")
            if not item:
                self.i += 1
                out.append(self.nested(indent, depth, same_level_list=False))
            elif item.startswith("- "):
                raise _Unsure  # a list in a list on one line
            elif _KEY.match(item):
                inner = indent + 2 + len(after) - len(item)
                out.append(self.mapping(inner, depth + 1, first=item))
            else:
                self.i += 1
                out.append(_scalar(item))
        return out


#: What YAML does not allow in a document (it only allows printable characters).
_NOT_PRINTABLE = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
#: The same for a text all ASCII, whose pattern is far quicker to compile (the full one
#: costs a few milliseconds, which each run of abc would pay for abc.yaml alone).
_NOT_PRINTABLE_ASCII = re.compile("[^\t\n\r\x20-\x7e]")


def _printable(text: str) -> bool:
    if text.isascii():
        return _NOT_PRINTABLE_ASCII.search(text) is None
    return re.search(_NOT_PRINTABLE, text) is None


def load(text: str) -> Any:
    """The data of ``text`` as the safe loader reads it, or :data:`UNSURE`."""
    if not _printable(text):
        return UNSURE
    try:
        raw = text.split("\n")
        lines = _lines(raw)
        if not lines or lines[0][0] != 0:
            return UNSURE
        reader = _Reader(raw, lines)
        data = reader.block(0, 0)
        if reader.i != len(lines):
            return UNSURE
        return data
    except (_Unsure, RecursionError):
        return UNSURE
