"""vCard text in and out: content lines, escaping, folding. Pure.

Reading takes vCard 2.1, 3.0 and 4.0 (RFC 6350) text and returns cards as
lists of properties; it knows nothing about contacts. Folded lines are unfolded
(a line starting with a space or tab continues the previous one), 2.1-style
quoted-printable values are decoded with their CHARSET, and every property keeps
the line it started on, so problems can name it. Writing produces vCard 4.0
with CRLF line ends, folded at 75 octets without splitting a character.
"""

from __future__ import annotations

import quopri
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from abcnet.core.model import Contact
from abcnet.core.problems import Problem

_NAME_RE = re.compile(r"(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Prop:
    """One content line: ``group.NAME;PARAM=a,b:value`` (name and parameter names upper case)."""

    name: str
    value: str
    """As written (still escaped), after quoted-printable decoding."""
    params: dict[str, tuple[str, ...]] = field(default_factory=dict)
    group: str | None = None
    line: int = 0

    def param(self, key: str) -> tuple[str, ...]:
        return self.params.get(key.upper(), ())

    @property
    def types(self) -> tuple[str, ...]:
        """The TYPE values, lower case, split at commas (``TYPE=work,voice``)."""
        out: list[str] = []
        for value in self.param("TYPE"):
            out.extend(v.strip().lower() for v in value.split(",") if v.strip())
        return tuple(out)

    @property
    def text(self) -> str:
        """The value as text, escapes undone."""
        return unescape(self.value)


@dataclass(frozen=True)
class Card:
    line: int
    """The line of BEGIN:VCARD."""
    props: tuple[Prop, ...]

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def first(self, name: str) -> Prop | None:
        found = self.all(name)
        return found[0] if found else None


def unescape(value: str) -> str:
    r"""Undo vCard text escapes: ``\n`` and ``\N`` are line breaks, ``\x`` is ``x``."""
    if "\\" not in value:
        return value
    out = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def split_escaped(value: str, sep: str) -> list[str]:
    r"""Split a raw value at ``sep`` where it is not escaped (``\;``), then unescape each part."""
    parts = []
    current: list[str] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            current.append(value[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append(unescape("".join(current)))
    return parts


def _is_quoted_printable(head: str) -> bool:
    return "QUOTED-PRINTABLE" in head.upper()


def _head(line: str) -> str:
    """The part of a content line before its value (up to the first ':' outside quotes)."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return line[:i]
    return line


def unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the (1-based) physical line each starts on; blank lines dropped."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        if out and raw[:1] in (" ", "\t"):
            start, line = out[-1]
            out[-1] = (start, line + raw[1:])
            continue
        if out and out[-1][1].endswith("=") and _is_quoted_printable(_head(out[-1][1])):
            # A quoted-printable soft line break (vCard 2.1): the value goes on.
            start, line = out[-1]
            out[-1] = (start, line[:-1] + raw)
            continue
        if raw.strip():
            out.append((number, raw))
    return out


_NOT_A_LINE = "not a vCard line (it should look like NAME:value)"
#: vCard 2.1 bare parameters that name an encoding rather than a type.
_BARE_ENCODINGS = ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B")


def parse_line(line: str, number: int = 0) -> Prop:
    """One unfolded content line → a property. Raises ValueError when it is not one."""
    m = _NAME_RE.match(line)
    if not m:
        raise ValueError(_NOT_A_LINE)
    group, name = m.group(1), m.group(2).upper()
    params, i = _params(line, m.end())
    if i >= len(line) or line[i] != ":":
        raise ValueError(_NOT_A_LINE)
    final = {k: tuple(v) for k, v in params.items()}
    value = _decoded(line[i + 1 :], final)
    return Prop(name=name, value=value, params=final, group=group, line=number)


def _params(line: str, i: int) -> tuple[dict[str, list[str]], int]:
    """The parameters from ``line[i]`` on, each after a ';', and where they end."""
    params: dict[str, list[str]] = {}
    while i < len(line) and line[i] == ";":
        j = i + 1
        while j < len(line) and line[j] not in "=;:":
            j += 1
        key = line[i + 1 : j].strip().upper()
        if j < len(line) and line[j] == "=":
            values, j = _param_values(line, j + 1)
            params.setdefault(key, []).extend(values)
        elif key:
            # vCard 2.1 writes bare types: TEL;WORK;VOICE:...
            params.setdefault("ENCODING" if key in _BARE_ENCODINGS else "TYPE", []).append(key)
        i = j
    return params, i


def _param_values(line: str, j: int) -> tuple[list[str], int]:
    """A parameter's comma-separated values from ``line[j]`` on (after its '='), and their end."""
    values: list[str] = []
    while True:
        value, j = _param_value(line, j)
        values.append(value)
        if j >= len(line) or line[j] != ",":
            return values, j
        j += 1


def _param_value(line: str, j: int) -> tuple[str, int]:
    """One parameter value at ``line[j]``, quoted or not, and where it ends."""
    if j < len(line) and line[j] == '"':
        end = line.find('"', j + 1)
        if end < 0:
            raise ValueError("a parameter value opens a quote that never closes")
        return line[j + 1 : end], end + 1
    k = j
    while k < len(line) and line[k] not in ",;:":
        k += 1
    return line[j:k], k


def _decoded(value: str, params: dict[str, tuple[str, ...]]) -> str:
    """The value with quoted-printable (vCard 2.1) undone, in its CHARSET or else UTF-8."""
    encoding = {e.upper() for e in params.get("ENCODING", ())}
    if "QUOTED-PRINTABLE" not in encoding:
        return value
    charset = (params.get("CHARSET") or ("utf-8",))[0]
    raw = quopri.decodestring(value.encode("utf-8"))
    try:
        return raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return raw.decode("utf-8", errors="replace")


#: After this many problems, reading stops: the file is probably not a vCard at all.
MAX_PROBLEMS = 10


def read_cards(text: str, path: str) -> tuple[list[Card], list[Problem]]:
    """Every card in ``text``; problems (errors) name the line. Any error: don't trust the cards."""
    cards: list[Card] = []
    problems: list[Problem] = []
    start: int | None = None
    props: list[Prop] = []
    for number, line in unfold(text):
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(path, number, "", "stopped here; is this a vCard file?"))
            return cards, problems
        try:
            prop = parse_line(line, number)
        except ValueError as e:
            problems.append(Problem(path, number, "", str(e)))
            continue
        if prop.name == "BEGIN" and prop.value.strip().upper() == "VCARD":
            if start is not None:
                problems.append(
                    Problem(
                        path,
                        start,
                        "",
                        f"BEGIN:VCARD has no END:VCARD before the next card on line {number}",
                    )
                )
            start, props = number, []
        elif prop.name == "END" and prop.value.strip().upper() == "VCARD":
            if start is None:
                problems.append(Problem(path, number, "", "END:VCARD without a BEGIN:VCARD"))
            else:
                cards.append(Card(start, tuple(props)))
                start, props = None, []
        elif start is None:
            problems.append(
                Problem(path, number, "", "text outside BEGIN:VCARD ... END:VCARD; is it a vCard?")
            )
        else:
            props.append(prop)
    if start is not None:
        problems.append(Problem(path, start, "", "BEGIN:VCARD has no END:VCARD"))
    if not cards and not problems:
        problems.append(Problem(path, 0, "", "no cards in this file (no BEGIN:VCARD)"))
    return cards, problems


# --- writing --------------------------------------------------------------------------


def escape(text: str) -> str:
    r"""Escape a text value: backslash, comma, semicolon and line breaks (``\n``)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def param_value(value: str) -> str:
    """A parameter value, quoted when it holds characters that would end it."""
    value = value.replace('"', "'").replace("\n", " ")
    return f'"{value}"' if re.search(r"[,;:\s]", value) else value


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets (UTF-8), never inside a character; CRLF ends."""
    out = []
    current = ""
    size = 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out) + "\r\n"


# --- contacts → vCard 4.0 -----------------------------------------------------------------

#: Extensions for what vCard has no property for, read back by `abc import vcard`.
MET_DATE = "X-ABC-MET-DATE"
MET_HOW = "X-ABC-MET-HOW"
_UID_NAMESPACE = uuid.UUID("5d1f6b0e-6c3e-4a8e-9d0f-4b2a1c3e5f70")


def uid_of(slug: str) -> str:
    """A stable UID for a contact: the same file gives the same UID in every export."""
    return f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, slug)}"


