"""The .ics reader: every occurrence of the sample calendars, exactly, and bad files by line.

The samples under tests/data/sync/calendar/ are Sam Rivera's (sam.rivera@example.org,
sam@rivera.example) calendars as Google Takeout, Apple Calendar and Outlook export
them, with people of the demo network and a few strangers.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import event_row, handle_text

from abcnet.storage.exports import source
from abcnet.sync import calendar_ics, readers
from abcnet.sync.event import Event, ExportError, Unreadable

DATA = Path(__file__).resolve().parent / "data" / "sync"
CALENDARS = DATA / "calendar"


def _row(event: Event) -> tuple[object, ...]:
    """An event in a compact form: key, when, channel, sender, to, from_me, skip, declined."""
    declined = getattr(event, "declined", ())
    return event_row(event, tuple(handle_text(h) for h in declined))


def _read(path: Path, until: datetime | None = None) -> list[tuple[object, ...]]:
    return [_row(e) for e in calendar_ics.read(source(path), until=until)]


SAM_ORG = "email:sam.rivera@example.org [Sam Rivera]"
LAN = "email:lan.nguyen@tessellate.example.com"
ONE_TO_ONE = "5q1c8m0v2h7k3n9p4r6t1w8y0z@google.com"

GOOGLE = [
    # weekly, COUNT=6 across the change to GMT on 25 Oct: 08:30 local stays 08:30;
    # 13 Oct is an EXDATE; 20 Oct moved to Wednesday 10:00; Sam declined 3 Nov
    (f"{ONE_TO_ONE}/2026-09-29T07:30:00+00:00", "2026-09-29T08:30:00+01:00", "meeting", SAM_ORG, (LAN,), None, None, ()),
    (f"{ONE_TO_ONE}/2026-10-06T07:30:00+00:00", "2026-10-06T08:30:00+01:00", "meeting", SAM_ORG, (LAN,), None, None, ()),
    (f"{ONE_TO_ONE}/2026-10-20T07:30:00+00:00", "2026-10-21T10:00:00+01:00", "meeting", SAM_ORG, (LAN,), None, None, ()),
    (f"{ONE_TO_ONE}/2026-10-27T08:30:00+00:00", "2026-10-27T08:30:00+00:00", "meeting", SAM_ORG, (LAN,), None, None, ()),
    (f"{ONE_TO_ONE}/2026-11-03T08:30:00+00:00", "2026-11-03T08:30:00+00:00", "meeting", SAM_ORG, (LAN,), None, None, (SAM_ORG,)),
    # a UTC time made local by X-WR-TIMEZONE; cancelled
    ("0d2f4h6j8l1n3p5r7t9v@google.com/2026-06-18T18:00:00+00:00", "2026-06-18T19:00:00+01:00", "meeting",
     "email:jonas@lindqvist.example.net [Jonas Lindqvist]", (SAM_ORG,), None, "cancelled", ()),
    # a yearly birthday without an end: followed to two years after the last DTSTART
    ("b1rthd4yamara0717@google.com/2026-07-17", "2026-07-17T00:00:00", "meeting", None, (), None, "all-day", ()),
    ("b1rthd4yamara0717@google.com/2027-07-17", "2027-07-17T00:00:00", "meeting", None, (), None, "all-day", ()),
    ("b1rthd4yamara0717@google.com/2028-07-17", "2028-07-17T00:00:00", "meeting", None, (), None, "all-day", ()),
    # Google Meet; an optional guest declined
    ("6e8g0i2k4m6o8q0s2u4w@google.com/2026-06-30T13:00:00+00:00", "2026-06-30T14:00:00+01:00", "video",
     "email:ciaran@brightbrook.example.com [Ciarán Doherty]", (SAM_ORG,), None, None,
     ("email:rosa@quintero-design.example [Rosa Quintero]",)),
    # only a room besides Sam
    ("9a1b3c5d7e9f1g3h5i7j@google.com/2026-09-15T09:00:00+00:00", "2026-09-15T10:00:00+01:00", "meeting", SAM_ORG, (), None, "solo", ()),
    # twelve people (the group address is not a person); the size limit is the pipeline's
    ("3k5m7o9q1s3u5w7y9a1c@google.com/2026-07-07T15:00:00+00:00", "2026-07-07T16:00:00+01:00", "video",
     "email:jordan.blake@example.org [Jordan Blake]",
     (SAM_ORG, "email:mira.castellanos@example.org", "email:theo.whitfield@example.org",
      "email:nadia.brook@example.org", "email:ola.bankole@example.org", "email:felipe.arroyo@example.org",
      "email:hana.sorensen@example.org", "email:will.okonjo@example.org", "email:priti.desai@example.org",
      "email:gus.harrow@example.org", "email:lena.voss@example.org"), None, None, ()),
    # 23:30 in London is still 3 July there, 22:30 UTC; a Zoom link in LOCATION
    ("7n9p1r3t5v7x9z1b3d5f@google.com/2026-07-03T22:30:00+00:00", "2026-07-03T23:30:00+01:00", "video",
     "email:daniel.kim@harbourline.example.com [Daniel Kim]", (SAM_ORG,), None, None, ()),
    # made by Gmail from a booking mail
    ("7kukuqrfedlm2f9t0vj5bs1dbmds0mu5tkdnjjajcd7gs7dv0t4nqb5mu9h6@google.com/2026-08-12T06:15:00+00:00",
     "2026-08-12T07:15:00+01:00", "meeting", "email:unknownorganizer@calendar.google.com [Unknown Organizer]",
     ("email:sam.rivera@example.org",), None, "automated", ()),
    # a stranger; Sam's address as the invitation spelt it
    ("2c4e6g8i0k2m4o6q8s0u@google.com/2026-08-26T11:30:00+00:00", "2026-08-26T12:30:00+01:00", "meeting",
     "email:rosa@quintero-design.example [Rosa Quintero]", ("email:Sam.Rivera@example.org [Sam Rivera]",), None, None, ()),
    # in the future: the reader yields it, the pipeline drops it
    ("8f0h2j4l6n8p0r2t4v6x@google.com/2026-12-15T10:00:00+00:00", "2026-12-15T10:00:00+00:00", "meeting", SAM_ORG,
     ("email:elena.popescu@northwind.example.com [Elena Popescu]",), None, None, ()),
]  # fmt: skip

SAM_HOME = "email:sam@rivera.example [Sam Rivera]"
APPLE = [
    # FaceTime link in URL; Amara's address in EMAIL= beside a urn:uuid
    ("4F1C2B9E-7A3D-4E55-9C1B-2D8E6F0A1B33/2026-08-11T18:30:00+00:00", "2026-08-11T19:30:00+01:00", "video",
     SAM_HOME, ("email:amara@kitebright.example.com [Amara Nwosu]",), None, None, ()),
    # floating time (no zone, no X-WR-TIMEZONE): naive, read in the network's zone later
    ("C0FFEE42-1D2B-4C3A-8E9F-0A1B2C3D4E5F/2026-09-12T19:30:00", "2026-09-12T19:30:00", "meeting",
     "email:jonas.lindqvist@example.com [Jonas Lindqvist]", (SAM_HOME,), None, None, ()),
    # TRANSP:TRANSPARENT and tentative still count; the night before the clocks go back
    ("0B5D8A61-3F7E-4B29-A6C4-9E2D1F8B7A05/2026-10-24T22:00:00+00:00", "2026-10-24T23:00:00+01:00", "meeting",
     "email:felix.wagner@bergwerk.example.com [Felix Wagner]", (SAM_HOME,), None, None, ()),
    # nobody invited
    ("D3A7F1E2-5B6C-4D8E-9F0A-1B2C3D4E5F60/2026-10-06T08:00:00+00:00", "2026-10-06T09:00:00+01:00", "meeting",
     None, (), None, "solo", ()),
]  # fmt: skip

OUTLOOK_UID = "040000008200E00074C5B7101A82E00800000000"
OUTLOOK = [
    # Windows zone name with its VTIMEZONE; a Teams meeting, after the change to GMT
    (f"{OUTLOOK_UID}A0B1C2D3E4F5A601000000000000000010000000F1E2D3C4B5A69788/2026-10-27T11:00:00+00:00",
     "2026-10-27T11:00:00+00:00", "video", "email:emeka.obi@margiestravel.example.com [Obi, Emeka]",
     (SAM_ORG,), None, None, ()),
    # a room (CUTYPE=ROOM) is not a person
    (f"{OUTLOOK_UID}B1C2D3E4F5A6B701000000000000000010000000A1B2C3D4E5F60718/2026-06-16T13:00:00+00:00",
     "2026-06-16T14:00:00+01:00", "meeting", SAM_ORG,
     ("email:felix.wagner@bergwerk.example.com [Felix Wagner]",), None, None, ()),
    (f"{OUTLOOK_UID}C2D3E4F5A6B7C801000000000000000010000000B2C3D4E5F6071829/2026-09-03T11:00:00+00:00",
     "2026-09-03T12:00:00+01:00", "meeting", SAM_ORG,
     ("email:hiroshi.tanaka@wideworld.example.com [Hiroshi Tanaka]",), None, "cancelled", ()),
    (f"{OUTLOOK_UID}D3E4F5A6B7C8D901000000000000000010000000C3D4E5F607182930/2026-11-17T23:30:00+00:00",
     "2026-11-17T23:30:00+00:00", "meeting", SAM_ORG,
     ("email:marcus.oyelaran@example.net [Marcus Oyelaran]",), None, None, ()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [("google-takeout.ics", GOOGLE), ("apple.ics", APPLE), ("outlook.ics", OUTLOOK)],
)
def test_every_occurrence_of_a_sample(name: str, expected: list[tuple[object, ...]]) -> None:
    assert _read(CALENDARS / name) == expected


def test_events_are_meetings_from_the_ics_reader_with_their_titles() -> None:
    events = list(calendar_ics.read(source(CALENDARS / "outlook.ics")))
    assert {(e.source, e.meeting, e.people) for e in events} == {("ics", True, 0)}
    assert [e.subject for e in events] == [
        "Pipeline migration: lessons learned",
        "Architecture review with Bergwerk",
        "Canceled: Platform leadership lunch",
        "Call Marcus before his Singapore trip",
    ]


def test_no_description_or_location_reaches_an_event() -> None:
    events = list(calendar_ics.read(source(CALENDARS / "google-takeout.ics")))
    assert len(events) > 5  # an empty reading would hold no text either
    text = repr(events)
    for private in (
        "Weekly mentoring",
        "Canal Street",
        "Join with Google Meet",
        "zoom.us",
        "Atrium",
    ):
        assert private not in text


def test_until_ends_the_expansion() -> None:
    until = datetime(2026, 11, 20, 23, 59, 59, tzinfo=UTC)
    keys = [row[0] for row in _read(CALENDARS / "google-takeout.ics", until=until)]
    assert keys == [row[0] for row in GOOGLE if row[1] < "2026-11-21"]
    assert "b1rthd4yamara0717@google.com/2027-07-17" not in keys
    assert _read(CALENDARS / "apple.ics", until=datetime(2020, 1, 1, tzinfo=UTC)) == []


def test_a_rule_without_end_stops_at_the_horizon(tmp_path: Path) -> None:
    path = tmp_path / "weekly.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:w\nDTSTART:20261102T090000Z\n"
        "RRULE:FREQ=YEARLY\nORGANIZER:mailto:ada.okafor@example.org\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam.rivera@example.org\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    assert [row[1] for row in _read(path)] == [
        "2026-11-02T09:00:00+00:00",
        "2027-11-02T09:00:00+00:00",
        "2028-11-02T09:00:00+00:00",
    ]


def test_everyone_invited_declined(tmp_path: Path) -> None:
    path = tmp_path / "declined.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:d\nDTSTART:20260910T120000Z\n"
        "ORGANIZER;CN=Kofi Mensah:mailto:kofi.mensah@fabrikam.example.net\n"
        "ATTENDEE;PARTSTAT=DECLINED;CN=Sam Rivera:mailto:sam.rivera@example.org\n"
        "ATTENDEE;PARTSTAT=DECLINED:MAILTO:theo.whitfield@example.org\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )
    assert _read(path) == [
        (
            "d/2026-09-10T12:00:00+00:00",
            "2026-09-10T12:00:00+00:00",
            "meeting",
            "email:kofi.mensah@fabrikam.example.net [Kofi Mensah]",
            (),
            None,
            "declined",
            ("email:sam.rivera@example.org [Sam Rivera]", "email:theo.whitfield@example.org"),
        )
    ]


def test_a_folder_of_calendars_reads_each_file_in_name_order(tmp_path: Path) -> None:
    folder = tmp_path / "Calendar"
    folder.mkdir()
    for name in ("outlook.ics", "apple.ics"):
        shutil.copy(CALENDARS / name, folder / name)
    assert _read(folder) == APPLE + OUTLOOK
    assert calendar_ics.sniff(source(folder), b"")
    (folder / "notes.txt").write_text("not a calendar\n")
    assert not calendar_ics.sniff(source(folder), b"")


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(4096)


@pytest.mark.parametrize("name", ["google-takeout.ics", "apple.ics", "outlook.ics"])
def test_sniff_knows_each_sample(name: str) -> None:
    path = CALENDARS / name
    assert calendar_ics.sniff(source(path), _head(path))


def test_sniff_allows_a_bom_and_blank_lines_and_refuses_other_text(tmp_path: Path) -> None:
    path = tmp_path / "x.ics"
    path.write_text("x")
    src = source(path)
    assert calendar_ics.sniff(src, b"\xef\xbb\xbf\r\n  begin:vcalendar\r\nVERSION:2.0\r\n")
    assert not calendar_ics.sniff(src, b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert not calendar_ics.sniff(src, b"From sam@rivera.example Mon Jun  1 09:00:00 2026\n")
    assert not calendar_ics.sniff(src, b"")


def test_sniff_refuses_the_other_formats_samples() -> None:
    others = sorted(
        p
        for p in DATA.rglob("*")
        if p.is_file() and CALENDARS not in p.parents and DATA / "corpus" not in p.parents
    )
    assert others, "the LinkedIn samples at least are there"
    for path in others:
        assert not calendar_ics.sniff(source(path), _head(path)), path


#: A good event, put before each bad one below: it must be read whatever follows it.
GOOD = (
    "BEGIN:VEVENT\nUID:ok\nDTSTART:20260602T090000Z\nORGANIZER:mailto:a@x.example\n"
    "ATTENDEE:mailto:b@x.example\nEND:VEVENT\n"
)

BAD = [
    ("VERSION:2.0\nthis is not a calendar line\nEND:VCALENDAR\n", []),
    (
        'BEGIN:VEVENT\nUID:u1\nDTSTART:20260601T090000Z\nATTENDEE;CN="Ada:mailto:a@b.example\n'
        "END:VEVENT\nEND:VCALENDAR\n",
        ["bad.ics:11: event u1: not an iCalendar line: 'ATTENDEE;CN=\"Ada:mailto:a@b.example'"],
    ),
    (
        "VERSION:2.0\nBEGIN:VEVENT\nUID:u1\nDTSTART:20260601T090000Z\n",
        [
            "bad.ics:9: event u1: the file ends inside this event (line 11): it is cut short; "
            "the events before it are read"
        ],
    ),
    (
        "BEGIN:VEVENT\nUID:u1\nDTSTART:20260601T090000Z\nEND:VCALENDAR\n",
        ["bad.ics:11: event u1: END:VCALENDAR where END:VEVENT was expected"],
    ),
    (
        "BEGIN:VEVENT\nUID:u1\nSUMMARY:Lunch\n DTSTART folded in\nDTSTART:2026061\n"
        "END:VEVENT\nEND:VCALENDAR\n",
        ["bad.ics:12: event u1: DTSTART cannot be read (Expected time, got: 2026061)"],
    ),
    (
        "BEGIN:VEVENT\nUID:u2\nDTSTART:20260601T090000Z\nRRULE:FREQ=SOMETIMES\n"
        "END:VEVENT\nEND:VCALENDAR\n",
        [
            "bad.ics:11: event u2: RRULE cannot be read (Expected frequency, got: SOMETIMES): "
            "the series is read without the rule, its first meeting included"
        ],
    ),
    (
        "BEGIN:VEVENT\nUID:u3\nSUMMARY:When?\nEND:VEVENT\nEND:VCALENDAR\n",
        ["bad.ics:8: event u3: it has no DTSTART"],
    ),
    (
        "BEGIN:VEVENT\nUID:u4\nDTSTART:20260601T090000Z\nEND:VEVENT\n",
        [
            "bad.ics:11: the file ends at line 11 before END:VCALENDAR: it may be cut short; "
            "the events in it are read"
        ],
    ),
]


@pytest.mark.parametrize(("text", "messages"), BAD)
def test_a_bad_event_is_reported_by_line_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, messages: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.ics").write_text("BEGIN:VCALENDAR\n" + GOOD + text)
    got = list(calendar_ics.read(source(Path("bad.ics"))))
    assert [u.message() for u in got if isinstance(u, Unreadable)] == messages
    keys = [e.key for e in got if isinstance(e, Event)]
    assert keys[0] == "ok/2026-06-02T09:00:00+00:00"


def test_a_calendar_with_no_readable_event_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.ics").write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:u2\nDTSTART:2026061\nRRULE:FREQ=SOMETIMES\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )
    damage = readers.Damage()
    with pytest.raises(ExportError) as caught:
        list(readers.events("ics", source(Path("bad.ics")), damage=damage))
    assert str(caught.value) == (
        "bad.ics: no record abc can read as a calendar; the first: bad.ics:4: event u2: DTSTART "
        "cannot be read (Expected time, got: 2026061) (is it the right file? export it again)"
    )
    assert damage.by_reason() == {"bad date": 1}


def test_text_that_is_not_utf8_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nX-WR-CALNAME:Caf\xe9\r\n"
        + GOOD.replace("SUMMARY", "X").encode().replace(b"\n", b"\r\n")
        + b"END:VCALENDAR\r\n"
    )
    assert [e.key for e in calendar_ics.read(source(path))] == ["ok/2026-06-02T09:00:00+00:00"]


def test_an_empty_calendar_has_no_events(tmp_path: Path) -> None:
    path = tmp_path / "empty.ics"
    path.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nX-WR-CALNAME:Holidays\nEND:VCALENDAR\n")
    assert _read(path) == []


def test_a_series_that_cannot_be_expanded_costs_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the calendar cannot be expanded as a whole, each series is expanded alone; one
    that cannot is read without its rule, and one that cannot even so costs only itself."""
    real = calendar_ics.recurring_ical_events.of

    def of(cal: object) -> object:
        for e in cal.walk("VEVENT"):  # type: ignore[attr-defined]
            if (str(e.get("UID")) == "u5" and "RRULE" in e) or str(e.get("UID")) == "u7":
                raise ValueError("UNTIL is not of the type of DTSTART")
        return real(cal)

    monkeypatch.setattr(calendar_ics.recurring_ical_events, "of", of)
    path = tmp_path / "cal.ics"
    path.write_text(
        "BEGIN:VCALENDAR\n" + GOOD
        + "BEGIN:VEVENT\nUID:u5\nDTSTART:20260603T090000Z\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n"
        + "BEGIN:VEVENT\nUID:u7\nDTSTART:20260605T090000Z\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n"
        + GOOD.replace("UID:ok", "UID:ok2").replace("0602", "0604") + "END:VCALENDAR\n"
    )  # fmt: skip
    got = list(calendar_ics.read(source(path)))
    assert [e.key for e in got if isinstance(e, Event)] == [
        "ok/2026-06-02T09:00:00+00:00",
        "u5/2026-06-03T09:00:00+00:00",
        "ok2/2026-06-04T09:00:00+00:00",
    ]
    assert [u.message() for u in got if isinstance(u, Unreadable)] == [
        f"{path}:8: event u5: its recurrence cannot be expanded (ValueError: UNTIL is not of "
        "the type of DTSTART): the series is read without RRULE and RDATE, its first meeting "
        "included",
        f"{path}:13: event u7: its recurrence cannot be expanded (ValueError: UNTIL is not of "
        "the type of DTSTART)",
    ]


