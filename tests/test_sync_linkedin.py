"""The LinkedIn export reader: messages and invitations exactly, the URL→email bridge, bad CSVs.

The samples under tests/data/sync/linkedin/ are Sam Rivera's export
(https://www.linkedin.com/in/sam-rivera-abc): ``current/`` as a recent export
writes it, ``2019/messages.csv`` in the old layout. Profile URLs of the demo
network's people come in the spellings exports use.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import event_row

from abcnet.core.handle_keys import linkedin_key
from abcnet.storage.exports import source
from abcnet.sync import linkedin
from abcnet.sync.event import Event, ExportError, Handle, Unreadable

DATA = Path(__file__).resolve().parent / "data" / "sync"
LINKEDIN = DATA / "linkedin"
CURRENT = LINKEDIN / "current"

SAM = "https://www.linkedin.com/in/sam-rivera-abc"


def _row(event: Event) -> tuple[object, ...]:
    return event_row(event)


def _read(path: Path) -> list[tuple[object, ...]]:
    return [_row(e) for e in linkedin.read(source(path))]


S = f"linkedin:{SAM} [Sam Rivera]"
ADA = "linkedin:https://www.linkedin.com/in/ada-okafor-example [Ada Okafor]"
KOFI = "linkedin:linkedin.com/in/kofi-mensah-example/ [Kofi Mensah]"
ROSA = "linkedin:https://www.linkedin.com/in/rosa-quintero-design [Rosa Quintero]"
AMARA = "linkedin:www.linkedin.com/in/amara-nwosu-example [Amara Nwosu]"
INES = "linkedin:https://www.linkedin.com/in/ines-carvalho-example/ [Ines Carvalho]"
CIARAN_URL = (
    "https://www.linkedin.com/in/ciaran-doherty-example"
    "?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAABcdEfG"
)
OPAQUE = "https://www.linkedin.com/in/ACoAAC7x9QkB2mZrT4vLw8nYpD3sHjK1eFgUoIa"
SPAM_URL = "https://www.linkedin.com/in/growth-hacker-pro-x1"

INVITATIONS = [
    # with a note: a touch; the direction is the export's
    (f"invitation/2026-11-04T10:12:00+00:00/{SAM}/https://www.linkedin.com/in/camille-dubois-example",
     "2026-11-04T10:12:00+00:00", "social", S,
     ("linkedin:https://www.linkedin.com/in/camille-dubois-example [Camille Dubois]",), True, None),
    (f"invitation/2026-09-15T20:03:00+00:00/https://www.linkedin.com/in/mehmet-yilmaz-example/{SAM}",
     "2026-09-15T20:03:00+00:00", "social",
     "linkedin:https://www.linkedin.com/in/mehmet-yilmaz-example [Mehmet Yilmaz]", (S,), False, None),
    # without one: yielded, skipped
    (f"invitation/2026-10-02T01:45:00+00:00/https://www.linkedin.com/in/priyanka-sood-87b2a1/{SAM}",
     "2026-10-02T01:45:00+00:00", "social",
     "linkedin:https://www.linkedin.com/in/priyanka-sood-87b2a1 [Priyanka Sood]", (S,), False, "invitation"),
    (f"invitation/2026-06-05T09:30:00+00:00/{SAM}/https://www.linkedin.com/in/hannah-schmidt-example",
     "2026-06-05T09:30:00+00:00", "social", S,
     ("linkedin:https://www.linkedin.com/in/hannah-schmidt-example [Hannah Schmidt]",), True, "invitation"),
]  # fmt: skip

MESSAGES = [
    ("2-YTFmNGE3ZDEtOWI4Yy00/2026-06-11T15:33:58+00:00/https://www.linkedin.com/in/ada-okafor-example",
     "2026-06-11T15:33:58+00:00", "message", ADA, (S,), None, None),
    (f"2-YTFmNGE3ZDEtOWI4Yy00/2026-06-11T17:02:10+00:00/{SAM}",
     "2026-06-11T17:02:10+00:00", "message", S, (ADA,), None, None),
    # 23:10 UTC on 31 July is 00:10 on 1 August in London; the text spans three lines
    ("2-OGQ1ZTJjNzAtMmY0Mi00/2026-07-31T23:10:00+00:00/linkedin.com/in/kofi-mensah-example/",
     "2026-07-31T23:10:00+00:00", "message", KOFI, (S,), None, None),
    (f"2-OGQ1ZTJjNzAtMmY0Mi00/2026-08-01T07:45:31+00:00/{SAM}",
     "2026-08-01T07:45:31+00:00", "message", S, (KOFI,), None, None),
    ("2-MzYwYjE4ZWQtNDc1Ni00/2026-09-02T12:00:05+00:00/https://uk.linkedin.com/in/grace-achieng-example",
     "2026-09-02T12:00:05+00:00", "message",
     "linkedin:https://uk.linkedin.com/in/grace-achieng-example [Grace Achieng]", (S,), None, None),
    # the name was mojibake in the file (CiarÃ¡n)
    (f"2-ZjI3YzkwYjQtYTE1OC00/2026-06-25T09:14:44+00:00/{CIARAN_URL}",
     "2026-06-25T09:14:44+00:00", "message", f"linkedin:{CIARAN_URL} [Ciarán Doherty]", (S,), None, None),
    ("2-NWU4ZDMxYWEtYjY3Zi00/2026-08-19T08:20:00+00:00/https://www.linkedin.com/in/rosa-quintero-design",
     "2026-08-19T08:20:00+00:00", "message", ROSA, (S,), None, None),
    (f"2-NWU4ZDMxYWEtYjY3Zi00/2026-08-19T09:05:12+00:00/{SAM}",
     "2026-08-19T09:05:12+00:00", "message", S, (ROSA,), None, None),
    # an opaque member id: reported as it is, it matches no one
    (f"2-Yzk0ZjZhMmUtMGQ4MS00/2026-10-14T16:40:00+00:00/{OPAQUE}",
     "2026-10-14T16:40:00+00:00", "message", f"linkedin:{OPAQUE} [Tomasz Wrona]", (S,), None, None),
    ("2-ZTc1YjI5ODMtODFhNC00/2026-09-21T10:00:00+00:00/Sponsored Conversation",
     "2026-09-21T10:00:00+00:00", "message", "name:Sponsored Conversation", (S,), None, "automated"),
    ("2-MmFkNzE0YzgtZWU5My00/2026-10-02T06:30:00+00:00/LinkedIn Member",
     "2026-10-02T06:30:00+00:00", "message", "name:LinkedIn Member", (S,), None, "automated"),
    (f"2-NjE4YTkwZGUtNTQzYi00/2026-07-12T03:12:09+00:00/{SPAM_URL}",
     "2026-07-12T03:12:09+00:00", "message", f"linkedin:{SPAM_URL} [Growth Hacker Pro]", (S,), None, "spam"),
    (f"2-NzQ5MGMxZjAtOTg3Ni00/2026-11-02T21:15:00+00:00/{SAM}",
     "2026-11-02T21:15:00+00:00", "message", S,
     ("linkedin:https://www.linkedin.com/in/lucia-herrera-example [Lucía Herrera]",), None, "draft"),
    # a group: recipients separated by "," in one row and by ";" in the next
    (f"2-OTAyM2Y3ZWEtMzIxMC00/2026-10-08T13:30:00+00:00/{SAM}",
     "2026-10-08T13:30:00+00:00", "message", S, (AMARA, INES), None, None),
    ("2-OTAyM2Y3ZWEtMzIxMC00/2026-10-08T14:02:47+00:00/https://www.linkedin.com/in/ines-carvalho-example/",
     "2026-10-08T14:02:47+00:00", "message", INES, (S, AMARA), None, None),
]  # fmt: skip

OLD = [
    ("2026-06-12T08:15:00+00:00/Marcus Oyelaran/Sam Rivera", "2026-06-12T08:15:00+00:00", "message",
     "name:Marcus Oyelaran", ("name:Sam Rivera",), False, None),
    ("2026-06-12T09:01:30+00:00/Sam Rivera/Marcus Oyelaran", "2026-06-12T09:01:30+00:00", "message",
     "name:Sam Rivera", ("name:Marcus Oyelaran",), True, None),
    ("2026-09-30T23:40:12+00:00/Lucía Herrera/Sam Rivera", "2026-09-30T23:40:12+00:00", "message",
     "name:Lucía Herrera", ("name:Sam Rivera",), False, None),
    ("2026-07-01T05:00:00+00:00/LinkedIn Member/Sam Rivera", "2026-07-01T05:00:00+00:00", "message",
     "name:LinkedIn Member", ("name:Sam Rivera",), False, "automated"),
    ("2026-08-08T11:11:11+00:00/Fast Crypto Wins/Sam Rivera", "2026-08-08T11:11:11+00:00", "message",
     "name:Fast Crypto Wins", ("name:Sam Rivera",), False, "spam"),
]  # fmt: skip


def test_the_current_export_as_a_folder() -> None:
    # files in name order: Invitations.csv before messages.csv
    assert _read(CURRENT) == INVITATIONS + MESSAGES


def test_the_current_export_as_a_zip_with_other_file_names(tmp_path: Path) -> None:
    archive = tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(CURRENT / "messages.csv", "Messages.csv")
        z.write(CURRENT / "Invitations.csv", "Invitations.csv")
        z.write(CURRENT / "Connections.csv", "Connections.csv")
        z.write(CURRENT / "Email Addresses.csv", "Email_Addresses.csv")
        z.writestr("Ad_Targeting.csv", "Member Age,Company Names\n25 to 34,Kestrel\n")
    src = source(archive)
    assert linkedin.sniff(src, b"")
    assert [_row(e) for e in linkedin.read(src)] == INVITATIONS + MESSAGES
    assert linkedin.bridges(src) == BRIDGES
    assert linkedin.own_addresses(src) == OWN


def test_one_messages_file_alone() -> None:
    assert _read(CURRENT / "messages.csv") == MESSAGES


def test_the_2019_layout() -> None:
    assert _read(LINKEDIN / "2019" / "messages.csv") == OLD


def test_no_message_text_or_invitation_note_reaches_an_event() -> None:
    text = repr(list(linkedin.read(source(CURRENT))))
    for private in ("coffee", "section 3", "Iceberg talk", "dbt night", "report.pdf", "Premium"):
        assert private not in text
    assert "Speaker slot in October" in text  # a subject is kept (shown only when turned on)


BRIDGES = {
    "linkedin.com/in/rosa-quintero-design": "rosa@quintero-design.example",
    "linkedin.com/in/ada-okafor-example": "ada.okafor@example.org",
    "linkedin.com/in/grace-achieng-example": "grace.achieng@fourthcoffee.example.com",
}
OWN = ("sam.rivera@example.org", "sam@rivera.example", "sam.rivera+lists@example.org")


def test_bridges_map_profiles_with_a_shared_address_to_it() -> None:
    assert linkedin.bridges(source(CURRENT)) == BRIDGES
    assert linkedin.bridges(source(CURRENT / "Connections.csv")) == BRIDGES
    assert linkedin.bridges(source(LINKEDIN / "2019")) == {}


def test_own_addresses_once_each_in_file_order() -> None:
    assert linkedin.own_addresses(source(CURRENT)) == OWN
    assert linkedin.own_addresses(source(LINKEDIN / "2019")) == ()


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/ada-okafor-example", "linkedin.com/in/ada-okafor-example"),
        ("linkedin.com/in/kofi-mensah-example/", "linkedin.com/in/kofi-mensah-example"),
        ("www.linkedin.com/in/Amara-Nwosu-Example", "linkedin.com/in/amara-nwosu-example"),
        ("https://uk.linkedin.com/in/grace-achieng-example", "linkedin.com/in/grace-achieng-example"),
        (CIARAN_URL, "linkedin.com/in/ciaran-doherty-example"),
        ("http://linkedin.com/in/zo%C3%AB-m%C3%BCller#about", "linkedin.com/in/zoë-müller"),
        ("https://www.linkedin.com/in/hannah-schmidt-example/details/skills/", "linkedin.com/in/hannah-schmidt-example"),
        (OPAQUE, "linkedin.com/in/acoaac7x9qkb2mzrt4vlw8nypd3shjk1efguoia"),
    ],
)  # fmt: skip
def test_profile_urls_compare_in_one_form(url: str, key: str) -> None:
    assert linkedin_key(url) == key


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("CiarÃ¡n Doherty", "Ciarán Doherty"),
        ("LucÃ\xada Herrera", "Lucía Herrera"),
        ("ZoÃ« MÃ¼ller", "Zoë Müller"),
        ("Ciarán Doherty", "Ciarán Doherty"),
        ("Ã‰lodie", "Élodie"),  # cp1252 mojibake
        ("Ãnna", "Ãnna"),  # looks odd, is not mojibake: kept
        ("王小明", "王小明"),
    ],
)
def test_repair(text: str, repaired: str) -> None:
    assert linkedin.repair(text) == repaired


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(4096)


def test_sniff_knows_the_samples() -> None:
    assert linkedin.sniff(source(CURRENT), b"")
    assert linkedin.sniff(source(LINKEDIN / "2019"), b"")
    for path in (CURRENT / "messages.csv", LINKEDIN / "2019" / "messages.csv"):
        assert linkedin.sniff(source(path), _head(path))


def test_sniff_refuses_other_files_and_folders(tmp_path: Path) -> None:
    for path in (CURRENT / "Invitations.csv", CURRENT / "Email Addresses.csv"):
        assert not linkedin.sniff(source(path), _head(path))
    assert not linkedin.sniff(source(DATA / "calendar"), b"")
    others = sorted(
        p
        for p in DATA.rglob("*")
        if p.is_file() and LINKEDIN not in p.parents and DATA / "corpus" not in p.parents
    )
    for path in others:
        assert not linkedin.sniff(source(path), _head(path)), path
    (tmp_path / "x.csv").write_text("First Name,Last Name\n")
    assert not linkedin.sniff(source(tmp_path), b"")


def _error(path: Path) -> str:
    with pytest.raises(ExportError) as caught:
        list(linkedin.read(source(path)))
    return str(caught.value)


def test_a_csv_without_the_header_names_line_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("messages.csv").write_text("Sender,When,Text\nAda,2026-06-01,hi\n")
    assert _error(Path("messages.csv")) == (
        "messages.csv:1: not LinkedIn's messages.csv: expected a header with FROM, "
        "SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, FOLDER "
        "(columns are matched by name, in any order)"
    )
    Path("Connections.csv").write_text("Notes:\nsomething\n\nName,Profile\n")
    found = linkedin.people(source(Path("Connections.csv")))
    assert (found.bridges, found.names) == ({}, {})
    assert [u.message() for u in found.unreadable] == [
        "Connections.csv:1: not LinkedIn's Connections.csv: expected a header with FIRST NAME, "
        "LAST NAME (columns are matched by name, in any order)"
    ]


def test_a_folder_without_messages_or_invitations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("export").mkdir()
    Path("export/Profile.csv").write_text("First Name,Last Name\nSam,Rivera\n")
    assert _error(Path("export")) == (
        "export: no messages.csv or Invitations.csv in it (is this LinkedIn's data export?)"
    )


def test_a_bad_date_names_the_line_the_row_starts_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    header = '"FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","CONTENT","FOLDER"\n'
    Path("messages.csv").write_text(
        header
        + f'Ada Okafor,https://www.linkedin.com/in/ada-okafor-example,Sam Rivera,{SAM},2026-06-11 15:33:58 UTC,"two\nlines",INBOX\n'
        + f"Ada Okafor,https://www.linkedin.com/in/ada-okafor-example,Sam Rivera,{SAM},yesterday,hi,INBOX\n"
    )
    assert _damage(Path("messages.csv")) == (
        ["messages.csv:4: DATE 'yesterday' is not a date like 2026-06-11 15:33:58 UTC"],
        ["2026-06-11T15:33:58+00:00"],
    )
    Path("Invitations.csv").write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        f"Sam Rivera,Ada Okafor,31/31/26 25:00,Hi,OUTGOING,{SAM},https://www.linkedin.com/in/ada-okafor-example\n"
    )
    assert _damage(Path("Invitations.csv")) == (
        ["Invitations.csv:2: Sent At '31/31/26 25:00' is not a date like 11/4/2026, 10:12 AM"],
        [],
    )


def test_a_quote_that_never_closes_costs_only_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python's csv reads an unclosed quote to the end of the file, silently: the rows after it
    were lost. The short row is reported, and the lines it took are read as rows again."""
    monkeypatch.chdir(tmp_path)
    header = '"FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","CONTENT","FOLDER"\n'
    ada = f"Ada Okafor,https://www.linkedin.com/in/ada-okafor-example,Sam Rivera,{SAM}"
    Path("messages.csv").write_text(
        header
        + f'{ada},2026-06-11 15:33:58 UTC,"two\nlines",INBOX\n'
        + f'{ada},2026-06-12 09:00:00 UTC,"never closed,INBOX\n'
        + f"{ada},2026-06-13 09:00:00 UTC,ok,INBOX\n"
        + f"{ada},later,ok,INBOX\n"
    )
    assert _damage(Path("messages.csv")) == (
        [
            "messages.csv:4: a quote opens here and never closes; the lines after it are read"
            " as rows",
            "messages.csv:6: DATE 'later' is not a date like 2026-06-11 15:33:58 UTC",
        ],
        ["2026-06-11T15:33:58+00:00", "2026-06-13T09:00:00+00:00"],
    )


