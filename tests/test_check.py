"""`abc check`: every kind of problem with its exact file:line message, the report, exit codes."""

from __future__ import annotations

import json

import pytest


def test_valid_network_report_and_exit_0(net):
    net.write(
        "ada-lovelace",
        """
        name: Ada Lovelace
        circle: inner
        touches:
          - date: 2026-10-01
        """,
    )
    net.write(
        "grace-hopper",
        """
        name: Grace Hopper
        circle: core
        touches:
          - date: 2026-08-28
        """,
    )
    net.write("alan-turing", "name: Alan Turing\n")
    net.write(
        "edsger",
        """
        name: Edsger Dijkstra
        snooze_until: 2027-01-10
        touches: [{date: 2025-01-01}]
        """,
    )
    net.write("old", "name: Old Friend\narchived: true\n")
    result = net.run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "\n"
        "Overdue (1):\n"
        "  Ada Lovelace     overdue by 25 days (last 2026-10-01, every 30 days)\n"
        "\n"
        "Due in the next 7 days (1):\n"
        "  Grace Hopper     due in 1 day (2026-11-26)\n"
        "\n"
        "Never contacted (1):\n"
        "  Alan Turing      contacts/alan-turing.yaml\n"
        "\n"
        "Snoozed (1):\n"
        "  Edsger Dijkstra  until 2027-01-10\n"
        "\n"
        "Capacity: 4 people need about 20 touches a year; 2 a day gives 730."
        " The daily quota keeps everyone within cadence.\n"
    )
    assert result.stderr == "All 5 contact files are valid.\n"


def test_the_summary_counts_files_in_words(net):
    assert net.run("check").stderr == (
        "No contact files yet: add people with abc add or abc import.\n"
    )
    net.write("ada", "name: Ada\n")
    assert net.run("check").stderr == "The one contact file is valid.\n"
    net.write("bob", "name: Bob\n")
    assert net.run("check").stderr == "All 2 contact files are valid.\n"


def test_strict_fails_when_someone_is_overdue(net):
    net.write("ada", "name: Ada\ncircle: inner\ntouches:\n  - date: 2026-10-01\n")
    assert net.run("check").exit_code == 0
    result = net.run("check", "--strict")
    assert result.exit_code == 1
    assert "--strict: 1 overdue." in result.stderr
    assert net.run("check", "--strict", "--today", "2026-10-15").exit_code == 0


def test_every_problem_in_every_file_with_line(net):
    net.write(
        "ada",
        """
        # Ada, met at PyCon
        name: Ada Lovelace
        email: [ada@example.org, not-an-email]
        circel: core
        cadence: every now and then
        birthday: 1815-13-10
        touches:
          - date: 2026-02-30
            channel: telepathy
          - date: 2026-10-01
            kind: gift
            direction: sideways
            note: Sent the paper
          - date: 2027-01-01
          - channel: call
        """,
    )
    net.write("bob", "name: Bob\nname: Rob\n")
    net.write("cy", "name: Cy\nemail: ADA@example.org\n")
    net.write("nameless", "email: x@example.org\narchived: yes\ntags: python\n")
    result = net.run("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "contacts/ada.yaml:3: email[1]: not-an-email is not an email address (like name@example.org)",
        "contacts/ada.yaml:4: circel: unknown key; did you mean 'circle'?",
        "contacts/ada.yaml:5: cadence: cannot read cadence 'every now and then'; write e.g. 45d,"
        " 6w, 3m, quarterly or twice-a-year",
        'contacts/ada.yaml:6: birthday: 1815-13-10 is not a birthday (use YYYY-MM-DD, or "MM-DD"'
        " in quotes without a year)",
        "contacts/ada.yaml:8: touches[0].date: 2026-02-30 is not a date on the calendar"
        " (use YYYY-MM-DD)",
        "contacts/ada.yaml:9: touches[0].channel: telepathy is not allowed; use one of email, call,"
        " video, meeting, message, social, letter, other",
        "contacts/ada.yaml:11: touches[1].kind: gift is not allowed; did you mean 'give'?",
        "contacts/ada.yaml:12: touches[1].direction: sideways is not allowed; use one of out, in",
        "contacts/ada.yaml:14: touches[2].date: 2027-01-01 is after today (2026-11-25);"
        " log touches once they have happened",
        "contacts/ada.yaml:15: touches[3].date: a date is required (use YYYY-MM-DD)",
        "contacts/bob.yaml:2: name: duplicate key (first on line 1); keep only one",
        "contacts/cy.yaml:2: email: ADA@example.org is also the email of Ada Lovelace"
        " (contacts/ada.yaml); keep one file per person, or merge them",
        "contacts/nameless.yaml:1: name: a name is required; add `name: Full Name`",
        "contacts/nameless.yaml:2: archived: yes is not true or false",
        "contacts/nameless.yaml:3: tags: expected a list like [python, mentor], found text",
        "15 problems in 4 files.",
        "Left out of the plan until fixed: contacts/ada.yaml, contacts/bob.yaml, "
        "contacts/cy.yaml, contacts/nameless.yaml.",
    ]


