"""Merging two contact files that hold the same person (`abc merge`), under the lock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from abcnet.core.merge import MergePlan, plan_merge
from abcnet.core.model import Contact
from abcnet.core.problems import DataError, ReadError, errors
from abcnet.formats.edits import apply_merge, new_contact_problems

from .contact_files import delete_contact, edit_contact
from .contacts import check_raw
from .journal import forget_file
from .layout import reason
from .lock import network_lock


def _checked(raw: bytes, c: Contact, day: date) -> tuple[Contact, Any]:
    """A contact file's contact and plain data, from its bytes; DataError if it has problems."""
    loaded, data = check_raw(raw, c.source.path, c.slug, day)
    if errors(loaded.problems) or loaded.contact is None:
        raise DataError(
            f"{c.source.path} has problems; fix them first (nothing was changed)",
            errors(loaded.problems),
        )
    return loaded.contact, data


def merge_files(
    root: Path,
    keep: Contact,
    other: Contact,
    day: date,
    *,
    region: str,
    then: Callable[[list[Path]], object] | None = None,
) -> MergePlan:
    """Fold OTHER's file into KEEP's, then delete OTHER's, all under the network's lock.

    KEEP's file is written (atomically, read back, checked) before OTHER's is
    deleted: a crash in between leaves both files, never neither. ``then`` gets both
    paths, still under the lock (abc's git commit of the merge). ``region`` (``me:
    region:``) reads phones without a country code. Returns what was done, with KEEP as
    its file now reads (``merged``).
    """
    keep_rel, other_rel = keep.source.path, other.source.path
    other_path = root / other_rel
    plans: list[MergePlan] = []
    with network_lock(root):
        try:
            raw = other_path.read_bytes()
        except OSError as e:
            raise ReadError(f"cannot read {other_rel}: {reason(e)}; nothing was changed") from None
        other_now, other_data = _checked(raw, other, day)

        def change(text: str, data: Any) -> str:
            keep_now, keep_data = _checked(text.encode("utf-8"), keep, day)
            merge = plan_merge(keep_now, other_now, keep_data, other_data, region=region)
            plans.append(merge)
            new = apply_merge(text, merge.steps)
            problems = new_contact_problems(new, keep_rel, day)
            if problems:
                raise DataError(
                    f"the merged {keep_rel} would not pass abc check; nothing was changed",
                    problems,
                )
            plans[0] = replace(merge, merged=_checked(new.encode("utf-8"), keep, day)[0])
            return new

        written = edit_contact(root, keep.slug, day, change)
        delete_contact(root, other_path, outcome=f"{keep_rel} has all it held; delete it by hand")
        forget_file(root, other_rel)
        if then is not None:
            then([written, other_path])
    return plans[0]
