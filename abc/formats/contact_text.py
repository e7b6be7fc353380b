"""A contact file's text, written the way a person would: plain scalars where they read
back the same, quotes where they would not, one key a line, lists as block lists. Pure."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from typing import Any

_PLAIN_UNSAFE = re.compile(r"""^[\s\-?:,\[\]{}#&*!|>'"%@`]|[:#]\s|\s#|:$|\s$|[\n\r\t]""")
_YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}


def scalar(value: Any) -> str:
    """A value written as a YAML scalar: plain when that reads back the same, else quoted."""
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
        or text.lower() in _YAML11_WORDS
        or re.fullmatch(r"[-+.\d][\d_.:eE+-]*", text)
        or re.fullmatch(r"\.(inf|nan|Inf|NaN|INF|NAN)", text)
    ):
        return json.dumps(text, ensure_ascii=False)
    return text


def slugify(name: str) -> str:
    """A file-safe id from a name: ``Zoë O'Brien`` → ``zoe-obrien``. Never contains a path."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("'", "").replace("’", "").lower()
    text = re.sub(r"[^\w]+|_", "-", text)
    return re.sub(r"-{2,}", "-", text).strip("-")[:60].strip("-")


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
            out.append(f"{key}: |\n")
            out.extend(f"  {line}\n" if line else "\n" for line in value.rstrip("\n").split("\n"))
        else:
            out.append(f"{key}: {scalar(value)}\n")
    return "".join(out)


def as_read(value: Any) -> Any:
    """``value`` as abc's loader reads it back from :func:`new_contact`'s text: dates
    as text (the loader keeps them so), a multi-line string as its ``|`` block."""
    if isinstance(value, dict):
        return {k: as_read(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [as_read(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and "\n" in value:
        return value.rstrip("\n") + "\n"
    return value
