"""abc sync's rules, one test each, on events written inline: what counts, with whom, once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from abcnet.core.handle_keys import email_key, linkedin_key, phone_key
from abcnet.core.model import Contact, MeSettings, Settings, Source, SyncSettings, Touch
from abcnet.sync.event import Event, Handle
from abcnet.sync.handles import Index, me_of
from abcnet.sync.ledger import Ledger, key, parse
from abcnet.sync.propose import guess_me, note, propose, suggestions

TODAY = date(2026, 11, 25)
ME = Settings(
    timezone="Europe/London",
    me=MeSettings(
        emails=("sam.rivera@example.org", "sam@rivera.example"),
        phones=("+44 7700 900123",),
        linkedin="https://www.linkedin.com/in/sam-rivera-abc",
        names=("Sam Rivera",),
        region="GB",
    ),
)


def person(slug: str, name: str, **fields: object) -> Contact:
    return Contact(slug=slug, name=name, source=Source(f"contacts/{slug}.yaml", 1), **fields)  # type: ignore[arg-type]


ADA = person("ada-okafor", "Ada Okafor", emails=("ada.okafor@gmail.com",), phones=("07700 900456",))
BEN = person(
    "ben-ito",
    "Ben Ito",
    emails=("ben@ito.example",),
    links=(("linkedin", "https://www.linkedin.com/in/ben-ito"),),
    aliases=("Ben (Kyoto)",),
)
POOL = person("cara-diaz", "Cara Díaz", circle="pool", emails=("cara@diaz.example",))
PEOPLE = (ADA, BEN, POOL)


def mail(
    day: str,
    sender: str,
    *to: str,
    key: str = "",
    skip: str | None = None,
    subject: str | None = None,
) -> Event:
    when = datetime.fromisoformat(day)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return Event(
        "mbox",
        key or f"{day}|{sender}",
        when,
        "email",
        Handle("email", sender),
        tuple(Handle("email", t) for t in to),
        skip=skip,
        subject=subject,
    )


def rows(events: list[Event], contacts: tuple[Contact, ...] = PEOPLE, **kw: object):
    p = propose(events, contacts, kw.pop("settings", ME), TODAY, kw.pop("ledger", Ledger()), **kw)  # type: ignore[arg-type]
    return [(t.slug, str(t.date), t.channel, t.direction, t.note) for t in p.touches], dict(
        p.skipped
    )


def test_one_touch_per_person_per_local_day_per_channel_out_if_the_user_wrote():
    events = [
        mail("2026-11-02T09:00", "ada.okafor@gmail.com", "sam.rivera@example.org"),
        mail("2026-11-02T12:00", "sam.rivera@example.org", "ada.okafor@gmail.com"),
        mail("2026-11-02T18:00", "ada.okafor@gmail.com", "sam.rivera@example.org"),
        mail("2026-11-03T08:00", "ada.okafor@gmail.com", "sam@rivera.example"),
    ]
    assert rows(events) == (
        [
            ("ada-okafor", "2026-11-02", "email", "out", "3 emails, 1 from you"),
            ("ada-okafor", "2026-11-03", "email", "in", "an email from them"),
        ],
        {},
    )


def test_the_day_is_the_networks_local_day():
    # 23:30 UTC on 25 Oct 2026 is 23:30 in London (GMT from 01:00 that day);
    # 23:30 UTC on 24 Oct is 00:30 on the 25th in London (still BST).
    events = [
        mail("2026-10-24T23:30+00:00", "ada.okafor@gmail.com", "sam.rivera@example.org"),
        mail("2026-10-25T23:30+00:00", "ada.okafor@gmail.com", "sam.rivera@example.org"),
        mail("2026-10-26T07:30+09:00", "ada.okafor@gmail.com", "sam.rivera@example.org"),
    ]
    # ... and 07:30 in Tokyo on the 26th is 22:30 on the 25th in London: one day, one touch.
    assert rows(events)[0] == [
        ("ada-okafor", "2026-10-25", "email", "in", "3 emails, none from you")
    ]
    assert rows(events[:1], settings=replace(ME, timezone="UTC"))[0][0][1] == ("2026-10-24")
    naive = Event("whatsapp", "k", datetime(2026, 11, 1, 23, 59), "message", Handle("name", "Ben (Kyoto)"), (Handle("name", "Sam Rivera"),))  # fmt: skip
    assert rows([naive])[0] == [("ben-ito", "2026-11-01", "message", "in", "a message from them")]


def test_received_mail_counts_with_its_sender_only_sent_mail_with_everyone_it_went_to():
    events = [
        mail(
            "2026-11-04T10:00", "ben@ito.example", "sam.rivera@example.org", "ada.okafor@gmail.com"
        ),
        mail(
            "2026-11-05T10:00", "sam.rivera@example.org", "ben@ito.example", "ada.okafor@gmail.com"
        ),
    ]
    assert rows(events)[0] == [
        ("ada-okafor", "2026-11-05", "email", "out", "an email from you"),
        ("ben-ito", "2026-11-04", "email", "in", "an email from them"),
        ("ben-ito", "2026-11-05", "email", "out", "an email from you"),
    ]


def test_more_people_than_max_people_is_a_broadcast_for_nobody():
    many = [f"p{i}@example.net" for i in range(4)]
    events = [
        mail("2026-11-06T10:00", "sam.rivera@example.org", "ada.okafor@gmail.com", *many),
        mail("2026-11-07T10:00", "sam.rivera@example.org", "ada.okafor@gmail.com", *many[:3]),
    ]
    assert rows(events) == (
        [("ada-okafor", "2026-11-07", "email", "out", "an email from you")],
        {"group": 1, "unknown": 3},
    )
    wider = replace(ME, sync=SyncSettings(max_people=6))
    assert len(rows(events, settings=wider)[0]) == 2


def test_what_the_source_skips_future_events_and_duplicates_are_counted_not_added():
    events = [
        mail("2026-11-08T10:00", "ada.okafor@gmail.com", "sam.rivera@example.org", key="m1"),
        mail("2026-11-08T10:00", "ada.okafor@gmail.com", "sam.rivera@example.org", key="m1"),
        mail("2026-11-09T10:00", "news@shop.example", "sam.rivera@example.org", skip="automated"),
        mail("2026-11-09T11:00", "sam.rivera@example.org", "ben@ito.example", skip="draft"),
        mail("2026-11-26T09:00", "ada.okafor@gmail.com", "sam.rivera@example.org"),
    ]
    assert rows(events) == (
        [("ada-okafor", "2026-11-08", "email", "in", "an email from them")],
        {"automated": 1, "draft": 1, "duplicate": 1, "future": 1},
    )


def test_a_day_and_channel_already_in_the_file_is_not_added_again():
    logged = person(
        "ada-okafor",
        "Ada Okafor",
        emails=("ada.okafor@gmail.com",),
        touches=(Touch(date(2026, 11, 2), "email"), Touch(date(2026, 11, 3), "call")),
    )
    events = [
        mail("2026-11-02T09:00", "ada.okafor@gmail.com", "sam.rivera@example.org"),
        mail("2026-11-03T09:00", "ada.okafor@gmail.com", "sam.rivera@example.org"),
    ]
    assert rows(events, (logged, BEN)) == (
        [("ada-okafor", "2026-11-03", "email", "in", "an email from them")],
        {"already logged": 1},
    )


def test_a_touch_in_the_ledger_is_not_proposed_again():
    events = [
        mail("2026-11-02T09:00", "ada.okafor@gmail.com", "sam.rivera@example.org"),
        mail("2026-11-03T09:00", "ada.okafor@gmail.com", "sam.rivera@example.org"),
    ]
    ledger = Ledger().with_touches([("ada-okafor", date(2026, 11, 2), "email")])
    assert rows(events, ledger=ledger) == (
        [("ada-okafor", "2026-11-03", "email", "in", "an email from them")],
        {"reviewed": 1},
    )
    text = ledger.text()
    assert text.splitlines()[1:] == ["2026-11-02 ada-okafor email"]  # no address
    assert parse(text) == (ledger, [])
    assert parse("2026-11-02 nope\n")[1][0].line == 1
    assert parse("2026-13-02 ada-okafor email\n")[1][0].line == 1
    # A ledger of the older, hashed lines reads the same, and keeps its lines.
    hashed = "2026-11-02 " + key("ada-okafor", date(2026, 11, 2), "email") + "\n"
    old = parse(hashed)[0]
    assert old.has("ada-okafor", date(2026, 11, 2), "email")
    assert old.text().splitlines()[1:] == [hashed.strip()]
    assert not ledger.without([("ada-okafor", date(2026, 11, 2), "email")]).entries


def test_handles_match_normalised_and_a_shared_one_is_ambiguous():
    assert email_key("Ada.Okafor+crm@googlemail.com") == "adaokafor@gmail.com"
    assert email_key("a.b+x@work.example") == "a.b@work.example"
    assert phone_key("07700 900456", "GB") == "+447700900456"
    assert phone_key("(415) 555-2671", "") is None
    assert linkedin_key("uk.linkedin.com/in/Ben-Ito/?trk=x") == "linkedin.com/in/ben-ito"
    twin = person("ada-2", "Ada O.", emails=("ADA.OKAFOR@gmail.com",))
    index = Index((ADA, BEN, twin), "GB")
    assert index.find(Handle("email", "adaokafor+x@gmail.com")).slugs == ("ada-2", "ada-okafor")
    assert index.find(Handle("phone", "+447700900456")).one == "ada-okafor"
    assert index.find(Handle("linkedin", "https://www.linkedin.com/in/ben-ito/")).one == "ben-ito"
    assert index.find(Handle("name", "ben (kyoto)")).one == "ben-ito"
    assert index.find(Handle("name", "Ben Ito")).one is None  # a name matches aliases only
    events = [mail("2026-11-02T09:00", "ada.okafor@gmail.com", "sam.rivera@example.org")]
    assert rows(events, (ADA, BEN, twin)) == ([], {"ambiguous": 1})


def test_linkedin_profiles_match_through_connections_emails():
    msg = Event(
        "linkedin",
        "c1",
        datetime(2026, 11, 10, 9, tzinfo=UTC),
        "message",
        Handle("linkedin", "https://www.linkedin.com/in/ada-okafor-42"),
        (Handle("linkedin", "https://www.linkedin.com/in/sam-rivera-abc"),),
    )
    assert rows([msg])[0] == []
    bridged = rows([msg], bridges={"linkedin.com/in/ada-okafor-42": "Ada.Okafor@gmail.com"})
    assert bridged[0] == [("ada-okafor", "2026-11-10", "message", "in", "a message from them")]


def test_meetings_count_with_everyone_and_are_out_when_the_user_organised():
    def meeting(day: int, organiser: str, *people: str, video: bool = False) -> Event:
        return Event(
            "ics",
            f"u{day}",
            datetime(2026, 11, day, 10, tzinfo=timezone(timedelta(hours=0))),
            "video" if video else "meeting",
            Handle("email", organiser),
            tuple(Handle("email", p) for p in people),
            meeting=True,
        )

    events = [
        meeting(11, "sam.rivera@example.org", "ada.okafor@gmail.com", "ben@ito.example"),
        meeting(
            12, "ben@ito.example", "sam.rivera@example.org", "ada.okafor@gmail.com", video=True
        ),
    ]
    assert rows(events)[0] == [
        ("ada-okafor", "2026-11-11", "meeting", "out", "a meeting you organised"),
        ("ada-okafor", "2026-11-12", "video", "in", "a video call"),
        ("ben-ito", "2026-11-11", "meeting", "out", "a meeting you organised"),
        ("ben-ito", "2026-11-12", "video", "in", "a video call"),
    ]


def test_the_source_flag_decides_direction_when_it_has_one():
    sms = Event(
        "sms",
        "1",
        datetime(2026, 11, 13, 9, tzinfo=UTC),
        "message",
        Handle("phone", "+447700900456"),
        (),
        from_me=True,
    )
    sms = Event(sms.source, sms.key, sms.when, sms.channel, None, (Handle("phone", "07700 900456"),), from_me=True)  # fmt: skip
    assert rows([sms])[0] == [("ada-okafor", "2026-11-13", "message", "out", "a message from you")]


def test_pool_members_are_matched_so_that_triage_sees_them():
    events = [mail("2026-11-14T09:00", "cara@diaz.example", "sam.rivera@example.org")]
    assert rows(events)[0] == [("cara-diaz", "2026-11-14", "email", "in", "an email from them")]


def test_subjects_only_when_turned_on():
    events = [
        mail("2026-11-15T09:00", "ben@ito.example", "sam.rivera@example.org", subject="Re:  Kyoto")
    ]
    assert rows(events)[0][0][4] == "an email from them"
    on = replace(ME, sync=SyncSettings(subjects=True))
    assert rows(events, settings=on)[0][0][4] == "an email from them: Re: Kyoto"


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("email", 3, 2), "3 emails, 2 from you"),
        (("email", 2, 2), "2 emails, all from you"),
        (("message", 2, 0), "2 messages, none from you"),
        (("call", 1, 1), "a call from you"),
        (("meeting", 1, 0), "a meeting"),
        (("video", 2, 1), "2 video calls, 1 you organised"),
    ],
)
def test_notes_count_and_never_quote(args, text):
    assert note(*args) == text


def test_suggestions_rank_two_way_correspondents_and_never_one_way_senders():
    def day(n: int) -> str:
        return f"2026-{n:02d}-10T10:00" if n <= 11 else "2026-11-20T10:00"

    zoe = "zoe.muller@example.de"
    lee = "lee@example.com"
    events = [mail(day(m), zoe, "sam.rivera@example.org") for m in (6, 7, 8, 9)]
    events += [mail(day(m), "sam.rivera@example.org", zoe) for m in (6, 8, 9)]
    events += [mail(day(m), lee, "sam.rivera@example.org") for m in (10,)]
    events += [mail(day(m), "sam.rivera@example.org", lee) for m in (10,)]
    events += [mail(f"2026-11-{d:02d}T06:00", "news@letter.example", "sam.rivera@example.org") for d in range(1, 20)]  # fmt: skip
    events += [mail("2026-11-02T06:00", "sam.rivera@example.org", "unanswered@example.com")]
    p = propose(events, PEOPLE, ME, TODAY, Ledger())
    found = suggestions(p, TODAY)
    assert [(s.handle.value, s.sent, s.received) for s in found] == [(zoe, 3, 4), (lee, 1, 1)]


def test_without_me_the_most_frequent_handles_are_suggested():
    events = [
        mail(f"2026-11-{d:02d}T10:00", f"p{d}@example.net", "sam.rivera@example.org")
        for d in range(1, 9)
    ]
    events.append(mail("2026-11-09T10:00", "sam.rivera@example.org", "p1@example.net"))
    assert [h.value for h in guess_me(events)] == ["sam.rivera@example.org"]
    assert me_of(Settings()).empty and not me_of(ME).empty


# --- LinkedIn names, when an export has no profile URLs ---------------------------------

ZOE = person("zoe-muller", "Zoë Müller")
JOHN = person(
    "john-smith", "John Smith", links=(("linkedin", "https://www.linkedin.com/in/john-smith-1"),)
)
OMAR = person("omar-haddad", "Omar Haddad", emails=("omar@haddad.example",))


def linkedin_message(sender: str) -> Event:
    when = datetime(2026, 6, 12, 8, 15, tzinfo=UTC)
    return Event(
        "linkedin", f"{sender}/1", when, "message", Handle("name", sender),
        (Handle("name", "Sam Rivera"),), from_me=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("sender", "connections", "touched"),
    [
        # one connection and one contact of that name, accents aside: the contact
        ("Zoe Muller", {"zoe muller": [("", "")]}, ["zoe-muller"]),
        # the 2018 export gives the connection's address: the contact of that address
        ("Omar H.", {"omar h.": [("", "omar@haddad.example")]}, ["omar-haddad"]),
        # two connections of one name are namesakes: nobody
        ("Zoë Müller", {"zoe muller": [("", ""), ("", "")]}, []),
        # not a connection at all (a stranger's InMail): nobody
        ("Zoë Müller", {}, []),
        # the connection's profile is not the contact's: a namesake
        ("John Smith", {"john smith": [("linkedin.com/in/john-smith-2", "")]}, []),
        ("John Smith", {"john smith": [("linkedin.com/in/john-smith-1", "")]}, ["john-smith"]),
    ],
)
def test_a_linkedin_name_matches_the_one_contact_and_connection_of_that_name(
    sender: str, connections: dict[str, list[tuple[str, str]]], touched: list[str]
) -> None:
    p = propose(
        [linkedin_message(sender)], (ZOE, JOHN, OMAR), ME, TODAY, Ledger(), connections=connections
    )
    assert [t.slug for t in p.touches] == touched


def test_a_chat_name_never_matches_a_contacts_name_even_with_connections() -> None:
    chat = Event(
        "whatsapp", "k", datetime(2026, 6, 12, 8, 15), "message", Handle("name", "Zoë Müller"),
        (Handle("name", "Sam Rivera"),),
    )  # fmt: skip
    p = propose([chat], (ZOE,), ME, TODAY, Ledger(), connections={"zoe muller": [("", "")]})
    assert (p.touches, dict(p.skipped)) == ((), {"unknown": 1})


def test_two_namesake_contacts_are_ambiguous() -> None:
    twin = person("zoe-muller-2", "Zoe Muller")
    p = propose(
        [linkedin_message("Zoë Müller")], (ZOE, twin), ME, TODAY, Ledger(),
        connections={"zoe muller": [("", "")]},
    )  # fmt: skip
    assert (p.touches, dict(p.skipped)) == ((), {"ambiguous": 1})


def test_one_mail_is_the_same_message_id_date_and_sender() -> None:
    events = [
        mail("2026-11-02T09:00", "ada.okafor@gmail.com", "sam@rivera.example", key="m1@x"),
        # the same mail in a second folder (Gmail's All Mail and Inbox): once
        mail("2026-11-02T09:00", "ADA.OKAFOR@gmail.com", "sam@rivera.example", key="m1@x"),
        # a client that reused the id for another mail, from another person, another day
        mail("2026-11-03T10:00", "ben@ito.example", "sam@rivera.example", key="m1@x"),
    ]
    assert rows(events) == (
        [
            ("ada-okafor", "2026-11-02", "email", "in", "an email from them"),
            ("ben-ito", "2026-11-03", "email", "in", "an email from them"),
        ],
        {"duplicate": 1},
    )


def test_a_group_counts_the_members_its_export_shows_the_silent_owner_too() -> None:
    """Five others and the user are six: over max_people (5), though only two wrote."""
    members = ("Ada Okafor", "Ben (Kyoto)", "Cara", "Dev", "Eli")
    events = [
        Event(
            "whatsapp",
            f"k{i}",
            datetime(2026, 11, 2, 9, i),
            "message",
            Handle("name", who),
            tuple(Handle("name", m) for m in members if m != who),
        )
        for i, who in enumerate(members[:2])
    ]
    assert rows(events) == ([], {"group": 2})
    small = [
        Event(
            "whatsapp",
            "k",
            datetime(2026, 11, 2, 9, 0),
            "message",
            Handle("name", "Ben (Kyoto)"),
            (Handle("name", "Cara"),),
        )
    ]
    assert rows(small)[0] == [("ben-ito", "2026-11-02", "message", "in", "a message from them")]


def test_group_chat_messages_say_nothing_about_who_the_user_is() -> None:
    def group(i: int, who: str) -> Event:
        others = tuple(Handle("name", n) for n in ("Ada", "Ben", "Cara") if n != who)
        return Event("whatsapp", f"g{i}", datetime(2026, 11, 2, 9, i), "message",
                     Handle("name", who), others)  # fmt: skip

    def pair(i: int, who: str, to: str) -> Event:
        return Event("whatsapp", f"p{i}", datetime(2026, 11, 3, 9, i), "message",
                     Handle("name", who), (Handle("name", to),))  # fmt: skip

    chats = [group(i, "Ada") for i in range(6)] + [pair(1, "Sam", "Ben"), pair(2, "Ben", "Sam")]
    assert guess_me(chats) == [Handle("name", "Sam"), Handle("name", "Ben")]


def test_a_linkedin_name_matches_a_contact_with_two_profiles_when_one_is_the_connections() -> None:
    """The identity rule: a conflict is two LinkedIn profiles that share none."""
    john = person(
        "john-smith", "John Smith",
        links=(("linkedin", "https://www.linkedin.com/in/john-smith-old"),
               ("linkedin-new", "https://www.linkedin.com/in/john-smith-1")),
    )  # fmt: skip
    connections = {"john smith": [("linkedin.com/in/john-smith-1", "")]}
    p = propose(
        [linkedin_message("John Smith")], (john,), ME, TODAY, Ledger(), connections=connections
    )
    assert [t.slug for t in p.touches] == ["john-smith"]
