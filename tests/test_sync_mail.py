"""The mail readers: mbox (Gmail Takeout, Thunderbird, Apple Mail, mutt) and Maildir.

The samples in tests/data/sync/mail/ are small, fictional exports with each
format's quirks; every event a reader yields from them is compared exactly.
Bad input is built in tmp_path.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from abcnet.core.problems import ReadError
from abcnet.storage.exports import source
from abcnet.sync import maildir, mailheaders, mbox, readers
from abcnet.sync.event import Event, ExportError, Unreadable

DATA = Path(__file__).resolve().parent / "data" / "sync"
MAIL = DATA / "mail"

Row = tuple[str, str, str, str | None, tuple[str, ...], bool | None, str | None]


def compact(e: Event) -> Row:
    """An event as (key, when, channel, sender, to, from_me, skip); handles by address."""
    sender = e.sender.value if e.sender else None
    return (
        e.key,
        e.when.isoformat(),
        e.channel,
        sender,
        tuple(h.value for h in e.to),
        e.from_me,
        e.skip,
    )


def events(reader: object, path: Path) -> list[Event]:
    return list(reader.read(source(path)))  # type: ignore[attr-defined]


def rows(reader: object, path: Path) -> list[Row]:
    return [compact(e) for e in events(reader, path)]


SAM = "sam.rivera@example.org"
SAM2 = "sam@rivera.example"
PRIYA = "priya.raman@contosohealth.example.com"
KOFI = "kofi.mensah@fabrikam.example.net"
HANNAH = "hannah.schmidt@tailwindtraders.example.com"
MEILIN = "meilin.chen@saltmarsh.example.com"
DANIEL = "daniel.kim@harbourline.example.com"
ANA = "analucia.mendoza@wingtiptoys.example.com"
ZOE = "zoe.mueller@example.de"

GMAIL = [
    (
        "CAH7pr1ya.0602.0914@mail.contosohealth.example.com",
        "2026-06-02T09:14:05+01:00",
        "email",
        PRIYA,
        (SAM,),
        None,
        None,
    ),
    (
        "CAJsr9-0602-1002@mail.example.org",
        "2026-06-02T10:02:44+01:00",
        "email",
        SAM,
        (PRIYA,),
        None,
        None,
    ),
    (
        "9f1c2e.kofi.0610@fabrikam.example.net",
        "2026-06-10T17:40:00+01:00",
        "email",
        KOFI,
        (SAM2,),
        None,
        None,
    ),
    # 00:30 on 13 June in London: a different local day from its UTC date
    (
        "CAJsr9-0613-0030@mail.example.org",
        "2026-06-12T23:30:00+00:00",
        "email",
        SAM2,
        (KOFI,),
        None,
        None,
    ),
    # the same message again under other labels: same key, deduped later
    (
        "9f1c2e.kofi.0610@fabrikam.example.net",
        "2026-06-10T17:40:00+01:00",
        "email",
        KOFI,
        (SAM2,),
        None,
        None,
    ),
    (
        "CAJsr9-0706-1305@mail.example.org",
        "2026-07-06T13:05:31+01:00",
        "email",
        SAM,
        (HANNAH,),
        None,
        None,
    ),
    (
        "20260707075812.4411@lindqvist.example.net",
        "2026-07-07T09:58:12+02:00",
        "email",
        "jonas@lindqvist.example.net",
        (SAM,),
        None,
        "trash",
    ),
    (
        "b71e0c44-2a5d-4f5e-9d2e-6c1f0a7e5b31@wingtiptoys.example.com",
        "2026-07-16T20:21:09+02:00",
        "email",
        ANA,
        (SAM, ZOE, "ciaran@brightbrook.example.com"),
        None,
        None,
    ),
    (
        "pw-2026-29.sam.rivera@platformweekly.example.com",
        "2026-07-17T06:00:00+00:00",
        "email",
        "newsletter@platformweekly.example.com",
        ("sam.rivera+lists@example.org",),
        None,
        "automated",
    ),
    (
        "0100018f.parcel.8812@shipments.example.net",
        "2026-08-03T14:10:00+00:00",
        "email",
        "no-reply@shipments.example.net",
        (SAM2,),
        None,
        "automated",
    ),
    (
        "CAJsr9-0819-1745@mail.example.org",
        "2026-08-19T17:45:00+01:00",
        "email",
        SAM,
        (
            PRIYA,
            KOFI,
            HANNAH,
            MEILIN,
            DANIEL,
            "jonas.lindqvist@example.com",
            "camille.dubois@parcelbright.example.com",
        ),
        None,
        None,
    ),
    (
        "a4.meilin.0822@saltmarsh.example.com",
        "2026-08-22T10:30:00+01:00",
        "email",
        MEILIN,
        ("sam.rivera+events@example.org",),
        None,
        None,
    ),
    (
        "cal.invite.0908@saltmarsh.example.com",
        "2026-09-08T12:00:00+01:00",
        "email",
        MEILIN,
        (SAM,),
        None,
        "invitation",
    ),
    ("zoe.0910.0912@example.de", "2026-09-10T09:12:00+01:00", "email", ZOE, (SAM2,), None, None),
    (
        "CAJsr9-0910-2040@mail.example.org",
        "2026-09-10T20:40:00+01:00",
        "email",
        SAM2,
        (ZOE, "bjorn.akesson@example.se"),
        None,
        None,
    ),
    (
        "win.7731@lucky-draw.example.biz",
        "2026-09-25T03:05:00+00:00",
        "email",
        "claims@lucky-draw.example.biz",
        (SAM,),
        None,
        "spam",
    ),
    (
        "CAJsr9-draft-1013@mail.example.org",
        "2026-10-13T16:00:00+01:00",
        "email",
        SAM,
        ("camille.dubois@parcelbright.example.com",),
        None,
        "draft",
    ),
    # a chat transcript has no Message-ID: its key is a hash of Date, From and Subject
    (
        "sha1:4df6bdbf083a219e593e",
        "2026-10-21T13:00:00+01:00",
        "email",
        PRIYA,
        (SAM,),
        None,
        "chat",
    ),
    (
        "CAJsr9-1031-2348@mail.example.org",
        "2026-10-31T23:48:10+00:00",
        "email",
        SAM,
        (DANIEL,),
        None,
        None,
    ),
    (
        "bounce.1102.1402@mx.example.org",
        "2026-11-02T14:02:00+00:00",
        "email",
        "mailer-daemon@mx.example.org",
        (SAM,),
        None,
        "automated",
    ),
    (
        "dk.1119@harbourline.example.com",
        "2026-11-19T13:15:00-05:00",
        "email",
        DANIEL,
        (SAM,),
        None,
        None,
    ),
]


def test_gmail_takeout_every_message_once_headers_only() -> None:
    assert rows(mbox, MAIL / "gmail-takeout.mbox") == GMAIL


def test_gmail_takeout_names_and_subjects_are_decoded() -> None:
    got = {e.key: e for e in events(mbox, MAIL / "gmail-takeout.mbox")}
    ana = got["b71e0c44-2a5d-4f5e-9d2e-6c1f0a7e5b31@wingtiptoys.example.com"]
    assert ana.sender is not None
    assert (ana.sender.label, ana.subject) == ("Ana Lucía Mendoza", "Re: Café in Madrid")
    # RFC 2047, a quoted comma, and raw 8-bit UTF-8 in one field
    assert [h.label for h in ana.to] == ["Rivera, Sam", "Zoë Müller", "Ciarán Doherty"]
    # one cp1252 line among UTF-8 ones: that line alone is read as cp1252
    reply = got["CAJsr9-0910-2040@mail.example.org"]
    assert [h.label for h in reply.to] == ["Zoe Mueller", "Björn Åkesson"]
    assert got["CAJsr9-0706-1305@mail.example.org"].subject == "Grüße aus London"
    assert all(e.source == "mbox" and not e.meeting and e.people == 0 for e in got.values())


def test_thunderbird_expunged_and_deleted_are_trash() -> None:
    tom = "tom@achterberg.example.nl"
    assert rows(mbox, MAIL / "thunderbird-Inbox") == [
        (
            "6a7c.0706@parcelbright.example.com",
            "2026-07-06T09:12:33+02:00",
            "email",
            "camille.dubois@parcelbright.example.com",
            (SAM2,),
            None,
            None,
        ),
        (
            "on.0721.1100@greenfjord.example.com",
            "2026-07-21T11:00:00+02:00",
            "email",
            "oskar@greenfjord.example.com",
            (SAM2,),
            None,
            "trash",
        ),
        (
            "on.0722.1030@greenfjord.example.com",
            "2026-07-22T10:30:00+01:00",
            "email",
            "oskar@greenfjord.example.com",
            (SAM2,),
            None,
            "trash",
        ),
        (
            "ooo.0810.fw@bergwerk.example.com",
            "2026-08-10T09:15:00+02:00",
            "email",
            "felix.wagner@bergwerk.example.com",
            (SAM2,),
            None,
            "automated",
        ),
        # Auto-Submitted: no is a person's mail
        (
            "fw.0825@bergwerk.example.com",
            "2026-08-25T18:20:00+02:00",
            "email",
            "felix.wagner@bergwerk.example.com",
            (SAM2,),
            None,
            None,
        ),
        # a -0000 zone is UTC
        (
            "ta.0919@achterberg.example.nl",
            "2026-09-19T22:55:00+00:00",
            "email",
            tom,
            (SAM2,),
            None,
            None,
        ),
    ]


def test_apple_mail_export_bundle_is_read_from_its_folder() -> None:
    grace = "grace.achieng@fourthcoffee.example.com"
    assert rows(mbox, MAIL / "apple-mail-export.mbox") == [
        (
            "7D3F1E2A-4B5C-4D6E-8F90-A1B2C3D4E5F6@example.org",
            "2026-08-13T11:31:07+01:00",
            "email",
            SAM,
            (grace, ANA),
            None,
            None,
        ),
        (
            "CAGa8-0813-1702@fourthcoffee.example.com",
            "2026-08-13T17:02:44+03:00",
            "email",
            grace,
            (SAM, ANA),
            None,
            None,
        ),
        (
            "A9B8C7D6-E5F4-4321-9ABC-DEF012345678@example.org",
            "2026-09-28T08:45:00+01:00",
            "email",
            SAM,
            ("lan.nguyen@tessellate.example.com", SAM2),
            None,
            None,
        ),
    ]


def test_mutt_sent_bcc_undated_no_message_id_and_empty_body() -> None:
    assert rows(mbox, MAIL / "mutt-sent.mbox") == [
        (
            "20260915080211.GA4410@rivera.example",
            "2026-09-15T09:02:11+01:00",
            "email",
            SAM2,
            (ZOE,),
            None,
            None,
        ),
        (
            "20260930172045.GB4410@rivera.example",
            "2026-09-30T18:20:45+01:00",
            "email",
            SAM2,
            ("tomek.nowak@mail.example.net", KOFI),
            None,
            None,
        ),
        # no usable Date: counted as undated, never a touch
        (
            "20261008120000.GC4410@rivera.example",
            "1970-01-01T00:00:00+00:00",
            "email",
            SAM2,
            ("pieter@canalside.example.com",),
            None,
            "undated",
        ),
        (
            "sha1:8242dda4d26c9cef84d9",
            "2026-10-26T00:10:00+00:00",
            "email",
            SAM2,
            ("rahul@datadrift.example.com",),
            None,
            None,
        ),
        # a role address as recipient: only a role *sender* makes mail automated
        (
            "20261119213000.GD4410@rivera.example",
            "2026-11-19T21:30:00+00:00",
            "email",
            SAM2,
            ("info@canalside.example.com",),
            None,
            None,
        ),
    ]


def test_maildir_flags_nested_folders_and_tmp_ignored() -> None:
    talia = "talia@quillmate.example.com"
    assert rows(maildir, MAIL / "maildir") == [
        (
            "20261015201000.GA5120@rivera.example",
            "2026-10-15T21:10:00+01:00",
            "email",
            SAM2,
            ("oskar@greenfjord.example.com",),
            None,
            "draft",
        ),
        # the same message as in the Takeout: one key
        (
            "CAJsr9-0602-1002@mail.example.org",
            "2026-06-02T10:02:44+01:00",
            "email",
            SAM,
            (PRIYA,),
            None,
            None,
        ),
        (
            "20260706140000.GA3001@rivera.example",
            "2026-07-06T15:00:00+01:00",
            "email",
            SAM2,
            (talia,),
            None,
            None,
        ),
        (
            "tb.0706.1430@quillmate.example.com",
            "2026-07-06T14:30:00+01:00",
            "email",
            talia,
            (SAM2,),
            None,
            None,
        ),
        (
            "mq.0722@example.es",
            "2026-07-22T16:00:00+01:00",
            "email",
            "marta.quintero@example.es",
            (SAM2,),
            None,
            "trash",
        ),
        # 00:20 BST on 8 August is 23:20 UTC on the 7th
        (
            "rm.0808.0020@datadrift.example.com",
            "2026-08-08T00:20:00+01:00",
            "email",
            "rahul@datadrift.example.com",
            (SAM2,),
            None,
            None,
        ),
        ("zm.0917@example.de", "2026-09-17T10:05:00+02:00", "email", ZOE, (SAM2,), None, None),
    ]
    zoe = events(maildir, MAIL / "maildir")[-1]
    assert zoe.sender is not None and zoe.sender.label == "Zoë Müller"
    assert zoe.source == "maildir"


# --- sniffing -----------------------------------------------------------------------------


def _head(path: Path) -> bytes:
    return b"" if path.is_dir() else path.read_bytes()[:4096]


MBOX_SAMPLES = [
    "gmail-takeout.mbox",
    "thunderbird-Inbox",
    "apple-mail-export.mbox",
    "mutt-sent.mbox",
]


@pytest.mark.parametrize("name", MBOX_SAMPLES)
def test_mbox_samples_sniff_as_mbox_only(name: str) -> None:
    path = MAIL / name
    assert mbox.sniff(source(path), _head(path)) is True
    assert maildir.sniff(source(path), _head(path)) is False


def test_maildir_sniffs_as_maildir_only() -> None:
    path = MAIL / "maildir"
    assert maildir.sniff(source(path), b"") is True
    assert mbox.sniff(source(path), b"") is False


def _other_samples() -> list[Path]:
    """Every other format's sample: files, and the folders directly in each format's folder."""
    found = []
    for folder in sorted(
        p for p in DATA.iterdir() if p.is_dir() and p.name not in ("mail", "corpus")
    ):
        found.extend(sorted(folder.iterdir()))
    return found


@pytest.mark.parametrize("path", _other_samples(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_other_formats_are_neither_mbox_nor_maildir(path: Path) -> None:
    assert mbox.sniff(source(path), _head(path)) is False
    assert maildir.sniff(source(path), _head(path)) is False


def test_sniff_wants_a_from_line_shape(tmp_path: Path) -> None:
    prose = tmp_path / "notes.txt"
    prose.write_bytes(b"From here on, notes about the move.\n")
    assert mbox.sniff(source(prose), prose.read_bytes()) is False
    plain = tmp_path / "one.eml"
    plain.write_bytes(b"From: Ana <a@example.com>\nSubject: x\n\nbody\n")
    assert mbox.sniff(source(plain), plain.read_bytes()) is False
    assert mbox.sniff(source(tmp_path), b"") is False
    assert maildir.sniff(source(tmp_path), b"") is False


# --- streaming ----------------------------------------------------------------------------

HEAD = "From sam@rivera.example Mon Jun 01 09:00:00 2026{nl}Date: Mon, 1 Jun 2026 10:00:00 +0100{nl}From: Sam Rivera <sam@rivera.example>{nl}To: a{n}@example.com{nl}Message-ID: <m{n}@rivera.example>{nl}{nl}"


def _message(n: int, body: str, nl: str) -> str:
    return HEAD.format(n=n, nl=nl) + body.replace("\n", nl)


@pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_from_in_a_body_splits_only_after_an_empty_line_and_as_a_from_line(
    tmp_path: Path, nl: str
) -> None:
    body = (
        "line one\nFrom Monday on, no split: no empty line before\n\n"
        "From here on no split either: not a From_ line\n"
        ">From escaped, no split\n\nFrom - nor this Mon: 'From -' then not a weekday\n\n"
    )
    text = _message(1, body, nl) + _message(2, "", nl) + _message(3, "last\n", nl)
    path = tmp_path / "x.mbox"
    path.write_bytes(text.encode())
    assert [e.key for e in events(mbox, path)] == [
        "m1@rivera.example",
        "m2@rivera.example",
        "m3@rivera.example",
    ]


@pytest.mark.parametrize("chunk", [7, 8, 9, 13, 64])
def test_boundaries_are_found_across_chunk_edges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(mbox, "CHUNK", chunk)
    expected = rows(mbox, MAIL / "gmail-takeout.mbox")
    assert expected == GMAIL
    for name in MBOX_SAMPLES:
        monkeypatch.setattr(mbox, "CHUNK", 1 << 22)
        whole = rows(mbox, MAIL / name)
        monkeypatch.setattr(mbox, "CHUNK", chunk)
        assert rows(mbox, MAIL / name) == whole


def test_bodies_are_never_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only header blocks reach the header parser: no body line, no attachment byte."""
    blocks: list[bytes] = []
    real = mailheaders.event

    def spy(block: bytes, source: str, flagged: str | None = None) -> Event:
        blocks.append(block)
        return real(block, source, flagged)

    monkeypatch.setattr(mailheaders, "event", spy)
    events(mbox, MAIL / "gmail-takeout.mbox")
    events(maildir, MAIL / "maildir")
    seen = b"".join(blocks)
    for body_text in (
        b"three people come to mind",
        b"Um91bmQgdGFibGUg",
        b"From here on",
        b"The flat is gone",
    ):
        assert body_text not in seen
    assert len(blocks) == len(GMAIL) + 7


