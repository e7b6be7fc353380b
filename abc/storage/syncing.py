"""``abc sync --apply``'s files: the touches added through ``abc log``'s edit path, then the
ledger, all under one lock.

Each contact file gets its new touches in one verified, atomic write that keeps its
comments, order and quoting (the same ``add_touch`` ``abc log`` uses). The ledger is
written last: a run killed before it leaves touches that the next run sees as
``already logged``, so nothing is added twice either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from abcnet.core.problems import ReadError
from abcnet.formats.edits import add_touch
from abcnet.formats.yamltext import load_text
from abcnet.sync import ledger as ledgers
from abcnet.sync.ledger import LEDGER_FILE, Ledger
from abcnet.sync.propose import Proposed

from .atomic import atomic_write
from .contact_files import edit_contact
from .layout import reason
from .lock import network_lock


def read_ledger(root: Path) -> Ledger:
    """The network's ledger (empty when there is none yet); a damaged line is an error."""
    path = root / LEDGER_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Ledger()
    except (OSError, UnicodeDecodeError) as e:
        why = reason(e) if isinstance(e, OSError) else "it is not UTF-8 text"
        raise ReadError(f"cannot read {LEDGER_FILE}: {why} (delete it to start afresh)") from None
    ledger, problems = ledgers.parse(text)
    if problems:
        first = problems[0]
        raise ReadError(
            f"{LEDGER_FILE}:{first.line}: {first.message}; fix the line or delete the file "
            "(abc sync then proposes again what you deleted during review)"
        )
    return ledger


def _add_all(touches: list[dict[str, Any]]) -> Any:
    def change(text: str, data: Any) -> str:
        for t in touches:
            text = add_touch(text, data, t)
            data, _ = load_text(text, "sync", "rt")
        return text

    return change


def apply(root: Path, proposed: Iterable[Proposed], ledger: Ledger, today: date) -> list[Path]:
    """Write every proposed touch and the ledger; returns the contact files written."""
    items = sorted(proposed, key=lambda p: (p.slug, p.date, p.channel))
    written = []
    with network_lock(root):
        for slug, group in groupby(items, key=lambda p: p.slug):
            touches = [p.touch() for p in group]
            written.append(edit_contact(root, slug, today, _add_all(touches)))
        if items:
            new = ledger.with_touches((p.slug, p.date, p.channel) for p in items)
            path = root / LEDGER_FILE
            path.parent.mkdir(exist_ok=True)
            atomic_write(path, new.text().encode("utf-8"))
    return written
