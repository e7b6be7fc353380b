"""Lossless edits to a contact file's text. Pure: text in, text out.

abc never re-serialises a user's file. It finds positions with ruamel.yaml's
round-trip loader and splices in only the lines it adds or changes, so every
comment, blank line, quoting style, flow list and indentation outside them
stays byte for byte. Each edit is then verified: the new text must load to
exactly the old data plus the intended change, or the edit is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from abcnet.core.checks import parse_contact
from abcnet.core.fields import CONTACT_KEYS
from abcnet.core.merge import AddEntries, AddText, Conflict, Extend, Fill, Replace, Step
from abcnet.core.problems import DataError, Problem, errors
from abcnet.core.readback import as_read
from abcnet.formats.contact_text import new_contact, quoted, scalar

from .yamltext import load_text, rt_locator


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += _newline(text)
    return lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _key_line(data: Any, key: str) -> int:
    return int(data.lc.key(key)[0])


def _next_key_line(data: Any, key: str, lines: list[str]) -> int:
    """The line where the top-level entry after ``key`` starts (or the end of the file)."""
    keys = list(data.keys())
    i = keys.index(key)
    return _key_line(data, keys[i + 1]) if i + 1 < len(keys) else len(lines)


def _end_of_entry(lines: list[str], start: int, stop: int) -> int:
    """The line after the last content line in ``lines[start:stop]``."""
    end = stop
    while end > start + 1 and _is_filler(lines[end - 1]):
        end -= 1
    return end


def _touch_fields(touch: dict[str, Any], *, flow: bool = False) -> list[tuple[str, str]]:
    return [(k, scalar(v, flow=flow)) for k, v in touch.items() if v is not None]


def add_touch(text: str, data: Any, touch: dict[str, Any]) -> str:
    """Add a touch to the file's ``touches`` list, in the file's own style.

    ``data`` is the round-trip load of ``text``; ``touch`` maps touch keys to values
    (``date`` first). Touches kept newest-first get the new one at the top.
    """
    touch = {k: v for k, v in touch.items() if v is not None}
    nl = _newline(text)
    lines = _lines(text)
    fields = _touch_fields(touch)
    block = [f"- {fields[0][0]}: {fields[0][1]}"] + [f"  {k}: {v}" for k, v in fields[1:]]

    existing: Any = data.get("touches") if isinstance(data, dict) else None
    if "touches" not in data:
        dash = _guess_dash_indent(data, lines)
        new = [f"touches:{nl}"] + [" " * dash + line + nl for line in block]
        out = lines + new
        return _verified(text, "".join(out), lambda d: d.setdefault("touches", []).append(touch))

    key_line = _key_line(data, "touches")
    if existing is None or (isinstance(existing, list) and not existing):
        # `touches:` with nothing, or `touches: []`: turn it into a block list.
        line = lines[key_line]
        m = re.match(r"^(\s*touches\s*:)\s*(\[\s*\])?\s*(#.*)?$", line.rstrip("\r\n"))
        if not m:
            raise DataError("cannot find where to add the touch; nothing was changed")
        head = m.group(1) + (f"  {m.group(3)}" if m.group(3) else "")
        dash = _indent(line) + _guess_dash_indent(data, lines)
        new = [head + nl] + [" " * dash + b + nl for b in block]
        out = lines[:key_line] + new + lines[key_line + 1 :]
        return _verified(text, "".join(out), lambda d: d.__setitem__("touches", [touch]))

    if not isinstance(existing, list) or cast(Any, existing).fa.flow_style():
        raise DataError(
            "touches is written as a flow list [...]; write it as a block list "
            "(one `- date: ...` per touch) so abc can add to it. Nothing was changed."
        )

    positions: Any = cast(Any, existing).lc
    first_line = positions.item(0)[0]
    last_line = positions.item(len(existing) - 1)[0]
    new = _touch_lines(existing, lines, touch, nl)

    dates = [str(t.get("date")) for t in existing if isinstance(t, dict)]
    newest_first = len(dates) >= 2 and dates[0] > dates[-1]
    if newest_first:
        out = lines[:first_line] + new + lines[first_line:]
        return _verified(text, "".join(out), lambda d: d["touches"].insert(0, touch))
    stop = _next_key_line(data, "touches", lines)
    end = _end_of_entry(lines, last_line, stop)
    out = lines[:end] + new + lines[end:]
    return _verified(text, "".join(out), lambda d: d["touches"].append(touch))


def _touch_lines(existing: Any, lines: list[str], touch: dict[str, Any], nl: str) -> list[str]:
    """A new item of the block list ``existing``, written in the style of its last item."""
    fields = _touch_fields(touch)
    last_line = cast(Any, existing).lc.item(len(existing) - 1)[0]
    dash = _indent(lines[last_line])
    last_item = existing[-1]
    flow_items = getattr(getattr(last_item, "fa", None), "flow_style", lambda: False)()
    if isinstance(last_item, dict) and last_item and not flow_items:
        content = cast(Any, last_item).lc.key(next(iter(last_item)))[1]
        pad = max(content - dash - 1, 1)
        item = [f"-{' ' * pad}{fields[0][0]}: {fields[0][1]}"] + [
            f"{' ' * (pad + 1)}{k}: {v}" for k, v in fields[1:]
        ]
    elif flow_items:
        item = ["- {" + ", ".join(f"{k}: {v}" for k, v in _touch_fields(touch, flow=True)) + "}"]
    else:
        item = [f"- {fields[0][0]}: {fields[0][1]}"] + [f"  {k}: {v}" for k, v in fields[1:]]
    return [" " * dash + line + nl for line in item]


def _guess_dash_indent(data: Any, lines: list[str]) -> int:
    """How far the file indents `- item` under a key: from its other block lists, else 2."""
    value: Any
    for key, value in data.items():
        if isinstance(value, list) and value and not cast(Any, value).fa.flow_style():
            line = lines[cast(Any, value).lc.item(0)[0]]
            return _indent(line) - _indent(lines[_key_line(data, key)])
    return 2


def set_key(text: str, data: Any, key: str, value: Any) -> str:
    """Set a top-level scalar, keeping a trailing comment; a new key goes before touches."""
    nl = _newline(text)
    lines = _lines(text)
    rendered = scalar(value)
    if key in data:
        row = _key_line(data, key)
        if _next_key_line(data, key, lines) - row > 1 and not all(
            _is_filler(x) for x in lines[row + 1 : _next_key_line(data, key, lines)]
        ):
            raise DataError(f"{key} spans several lines; edit it by hand. Nothing was changed.")
        line = lines[row].rstrip("\r\n")
        m = re.match(r"^(\s*" + re.escape(key) + r"\s*:\s*)(.*?)(\s+#.*)?$", line)
        if not m:
            raise DataError(f"cannot find the value of {key}; nothing was changed")
        lines[row] = m.group(1) + rendered + (m.group(3) or "") + nl
    else:
        new = f"{key}: {rendered}{nl}"
        if "touches" in data:
            row = _key_line(data, "touches")
            while row > 0 and lines[row - 1].strip().startswith("#"):
                row -= 1
            lines.insert(row, new)
        else:
            lines.append(new)
    return _verified(text, "".join(lines), lambda d: d.__setitem__(key, value))


def remove_key(text: str, data: Any, key: str) -> str:
    """Remove a top-level key whose value sits on its own line."""
    lines = _lines(text)
    if key not in data:
        return text
    row = _key_line(data, key)
    stop = _end_of_entry(lines, row, _next_key_line(data, key, lines))
    if stop - row > 1:
        raise DataError(f"{key} spans several lines; edit it by hand. Nothing was changed.")
    del lines[row]
    return _verified(text, "".join(lines), lambda d: d.pop(key, None))


def _plain(value: Any) -> Any:
    """Round-trip data → plain dicts, lists and text, comparable with ``==``."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return value
    return str(value)


