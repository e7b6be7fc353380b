"""The WhatsApp reader reads its file in blocks of lines: a line, a line end or a character
cut by a read's edge reads as it does whole, line numbers stay right, and the headers it
finds in a block are those a line-by-line reading with HEADER finds."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import datetime
from pathlib import Path
from unittest.mock import patch

import pytest
from conftest import examples
from hypothesis import given
from hypothesis import strategies as st

from abcnet.storage.exports import source
from abcnet.sync import whatsapp
from abcnet.sync.event import Event, Handle, Unreadable

CHAT = (
    "\ufeff13/06/2026, 09:05 - Zoë Müller: hello\r\n"
    "a second line\r"
    "13/06/2026, 09:07 - Ben Ito: an answer\n"
    "31/02/2026, 10:00 - Ben Ito: no such day\r\n"
    "14/06/2026, 10:01 - Zoë Müller: the end, without a line end"
)


def _read(tmp_path: Path) -> list[tuple[str, str, str]]:
    chat = tmp_path / "WhatsApp Chat with Zoë Müller.txt"
    chat.write_bytes(CHAT.encode("utf-8"))
    return [
        (type(e).__name__, str(e.line) if isinstance(e, Unreadable) else e.when.isoformat(),
         e.what if isinstance(e, Unreadable) else str(e.sender and e.sender.value))
        for e in whatsapp.read(source(chat), region="GB")
    ]  # fmt: skip


EXPECTED = [
    ("Event", "2026-06-13T09:05:00", "Zoë Müller"),
    ("Event", "2026-06-13T09:07:00", "Ben Ito"),
    (
        "Unreadable",
        "4",
        "31/02/2026 10:00 is not a date and time WhatsApp writes (day is out of range for month)",
    ),
    ("Event", "2026-06-14T10:01:00", "Zoë Müller"),
]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 11, 1 << 20])
def test_whatsapp_reads_the_same_whatever_the_chunk(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(whatsapp, "CHUNK", chunk)
    assert _read(tmp_path) == EXPECTED


# ---------------------------------------------------- blocks against a line-by-line reading


class _Bytes:
    """A chat file held in memory: all that the block reader needs of an export."""

    name = "WhatsApp Chat with Mixed.txt"
    is_dir = False

    def __init__(self, data: bytes) -> None:
        self.data = data

    def open(self) -> io.BytesIO:
        return io.BytesIO(self.data)


def _by_lines(data: bytes) -> list[tuple[int, str, str, str, str | None]]:
    """The reference: the file read as text line by line, each line matched with HEADER
    on its own (the reader before it read blocks): line, date, time, am/pm, author."""
    raw = io.BytesIO(data)
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=None).read()
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        m = whatsapp.HEADER.match(line)
        if m is not None:
            author, sep, _ = m["rest"].partition(": ")
            found.append((number, m["date"], m["time"], m["ampm"] or "", author if sep else None))
    return found


def _by_blocks(data: bytes) -> list[tuple[int, str, str, str, str | None]]:
    """The same, as the reader finds it: EVENTS over blocks of lines."""
    found, lines = [], 0
    for block in whatsapp._blocks(_Bytes(data)):  # type: ignore[arg-type]
        for m in whatsapp.EVENTS.finditer(block):
            c = "c" if m["cdate"] else ""
            at = lines + block.count("\n", 0, m.start() + 1)
            author = m["author"][:-2] if m["author"] else None
            found.append((at, m[c + "date"], m[c + "time"], m[c + "ampm"] or "", author))
        lines += block.count("\n")
    return found


def _surveyed(data: bytes) -> list[tuple[str, str | None, str, str]]:
    """What the first pass sees of each header: date, author, marked text, system text."""
    return [
        (common or date, author[:-2] if author else None, marked, system)
        for block in whatsapp._blocks(_Bytes(data))  # type: ignore[arg-type]
        for common, date, author, marked, system in whatsapp.SURVEY.findall(block)
    ]


def _surveyed_by_lines(data: bytes) -> list[tuple[str, str | None, str, str]]:
    raw = io.BytesIO(data)
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=None).read()
    found = []
    for line in text.split("\n"):
        m = whatsapp.HEADER.match(line)
        if m is not None:
            author, sep, body = m["rest"].partition(": ")
            marked = body if sep and body.startswith("\u200e") else ""
            found.append((m["date"], author if sep else None, marked, "" if sep else m["rest"]))
    return found


_DIGITS = st.sampled_from(["1", "3", "06", "13", "12", "2026", "26", "٣", "١٣", "12345", ""])
_DATE = st.builds(
    lambda a, s1, b, s2, c: a + s1 + b + s2 + c,
    _DIGITS, st.sampled_from(["/", ".", "-", ". ", "/ ", ":"]), _DIGITS,
    st.sampled_from(["/", ".", "-", ". "]), _DIGITS,
)  # fmt: skip
_TIME = st.sampled_from(
    ["9:05", "09:05", "21.25", "21:25:15", "1:55:00", "12:00", "٩:٠٥", "9:5", "123:45"]
)
_HEADER = st.builds(
    lambda *parts: "".join(parts),
    st.sampled_from(["", "", "[", "\u200e[", "\u200e", "\u200f"]),
    _DATE,
    st.sampled_from([", ", " ", ",", ". ", ",\u202f", ", \u2009", ",  ", ""]),
    st.sampled_from(["", "", "klo ", "오후 ", "um ", "à "]),
    _TIME,
    st.sampled_from(["", "", " AM", "\u202fpm", " p. m.", "\u00a0a.m.", "  PM", "PM", " xm"]),
    st.sampled_from([" - ", "] ", " – ", ": ", " ", "]", " -", "] - ", "", " -\n"]),
    st.sampled_from([
        "Ada Okafor: hello", "~\u202fDev Patel: hi", "+44 7123 456789: <Media omitted>",
        ": nobody", "a:b: c", "x: y: z", "Trail Runners: \u200eAda Okafor added Ben Ito",
        "Ada Okafor created group \u201cTrail\u201d", "Ben left", "Cara:no space", "",
        "\u202aDev\u202c: rtl", "Zoë Müller: \u200eimage omitted",
    ]),
)  # fmt: skip
_OTHER = st.sampled_from([
    "a second line", "", "   indented", "2016-04-29 10:30:00 not a header",
    "13/06/2026, 09:05 looks like a date", "13/06/2026, 09:05", "\ufeffa BOM mid-file",
    "\u2028 a line separator \x85 and a NEL", "emoji \U0001f35c here",
])  # fmt: skip
_LINE = st.one_of(_HEADER, _HEADER, _OTHER).map(lambda s: s.encode("utf-8"))
_BAD = st.sampled_from([b"", b"", b"", b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80"])
_END = st.sampled_from([b"\n", b"\n", b"\r\n", b"\r", b"\r\r\n"])


@st.composite
def _chats(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(st.tuples(_BAD, _LINE, _BAD, _END), min_size=1, max_size=12))
    data = b"".join(a + line + b + end for a, line, b, end in lines)
    if draw(st.booleans()):
        data = data.rstrip(b"\r\n")  # the last line without its end
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + data


@examples(600)
@given(_chats(), st.sampled_from([1, 2, 3, 5, 64, 1 << 20]))
def test_blocks_find_the_headers_a_line_by_line_reading_finds(data, chunk):
    with patch.object(whatsapp, "CHUNK", chunk):
        assert _by_blocks(data) == _by_lines(data)
        assert _surveyed(data) == _surveyed_by_lines(data)


@pytest.mark.parametrize(
    "line",
    [
        "13/06/2026, 21:05 - Ada: hi",
        "[6/13/26, 9:25:03\u202fPM] Ada: hi",
        "6/13/26, 9:25\u00a0am - Ada: hi",
        "[13.06.26 21:25:15] Ada: hi",
        "2026-06-13 21:25 - Ada: hi",
        "[13/06/2026, 21:05 - Ada: hi",
        "13/06/2026 21:05] Ada: hi",
    ],
)
def test_the_common_shapes_read_as_header_reads_them(line):
    common = re.compile("\n(?:" + whatsapp._COMMON + ")").match("\n" + line)
    header = whatsapp.HEADER.match(line)
    assert common is not None and header is not None
    assert (common["cdate"], common["ctime"], common["campm"]) == (
        header["date"], header["time"], header["ampm"],
    )  # fmt: skip
    assert line[common.end() - 1 :] == header["rest"]


def test_the_readers_events_equal_the_dataclass_ones():
    when = datetime(2026, 6, 13, 9, 5)
    ada, ben = Handle("name", "Ada Okafor"), Handle("phone", "+44 7700 900222")
    made = whatsapp._event("k1", when, ada, (ben,))
    assert made == Event("whatsapp", "k1", when, "message", ada, (ben,))
    assert repr(made) == repr(Event("whatsapp", "k1", when, "message", ada, (ben,)))
    system = whatsapp._event("k2", when, None, ())
    assert system == Event("whatsapp", "k2", when, "message", None, skip="system")
    assert {f.name for f in dataclasses.fields(Event)} == {
        "source", "key", "when", "channel", "sender", "to", "from_me", "meeting", "people",
        "skip", "subject", "declined",
    }  # fmt: skip
