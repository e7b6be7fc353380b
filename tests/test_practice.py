"""The daily practice commands: today, plan, log, add, snooze."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from abcnet.core.problems import WriteError
from abcnet.storage.atomic import atomic_write

ADA = """\
# Ada: met at PyData London
name: Ada Okafor   # keep
email: ada@example.org
circle: inner
touches:
  - date: 2026-10-01
    channel: call
    direction: in
    kind: ask
    note: Wants an intro to a hiring manager
"""


@pytest.fixture
def small(net):
    net.write("ada-okafor", ADA)
    net.write("grace-hopper", "name: Grace Hopper\ncircle: core\ntouches:\n  - date: 2026-08-28\n")
    net.write("alan-turing", "name: Alan Turing\nmet:\n  date: 2026-11-01\n  how: at a meetup\n")
    return net


def test_today_names_people_with_reasons_and_openers(small):
    result = small.run("today")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Wednesday 25 November 2026: 2 people, about 10 minutes.\n"
        "\n"
        "1. Ada Okafor — overdue by 25 days\n"
        "   reach:  ada@example.org\n"
        '   last:   2026-10-01, call, them → you, ask: "Wants an intro to a hiring manager"\n'
        "   opener: Hi Ada, I've been thinking of you and of what you asked me in October:"
        " here is what I found. How else can I help?\n"
        "\n"
        "2. Alan Turing — never contacted\n"
        "   met:    at a meetup, 1 Nov 2026\n"
        "   reach:  no contact details in the file\n"
        "   last:   no touch yet\n"
        "   opener: Hi Alan, it was good to meet you (at a meetup, November). I'd like to"
        " stay in touch: what are you working on these days?\n"
        "\n"
        "Backlog: 2 people are overdue or never contacted; at this quota it clears on 2026-11-25.\n"
    )


def test_today_json(small):
    data = json.loads(small.run("today", "--json").stdout)
    assert [(p["slug"], p["name"], p["due"], p["reason"]) for p in data["people"]] == [
        ("ada-okafor", "Ada Okafor", "2026-10-31", "overdue by 25 days"),
        ("alan-turing", "Alan Turing", "2026-11-25", "never contacted"),
    ]
    assert data["people"][0]["last_touch"]["kind"] == "ask"
    assert data["done"] == []


def test_plan_json_has_a_people_list_per_day(small):
    data = json.loads(small.run("plan", "--days", "3", "--json").stdout)
    assert [[p["slug"] for p in d["people"]] for d in data["days"]] == [
        ["ada-okafor", "alan-turing"],
        ["grace-hopper"],
        [],
    ]
    assert data["days"][1]["people"][0]["reason"] == "due today"


def test_log_adds_only_the_touch_and_today_moves_on(small):
    result = small.run("log", "ada", "-c", "email", "-k", "give", "-m", "Intro: Kwame <k@x>")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout == "Logged email with Ada Okafor on 2026-11-25 (contacts/ada-okafor.yaml).\n"
    )
    assert small.read("ada-okafor") == ADA + (
        '  - date: 2026-11-25\n    channel: email\n    kind: give\n    note: "Intro: Kwame <k@x>"\n'
    )
    after = small.run("today").stdout
    assert "1. Alan Turing — never contacted" in after
    assert "Ada Okafor — " not in after
    assert "Done today: Ada Okafor." in after


def test_log_ambiguous_or_unknown_name_changes_nothing(small):
    before = {p.name: p.read_bytes() for p in small.contacts.iterdir()}
    result = small.run("log", "a")
    assert result.exit_code == 1
    assert result.stderr == (
        "abc: 'a' matches 2 people; be more specific:\n"
        "  Ada Okafor (ada-okafor)\n"
        "  Alan Turing (alan-turing)\n"
    )
    result = small.run("log", "Grase Hoper")  # a close match is fine
    assert result.exit_code == 0
    result = small.run("log", "Zed")
    assert result.exit_code == 1
    assert result.stderr == "abc: nobody called 'Zed'\n"
    changed = {p.name for p in small.contacts.iterdir() if p.read_bytes() != before.get(p.name)}
    assert changed == {"grace-hopper.yaml"}


def test_log_refuses_a_file_with_problems(small):
    small.write("bad", "name: Bad Person\nemail: nope\n")
    before = small.read("bad")
    result = small.run("log", "bad person")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        "contacts/bad.yaml:2: email: nope is not an email address (like name@example.org)",
        "abc: contacts/bad.yaml has problems; fix them first (nothing was changed)",
    ]
    assert small.read("bad") == before


def test_log_rejects_future_dates(small):
    result = small.run("log", "ada", "--date", "2026-12-01")
    assert result.exit_code == 2
    assert small.read("ada-okafor") == ADA


def test_add_creates_a_safe_file_and_never_overwrites(small):
    result = small.run("add", "Zoë O'Brien", "--email", "zoe@example.org", "--circle", "core")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Added Zoë O'Brien: contacts/zoe-obrien.yaml\n"
    text = small.read("zoe-obrien")
    assert "name: Zoë O'Brien\nemail: zoe@example.org\ncircle: core\n" in text
    assert small.run("check").exit_code == 0

    again = small.run("add", "Zoe O'Brien")
    assert again.exit_code == 2
    assert again.stderr == (
        "abc: Zoe O'Brien is a possible duplicate of contacts/zoe-obrien.yaml (same name, no "
        "shared email, URL or phone); nothing was written (edit that file; or, if this is "
        "someone else of the same name, add them with --new)\n"
    )
    same_email = small.run("add", "Someone Else", "--email", "ADA@example.org")
    assert (
        "is already here: Ada Okafor (contacts/ada-okafor.yaml) has the same email"
        in same_email.stderr
    )

    tricky = small.run("add", "../../etc/passwd")
    assert tricky.exit_code == 0
    assert (small.contacts / "etc-passwd.yaml").exists()
    assert small.run("add", "///").exit_code == 2


def test_add_does_not_overwrite_a_file_with_the_same_slug(small):
    small.write("bob", "name: Robert Tables\n")
    result = small.run("add", "Bob")
    assert result.exit_code == 2
    assert "contacts/bob.yaml already exists; nothing was written" in result.stderr
    assert small.read("bob") == "name: Robert Tables\n"


def test_snooze_until_for_and_end(small):
    assert small.run("snooze", "grace", "--until", "2027-01-10").exit_code == 0
    assert "snooze_until: 2027-01-10\ntouches:" in small.read("grace-hopper")
    assert small.run("snooze", "grace", "--for", "3w").exit_code == 0
    assert "snooze_until: 2026-12-16\n" in small.read("grace-hopper")
    plan = json.loads(small.run("plan", "--days", "3", "--json").stdout)
    assert all(p["slug"] != "grace-hopper" for d in plan["days"] for p in d["people"])
    assert small.run("snooze", "grace", "--end").exit_code == 0
    assert small.read("grace-hopper") == (
        "name: Grace Hopper\ncircle: core\ntouches:\n  - date: 2026-08-28\n"
    )
    assert small.run("snooze", "grace", "--for", "soon").exit_code == 2
    assert small.run("snooze", "grace").exit_code == 2


def _git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True, env=env
    ).stdout


def test_commit_flag_makes_a_commit(small, monkeypatch):
    for k, v in {
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }.items():
        monkeypatch.setenv(k, v)
    _git(small.root, "init", "-q")
    _git(small.root, "add", "-A")
    _git(small.root, "commit", "-qm", "start")
    result = small.run("log", "ada", "-c", "call", "--commit")
    assert result.exit_code == 0, result.output
    assert "Committed: Log call with Ada Okafor" in result.stdout
    assert _git(small.root, "log", "-1", "--format=%s").strip() == "Log call with Ada Okafor"
    assert _git(small.root, "status", "--porcelain") == ""


def test_crash_mid_write_leaves_the_old_file(small, monkeypatch):
    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(WriteError) as e:
        atomic_write(small.contacts / "ada-okafor.yaml", b"name: broken\n")
    assert e.value.message == (
        "cannot write contacts/ada-okafor.yaml: disk full; nothing was changed"
    )
    assert small.read("ada-okafor") == ADA
    assert sorted(p.name for p in small.contacts.iterdir()) == [
        "ada-okafor.yaml",
        "alan-turing.yaml",
        "grace-hopper.yaml",
    ]


@pytest.mark.slow
def test_two_processes_logging_at_once_both_land(small):
    env = {**os.environ, "ABC_TODAY": "2026-11-25", "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "abcnet", "-C", str(small.root), "log", "ada", "-m"]
    procs = [
        subprocess.Popen(
            [*cmd, f"note {i}"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for i in range(4)
    ]
    for p in procs:
        _out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    text = small.read("ada-okafor")
    assert sorted(line.strip() for line in text.splitlines() if "note: note" in line) == [
        f"note: note {i}" for i in range(4)
    ]
    assert text.startswith(ADA)


def test_files_with_problems_are_left_out_of_the_plan(small):
    small.write("bad", "name: Bad Person\nemail: nope\n")  # never contacted: would be first
    result = small.run("plan", "--days", "1", "--json")
    assert result.exit_code == 0
    assert result.stderr == (
        "abc: 1 file has problems (run abc check); left out: contacts/bad.yaml\n"
    )
    slugs = [p["slug"] for d in json.loads(result.stdout)["days"] for p in d["people"]]
    assert slugs == ["ada-okafor", "alan-turing"]