def test_a_series_that_cannot_be_expanded_in_a_google_calendar_is_named_by_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Google's X-WR-TIMEZONE is made standard on a copy of the calendar: the series is still
    reported at its own line."""
    real = calendar_ics.recurring_ical_events.of

    def of(cal: object) -> object:
        if any(str(e.get("UID")) == "u5" for e in cal.walk("VEVENT")):  # type: ignore[attr-defined]
            raise ValueError("UNTIL is not of the type of DTSTART")
        return real(cal)

    monkeypatch.setattr(calendar_ics.recurring_ical_events, "of", of)
    monkeypatch.chdir(tmp_path)
    Path("cal.ics").write_text(
        "BEGIN:VCALENDAR\nX-WR-TIMEZONE:Europe/London\n" + GOOD
        + "BEGIN:VEVENT\nUID:u5\nDTSTART:20260603T090000Z\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n"
        + "END:VCALENDAR\n"
    )  # fmt: skip
    got = list(calendar_ics.read(source(Path("cal.ics"))))
    assert [u.message() for u in got if isinstance(u, Unreadable)] == [
        "cal.ics:9: event u5: its recurrence cannot be expanded (ValueError: UNTIL is not of "
        "the type of DTSTART)"
    ]


def test_an_empty_line_inside_a_folded_line_ends_nothing(tmp_path: Path) -> None:
    """Old Mozilla calendars put an empty line between a name and its folded value; icalendar
    reads ``DTSTART``, ``""``, ``" ;VALUE=DATE"``, ``" :20031225"`` as one line, and so does abc."""
    path = tmp_path / "mozilla.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION\n\n :2.0\nBEGIN:VEVENT\nUID\n\n :956630271\n"
        "DTSTART\n\n ;VALUE=DATE\n :20031225\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    got = list(calendar_ics.read(source(path)))
    assert [u.message() for u in got if isinstance(u, Unreadable)] == []
    assert [(e.key, e.skip) for e in got if isinstance(e, Event)] == [
        ("956630271/2003-12-25", "all-day")
    ]


def test_an_empty_exdate_removes_no_occurrence_and_loses_no_event(tmp_path: Path) -> None:
    """``EXDATE;VALUE=DATE:`` (Google once wrote one) is a list of no dates: the series is read,
    with its other EXDATE kept."""
    path = tmp_path / "cal.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:u6\nDTSTART:20260601T090000Z\n"
        "RRULE:FREQ=DAILY;COUNT=3\nEXDATE:20260602T090000Z\nEXDATE;VALUE=DATE:\nRDATE:\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )
    got = list(calendar_ics.read(source(path)))
    assert [u.message() for u in got if isinstance(u, Unreadable)] == []
    assert [e.key for e in got if isinstance(e, Event)] == [
        "u6/2026-06-01T09:00:00+00:00",
        "u6/2026-06-03T09:00:00+00:00",
    ]


def test_an_event_cut_short_in_the_middle_costs_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events do not nest: a BEGIN:VEVENT inside an open event means that event was cut (two
    exports spliced, a damaged disk); the event after it is read, and the cut one named."""
    monkeypatch.chdir(tmp_path)
    Path("cut.ics").write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:half\nDTSTART:20260601T090000Z\nORGA\n"
        + GOOD + "END:VCALENDAR\n"
    )  # fmt: skip
    got = list(calendar_ics.read(source(Path("cut.ics"))))
    assert [u.message() for u in got if isinstance(u, Unreadable)] == [
        "cut.ics:2: event half: the next event begins at line 6 before this one's END:VEVENT: "
        "it is cut short"
    ]
    assert [e.key for e in got if isinstance(e, Event)] == ["ok/2026-06-02T09:00:00+00:00"]


