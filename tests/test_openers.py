"""Openers that fit the history and claim nothing the file does not record, and the
lines of `abc today` that jog the memory: work, and where and when you met."""

from __future__ import annotations

import json
from datetime import date
from textwrap import dedent

from hypothesis import given
from hypothesis import strategies as st

from abcnet.core.import_plan import LINKEDIN_HOW
from abcnet.core.model import Birthday, Contact, Source, Touch
from abcnet.formats.opener import is_linkedin_connection, opener

TODAY = date(2026, 11, 25)  # a Wednesday


def person(**fields: object) -> Contact:
    fields = {"org": "Fabrikam", **fields}
    return Contact(
        slug="ana-lima", name="Ana Lima", source=Source("contacts/ana-lima.yaml"), **fields
    )  # type: ignore[arg-type]


def touch(day: date, direction: str = "out", kind: str = "catch-up") -> Touch:
    return Touch(day, channel="email", direction=direction, kind=kind)


# --- never touched: how you know each other -------------------------------------------


def test_met_in_person_recently():
    ana = person(met_how="PyData London 2026", met_date=date(2026, 6, 12))
    assert opener(ana, None, TODAY) == (
        "Hi Ana, it was good to meet you (PyData London 2026, June). I'd like to stay in "
        "touch: what are you working on at Fabrikam these days?"
    )


def test_met_in_person_last_year_names_the_year_and_without_a_date_no_time():
    ana = person(met_how="at a meetup.", met_date=date(2025, 12, 1))
    assert opener(ana, None, TODAY) == (
        "Hi Ana, it was good to meet you (at a meetup, December 2025). I'd like to stay in "
        "touch: what are you working on at Fabrikam these days?"
    )
    assert opener(person(met_how="at a meetup", org=None), None, TODAY) == (
        "Hi Ana, it was good to meet you (at a meetup). I'd like to stay in touch: "
        "what are you working on these days?"
    )
    assert opener(person(met_date=date(2026, 11, 1)), None, TODAY) == (
        "Hi Ana, it was good to meet you (November). I'd like to stay in touch: "
        "what are you working on at Fabrikam these days?"
    )


def test_met_in_person_long_ago():
    ana = person(met_how="Worked together on the billing migration", met_date=date(2019, 3, 4))
    assert opener(ana, None, TODAY) == (
        "Hi Ana, we met back in 2019 (Worked together on the billing migration) and I'd "
        "like to catch up properly: what are you working on at Fabrikam these days?"
    )
    assert opener(person(met_date=date(2019, 3, 4)), None, TODAY) == (
        "Hi Ana, we met back in 2019 and I'd like to catch up properly: "
        "what are you working on at Fabrikam these days?"
    )


def test_connected_on_linkedin_long_ago_says_so_honestly():
    ana = person(met_how=LINKEDIN_HOW, met_date=date(2012, 3, 3))
    assert opener(ana, None, TODAY) == (
        "Hi Ana, we connected on LinkedIn back in 2012 and never properly talked. "
        "I'd like to change that: what are you working on at Fabrikam these days?"
    )


def test_connected_on_linkedin_recently():
    ana = person(met_how=LINKEDIN_HOW, met_date=date(2026, 3, 3))
    assert opener(ana, None, TODAY) == (
        "Hi Ana, we connected on LinkedIn in March, and I'd like to get to know you beyond "
        "the profile: what are you working on at Fabrikam these days?"
    )
    # A year to the day is still recent; a day more is not.
    assert "in November 2025," in opener(
        person(met_how=LINKEDIN_HOW, met_date=date(2025, 11, 25)), None, TODAY
    )
    assert "back in 2025 and never" in opener(
        person(met_how=LINKEDIN_HOW, met_date=date(2025, 11, 24)), None, TODAY
    )


def test_connected_on_linkedin_without_a_date():
    assert opener(person(met_how=LINKEDIN_HOW, org=None), None, TODAY) == (
        "Hi Ana, we are connected on LinkedIn but have never properly talked. "
        "I'd like to change that: what are you working on these days?"
    )


def test_nothing_known():
    assert opener(person(), None, TODAY) == (
        "Hi Ana, I've been meaning to get in touch: what are you working on at Fabrikam these days?"
    )


def test_the_linkedin_phrase_is_the_importers_own():
    assert LINKEDIN_HOW == "Connected on LinkedIn"
    assert is_linkedin_connection(LINKEDIN_HOW)
    assert is_linkedin_connection("  connected on linkedin. ")
    assert not is_linkedin_connection("Connected on LinkedIn, then coffee at PyData")
    assert not is_linkedin_connection(None)


# --- after a touch --------------------------------------------------------------------


def test_they_asked_you_offer_the_help():
    last = touch(date(2026, 10, 1), "in", "ask")
    assert opener(person(), last, TODAY) == (
        "Hi Ana, I've been thinking of you and of what you asked me in October: "
        "here is what I found. How else can I help?"
    )


def test_you_helped_them_ask_how_it_went():
    last = touch(date(2025, 10, 1), "out", "give")
    assert opener(person(), last, TODAY) == (
        "Hi Ana, how did it go after I sent that over in October 2025? Was it useful? "
        "And what are you working on at Fabrikam now?"
    )


def test_they_helped_you_thank_them():
    last = touch(date(2026, 9, 2), "in", "give")
    assert opener(person(), last, TODAY) == (
        "Hi Ana, thank you again for your help in September: here is how it turned out. "
        "Is there anything I can do for you?"
    )


def test_you_asked_them_tell_them_how_it_went():
    last = touch(date(2026, 9, 2), "out", "ask")
    assert opener(person(), last, TODAY) == (
        "Hi Ana, I wanted to tell you how things turned out after I asked you in September, "
        "and to ask: is there anything I can do for you?"
    )