def _verified(old: str, new: str, change: Any) -> str:
    """Return ``new`` if it loads to the old data with ``change`` applied; refuse otherwise."""
    before, problems = load_text(old, "old", "safe")
    after, problems_after = load_text(new, "new", "safe")
    expected = _plain(before)
    if not problems:
        change(expected)
        expected = _plain(expected)
    if problems or problems_after or _plain(after) != expected:
        raise DataError(
            "this change could not be made without disturbing the rest of the file; "
            "nothing was changed. Please edit the file by hand."
        )
    return new


def new_contact_problems(text: str, rel: str, today: date) -> list[Problem]:
    """The errors `abc check` would find in ``text``, the text of a new contact file at
    ``rel``: checked before it is written, so that abc never writes a file it rejects."""
    data, problems = load_text(text, rel, "safe")
    if not problems:
        slug = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        rt_data, _ = load_text(text, rel, "rt")
        _, problems = parse_contact(data, rel, slug, today, rt_locator(rt_data))
    return errors(problems)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def add_field(
    text: str, data: Any, key: str, value: Any, order: tuple[str, ...] | None = None
) -> str:
    """Give a top-level key that has no value yet (absent, empty or null) a value of any shape.

    Lists and mappings are written as block lists and mappings, multi-line text as
    a ``|`` block, as :func:`new_contact` writes them. An existing empty entry on
    one line (``tags: []``, ``org:``) is replaced, keeping its comment. A new key
    goes after the last key the file has of those before it in ``order`` (such as
    CONTACT_KEYS), else before touches, else at the end. Verified like every edit.
    """
    if key in data and not _empty(data[key]):
        raise DataError(f"{key} already has a value; nothing was changed")
    block = new_contact({key: value}).splitlines(keepends=True)
    if not block:
        return text
    nl = _newline(text)
    lines = _lines(text)
    block = [line.rstrip("\n") + nl if line.strip() else nl for line in block]
    if key in data:
        row = _key_line(data, key)
        stop = _end_of_entry(lines, row, _next_key_line(data, key, lines))
        if stop - row > 1:
            raise DataError(f"{key} spans several lines; edit it by hand. Nothing was changed.")
        m = re.match(r"^(\s*)" + re.escape(key) + r"\s*:.*?(\s+#.*)?$", lines[row].rstrip("\r\n"))
        if not m:
            raise DataError(f"cannot find the value of {key}; nothing was changed")
        indent, comment = m.group(1), m.group(2) or ""
        block = [indent + line if line.strip() else line for line in block]
        first = block[0].rstrip("\r\n")
        block[0] = first + comment + nl
        lines[row : row + 1] = block
    elif after := [k for k in (order or ())[: list(order or ()).index(key)] if k in data]:
        # Right after the entry of the key that comes before it in ``order``.
        last = max(after, key=lambda k: _key_line(data, k))
        row = _end_of_entry(lines, _key_line(data, last), _next_key_line(data, last, lines))
        lines[row:row] = block
    elif "touches" in data:
        row = _key_line(data, "touches")
        while row > 0 and lines[row - 1].strip().startswith("#"):
            row -= 1
        lines[row:row] = block
    else:
        lines.extend(block)
    shaped = value
    if isinstance(value, list | tuple) and len(value) == 1 and key in ("email", "phone"):
        shaped = value[0]
    elif isinstance(value, str) and "\n" in value:
        shaped = value.rstrip("\n") + "\n"
    return _verified(text, "".join(lines), lambda d: d.__setitem__(key, _plain(shaped)))