def test_reading_is_lazy(tmp_path: Path) -> None:
    """The reader is a generator: the first event comes before the file is read to its end."""
    path = tmp_path / "x.mbox"
    path.write_bytes((_message(1, "hi\n\n", "\n") + HEAD.format(n=2, nl="\n")[:-2]).encode())
    it = mbox.read(source(path))
    assert next(it).key == "m1@rivera.example"
    assert isinstance(next(it), Unreadable)


# --- header rules -------------------------------------------------------------------------


def _one(headers: str) -> Event:
    return mailheaders.event(headers.encode(), "mbox")


@pytest.mark.parametrize(
    ("extra", "skip"),
    [
        ("Auto-Submitted: auto-generated\n", "automated"),
        ("Auto-Submitted: no\n", None),
        ("Precedence: list\n", "automated"),
        ("Precedence: first-class\n", None),
        ("List-Post: <mailto:team@lists.example.com>\n", "automated"),
        ("X-Auto-Response-Suppress: DR, OOF, AutoReply\n", None),
        ("Content-Type: multipart/report; report-type=delivery-status\n", "automated"),
        ("Content-Type: text/calendar; method=REPLY\n", "invitation"),
        ("X-Gmail-Labels: Inbox,Corbeille\n", "trash"),
        ("X-Gmail-Labels: Correu brossa\n", "spam"),
        ("X-Gmail-Labels: Brouillons\n", "draft"),
        ("X-Gmail-Labels: Borradores,Papelera\n", "draft"),
        ('X-Gmail-Labels: "Category Personal",Enviats\n', None),
        ("X-Mozilla-Status: 000b\n", "trash"),
        ("X-Mozilla-Status: zz\n", None),
    ],
)
def test_skip_reasons_from_headers(extra: str, skip: str | None) -> None:
    e = _one(f"Date: Mon, 1 Jun 2026 10:00:00 +0100\nFrom: Ana <ana@example.com>\n{extra}")
    assert e.skip == skip