def test_they_got_in_touch():
    last = touch(date(2026, 7, 18), "in")
    assert opener(person(org=None), last, TODAY) == (
        "Hi Ana, thanks again for getting in touch in July. How are things going?"
    )


def test_a_catch_up():
    last = touch(date(2026, 8, 25))
    assert opener(person(), last, TODAY) == (
        "Hi Ana, I've been thinking of you: it's been 3 months since we last talked. "
        "How are things going at Fabrikam?"
    )
    assert "it's been 2 years since" in opener(person(), touch(date(2024, 11, 1)), TODAY)


# --- a birthday soon ------------------------------------------------------------------


def test_a_birthday_soon_comes_first():
    last = touch(date(2026, 10, 1), "in", "ask")
    assert opener(person(birthday=Birthday(11, 25)), last, TODAY) == (
        "Hi Ana, happy birthday! I hope the year ahead is a good one: "
        "what are you looking forward to?"
    )
    assert opener(person(birthday=Birthday(11, 26, 1990)), None, TODAY) == (
        "Hi Ana, happy birthday for tomorrow! I hope the year ahead is a good one: "
        "what are you looking forward to?"
    )
    assert opener(person(birthday=Birthday(12, 2)), None, TODAY).startswith(
        "Hi Ana, happy birthday for Wednesday! "
    )
    assert opener(person(birthday=Birthday(12, 3)), None, TODAY).startswith(
        "Hi Ana, I've been meaning"
    )
    new_year = date(2026, 12, 30)
    assert opener(person(birthday=Birthday(1, 2)), None, new_year).startswith(
        "Hi Ana, happy birthday for Saturday! "
    )
    # 29 February counts as 1 March in a common year.
    assert opener(person(birthday=Birthday(2, 29)), None, date(2027, 2, 27)).startswith(
        "Hi Ana, happy birthday for Monday! "
    )


# --- never a meeting or a conversation the file does not record -----------------------

MEETING = ("meet you", "we met", "since we last talked", "what you said", "your help")
dates = st.dates(date(1990, 1, 1), date(2026, 11, 25))


@given(when=st.none() | dates, org=st.none() | st.sampled_from(["Fabrikam", " ", "A  B."]))
def test_a_linkedin_connection_is_never_said_to_be_a_meeting(when, org):
    text = opener(person(met_how=LINKEDIN_HOW, met_date=when, org=org), None, TODAY)
    assert "LinkedIn" in text
    assert not any(claim in text for claim in MEETING)
    assert "  " not in text and " ." not in text


@given(org=st.none() | st.just("Fabrikam"))
def test_nobody_without_a_touch_or_a_meeting_is_said_to_have_one(org):
    text = opener(person(org=org), None, TODAY)
    assert not any(claim in text for claim in (*MEETING, "LinkedIn", "again", "talked"))


# --- abc today: work, and where and when you met --------------------------------------


def test_today_shows_work_and_where_you_met(net):
    net.write(
        "ada-okafor",
        dedent(
            """\
            name: Ada Okafor
            org: Northwind Analytics
            role: Head of Data
            circle: inner
            met:
              date: 2024-05-12
              how: PyData London 2024
            touches:
              - date: 2026-10-01
                direction: in
                kind: ask
            """
        ),
    )
    result = net.run("today")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Wednesday 25 November 2026: 1 person, about 10 minutes.\n"
        "\n"
        "1. Ada Okafor — overdue by 25 days\n"
        "   work:   Head of Data at Northwind Analytics\n"
        "   met:    PyData London 2024, 12 May 2024\n"
        "   reach:  no contact details in the file\n"
        "   last:   2026-10-01, them → you, ask\n"
        "   opener: Hi Ada, I've been thinking of you and of what you asked me in October:"
        " here is what I found. How else can I help?\n"
        "\n"
        "Backlog: 1 person is overdue or never contacted; at this quota it clears on 2026-11-25.\n"
    )
    ada = json.loads(net.run("today", "--json").stdout)["people"][0]
    assert (ada["org"], ada["role"], ada["met"]) == (
        "Northwind Analytics",
        "Head of Data",
        {"date": "2024-05-12", "how": "PyData London 2024"},
    )
    assert ada["slug"] == "ada-okafor" and ada["last_touch"]["kind"] == "ask"  # kept fields


def test_today_for_a_linkedin_connection(net):
    net.write(
        "soren-brown",
        "name: Søren Brown\nrole: CTO\nmet:\n  date: 2012-03-03\n  how: Connected on LinkedIn\n",
    )
    result = net.run("today")
    assert result.stdout.splitlines()[2:7] == [
        "1. Søren Brown — never contacted",
        "   work:   CTO",
        "   met:    connected on LinkedIn, 3 Mar 2012",
        "   reach:  no contact details in the file",
        "   last:   no touch yet",
    ]
    assert result.stdout.splitlines()[7] == (
        "   opener: Hi Søren, we connected on LinkedIn back in 2012 and never properly talked."
        " I'd like to change that: what are you working on these days?"
    )
    data = json.loads(net.run("today", "--json").stdout)["people"][0]
    assert (data["org"], data["role"], data["met"]) == (
        None,
        "CTO",
        {"date": "2012-03-03", "how": "Connected on LinkedIn"},
    )


def test_today_without_work_or_met_adds_no_line(net):
    net.write("bo", "name: Bo\nemail: bo@example.org\n")
    assert net.run("today").stdout.splitlines()[2:5] == [
        "1. Bo — never contacted",
        "   reach:  bo@example.org",
        "   last:   no touch yet",
    ]
    data = json.loads(net.run("today", "--json").stdout)["people"][0]
    assert (data["org"], data["role"], data["met"]) == (None, None, None)
