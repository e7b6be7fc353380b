"""What a value reads back as from a contact file's text, so a plan can check it first. Pure."""

from __future__ import annotations

from datetime import date
from typing import Any


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