@pytest.mark.parametrize(
    ("addr", "role"),
    [
        ("noreply@x.example", True),
        ("no_reply+7@x.example", True),
        ("do-not-reply@x.example", True),
        ("DoNotReply@x.example", True),
        ("bounces+123-abc@x.example", True),
        ("notifications@github.example", True),
        ("hello@startup.example", True),
        ("news.digest@x.example", True),
        ("postmaster@x.example", True),
        ("newsom@x.example", False),
        ("helen@x.example", False),
        ("info.ana@x.example", True),
        ("ana.lima@x.example", False),
    ],
)
def test_role_senders(addr: str, role: bool) -> None:
    assert mailheaders.is_role_address(addr) is role


def test_addresses_drop_groups_and_non_addresses() -> None:
    e = _one(
        "Date: Mon, 1 Jun 2026 10:00:00 +0100\nFrom: nobody\n"
        "To: undisclosed-recipients:;\nCc: a@@b.example, Ana <ANA@example.com>, ana@example.com, @x\n"
    )
    assert (e.sender, e.to) == (None, (mailheaders.Handle("email", "ANA@example.com", "Ana"),))


def test_a_garbled_date_is_undated() -> None:
    e = _one("Date: 32 Foo 2026 99:99\nFrom: a@example.com\nSubject: =?bogus-charset?q?x?=\n")
    assert (e.when, e.skip, e.subject) == (mailheaders.UNDATED, "undated", "=?bogus-charset?q?x?=")