def _damage(path: Path) -> tuple[list[str], list[str]]:
    got = list(linkedin.read(source(path)))
    return (
        [u.message() for u in got if isinstance(u, Unreadable)],
        [e.when.isoformat() for e in got if isinstance(e, Event)],
    )


def test_text_that_is_not_utf8_is_read_as_cp1252(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("messages.csv").write_bytes(
        b"FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\n"
        b"Marcus Oyelaran,Sam Rivera,2026-06-12T08:15:00,,ok,INCOMING,INBOX\n"
        b"Luc\xeda Herrera,Sam Rivera,2026-06-13T08:15:00,,hi,INCOMING,INBOX\n"
    )
    senders = [e.sender for e in linkedin.read(source(Path("messages.csv")))]
    assert senders == [Handle("name", "Marcus Oyelaran"), Handle("name", "Lucía Herrera")]


@pytest.mark.parametrize(
    ("sent_at", "iso"),
    [
        ("3/5/26, 1:45 AM", "2026-03-05T01:45:00+00:00"),
        ("11/4/2026, 10:12 AM", "2026-11-04T10:12:00+00:00"),
        ("11/4/26, 10:12\u202fPM", "2026-11-04T22:12:00+00:00"),
        ("2026-11-04 10:12:00 UTC", "2026-11-04T10:12:00+00:00"),
    ],
)
def test_sent_at_in_the_forms_exports_use(tmp_path: Path, sent_at: str, iso: str) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        f'Sam Rivera,Ada Okafor,"{sent_at}",,OUTGOING,{SAM},https://www.linkedin.com/in/ada-okafor-example\n'
    )
    assert [e.when.isoformat() for e in linkedin.read(source(path))] == [iso]


