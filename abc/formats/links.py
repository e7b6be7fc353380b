"""Links a phone or a browser follows to reach someone: ``tel:`` for now. Pure."""

from __future__ import annotations


def tel_link(phone: str) -> str:
    """``tel:+15550100`` for ``+1 555 0100``: the digits, and the leading + if written."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"tel:{'+' if phone.strip().startswith('+') else ''}{digits}"