def test_a_charset_named_with_an_8_bit_byte_leaves_the_words_as_written() -> None:
    # the email package raises CharsetError (not a ValueError) for such a name
    block = b"From: =?uq\xec?q?Ana?= <ana@example.com>\nSubject: =?uq\xec?q?x?=\n"
    e = mailheaders.event(block, "mbox")
    assert (e.sender, e.subject) == (
        mailheaders.Handle("email", "ana@example.com", "=?uq\xec?q?Ana?="),
        "=?uq\xec?q?x?=",
    )


# --- bad input ----------------------------------------------------------------------------


def test_truncated_mbox_names_file_line_and_message(tmp_path: Path) -> None:
    path = tmp_path / "truncated.mbox"
    path.write_bytes(
        (_message(1, "one\n\n", "\r\n") + _message(2, "two\n\n", "\r\n")).encode()[:-60]
    )
    got = list(mbox.read(source(path)))
    assert [e.key for e in got if isinstance(e, Event)] == ["m1@rivera.example"]
    assert [u.message() for u in got if isinstance(u, Unreadable)] == [
        f"{path}:9: message 2: the file ends inside its headers: it is cut short; "
        "the messages before it are read"
    ]


def test_a_message_cut_in_its_headers_in_the_middle_costs_only_itself(tmp_path: Path) -> None:
    """A message whose headers stop at the next message's From_ line (no empty line between:
    a damaged or spliced mbox) is reported; the next message is read, not taken for its headers."""
    path = tmp_path / "Inbox"
    path.write_text(
        "From - Mon Oct 19 10:00:00 2026\nFrom: Ben Ito <ben@ito.example>\nTo: Sa\n"
        + _message(2, "two\n\n", "\n")
    )
    got = list(mbox.read(source(path)))
    assert [u.message() for u in got if isinstance(u, Unreadable)] == [
        f"{path}:1: message 1: the next message's From_ line comes before the end of its "
        "headers: it is cut short; the messages after it are read"
    ]
    assert [e.key for e in got if isinstance(e, Event)] == ["m2@rivera.example"]


