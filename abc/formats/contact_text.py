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