def test_a_file_with_a_problem_is_checked_as_read_not_as_round_tripped(net):
    # Explicit tags are text to the safe loader; the second reading (for lines)
    # keeps them as tagged nodes, and must not make problems of them.
    net.write(
        "ada",
        """
        name: !!str 1815
        org: !!str 42
        tags: [!!str 12, mentor]
        circel: core
        touches:
          - {date: 2026-01-01, note: !!str 7}
        """,
    )
    result = net.run("check")
    assert result.stderr.splitlines() == [
        "contacts/ada.yaml:4: circel: unknown key; did you mean 'circle'?",
        "1 problem in 1 file.",
        "Left out of the plan until fixed: contacts/ada.yaml.",
    ]


def test_duplicate_linkedin_urls_are_compared_loosely(net):
    net.write("a", "name: A\nlinks:\n  linkedin: https://www.linkedin.com/in/jo-example/\n")
    net.write("b", "name: B\norg: X\nlinks:\n  linkedin: http://linkedin.com/in/Jo-Example?trk=1\n")
    result = net.run("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "contacts/b.yaml:4: links.linkedin: http://linkedin.com/in/Jo-Example?trk=1 is also the"
        " LinkedIn URL of A (contacts/a.yaml); keep one file per person, or merge them"
    )


def test_long_cadence_is_a_warning_not_an_error(net):
    net.write("a", "name: A\ncadence: 1y\n")
    result = net.run("check")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "contacts/a.yaml:2: warning: cadence: 365 days is longer than twice a year (182 days);"
        " good connections hear from you at least every six months",
        "1 warning in 1 file.",
    ]


@pytest.mark.slow
def test_hostile_files_never_traceback(net):
    net.write_bytes("empty.yaml", b"")
    net.write_bytes("list.yaml", b"- a\n- b\n")
    net.write_bytes("string.yaml", b"just a sentence\n")
    net.write_bytes("tabs.yaml", b"name: T\ntouches:\n\t- date: 2020-01-01\n")
    net.write_bytes("latin1.yaml", b"name: Ok\nnotes: caf\xe9\n")
    net.write_bytes("tag.yaml", b"name: !!python/object/apply:os.system [echo hi]\n")
    net.write_bytes("syntax.yaml", b"name: [unclosed\norg: X\n")
    net.write_bytes("deep.yaml", b"name: D\nnotes: " + b"[" * 3000 + b"]" * 3000 + b"\n")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        bomb += f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 9)}]\n"
    bomb += "name: Bomb\nnotes: *i\n"
    net.write_bytes("bomb.yaml", bomb.encode())
    net.write_bytes("readme.txt", b"not a contact: ignored\n")
    big = b"name: Big\nnotes: |\n" + b"".join(b"  line %d of many\n" % i for i in range(200_000))
    net.write_bytes("big.yaml", big + b"circle: outer\n")  # about 4 MB
    net.write_bytes(
        "bom-crlf.yaml", b"\xef\xbb\xbfname: Crlf\r\ntouches:\r\n  - date: 2026-01-01\r\n"
    )
    result = net.run("check")
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert "contacts/empty.yaml:1: the file is empty; write at least `name: Full Name`" in lines
    assert (
        "contacts/list.yaml:1: expected a mapping of fields (name: ..., email: ...), found a list"
        in lines
    )
    assert (
        "contacts/string.yaml:1: expected a mapping of fields (name: ..., email: ...), found text"
        in lines
    )
    assert (
        "contacts/tabs.yaml:3: YAML syntax: found character that cannot start any token;"
        " YAML indents with spaces, not tabs" in lines
    )
    assert "contacts/latin1.yaml:2: this file is not UTF-8 text; save it as UTF-8" in lines
    assert any(
        line.startswith("contacts/tag.yaml:1: ") and "remove the tag" in line for line in lines
    )
    assert any(line.startswith("contacts/syntax.yaml:2: YAML syntax: ") for line in lines)
    assert "contacts/deep.yaml: nested too deeply to be a contact file" in lines
    assert "contacts/bomb.yaml:11: notes: expected text, found a list" in lines
    assert (
        "contacts/big.yaml:200003: circle: outer is not allowed; use one of inner, core, wide, pool"
        in lines
    )
    assert not any("readme" in line or "bom-crlf" in line for line in lines)
    assert "Crlf" in result.stdout  # the CRLF file with a byte-order mark reads fine