def test_a_message_with_endless_headers_costs_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mbox, "MAX_HEADERS", 2048)
    monkeypatch.setattr(mbox, "CHUNK", 1024)
    path = tmp_path / "x.mbox"
    endless = "From a@b Mon Jun 01 09:00:00 2026\n" + "X-Filler: yes\n" * 300 + "\nbody\n\n"
    path.write_bytes(
        (_message(1, "one\n\n", "\n") + endless + _message(3, "three\n", "\n")).encode()
    )
    got = list(mbox.read(source(path)))
    assert [e.key for e in got if isinstance(e, Event)] == [
        "m1@rivera.example",
        "m3@rivera.example",
    ]
    assert [u.message() for u in got if isinstance(u, Unreadable)] == [
        f"{path}:9: message 2: it has more than 2 KB of header lines"
    ]


def test_a_file_that_does_not_start_with_from_is_not_an_mbox(tmp_path: Path) -> None:
    path = tmp_path / "Inbox"
    path.write_bytes(b"\nFrom sam@rivera.example Mon Jun 01 09:00:00 2026\nDate: x\n\n")
    with pytest.raises(ExportError) as err:
        events(mbox, path)
    assert str(err.value) == (
        f"{path}:1: does not start with a 'From ' line, so it is not an mbox file"
        " (choose the right --from, or export the mailbox again)"
    )