def _keys_and_messages(path: Path) -> tuple[list[str], list[str]]:
    got = list(calendar_ics.read(source(path)))
    return (
        [e.key for e in got if isinstance(e, Event)],
        [u.message() for u in got if isinstance(u, Unreadable)],
    )


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("FREQ=WEEKLY;UNTL=20261130T000000Z",
         "RRULE has UNTL=, which is not a part of a rule (did the exporter mean UNTIL=?)"),
        ("FREQ=SOMETIMES", "RRULE cannot be read (Expected frequency, got: SOMETIMES)"),
    ],
)  # fmt: skip
def test_a_bad_rrule_costs_only_the_rule_not_the_first_meeting_or_the_rdates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rule: str, why: str
) -> None:
    """The series is read without its rule: DTSTART's own meeting, each RDATE and each moved
    meeting are dates the file gives one by one; only the dates the rule would add are lost."""
    monkeypatch.chdir(tmp_path)
    Path("cal.ics").write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:w\nDTSTART:20261005T120000Z\n"
        f"RRULE:{rule}\nRDATE:20261009T120000Z\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:w\nRECURRENCE-ID:20261012T120000Z\nDTSTART:20261013T150000Z\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )
    keys, messages = _keys_and_messages(Path("cal.ics"))
    assert keys == [
        "w/2026-10-05T12:00:00+00:00",
        "w/2026-10-09T12:00:00+00:00",
        "w/2026-10-12T12:00:00+00:00",
    ]
    assert messages == [
        f"cal.ics:5: event w: {why}: the series is read without the rule, "
        "its first meeting included"
    ]


