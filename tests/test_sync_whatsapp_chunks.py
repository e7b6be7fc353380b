"""The WhatsApp reader decodes its file in chunks: a line, a line end or a character cut
by a chunk's edge reads as it does whole, and line numbers stay right."""

from __future__ import annotations

from pathlib import Path

import pytest

from abcnet.storage.exports import source
from abcnet.sync import whatsapp
from abcnet.sync.event import Unreadable

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