def test_endless_headers_are_not_an_mbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mbox, "MAX_HEADERS", 2048)
    monkeypatch.setattr(mbox, "CHUNK", 1024)
    path = tmp_path / "big"
    path.write_bytes(b"From - Mon Jun 01 09:00:00 2026\n" + b"X-Filler: yes\n" * 1000)
    with pytest.raises(ExportError) as err:
        events(mbox, path)
    assert str(err.value) == (
        f"{path}:1: message 1 has more than 2 KB of header lines (the file is not an mbox, or is damaged)"
    )


def _two_processes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The two-process read turned on for a file of any size; the list gets, at each
    handover, the number of messages this process read before the other's part."""
    monkeypatch.setattr(mbox, "PARALLEL_FROM", 1)
    handed: list[int] = []
    renumbered = mbox._renumbered

    def spy(items: list[tuple[Any, ...]], before: int) -> Iterator[Event | Unreadable]:
        handed.append(before)
        return renumbered(items, before)

    monkeypatch.setattr(mbox, "_renumbered", spy)
    return handed


@pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_big_file_read_by_two_processes_gives_the_same_events_and_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nl: str
) -> None:
    monkeypatch.setattr(mbox, "MAX_HEADERS", 2048)
    monkeypatch.setattr(mbox, "CHUNK", 1024)
    endless = "From a@b Mon Jun 01 09:00:00 2026\n" + "X-Filler: yes\n" * 300 + "\nbody\n\n"
    cut_short = HEAD.format(n=24, nl="\n").partition("Message-ID")[0]  # no empty line: cut
    text = (
        "".join(_message(n, "body\nFrom here on\n\n", "\n") for n in range(1, 21))
        + _message(21, "body\n\n", "\n")
        + endless
        + _message(23, "\nFrom here on, not a From_ line\n\n", "\n")
        + cut_short
        + _message(25, "last\n\n", "\n")
        + HEAD.format(n=26, nl="\n")[:90]  # the file ends inside its headers
    )
    path = tmp_path / "x.mbox"
    path.write_bytes(text.replace("\n", nl).encode())
    alone = list(mbox.read(source(path)))
    handed = _two_processes(monkeypatch)
    monkeypatch.setattr(mbox, "WORKER_SHARE", 0.55)  # from message 22 on, the damaged ones
    monkeypatch.setattr(mbox, "BATCH", 2)
    both = list(mbox.read(source(path)))
    assert handed == [21, 21, 21]  # messages 22 to 26 came from the other process, 2 at a time
    assert both == alone
    assert [e.key for e in both if isinstance(e, Event)] == [
        *(f"m{n}@rivera.example" for n in range(1, 22)),
        "m23@rivera.example",
        "m25@rivera.example",
    ]
    assert [u.message() for u in both if isinstance(u, Unreadable)] == [
        f"{path}:189: message 22: it has more than 2 KB of header lines",
        f"{path}:502: message 24: the next message's From_ line comes before the end of its "
        "headers: it is cut short; the messages after it are read",
        f"{path}:514: message 26: the file ends inside its headers: it is cut short; "
        "the messages before it are read",
    ]