def test_an_advertiser_in_a_sponsored_conversation_is_automated(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(
        '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
        '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER"\n'
        "2-QWJj,Sponsored Conversation,Kestrel Cloud,https://www.linkedin.com/company/kestrel-cloud,"
        f"Sam Rivera,{SAM},2026-09-22 08:00:00 UTC,Webinar,Join us,INBOX\n"
    )
    assert [e.skip for e in linkedin.read(source(path))] == ["automated"]


def test_the_2018_export_without_url_in_connections_is_read(tmp_path: Path) -> None:
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Zoë,Müller,,Northwind,Analyst,12 Mar 2018\n"
        "John,Smith,john@smith.example,Acme,CTO,01 Feb 2018\n"
        "John,Smith,,Initech,Intern,02 Feb 2018\n",
        encoding="utf-8",
    )
    (tmp_path / "messages.csv").write_text(
        "From,To,Date,Subject,Content,Direction\n"
        "Zoë Müller,Sam Rivera,2018-05-02T10:00:00,Hello,Good to meet you,INCOMING\n",
        encoding="utf-8",
    )
    assert linkedin.bridges(source(tmp_path)) == {}
    assert linkedin.connections(source(tmp_path)) == {
        "zoe muller": [("", "")],
        "john smith": [("", "john@smith.example"), ("", "")],
    }
    (event,) = linkedin.read(source(tmp_path))
    assert (event.sender, event.from_me) == (Handle("name", "Zoë Müller"), False)


