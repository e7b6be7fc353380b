"""Whatever a person types or puts in a file: a clear message and an exit code, or the
change stored exactly; never a traceback, never a half-written or silently changed file."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import examples
from hypothesis import given
from hypothesis import strategies as st

from abcnet.core.checks import FUTURE_SLACK_DAYS, not_text, parse_contact, parse_settings
from abcnet.core.identity import web_address
from abcnet.core.model import MAX_CADENCE_DAYS, check_days, check_year, parse_cadence
from abcnet.core.readback import as_read
from abcnet.formats.contact_text import new_contact, scalar
from abcnet.formats.edits import add_touch, new_contact_problems
from abcnet.formats.yamltext import load_text

# --- 1. web addresses as typed ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("linkedin.com/in/x", "https://www.linkedin.com/in/x"),
        ("www.linkedin.com/in/x/", "https://www.linkedin.com/in/x"),
        ("http://LinkedIn.com/in/x/?trk=abc#top", "https://www.linkedin.com/in/x"),
        ("  https://www.linkedin.com/in/ada  ", "https://www.linkedin.com/in/ada"),
        ("example.org/me", "https://example.org/me"),
        ("https://example.org/a?b=c", "https://example.org/a?b=c"),
        ("not a url", None),
        ("ada", None),
        ("::", None),
        ("ftp://example.org/x", None),
        ("javascript:alert(1)", None),
        ("https://[::1", None),
    ],
)
def test_web_address_as_typed(typed, kept):
    assert web_address(typed) == kept


def test_add_normalises_a_linkedin_address_and_the_file_passes_check(net):
    result = net.run("add", "X", "--linkedin", "linkedin.com/in/x")
    assert result.exit_code == 0, result.output
    assert net.read("x") == "name: X\nlinks:\n  linkedin: https://www.linkedin.com/in/x\n"
    assert net.run("check").exit_code == 0
    assert net.run("log", "X").exit_code == 0
    again = net.run("add", "Someone Else", "--linkedin", "https://linkedin.com/in/x/")
    assert again.exit_code == 2
    assert again.output == (
        "abc: Someone Else is already here: X (contacts/x.yaml) has the same LinkedIn URL; "
        "nothing was written (edit that file)\n"
    )


def test_add_refuses_what_is_not_a_web_address(net):
    result = net.run("add", "X", "--linkedin", "my profile")
    assert result.exit_code == 2
    assert result.output == (
        "abc: --linkedin 'my profile' is not a web address; write it like "
        "https://www.linkedin.com/in/name\n"
    )
    assert list(net.contacts.iterdir()) == []


def test_a_new_file_that_would_not_pass_check_is_refused():
    text = "name: X\nlinks:\n  linkedin: linkedin.com/in/x\n"
    assert [str(p) for p in new_contact_problems(text, "contacts/x.yaml", date(2026, 11, 25))] == [
        "contacts/x.yaml:3: links.linkedin: linkedin.com/in/x is not a web address "
        "(start it with https://)"
    ]
    assert new_contact_problems("name: X\n", "contacts/x.yaml", date(2026, 11, 25)) == []


# --- 2. any text is stored and read back exactly ----------------------------------------------

#: Any text a person can type: every character but lone surrogates (no file holds them).
TEXT = st.text(st.characters(exclude_categories=("Cs",)))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("0x1F", '"0x1F"'),
        ("0o17", '"0o17"'),
        ("0b101", '"0b101"'),
        ("1e3", '"1e3"'),
        (".5", '".5"'),
        ("+1", '"+1"'),
        ("1_000", '"1_000"'),
        ("+_", '"+_"'),
        ("-.Inf", '"-.Inf"'),
        (".NaN", '".NaN"'),
        ("=", '"="'),
        ("<<", '"<<"'),
        ("ON", '"ON"'),
        ("Null", '"Null"'),
        ("a\tb", '"a\\tb"'),
        ("bell\x07", '"bell\\u0007"'),
        ("del\x7f", '"del\\u007f"'),
        ("c1\x85", '"c1\\u0085"'),
        ("line\u2028sep", '"line\\u2028sep"'),
        ("@home", '"@home"'),
        ("`code`", '"`code`"'),
        ("%20", '"%20"'),
        (" padded ", '" padded "'),
        ("Re: lunch", '"Re: lunch"'),
        ("a #tag", '"a #tag"'),
        ("Sent the dbt article, asked about Kwame", "Sent the dbt article, asked about Kwame"),
        ("Zoë's café", "Zoë's café"),
        ("1st call", "1st call"),
    ],
)
def test_scalar_quotes_what_yaml_would_read_as_something_else(value, written):
    assert scalar(value) == written
    assert load_text(f"k: {written}\n", "x", "safe") == ({"k": value}, [])


@examples(300)
@given(TEXT)
def test_any_text_reads_back_exactly(text):
    assert load_text("k: " + scalar(text), "x", "safe") == ({"k": text}, [])
    assert load_text("- " + scalar(text), "x", "safe") == ([text], [])
    assert load_text("- {k: " + scalar(text, flow=True) + "}", "x", "safe") == ([{"k": text}], [])


@examples(300)
@given(TEXT)
def test_any_notes_in_a_new_file_read_back_as_new_contact_says(text):
    written = new_contact({"name": "A", "notes": text})
    assert load_text(written, "x", "safe") == ({"name": "A", "notes": as_read(text)}, [])


@pytest.mark.parametrize("note", ["0x1F", "0o17", "=", "<<", "a\tb", "ring\x07", "\x1b[2J"])
def test_log_stores_any_note_exactly(net, note):
    net.write("ada", "name: Ada\ntouches:\n  - date: 2026-10-01\n")
    result = net.run("log", "ada", "-m", note)
    assert result.exit_code == 0, result.output
    data, _ = load_text(net.read("ada"), "x", "safe")
    assert data["touches"][-1] == {"date": "2026-11-25", "note": note}
    assert net.run("check").exit_code == 0


def test_a_flow_touch_gets_a_note_with_commas_and_colons():
    text = "name: A\ntouches:\n  - {date: 2025-01-01}\n"
    data, _ = load_text(text, "x", "rt")
    new = add_touch(text, data, {"date": date(2026, 11, 25), "note": "a, b: {c}"})
    assert new == text + '  - {date: 2026-11-25, note: "a, b: {c}"}\n'


# --- 3. bytes that are not text -----------------------------------------------------------------


def test_not_text_names_the_byte():
    assert not_text("--note", "caf\udcc3\udca9") == (
        "--note holds a byte that is not text (\\xc3); type it again or remove it"
    )
    assert not_text("--note", "\ud800") == (
        "--note holds a character that is not text (\\ud800); type it again or remove it"
    )
    assert not_text("--note", "café") is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("log", "ada", "-m", "\udcff"), "--note holds a byte that is not text (\\xff)"),
        (("log", "ad\udce9"), "NAME holds a byte that is not text (\\xe9)"),
        (("add", "Ren\udce9"), "NAME holds a byte that is not text (\\xe9)"),
        (("add", "Bo", "--org", "Caf\udce9"), "--org holds a byte that is not text (\\xe9)"),
        (("add", "Bo", "--tag", "\udc80"), "--tag holds a byte that is not text (\\x80)"),
        (
            ("add", "Bo", "--email", "b\udcff@x.org"),
            "--email holds a byte that is not text (\\xff)",
        ),
        (("snooze", "ada", "--for", "3\udcff"), "--for holds a byte that is not text (\\xff)"),
    ],
)
def test_bytes_that_are_not_text_are_refused(net, args, message):
    net.write("ada", "name: Ada\n")
    result = net.run(*args)
    assert result.exit_code == 2
    assert result.output == f"abc: {message}; type it again or remove it\n"
    assert net.read("ada") == "name: Ada\n"
    assert sorted(p.name for p in net.contacts.iterdir()) == ["ada.yaml"]


# --- 4. cadences beyond ten years ---------------------------------------------------------------


def test_parse_cadence_reads_any_length():
    assert parse_cadence("99999999d") == 99999999
    assert parse_cadence("9" * 5000 + "y") == 10**15 * 365
    assert check_days(MAX_CADENCE_DAYS) is None
    assert check_days(MAX_CADENCE_DAYS + 1) == "is longer than abc allows (3650 days, ten years)"


def test_a_cadence_beyond_ten_years_is_an_error_and_nothing_crashes(net):
    net.write("ada", "name: Ada\ncadence: 99999999d\ntouches:\n  - date: 2026-10-01\n")
    net.write("bob", "name: Bob\ncadence: 10y\n")
    net.settings("cadences:\n  inner: 11y\nhorizon: 99999999d\n")
    result = net.run("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:4] == [
        "abc.yaml:2: cadences.inner: 11y is longer than abc allows (3650 days, ten years); "
        "write a shorter one",
        "abc.yaml:3: horizon: 99999999d is longer than abc allows (3650 days, ten years); "
        "write a shorter one",
        "contacts/ada.yaml:2: cadence: 99999999d is longer than abc allows (3650 days, ten years); "
        "write a shorter one",
        "contacts/bob.yaml:2: warning: cadence: 3650 days is longer than twice a year (182 days); "
        "good connections hear from you at least every six months",
    ]
    for command in (["stats"], ["plan"], ["today"], ["calendar", "-o", str(net.root / "a.ics")]):
        assert net.run(*command).exit_code == 0, command


def test_add_refuses_a_cadence_beyond_ten_years(net):
    result = net.run("add", "Ada", "--cadence", "11y")
    assert result.exit_code == 2
    assert result.output == (
        "abc: --cadence 11y is longer than abc allows (3650 days, ten years); write a shorter one\n"
    )
    assert list(net.contacts.iterdir()) == []


# --- 5. dates within 1900 to 2200 ---------------------------------------------------------------


def test_check_year():
    assert check_year(date(1900, 1, 1)) is None
    assert check_year(date(2200, 12, 31)) is None
    assert check_year(date(1899, 12, 31)) == (
        "1899-12-31 is out of range; use a year from 1900 to 2200"
    )
    assert check_year(date(9999, 12, 31)) == (
        "9999-12-31 is out of range; use a year from 1900 to 2200"
    )


def test_dates_out_of_range_in_a_file_are_errors_with_their_line(net):
    net.write(
        "ada",
        """
        name: Ada
        met:
          date: 1899-12-31
        snooze_until: 9999-12-31
        touches:
          - date: 0001-01-01
          - date: 2026-10-01
        """,
    )
    result = net.run("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        "contacts/ada.yaml:3: met.date: 1899-12-31 is out of range; use a year from 1900 to 2200",
        "contacts/ada.yaml:4: snooze_until: 9999-12-31 is out of range; use a year from 1900 "
        "to 2200",
        "contacts/ada.yaml:6: touches[0].date: 0001-01-01 is out of range; use a year from 1900 "
        "to 2200",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("snooze", "ada", "--for", "99999999d"),
            "--for 99999999d is longer than abc allows (3650 days, ten years); write a shorter one",
        ),
        (
            ("snooze", "ada", "--for", "10y", "--today", "2195-01-01"),
            "--for 10y ends on 2204-12-30, which is out of range; use a year from 1900 to 2200",
        ),
    ],
)
def test_snooze_for_too_long_is_refused(net, args, message):
    net.write("ada", "name: Ada\n")
    result = net.run(*args)
    assert result.exit_code == 2
    assert result.output == f"abc: {message}\n"
    assert net.read("ada") == "name: Ada\n"


@pytest.mark.parametrize("today", ["1900-01-01", "2200-12-31"])
@pytest.mark.parametrize("command", ["stats", "plan", "today", "check", "calendar"])
def test_commands_work_at_the_bounds(net, today, command):
    net.write(
        "ada",
        """
        name: Ada
        circle: inner
        birthday: 02-29
        touches:
          - date: 1900-01-01
          - date: 2200-12-30
        """,
    )
    net.write("bob", "name: Bob\ncadence: 10y\nsnooze_until: 2200-12-31\n")
    net.write("cy", "name: Cy\nmet:\n  date: 1900-01-01\n")
    extra = ["-o", str(net.root / "abc.ics")] if command == "calendar" else []
    result = net.run(command, "--today", today, *extra)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == (1 if command == "check" and today == "1900-01-01" else 0), (
        result.output
    )


# --- 6. a day of slack for touches after today --------------------------------------------------


def test_a_touch_a_day_after_today_is_accepted_two_days_is_not():
    data = {
        "name": "Ada",
        "met": {"date": "2026-11-26"},
        "touches": [{"date": "2026-11-26"}, {"date": "2026-11-27"}],
    }
    contact, problems = parse_contact(data, "contacts/ada.yaml", "ada", date(2026, 11, 25))
    assert FUTURE_SLACK_DAYS == 1
    assert contact is not None
    assert contact.met_date == date(2026, 11, 26)
    assert [t.date for t in contact.touches] == [date(2026, 11, 26)]
    assert [str(p) for p in problems] == [
        "contacts/ada.yaml: touches[1].date: 2026-11-27 is after today (2026-11-25); "
        "log touches once they have happened"
    ]


def test_the_cache_rechecks_a_file_with_a_touch_tomorrow(net):
    net.write("ada", "name: Ada\ntouches:\n  - date: 2026-11-26\n")
    assert net.run("check", today="2026-11-25").exit_code == 0
    assert net.run("check", today="2026-11-24").exit_code == 1
    assert net.run("check", today="2026-11-25").exit_code == 0


def test_settings_read_the_horizon_within_bounds():
    settings, problems = parse_settings({"horizon": "3650d"}, "abc.yaml")
    assert settings.horizon_days == 3650 and problems == []