def test_a_bad_rdate_among_several_costs_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each value of an RDATE line is read on its own: the readable dates are kept, in the
    zone the line names, and each value that cannot be read is reported."""
    monkeypatch.chdir(tmp_path)
    Path("cal.ics").write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:r\nDTSTART;TZID=Europe/London:20261005T120000\n"
        "RDATE;TZID=Europe/London:20261006T120000,2026107T120000,20261008T120000,x\n"
        "RDATE:20261009T120000Z\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    keys, messages = _keys_and_messages(Path("cal.ics"))
    assert keys == [
        "r/2026-10-05T11:00:00+00:00",
        "r/2026-10-06T11:00:00+00:00",
        "r/2026-10-08T11:00:00+00:00",
        "r/2026-10-09T12:00:00+00:00",
    ]
    assert messages == [
        "cal.ics:5: event r: an RDATE cannot be read (Expected datetime, date, or time. Got: "
        "'2026107T120000'): the series is read without that date",
        "cal.ics:5: event r: an RDATE cannot be read (Expected datetime, date, or time. Got: "
        "'x'): the series is read without that date",
    ]


def test_a_bad_exdate_costs_its_whole_series_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An EXDATE that cannot be read may have cancelled any meeting of the series, its first
    and its moved ones included (an EXDATE removes those too): none of them is read, so that
    a meeting the user cancelled never becomes a touch. The other events are read."""
    monkeypatch.chdir(tmp_path)
    Path("cal.ics").write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20261005T120000Z\n"
        "RRULE:FREQ=DAILY;COUNT=3\nEXDATE:20261006T120000Z,2026107T120000Z\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:x\nRECURRENCE-ID:20261005T120000Z\nDTSTART:20261005T150000Z\n"
        "END:VEVENT\n" + GOOD + "END:VCALENDAR\n"
    )
    keys, messages = _keys_and_messages(Path("cal.ics"))
    assert keys == ["ok/2026-06-02T09:00:00+00:00"]
    assert messages == [
        "cal.ics:6: event x: EXDATE cannot be read (Wrong datetime format: 2026107T120000Z): "
        "abc cannot tell which meetings of the series were cancelled, so it reads none of them"
    ]
    # on a moved meeting, the bad EXDATE costs its series' first event too
    Path("moved.ics").write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20261005T120000Z\n"
        "RRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:x\nRECURRENCE-ID:20261006T120000Z\nDTSTART:20261006T150000Z\n"
        "EXDATE:2026107T120000Z\nEND:VEVENT\n" + GOOD + "END:VCALENDAR\n"
    )
    keys, messages = _keys_and_messages(Path("moved.ics"))
    assert keys == ["ok/2026-06-02T09:00:00+00:00"]
    assert [m.split(": EXDATE")[0] for m in messages] == ["moved.ics:11: event x"]