# --- one bad file, one bad row ------------------------------------------------------------

MESSAGES_HEADER = (
    '"FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","CONTENT","FOLDER"\n'
)
ADA_ROW = f"Ada Okafor,https://www.linkedin.com/in/ada-okafor-example,Sam Rivera,{SAM}"
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
INVITATION = (
    f'Sam Rivera,Kofi Mensah,"11/4/2026, 10:12 AM",Hi Kofi,OUTGOING,{SAM},'
    "https://www.linkedin.com/in/kofi-mensah-example\n"
)
CONNECTIONS_TEXT = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Okafor,https://www.linkedin.com/in/ada-okafor-example,ada.okafor@example.org,Kestrel,"
    "CTO,01 Mar 2024\n"
)


def _export(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        if isinstance(text, bytes):
            (folder / name).write_bytes(text)
        else:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # a header LinkedIn renamed: SENDER PROFILE URL is now SENDER URL
        (
            "FROM,SENDER URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER\n",
            "export/messages.csv:1: not LinkedIn's messages.csv: expected a header with FROM, "
            "SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, FOLDER (columns are matched "
            "by name, in any order)",
        ),
        # a stray binary file with the name
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
            "export/messages.csv:1: not LinkedIn's messages.csv: expected a header with FROM, "
            "SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, FOLDER (columns are matched "
            "by name, in any order)",
        ),
        # saved again as UTF-16 by a spreadsheet
        (
            (MESSAGES_HEADER + f"{ADA_ROW},2026-06-11 15:33:58 UTC,hi,INBOX\n").encode("utf-16"),
            "export/messages.csv:1: not LinkedIn's messages.csv: expected a header with FROM, "
            "SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, FOLDER (columns are matched "
            "by name, in any order)",
        ),
        # cut short inside the header
        (
            '"FROM","SENDER PROFILE URL","TO","RECIPI',
            "export/messages.csv:1: not LinkedIn's messages.csv: expected a header with FROM, "
            "SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, FOLDER (columns are matched "
            "by name, in any order)",
        ),
    ],
)
def test_a_messages_file_that_cannot_be_read_costs_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str | bytes, why: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _export(
        Path("export"),
        {
            "messages.csv": text,
            "Invitations.csv": INVITATIONS_HEADER + INVITATION,
            "Connections.csv": CONNECTIONS_TEXT,
        },
    )
    got = list(linkedin.read(source(Path("export"))))
    assert [u.message() for u in got if isinstance(u, Unreadable)] == [why]
    assert [u.reason for u in got if isinstance(u, Unreadable)] == ["unreadable file"]
    assert [(e.when.isoformat(), e.channel) for e in got if isinstance(e, Event)] == [
        ("2026-11-04T10:12:00+00:00", "social")
    ]
    # alone, the file is refused, as before
    assert _error(Path("export/messages.csv")) == why