def test_json_output_is_stable(net):
    net.write("ada", "name: Ada\ncircle: inner\ntouches:\n  - date: 2026-10-01\n")
    net.write("bad", "name: Bad\nemail: nope\n")
    result = net.run("check", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data == {
        "today": "2026-11-25",
        "files": 2,
        "valid": False,
        "ok": False,
        "problems": [
            {
                "path": "contacts/bad.yaml",
                "line": 2,
                "field": "email",
                "message": "nope is not an email address (like name@example.org)",
                "severity": "error",
            }
        ],
        "overdue": [
            {
                "slug": "ada",
                "name": "Ada",
                "path": "contacts/ada.yaml",
                "circle": "inner",
                "cadence_days": 30,
                "last_touch": "2026-10-01",
                "due": "2026-10-31",
                "days_overdue": 25,
                "snooze_until": None,
            }
        ],
        "due_soon": [],
        "never_contacted": [
            {
                "slug": "bad",
                "name": "Bad",
                "path": "contacts/bad.yaml",
                "circle": "wide",
                "cadence_days": 182,
                "last_touch": None,
                "due": "2026-11-25",
                "days_overdue": 0,
                "snooze_until": None,
            }
        ],
        "snoozed": [],
        "pool": 0,
        "inbox": 0,
        "capacity": {
            "people": 2,
            "needed_per_year": 14.2,
            "available_per_year": 730,
            "daily_quota": 2,
            "enough": True,
            "quota_needed": 1,
        },
    }
    assert net.run("check", "--json").stdout == result.stdout


def test_capacity_says_how_many_a_day_it_would_take(net):
    net.settings("daily_quota: 1\ncadences:\n  inner: 7d\n")
    for i in range(3):
        net.write(f"p{i}", f"name: P{i}\ncircle: inner\n")
    result = net.run("check")
    assert result.stdout.splitlines()[-1] == (
        "Capacity: 3 people need about 156 touches a year; 1 a day gives 365."
        " The daily quota keeps everyone within cadence."
    )
    net.settings("daily_quota: 1\ncadences:\n  inner: 2d\n")
    assert result.exit_code == 0
    assert net.run("check").stdout.splitlines()[-5:] == [
        "Capacity: 3 people need about 548 touches a year; 1 a day gives 365."
        " Not enough for all of them.",
        "  At 1 a day, at most 2 of the 3 can stay within cadence. Choose who:",
        "  - leave people in the pool (circle: pool), or archive those you will not keep up"
        " with (abc archive NAME)",
        "  - give the weakest ties a longer cadence: a wider circle (abc keep NAME --circle wide)",
        "  Keeping all 3 would take 2 a day (daily_quota: 2 in abc.yaml).",
    ]


def test_settings_problems_name_their_line(net):
    net.settings(
        """
        daily_quota: two
        cadences:
          inner: every other week
        timezone: Mars/Olympus
        reminder_time: 9am
        horizn: 4w
        """
    )
    result = net.run("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:5] == [
        "abc.yaml:1: daily_quota: two is not a whole number above 0",
        "abc.yaml:3: cadences.inner: cannot read cadence 'every other week'; write e.g. 45d, 6w, 3m,"
        " quarterly or twice-a-year",
        "abc.yaml:4: timezone: unknown time zone Mars/Olympus; use a name like Europe/London",
        'abc.yaml:5: reminder_time: 9am is not a time; write it as "HH:MM" in quotes',
        "abc.yaml:6: horizn: unknown key; did you mean 'horizon'?",
    ]


def test_settings_are_checked_as_read_not_as_round_tripped(net):
    net.settings("calendar_name: !!str 2026\ntimezone: !!str Europe/Berlin\ndaily_quota: none\n")
    result = net.run("check")
    assert result.stderr.splitlines()[:1] == [
        "abc.yaml:3: daily_quota: none is not a whole number above 0",
    ]
    assert "TaggedScalar" not in result.stderr


def test_no_network_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from abcnet.cli import cli

    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"abc: no network (a folder with abc.yaml or contacts/) in {tmp_path} or above it; "
        "run abc inside your network, pass -C DIR, or start one with abc init\n"
    )