def test_a_date_short_of_digits_read_as_a_time_of_day_is_no_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """icalendar reads ``202610`` as 20:26:10: in an RDATE that value alone is left out, in
    an EXDATE the series is (it may have cancelled any meeting)."""
    monkeypatch.chdir(tmp_path)
    series = (
        "BEGIN:VEVENT\nUID:t\nDTSTART;VALUE=DATE:20261005\nRRULE:FREQ=WEEKLY;COUNT=2\n"
        "{line}\nEND:VEVENT\n"
    )
    Path("rdate.ics").write_text(
        "BEGIN:VCALENDAR\n"
        + series.format(line="RDATE;VALUE=DATE:20261006,202610")
        + "END:VCALENDAR\n"
    )
    assert _keys_and_messages(Path("rdate.ics")) == (
        ["t/2026-10-05", "t/2026-10-06", "t/2026-10-12"],
        [
            "rdate.ics:6: event t: an RDATE cannot be read (202610 is a time of day, not a "
            "date): the series is read without that date"
        ],
    )
    Path("exdate.ics").write_text(
        "BEGIN:VCALENDAR\n" + series.format(line="EXDATE;VALUE=DATE:202610") + GOOD
        + "END:VCALENDAR\n"
    )  # fmt: skip
    assert _keys_and_messages(Path("exdate.ics")) == (
        ["ok/2026-06-02T09:00:00+00:00"],
        [
            "exdate.ics:6: event t: EXDATE cannot be read (202610 is a time of day, not a date): "
            "abc cannot tell which meetings of the series were cancelled, so it reads none of them"
        ],
    )


def test_a_series_read_without_a_part_is_told_from_a_series_skipped(tmp_path: Path) -> None:
    """A bad RRULE or RDATE value leaves the series read, without that part (the summary
    counts it as a part left out); a bad EXDATE costs the series (a record skipped)."""
    path = tmp_path / "cal.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:w\nDTSTART:20261005T120000Z\n"
        "RRULE:FREQ=WEEKLY;UNTL=20261130T000000Z\nRDATE:20261009T120000Z,x\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:x\nDTSTART:20261005T120000Z\n"
        "RRULE:FREQ=DAILY;COUNT=3\nEXDATE:2026107T120000Z\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    got = list(calendar_ics.read(source(path)))
    assert [(u.place, u.what.split(" ")[:2], u.part) for u in got if isinstance(u, Unreadable)] == [
        ("event w", ["RRULE", "has"], True),
        ("event w", ["an", "RDATE"], True),
        ("event x", ["EXDATE", "cannot"], False),
    ]