def fill_fields(text: str, data: Any, fields: dict[str, Any]) -> str:
    """Add each of ``fields`` the file has no value for; keys that have one are left alone."""
    for key, value in fields.items():
        if key in data and not _empty(data[key]):
            continue
        order = CONTACT_KEYS if key in CONTACT_KEYS else None
        text = add_field(text, data, key, value, order)
        data, problems = load_text(text, "edit", "rt")
        if problems:  # pragma: no cover - add_field verified the text already
            raise DataError("the edit broke the file; nothing was changed", problems)
    return text


# --- edits for abc merge and abc unlog --------------------------------------------------


def _reload(text: str) -> Any:
    data, problems = load_text(text, "edit", "rt")
    if problems:  # pragma: no cover - every edit is verified before it is returned
        raise DataError("the edit broke the file; nothing was changed", problems)
    return data


def _block_list(data: Any, key: str) -> Any:
    """The non-empty block list under ``key``, or None."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list) and value and not cast(Any, value).fa.flow_style():
        return value
    return None


def _before_closing(text: str, row: int, more: str, closer: str, change: Any, what: str) -> str:
    """``more`` put into the flow collection on line ``row``, before its closing ``]`` or
    ``}``: the last of them on the line that :func:`_verified` takes (a comment after it
    may hold brackets too)."""
    nl = _newline(text)
    lines = _lines(text)
    line = lines[row].rstrip("\r\n")
    for j in range(len(line) - 1, -1, -1):
        if line[j] != closer:
            continue
        try:
            new = [*lines[:row], line[:j] + more + line[j:] + nl, *lines[row + 1 :]]
            return _verified(text, "".join(new), change)
        except DataError:
            continue
    raise DataError(f"{what}; edit it by hand. Nothing was changed.")


def insert_touch(text: str, data: Any, touch: dict[str, Any]) -> str:
    """Add a touch where its date puts it among the file's touches, after those of the
    same day (oldest first, or newest first as the file keeps them), in the style of the
    list's items; a comment just above the touch it goes before stays with that touch.
    A file with no touches yet gets it as :func:`add_touch` gives it."""
    existing = _block_list(data, "touches")
    if existing is None:
        return add_touch(text, data, touch)
    touch = {k: v for k, v in touch.items() if v is not None}
    nl = _newline(text)
    lines = _lines(text)
    dates = [str(t.get("date")) if isinstance(t, dict) else "" for t in existing]
    newest_first = len(dates) >= 2 and dates[0] > dates[-1]
    day = str(touch["date"])
    i = next((n for n, d in enumerate(dates) if (d < day if newest_first else d > day)), len(dates))
    new = _touch_lines(existing, lines, touch, nl)
    positions: Any = cast(Any, existing).lc
    if i == len(dates):
        last_line = positions.item(len(existing) - 1)[0]
        row = _end_of_entry(lines, last_line, _next_key_line(data, "touches", lines))
    else:
        row = positions.item(i)[0]
        dash = _indent(lines[row])
        top = _key_line(data, "touches") + 1
        while row > top and lines[row - 1].strip().startswith("#"):
            if _indent(lines[row - 1]) > dash:
                break
            row -= 1
    out = lines[:row] + new + lines[row:]
    return _verified(text, "".join(out), lambda d: d["touches"].insert(i, touch))


def remove_touch(text: str, data: Any, index: int) -> str:
    """Remove the touch at ``index`` of the file's block list of touches: its own lines
    only (the comments and blank lines around it stay). The last one leaves ``touches: []``."""
    existing = _block_list(data, "touches")
    if existing is None or not 0 <= index < len(existing):
        raise DataError("cannot find the touch to remove; nothing was changed")
    nl = _newline(text)
    lines = _lines(text)
    positions: Any = cast(Any, existing).lc
    start = positions.item(index)[0]
    after = _next_key_line(data, "touches", lines)
    stop = positions.item(index + 1)[0] if index + 1 < len(existing) else after
    end = _end_of_entry(lines, start, stop)
    if len(existing) > 1:
        out = lines[:start] + lines[end:]
        return _verified(text, "".join(out), lambda d: d["touches"].pop(index))
    row = _key_line(data, "touches")
    m = re.match(r"^(\s*touches\s*:)\s*(#.*)?$", lines[row].rstrip("\r\n"))
    if not m:
        raise DataError("cannot find where the touches start; nothing was changed")
    head = m.group(1) + " []" + (f"  {m.group(2)}" if m.group(2) else "") + nl
    out = [*lines[:row], head, *lines[row + 1 : start], *lines[end:]]
    return _verified(text, "".join(out), lambda d: d.__setitem__("touches", []))


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def extend_list(text: str, data: Any, key: str, items: list[Any] | tuple[Any, ...]) -> str:
    """Add ``items`` at the end of a top-level list (``email``, ``phone``, ``tags``).

    A block list gets new items in the style of its last; a flow list on one line gets
    them before its ``]``; a single value on one line becomes a block list, its comment
    staying with it; a key with no value gets the list as :func:`add_field` writes it.
    """
    items = list(items)
    if key not in data or _empty(data[key]):
        return add_field(text, data, key, items, CONTACT_KEYS)
    nl = _newline(text)
    lines = _lines(text)
    value = data[key]
    row = _key_line(data, key)
    stop = _next_key_line(data, key, lines)

    def change(d: Any) -> None:
        d[key] = _as_list(d[key]) + _plain(items)

    if _block_list(data, key) is not None:
        last = cast(Any, value).lc.item(len(value) - 1)[0]
        m = re.match(r"^\s*-\s+", lines[last])
        prefix = m.group(0) if m else " " * _indent(lines[last]) + "- "
        at = _end_of_entry(lines, last, stop)
        new = [prefix + scalar(x) + nl for x in items]
        return _verified(text, "".join(lines[:at] + new + lines[at:]), change)
    if _end_of_entry(lines, row, stop) - row > 1:
        raise DataError(f"{key} spans several lines; edit it by hand. Nothing was changed.")
    if isinstance(value, list):  # a flow list on one line
        more = "".join(f", {scalar(x, flow=True)}" for x in items)
        return _before_closing(text, row, more, "]", change, f"cannot add to the list {key}")
    line = lines[row].rstrip("\r\n")
    # One value: `key: value  # comment` becomes a block list.
    head = re.match(r"^(\s*)" + re.escape(key) + r"\s*:\s*", line)
    if not head:
        raise DataError(f"cannot find the value of {key}; nothing was changed")
    dash = " " * (len(head.group(1)) + _guess_dash_indent(data, lines))
    block = [f"{head.group(1)}{key}:{nl}", f"{dash}- {line[head.end() :]}{nl}"]
    block += [f"{dash}- {scalar(x)}{nl}" for x in items]
    return _verified(text, "".join(lines[:row] + block + lines[row + 1 :]), change)


def add_entries(text: str, data: Any, key: str, entries: dict[str, Any]) -> str:
    """Add ``entries`` to a top-level mapping (``links``, ``met``) that lacks their keys.

    A block mapping gets them after its last entry, at its indentation; a flow mapping
    on one line before one of its ``}``; a key with no value gets the mapping whole.
    """
    if key not in data or _empty(data[key]):
        return add_field(text, data, key, entries, CONTACT_KEYS)
    value = data[key]
    if not isinstance(value, dict) or any(k in value for k in entries):
        raise DataError(f"{key} already has these entries; nothing was changed")
    nl = _newline(text)
    lines = _lines(text)
    stop = _next_key_line(data, key, lines)

    def change(d: Any) -> None:
        d[key].update(_plain(entries))

    if not cast(Any, value).fa.flow_style():
        positions: Any = cast(Any, value).lc
        first, last = positions.key(next(iter(value))), positions.key(list(value)[-1])
        at = _end_of_entry(lines, last[0], stop)
        new = [" " * first[1] + f"{k}: {scalar(v)}{nl}" for k, v in entries.items()]
        return _verified(text, "".join(lines[:at] + new + lines[at:]), change)
    row = _key_line(data, key)
    if _end_of_entry(lines, row, stop) - row > 1:
        raise DataError(f"{key} spans several lines; edit it by hand. Nothing was changed.")
    more = "".join(f", {k}: {scalar(v, flow=True)}" for k, v in entries.items())
    return _before_closing(text, row, more, "}", change, f"cannot add to {key}")


def note_beside(text: str, data: Any, key: str, sub: str | None, said: str, named: str) -> str:
    """Write a comment beside a field (``sub`` of the mapping ``key``, or ``key`` itself):
    ``# said`` at the end of its line when the field is on a line of its own, else
    ``# named`` (which names the field) at the end of the mapping's line, or on a line
    of its own just above a field that spans several lines. The data stays as it was."""
    nl = _newline(text)
    lines = _lines(text)
    row = _key_line(data, key)
    stop = _end_of_entry(lines, row, _next_key_line(data, key, lines))
    own = True
    if sub is not None:
        parent: Any = data[key]
        if isinstance(parent, dict) and not cast(Any, parent).fa.flow_style() and sub in parent:
            names = list(parent)
            j = names.index(sub)
            positions: Any = cast(Any, parent).lc
            row = positions.key(sub)[0]
            if j + 1 < len(names):
                stop = _end_of_entry(lines, row, positions.key(names[j + 1])[0])
        else:
            own = False
    if stop - row == 1:
        lines[row] = lines[row].rstrip("\r\n") + f"  # {said if own else named}{nl}"
    else:
        lines.insert(row, " " * _indent(lines[row]) + f"# {named}{nl}")
    return _verified(text, "".join(lines), lambda d: None)


def append_text(text: str, data: Any, key: str, addition: str) -> str:
    """Add the lines ``addition`` at the end of a top-level text (``notes``), after a blank
    line: a ``|`` block gets them at its end, at its indentation; text on one line
    becomes a ``|`` block, keeping the line's comment."""
    nl = _newline(text)
    lines = _lines(text)
    old = data.get(key)
    if not isinstance(old, str):
        raise DataError(f"{key} is not text to add to; nothing was changed")
    body = old.rstrip("\n")
    added = ["", *addition.rstrip("\n").split("\n")]
    row = _key_line(data, key)
    stop = _end_of_entry(lines, row, _next_key_line(data, key, lines))
    head = lines[row].rstrip("\r\n")
    block = re.match(r"^\s*" + re.escape(key) + r"\s*:\s*\|[-+]?\s*(#.*)?$", head)
    if block and stop - row > 1:
        indent = " " * min(_indent(x) for x in lines[row + 1 : stop] if x.strip())
        new = [indent + line + nl if line else nl for line in added]
        wanted = body + "\n" + "\n".join(added) + old[len(body) :]
        out = lines[:stop] + new + lines[stop:]
        return _verified(text, "".join(out), lambda d: d.__setitem__(key, wanted))
    if stop - row > 1:
        raise DataError(f"{key} spans several lines; edit it by hand. Nothing was changed.")
    value = body + "\n" + "\n".join(added)
    m = re.match(r"^(\s*)" + re.escape(key) + r"\s*:.*?(\s+#.*)?$", head)
    indent, comment = (m.group(1), m.group(2) or "") if m else ("", "")
    rendered = new_contact({key: value}).splitlines(keepends=True)
    written = [indent + x.rstrip("\n") + nl if x.strip() else nl for x in rendered]
    written[0] = written[0].rstrip("\r\n") + comment + nl
    out = lines[:row] + written + lines[row + 1 :]
    return _verified(text, "".join(out), lambda d: d.__setitem__(key, as_read(value)))


def apply_merge(text: str, steps: Iterable[Step]) -> str:
    """KEEP's text with each step of a merge plan (:mod:`abcnet.core.merge`) made, in
    order: each a lossless edit, verified."""
    for step in steps:
        data = _reload(text)
        if isinstance(step, Fill):
            text = add_field(text, data, step.key, step.value, CONTACT_KEYS)
        elif isinstance(step, Extend):
            text = extend_list(text, data, step.key, step.items)
        elif isinstance(step, AddEntries):
            text = add_entries(text, data, step.key, dict(step.entries))
        elif isinstance(step, AddText):
            text = append_text(text, data, step.key, step.text)
        elif isinstance(step, Replace):
            text = set_key(text, data, step.key, step.value)
        elif isinstance(step, Conflict):
            said = f"abc merge: other file said {quoted(step.other)}"
            named = f"abc merge: other file said {step.field}: {quoted(step.other)}"
            text = note_beside(text, data, step.key, step.sub, said, named)
        else:
            text = insert_touch(text, data, step.touch)
    return text