def test_line_ends_mixed_before_the_other_part_are_read_on_by_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # message 2's headers end in an LF empty line: from there a From_ line after an LF
    # empty line starts a message too, which the other process (CRLF, as the file
    # starts) cannot know: its part is not used
    first = "".join(_message(n, "body\n\n", "\r\n") for n in range(1, 3))
    first = first.replace("m2@rivera.example>\r\n\r\n", "m2@rivera.example>\r\n\n")
    rest = "".join(_message(n, "body\n\n", "\n") for n in range(3, 12))
    path = tmp_path / "x.mbox"
    path.write_bytes((first + rest).encode())
    alone = list(mbox.read(source(path)))
    handed = _two_processes(monkeypatch)
    both = list(mbox.read(source(path)))
    assert handed == []
    assert both == alone
    assert [e.key for e in both if isinstance(e, Event)] == [
        f"m{n}@rivera.example" for n in range(1, 12)
    ]


def test_a_second_process_that_fails_before_its_first_message_leaves_the_reading_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.mbox"
    path.write_bytes("".join(_message(n, "body\n\n", "\r\n") for n in range(1, 12)).encode())
    alone = list(mbox.read(source(path)))
    handed = _two_processes(monkeypatch)

    def failing(*args: object) -> Iterator[object]:
        raise OSError("gone")
        yield  # a generator, as the real one

    monkeypatch.setattr(mbox, "_second_part", failing)
    assert list(mbox.read(source(path))) == alone
    assert handed == []


def test_the_second_part_starts_at_the_first_from_line_after_its_point(tmp_path: Path) -> None:
    # what the other process runs, run here: the messages from the first separator after
    # byte 120 (message 2, at 182) to the end, an Unreadable numbered from there
    text = "".join(_message(n, "body\n\n", "\n") for n in range(1, 4)) + "From a@b Mon 1\n"
    path = tmp_path / "x.mbox"
    path.write_bytes(text.encode())
    with path.open("rb") as stream:
        stream.seek(100)
        got = list(mbox._second_part(source(path), 100, 20, False, b"\n\nFrom ", stream))
    assert got[0] == text.index("From sam", 120) == 182
    (batch,) = got[1:]
    assert [len(item) for item in batch] == [12, 12, 2]  # events' fields, (number, Unreadable)
    number, cut = batch[2]
    assert [Event(*item).key for item in batch[:2]] == ["m2@rivera.example", "m3@rivera.example"]
    assert (number, cut.reason, cut.place, cut.line) == (3, "truncated", "message 3", 25)


def test_work_on_a_file_in_another_process(tmp_path: Path) -> None:
    path = tmp_path / "x.mbox"
    path.write_bytes(b"0123456789")
    read: list[int] = []
    src = source(path, read.append)

    def work(stream: BinaryIO) -> Iterator[object]:
        yield os.getpid()
        yield stream.read(3)
        yield stream.read()

    pending = src.in_background(work, 4)
    assert pending is not None
    results = pending.results()
    assert next(results) != os.getpid()
    assert read == []  # nothing read there yet
    assert next(results) == b"456"
    assert read == [3]  # the bytes read there move the progress bar here, as results come
    assert list(results) == [b"789"]
    assert read == [3, 3]
    pending.cancel()  # harmless once done

    def failing(stream: BinaryIO) -> Iterator[object]:
        yield 1
        raise LookupError("no such charset")

    pending = src.in_background(failing, 0)
    assert pending is not None
    results = pending.results()
    assert next(results) == 1
    with pytest.raises(LookupError, match="no such charset"):
        next(results)

    def endless(stream: BinaryIO) -> Iterator[object]:
        yield 1
        time.sleep(60)
        yield 2

    pending = src.in_background(endless, 0)
    assert pending is not None
    started = time.monotonic()
    assert next(pending.results()) == 1
    pending.cancel()
    assert time.monotonic() - started < 5
    assert list(pending.results()) == []


def test_a_second_process_that_dies_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "x.mbox"
    path.write_bytes(b"0123456789")

    def dying(stream: BinaryIO) -> Iterator[object]:
        yield 1
        os._exit(3)

    pending = source(path).in_background(dying, 0)
    assert pending is not None
    results = pending.results()
    assert next(results) == 1
    with pytest.raises(ReadError, match="the second process reading it ended before it was done"):
        next(results)