def test_an_invitations_file_with_a_renamed_header_names_its_own_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _export(
        Path("export"),
        {
            "Invitations.csv": "From,To,Sent On,Message,Direction\n" + INVITATION,
            "messages.csv": MESSAGES_HEADER + f"{ADA_ROW},2026-06-11 15:33:58 UTC,hi,INBOX\n",
        },
    )
    got = list(linkedin.read(source(Path("export"))))
    assert [u.message() for u in got if isinstance(u, Unreadable)] == [
        "export/Invitations.csv:1: not LinkedIn's Invitations.csv: expected a header with FROM, "
        "TO, SENT AT, MESSAGE, DIRECTION, INVITERPROFILEURL, INVITEEPROFILEURL (columns are "
        "matched by name, in any order)"
    ]
    assert [e.when.isoformat() for e in got if isinstance(e, Event)] == [
        "2026-06-11T15:33:58+00:00"
    ]


def test_a_zip_member_whose_data_is_damaged_costs_only_itself(tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
        z.writestr("Invitations.csv", INVITATIONS_HEADER + INVITATION)
        z.writestr(
            "messages.csv", MESSAGES_HEADER + f"{ADA_ROW},2026-06-11 15:33:58 UTC,hi,INBOX\n"
        )
    raw = bytearray(archive.read_bytes())
    at = raw.index(b"hi,INBOX")
    raw[at : at + 2] = b"HI"  # the data no longer matches its CRC
    archive.write_bytes(bytes(raw))
    got = list(linkedin.read(source(archive)))
    assert [u.message() for u in got if isinstance(u, Unreadable)] == [
        f"{archive}:messages.csv: cannot be read (BadZipFile: Bad CRC-32 for file "
        "'messages.csv') (is it damaged? export it again)"
    ]
    assert [e.channel for e in got if isinstance(e, Event)] == ["social"]


def test_connections_that_cannot_be_read_cost_the_bridges_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _export(
        Path("export"),
        {
            "Connections.csv": b"\x00\x01\x02garbage\xff\xfe",
            "messages.csv": MESSAGES_HEADER + f"{ADA_ROW},2026-06-11 15:33:58 UTC,hi,INBOX\n",
        },
    )
    found = linkedin.people(source(Path("export")))
    assert (found.bridges, found.names) == ({}, {})
    assert [u.message() for u in found.unreadable] == [
        "export/Connections.csv:1: not LinkedIn's Connections.csv: expected a header with "
        "FIRST NAME, LAST NAME (columns are matched by name, in any order)"
    ]
    assert [e.when.isoformat() for e in linkedin.read(source(Path("export")))] == [
        "2026-06-11T15:33:58+00:00"
    ]


def test_a_damaged_connection_costs_only_its_row(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(
        CONNECTIONS_TEXT
        + 'Kofi,"Mensah,https://www.linkedin.com/in/kofi-mensah-example,kofi@mensah.example,,,\n'
        + "Rosa,Quintero,https://www.linkedin.com/in/rosa-quintero-design,"
        "rosa@quintero-design.example,,,02 Mar 2024\n",
        encoding="utf-8",
    )
    found = linkedin.people(source(path))
    assert found.bridges == {
        "linkedin.com/in/ada-okafor-example": "ada.okafor@example.org",
        "linkedin.com/in/rosa-quintero-design": "rosa@quintero-design.example",
    }
    assert [u.message() for u in found.unreadable] == [
        f"{path}:6: a quote opens here and never closes; the lines after it are read as rows"
    ]


def test_a_stray_quote_that_a_later_row_closes_costs_only_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quote opening row 2 is closed by the quote that opens row 4's text: Python's csv
    makes rows 2 to 4 one row, and the rows after it were lost without a word."""
    monkeypatch.chdir(tmp_path)
    Path("messages.csv").write_text(
        MESSAGES_HEADER
        + f'{ADA_ROW},2026-06-11 15:33:58 UTC,"never closed,INBOX\n'
        + f"{ADA_ROW},2026-06-12 09:00:00 UTC,ok,INBOX\n"
        + f'{ADA_ROW},2026-06-13 09:00:00 UTC,"two\nlines, one comma",INBOX\n'
        + f"{ADA_ROW},2026-06-14 09:00:00 UTC,ok,INBOX\n"
        + f'{ADA_ROW},2026-06-15 09:00:00 UTC,"a ""quoted"" word",INBOX\n'
    )
    assert _damage(Path("messages.csv")) == (
        [
            "messages.csv:2: a quote opens here and never closes; the lines after it are read"
            " as rows"
        ],
        [
            "2026-06-12T09:00:00+00:00",
            "2026-06-13T09:00:00+00:00",
            "2026-06-14T09:00:00+00:00",
            "2026-06-15T09:00:00+00:00",
        ],
    )


def test_a_quote_that_never_closes_in_a_long_file_costs_only_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python's csv stops at a cell of more than 131,072 characters: every row after the
    quote was lost. A row may take at most ROW_LINES lines."""
    monkeypatch.chdir(tmp_path)
    rows = [
        f"{ADA_ROW},2026-06-12 09:{i // 60:02}:{i % 60:02} UTC,{'x' * 80},INBOX\n"
        for i in range(3000)
    ]
    Path("messages.csv").write_text(
        MESSAGES_HEADER + f'{ADA_ROW},2026-06-11 15:33:58 UTC,"never closed,INBOX\n' + "".join(rows)
    )
    bad, good = _damage(Path("messages.csv"))
    assert bad == [
        "messages.csv:2: a quote opens here and never closes; the lines after it are read as rows"
    ]
    assert (len(good), good[0], good[-1]) == (
        3000,
        "2026-06-12T09:00:00+00:00",
        "2026-06-12T09:49:59+00:00",
    )


def test_a_message_over_many_lines_is_one_row(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    text = "\r\n".join(f"paragraph {i}, with a comma" for i in range(200))
    path.write_text(
        MESSAGES_HEADER + f'{ADA_ROW},2026-06-11 15:33:58 UTC,"{text}",INBOX\r\n'
        f"{ADA_ROW},2026-06-12 15:33:58 UTC,ok,INBOX\r\n",
        newline="",
    )
    assert _damage(path) == ([], ["2026-06-11T15:33:58+00:00", "2026-06-12T15:33:58+00:00"])


def test_a_stray_quote_inside_a_text_leaves_the_columns_after_it_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quote inside a quoted CONTENT that is not doubled splits the text at its next comma:
    the row has a cell too many, and FOLDER and the draft flag were read from the wrong
    cells (a draft counted as a message). The cells after the text are read from the right."""
    monkeypatch.chdir(tmp_path)
    Path("messages.csv").write_text(
        '"FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT",'
        '"FOLDER","IS MESSAGE DRAFT"\n'
        f'{ADA_ROW},2026-06-11 15:33:58 UTC,,"She said "yes, sure" and left",INBOX,No\n'
        f"Sam Rivera,{SAM},Ada Okafor,https://www.linkedin.com/in/ada-okafor-example,"
        '2026-06-12 09:00:00 UTC,,"A "draft", never sent, with commas",DRAFT,Yes\n'
        f'{ADA_ROW},2026-06-13 09:00:00 UTC,"Re: "offer", again",Win big,SPAM,No\n'
    )
    got = list(linkedin.read(source(Path("messages.csv"))))
    assert [(e.when.day, e.skip) for e in got if isinstance(e, Event)] == [
        (11, None),
        (12, "draft"),
        (13, "spam"),
    ]
    assert not [u for u in got if isinstance(u, Unreadable)]
    assert "yes" not in repr(got) and "never sent" not in repr(got)


def test_a_stray_quote_in_an_invitation_note_leaves_the_profiles_in_place(tmp_path: Path) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_text(
        INVITATIONS_HEADER
        + f'Sam Rivera,Kofi Mensah,"11/4/2026, 10:12 AM","Loved your "data, done" talk",OUTGOING,'
        f"{SAM},https://www.linkedin.com/in/kofi-mensah-example\n"
    )
    (event,) = linkedin.read(source(path))
    assert (event.from_me, event.sender, event.to, event.skip) == (
        True,
        Handle("linkedin", SAM, "Sam Rivera"),
        (Handle("linkedin", "https://www.linkedin.com/in/kofi-mensah-example", "Kofi Mensah"),),
        None,
    )


def test_a_row_with_an_empty_cell_to_spare_is_read_from_the_left(tmp_path: Path) -> None:
    """A trailing comma is no stray quote: the cells stay where they are."""
    path = tmp_path / "messages.csv"
    path.write_text(
        "FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER\n"
        f"{ADA_ROW},2026-06-11 15:33:58 UTC,hi,SPAM,\n"
    )
    assert [e.skip for e in linkedin.read(source(path))] == ["spam"]