def test_unreadable_or_broken_settings_fall_back_to_defaults(net):
    net.write("a", "name: A\n")
    (net.root / "abc.yaml").mkdir()
    result = net.run("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "abc.yaml: cannot read: Is a directory; using defaults"
    (net.root / "abc.yaml").rmdir()
    net.settings("daily_quota: [\n")
    result = net.run("plan", "--days", "1")
    assert result.exit_code == 0
    assert result.stderr == (
        "abc: abc.yaml has problems (run abc check); the keys it could not read have their"
        " defaults\n"
    )
    assert result.stdout.startswith("Wed 2026-11-25  A (never contacted)\n")


def test_the_reports_statuses_are_each_contacts_status():
    from datetime import date

    from abcnet.core.cadence import report, status
    from abcnet.core.model import Contact, Settings, Source, Touch

    today = date(2026, 11, 25)
    touched = (Touch(date(2026, 9, 1)), Touch(date(2026, 11, 20)), Touch(date(2026, 12, 3)))
    people = [
        Contact("a", "A", Source("contacts/a.yaml", 1), circle="inner", touches=touched),
        Contact("b", "B", Source("contacts/b.yaml", 1), touches=touched[:1]),  # 182 days
        Contact("c", "C", Source("contacts/c.yaml", 1), cadence=90, touches=touched[:1]),
        Contact("d", "D", Source("contacts/d.yaml", 1), cadence=80, touches=touched[:1]),
        Contact("e", "E", Source("contacts/e.yaml", 1), touches=touched[2:]),  # only later
        Contact("f", "F", Source("contacts/f.yaml", 1), snooze_until=date(2026, 12, 1)),
        Contact("g", "G", Source("contacts/g.yaml", 1), snooze_until=today),
        Contact("h", "H", Source("contacts/h.yaml", 1), circle="pool", touches=touched),
        Contact("i", "I", Source("contacts/i.yaml", 1), archived=True, circle="pool"),
    ]
    settings = Settings(cadences=(("inner", 30), ("core", 90)))
    rep = report(people, settings, today)
    assert rep.statuses == tuple(status(c, settings, today) for c in people)
    assert [s.state for s in rep.statuses] == [
        "ok", "ok", "due-soon", "overdue", "never", "snoozed", "never", "pool", "archived",
    ]  # fmt: skip
    assert rep.statuses[0].last == touched[1]


REGION_HINT = (
    "abc.yaml: warning: me: 2 phones written without a country code cannot be read, as no "
    "region is set: duplicates among them go unflagged and abc sync matches no message to "
    "them; add region: GB under me: in abc.yaml (the country of most of your numbers "
    "written with one)\n"
)


def test_phones_without_a_region_are_counted_in_one_hint(net):
    net.write("ada", "name: Ada\nphone: ['07700 900123']\n")
    net.write("bo", "name: Bo\nphone: ['020 7946 0123', '+44 7700 900456']\n")
    net.write("cy", "name: Cy\nphone: ['+44 20 7946 0999', '+1 415 555 2671', Vodafone]\n")
    net.write("di", "name: Di\n")
    result = net.run("check")
    assert result.exit_code == 0, result.output
    assert result.stderr == REGION_HINT + "1 warning in 1 file.\n"
    # Warm (from the check summary) and after one file changed: the same single line.
    assert net.run("check").stderr == result.stderr
    net.write("di", "name: Di\nphone: ['+44 7700 900789']\n")
    assert net.run("check").stderr == result.stderr
    problems = json.loads(net.run("check", "--json").stdout)["problems"]
    assert [p["path"] for p in problems] == ["abc.yaml"]
    # With the region set, they are read: no hint.
    net.settings("me:\n  region: GB\n")
    assert net.run("check").stderr == "All 4 contact files are valid.\n"


def test_the_region_hint_without_full_numbers_to_guess_from(net):
    net.write("ada", "name: Ada\nphone: ['(415) 555-2671']\n")
    assert net.run("check").stderr.splitlines()[0] == (
        "abc.yaml: warning: me: 1 phone written without a country code cannot be read, as no "
        "region is set: duplicates among them go unflagged and abc sync matches no message to "
        "them; add region: under me: in abc.yaml with your two-letter country code (such as "
        "US or GB)"
    )
