"""A contact file's text, written the way a person would: plain scalars where they read
back the same, quotes where they would not, one key a line, lists as block lists. Pure."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from abcnet.core.readback import as_read

_PLAIN_UNSAFE = re.compile(r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|[:#]\s|\s#|:$|\s$|[\n\r\t]""")
#: What a flow mapping (``{date: ..., note: ...}``) would read as its own syntax.
_FLOW_UNSAFE = re.compile(r"[,\[\]{}:#?]")
#: Characters a file cannot hold raw, or that YAML reads as a line break or a
#: byte-order mark: C0 controls, DEL, C1 controls, the line and paragraph
#: separators, lone surrogates, U+FEFF and the two non-characters U+FFFE, U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
#: Of those, what a ``|`` block cannot hold (it holds tabs and line feeds).
_BLOCK_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
#: Of those, what ``json.dumps`` leaves raw (it escapes the C0 controls itself).
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
#: Words YAML 1.1 or 1.2 reads as true, false or null (compared in lower case).
_YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}
#: Text YAML reads as a number, in any of its forms (or that looks enough like one):
#: 12, +1, .5, 1e3, 1_000, 1:20 (sexagesimal), 0x1F, 0o17, 0b101, .inf, -.Inf, .NaN;
#: and the value and merge keys ``=`` and ``<<``.
_NOT_TEXT_WORDS = re.compile(
    r"[-+]?[\d_.][\d_.:eE+-]*|[-+]?0(?:[xX][\da-fA-F_]*|[oO][0-7_]*|[bB][01_]*)"
    r"|[-+]?\.(?:inf|nan)|=|<<",
    re.IGNORECASE,
)


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly: JSON's escapes
    (valid YAML), and ``\\uXXXX`` for what JSON leaves raw but YAML cannot hold."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def scalar(value: Any, *, flow: bool = False) -> str:
    """A value written as a YAML scalar: plain when that reads back the same, else quoted.

    With ``flow``, for a value inside ``{...}``, where commas, brackets, colons, ``#``
    and ``?`` would be read as syntax.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (
        not text
        or _PLAIN_UNSAFE.search(text)
        or _UNPRINTABLE.search(text)
        or text.lower() in _YAML11_WORDS
        or _NOT_TEXT_WORDS.fullmatch(text)
        or (flow and _FLOW_UNSAFE.search(text))
    ):
        return quoted(text)
    return text


def new_contact(fields: dict[str, Any], header: str | None = None) -> str:
    """The text of a new contact file: one `key: value` per line, lists as block lists."""
    out = [f"# {line}".rstrip() + "\n" for line in (header or "").splitlines()]
    for key, value in fields.items():
        if value is None or value == [] or value == {}:
            continue
        if isinstance(value, dict):
            out.append(f"{key}:\n")
            out.extend(f"  {k}: {scalar(v)}\n" for k, v in value.items() if v is not None)
        elif isinstance(value, list | tuple):
            if len(value) == 1 and key in ("email", "phone"):
                out.append(f"{key}: {scalar(value[0])}\n")
            else:
                out.append(f"{key}:\n")
                out.extend(f"  - {scalar(v)}\n" for v in value)
        elif isinstance(value, str) and "\n" in value:
            out.extend(_text_block(key, value))
        else:
            out.append(f"{key}: {scalar(value)}\n")
    return "".join(out)


def _text_block(key: str, text: str) -> list[str]:
    """Lines of text as a ``|`` block, which reads back as ``as_read(text)``; where a
    block could not hold them (a control character, a carriage return, a first line
    that starts with a space, a line of only spaces), the same text quoted."""
    lines = text.rstrip("\n").split("\n")
    first = next((line for line in lines if line), "")
    if (
        _BLOCK_UNSAFE.search(text)
        or first[:1].isspace()
        or any(line and not line.strip() for line in lines)
        or not text.strip()
    ):
        return [f"{key}: {quoted(as_read(text))}\n"]
    return [f"{key}: |\n"] + [f"  {line}\n" if line else "\n" for line in lines]


_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ]
    )
    for name in names.split()
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(\d{{4}})\b", re.I)
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SLASHED = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
#: A year, or a month's name written as one (capitalised: "may" is a word too).
_ANY_DATE_WORD = re.compile(
    r"\b(?:1[89]|2\d)\d\d\b|\b(?:"
    + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True))
    + r")\b"
)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _slashed(a: int, b: int, year: int) -> date | None:
    """``a/b/year`` when only one reading is a date (13/06/2025), else None (06/07/2025)."""
    readings = {d for d in (_day(year, b, a), _day(year, a, b)) if d is not None}
    return readings.pop() if len(readings) == 1 else None


def dates_in(text: str) -> tuple[set[date], bool]:
    """The days written in ``text`` (``2025-11-12``, ``12 Nov 2025``, ``Nov 12, 2025``,
    ``13/11/2025`` where only one reading is a date), and whether it says something of
    a date besides (a year or a month alone, ``06/07/2025``): then it is not a single day."""
    found: set[date] = set()
    rest = text
    for pattern, order in ((_ISO, "ymd"), (_DAY_FIRST, "dmy"), (_MONTH_FIRST, "mdy")):
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            month = _MONTHS.get(parts["m"].lower(), 0) if not parts["m"].isdigit() else 0
            day = _day(int(parts["y"]), month or int(parts["m"]), int(parts["d"]))
            if day is not None:
                found.add(day)
                rest = rest.replace(m.group(), " ")
    for m in _SLASHED.finditer(text):
        day = _slashed(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day is not None:
            found.add(day)
            rest = rest.replace(m.group(), " ")
    return found, bool(_ANY_DATE_WORD.search(rest))


def met_date_in(text: str) -> tuple[date | None, bool]:
    """The day a meeting written as ``text`` happened, when it says one unambiguously;
    and whether it names a time that is not one day (``Web Summit 2025``, two dates), so
    that today would be wrong too."""
    found, vague = dates_in(text)
    if len(found) == 1 and not vague:
        return found.pop(), False
    return None, bool(found) or vague