def test_a_folder_without_mbox_files(tmp_path: Path) -> None:
    (tmp_path / "Info.plist").write_text("<plist/>")
    with pytest.raises(ExportError) as err:
        events(mbox, tmp_path)
    assert str(err.value) == (
        f"{tmp_path}: holds no mbox file (an mbox file starts with a line 'From <sender> <date>')"
    )


def test_maildir_bad_inputs(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as err:
        events(maildir, MAIL / "mutt-sent.mbox")
    assert str(err.value) == (
        f"{MAIL / 'mutt-sent.mbox'}: is a file, not a Maildir folder (give the folder that holds cur/ and new/)"
    )
    (tmp_path / "tmp").mkdir()
    (tmp_path / "tmp" / "123.half").write_text("Date: x\n")
    with pytest.raises(ExportError) as err:
        events(maildir, tmp_path)
    assert (
        str(err.value)
        == f"{tmp_path}: holds no Maildir messages (a Maildir has messages in cur/ or new/)"
    )
    (tmp_path / "cur").mkdir()
    (tmp_path / "cur" / "1.host:2,S").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "cur" / "2.host:2,S").write_bytes(b"")
    damage = readers.Damage()
    with pytest.raises(ExportError) as err:
        list(readers.events("maildir", source(tmp_path), damage=damage))
    first = tmp_path / "cur" / "1.host:2,S"
    assert str(err.value) == (
        f"{tmp_path}: no record abc can read as a Maildir folder; the first: {first}:1: "
        "it is not a mail message (it does not start with a header line) (is it the right "
        "file? export it again)"
    )
    assert [u.message() for u in damage.first] == [
        f"{first}:1: it is not a mail message (it does not start with a header line)",
        f"{tmp_path / 'cur' / '2.host:2,S'}:1: it is not a mail message (it has no header lines)",
    ]
    (tmp_path / "cur" / "3.host:2,S").write_bytes(b"Date: Mon, 1 Jun 2026 10:00:00 +0100\n\n")
    assert len(list(readers.events("maildir", source(tmp_path)))) == 1


def test_maildir_flag_suffixes() -> None:
    assert [
        maildir.flag_skip(n) for n in ("1.h:2,ST", "1.h;2,DS", "1.h!2,RS", "1.h", "T.h:2,")
    ] == [
        "trash",
        "draft",
        None,
        None,
        None,
    ]


def test_mixed_line_ends_each_message_its_own(tmp_path: Path) -> None:
    """A CRLF file with LF messages appended (and the reverse): the separators of both are found."""
    for first, second in (("\r\n", "\n"), ("\n", "\r\n")):
        text = "".join(
            _message(n, "body\n\n", nl) for n, nl in enumerate((first, second, first, second), 1)
        )
        path = tmp_path / "mixed.mbox"
        path.write_bytes(text.encode())
        assert [e.key for e in events(mbox, path)] == [f"m{n}@rivera.example" for n in (1, 2, 3, 4)]


# --- the fast paths agree with the standard library -------------------------------------

_NAME = st.text(alphabet="AaZzéü .-'", min_size=0, max_size=12)
_LOCAL = st.text(alphabet="abcxyz019._+-", min_size=1, max_size=10)
_ADDR = st.builds(
    lambda a, b: f"{a}@{b}.example", _LOCAL, st.sampled_from(["rivera", "mail", "x-y"])
)
_ONE = st.one_of(_ADDR, st.builds(lambda n, a: f"{n} <{a}>", _NAME, _ADDR))


@given(st.lists(_ONE, min_size=1, max_size=5), st.sampled_from([",", ", ", ",\n "]))
def test_plain_address_lists_split_as_getaddresses_does(parts: list[str], comma: str) -> None:
    value = comma.join(parts)

    def tidy(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(mailheaders.text(name), addr) for name, addr in pairs]  # as event names are

    assert tidy(mailheaders.split_addresses([value])) == tidy(getaddresses([value]))


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
    st.integers(min_value=-12 * 4, max_value=14 * 4).map(lambda q: q * 15),
    st.booleans(),
    st.booleans(),
)
def test_usual_dates_read_as_parsedate_does(
    moment: datetime, minutes: int, weekday: bool, seconds: bool
) -> None:
    sign = "+" if minutes >= 0 else "-"
    zone = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    fmt = ("%a, " if weekday else "") + "%d %b %Y %H:%M" + (":%S" if seconds else "")
    raw = f"{moment:{fmt}} {zone}"
    expected = parsedate_to_datetime(raw)
    got = mailheaders.when(mailheaders.parse(f"Date: {raw}\n".encode()))
    assert got is not None
    assert (got, got.utcoffset()) == (expected, expected.utcoffset())