def _split_name(name: str) -> tuple[str, str]:
    """(family, given) for N: a guess, the last word as the family name. FN is what counts."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return words[-1], " ".join(words[:-1])


def card(contact: Contact) -> str:
    """One contact as a vCard 4.0 card (CRLF line ends, folded)."""
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"UID:{uid_of(contact.slug)}"]
    lines.append(f"FN:{escape(contact.name)}")
    family, given = _split_name(contact.name)
    lines.append(f"N:{escape(family)};{escape(given)};;;")
    lines.extend(f"EMAIL:{escape(e)}" for e in contact.emails)
    lines.extend(f"TEL;VALUE=text:{escape(p)}" for p in contact.phones)
    if contact.org is not None:
        lines.append(f"ORG:{escape(contact.org)}")
    if contact.role is not None:
        lines.append(f"TITLE:{escape(contact.role)}")
    for label, url in contact.links:
        lines.append(f"URL;TYPE={param_value(label)}:{url}")
    if contact.birthday is not None:
        b = contact.birthday
        when = f"{b.year:04d}{b.month:02d}{b.day:02d}" if b.year else f"--{b.month:02d}{b.day:02d}"
        lines.append(f"BDAY:{when}")
    if contact.tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in contact.tags))
    if contact.notes is not None:
        lines.append(f"NOTE:{escape(contact.notes)}")
    if contact.met_date is not None:
        lines.append(f"{MET_DATE}:{contact.met_date.isoformat()}")
    if contact.met_how is not None:
        lines.append(f"{MET_HOW}:{escape(contact.met_how)}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def cards(contacts: Iterable[Contact]) -> str:
    """Every contact as vCard 4.0, in the order of their file names."""
    return "".join(card(c) for c in sorted(contacts, key=lambda c: c.slug))
