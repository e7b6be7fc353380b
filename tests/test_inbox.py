"""abc inbox: the touches waiting in inbox/, a dry run until --apply, safe against a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import Net, examples
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from abcnet.core.inbox import find_person
from abcnet.core.model import Contact, Source
from abcnet.storage import inbox as storage_inbox
from abcnet.storage import layout

ADA = """\
    name: Ada Okafor
    email: ada@example.org
    phone: "+44 20 7946 0101"
    aliases: Ada (Lagos)
    touches:
      # the first coffee
      - date: 2026-10-01
        channel: email
"""


def entry(net: Net, name: str, text: str) -> Path:
    folder = net.root / "inbox"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def left(net: Net) -> list[str]:
    folder = net.root / "inbox"
    return sorted(os.listdir(folder)) if folder.is_dir() else []


@pytest.fixture
def people(net: Net) -> Net:
    net.write("ada-okafor", ADA)
    net.write("kwame-asante", "name: Kwame Asante\nemail: kwame@example.org\n")
    net.write("sam-lee", "name: Sam Lee\n")
    net.write("sam-lee-2", "name: Sam Lee\norg: Fabrikam\n")
    return net


def test_dry_run_says_what_it_would_do_and_changes_nothing(people: Net) -> None:
    entry(people, "a.yaml", "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n")
    before = people.read("ada-okafor")
    result = people.run("inbox")
    assert result.exit_code == 0
    assert result.stdout == (
        "Would log call with Ada Okafor on 2026-11-24 "
        "(inbox/a.yaml → contacts/ada-okafor.yaml).\n"
        "1 touch to log, 0 duplicates to delete; abc inbox --apply does it.\n"
    )
    assert people.read("ada-okafor") == before
    assert left(people) == ["a.yaml"]


def test_apply_logs_as_abc_log_does_and_deletes_the_entry(people: Net) -> None:
    entry(
        people,
        "2026-11-24-ada-okafor-x7k2.yaml",
        """\
        person: Ada Okafor
        date: 2026-11-24
        channel: call
        kind: give
        direction: in
        note: "Sent the dbt article: she liked it"
        """,
    )
    result = people.run("inbox", "--apply")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Logged call with Ada Okafor on 2026-11-24 "
        "(inbox/2026-11-24-ada-okafor-x7k2.yaml → contacts/ada-okafor.yaml).\n"
        "1 touch logged, 0 duplicates deleted.\n"
    )
    assert people.read("ada-okafor") == dedent(ADA) + (
        "  - date: 2026-11-24\n"
        "    channel: call\n"
        "    direction: in\n"
        "    kind: give\n"
        '    note: "Sent the dbt article: she liked it"\n'
    )
    assert left(people) == []
    # It went through abc log's journal: abc unlog takes it back.
    undone = people.run("unlog", "ada", "--yes")
    assert undone.exit_code == 0, undone.output
    assert people.read("ada-okafor") == dedent(ADA)


def test_every_identifier_names_the_person(people: Net) -> None:
    for i, who in enumerate(
        ["ada-okafor", "ADA OKAFOR", "Ada@Example.org", "+44 (20) 7946-0101", "ada (lagos)"]
    ):
        entry(people, f"{i}.yaml", f"person: {who!r}\ndate: 2026-11-2{i}\nchannel: email\n")
    result = people.run("inbox", "--apply")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("5 touches logged, 0 duplicates deleted.\n")
    assert people.read("ada-okafor").count("channel: email") == 6


def test_a_duplicate_is_deleted_without_a_second_touch(people: Net) -> None:
    entry(people, "a.yaml", "person: ada@example.org\ndate: 2026-10-01\nchannel: email\n")
    entry(people, "b.yaml", "person: kwame-asante\ndate: 2026-11-20\nchannel: video\n")
    entry(people, "c.yaml", "person: kwame@example.org\ndate: 2026-11-20\nchannel: video\n")
    dry = people.run("inbox")
    assert dry.stdout.splitlines()[2] == (  # not yet logged: the same as the entry before it
        "Would delete inbox/c.yaml: video with Kwame Asante on 2026-11-20 is the same as "
        "inbox/b.yaml."
    )
    result = people.run("inbox", "--apply")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Deleted inbox/a.yaml: email with Ada Okafor on 2026-10-01 is already logged.\n"
        "Logged video with Kwame Asante on 2026-11-20 (inbox/b.yaml → contacts/kwame-asante.yaml).\n"
        "Deleted inbox/c.yaml: video with Kwame Asante on 2026-11-20 is the same as inbox/b.yaml.\n"
        "1 touch logged, 2 duplicates deleted.\n"
    )
    assert people.read("ada-okafor") == dedent(ADA)
    assert people.read("kwame-asante").count("- date:") == 1
    assert left(people) == []


def test_two_calls_on_one_day_are_two_touches_and_no_note_is_lost(people: Net) -> None:
    """abc log adds a second touch on the same day by the same channel; so does the inbox.
    Only the very same touch (every field alike) is a duplicate."""
    entry(people, "a.yaml", "person: kwame-asante\ndate: 2026-11-20\nchannel: call\nnote: Booked\n")
    entry(
        people, "b.yaml", "person: kwame-asante\ndate: 2026-11-20\nchannel: call\nnote: Missed it\n"
    )
    entry(
        people,
        "c.yaml",
        "person: kwame@example.org\ndate: 2026-11-20\nchannel: call\nnote: Booked\n",
    )
    entry(
        people,
        "d.yaml",
        "person: kwame-asante\ndate: 2026-11-20\nchannel: call\ndirection: in\nnote: Booked\n",
    )
    result = people.run("inbox", "--apply")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Logged call with Kwame Asante on 2026-11-20 (inbox/a.yaml → contacts/kwame-asante.yaml).\n"
        "Logged call with Kwame Asante on 2026-11-20 (inbox/b.yaml → contacts/kwame-asante.yaml).\n"
        "Deleted inbox/c.yaml: call with Kwame Asante on 2026-11-20 is the same as inbox/a.yaml.\n"
        "Logged call with Kwame Asante on 2026-11-20 (inbox/d.yaml → contacts/kwame-asante.yaml).\n"
        "3 touches logged, 1 duplicate deleted.\n"
    )
    assert people.read("kwame-asante") == dedent(
        """\
        name: Kwame Asante
        email: kwame@example.org
        touches:
          - date: 2026-11-20
            channel: call
            note: Booked
          - date: 2026-11-20
            channel: call
            note: Missed it
          - date: 2026-11-20
            channel: call
            direction: in
            note: Booked
        """
    )
    assert left(people) == []
    # The same three again (a rerun after a kill): each is already there.
    for name, note in (("a", "Booked"), ("b", "Missed it")):
        entry(
            people,
            f"{name}.yaml",
            f"person: kwame-asante\ndate: 2026-11-20\nchannel: call\nnote: {note}\n",
        )
    again = people.run("inbox", "--apply")
    assert again.stdout.endswith("0 touches logged, 2 duplicates deleted.\n"), again.output
    assert people.read("kwame-asante").count("- date: 2026-11-20") == 3


def test_entries_in_folders_inside_inbox_are_read(people: Net) -> None:
    """GitHub's new-file page makes a folder from a slash typed in the name: an entry
    there is an entry like any other, shown by its path; a hidden folder is not read."""
    entry(people, "a.yaml", "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n")
    (people.root / "inbox" / "inbox" / "2026").mkdir(parents=True)
    (people.root / "inbox" / ".git").mkdir()
    entry(people, "inbox/x.yaml", "person: kwame-asante\ndate: 2026-11-24\nchannel: call\n")
    entry(people, "inbox/2026/y.yml", "person: Zed Nobody\ndate: 2026-11-24\nchannel: call\n")
    entry(people, ".git/z.yaml", "person: kwame-asante\ndate: 2026-11-23\nchannel: call\n")
    check = people.run("check")
    assert "3 entries wait in inbox/" in check.output
    result = people.run("inbox", "--apply")
    assert result.exit_code == 1
    assert result.stdout == (
        "Logged call with Ada Okafor on 2026-11-24 (inbox/a.yaml → contacts/ada-okafor.yaml).\n"
        "Logged call with Kwame Asante on 2026-11-24 "
        "(inbox/inbox/x.yaml → contacts/kwame-asante.yaml).\n"
    )
    assert result.stderr == (
        "inbox/inbox/2026/y.yml:1: person: nobody is 'Zed Nobody'\n"
        "2 touches logged, 0 duplicates deleted; 1 entry left in inbox/ (fix or delete it).\n"
    )
    assert "2026-11-24" in people.read("kwame-asante")
    assert sorted(
        p.relative_to(people.root).as_posix() for p in (people.root / "inbox").rglob("*")
    ) == [
        "inbox/.git",
        "inbox/.git/z.yaml",
        "inbox/inbox",
        "inbox/inbox/2026",
        "inbox/inbox/2026/y.yml",
    ]
    (people.root / "inbox" / "inbox" / "2026" / "y.yml").unlink()
    entry(people, "inbox/2026/y.yml", "person: sam-lee-2\ndate: 2026-11-24\nchannel: call\n")
    assert people.run("inbox", "--apply").exit_code == 0
    # The folders it emptied are gone, as they are from git.
    assert sorted(os.listdir(people.root / "inbox")) == [".git"]


def test_entries_it_cannot_take_stay_with_their_reasons(people: Net) -> None:
    entry(people, "1-unknown.yaml", "person: Zed Nobody\ndate: 2026-11-20\nchannel: call\n")
    entry(people, "2-ambiguous.yaml", "person: Sam Lee\ndate: 2026-11-20\nchannel: call\n")
    entry(people, "3-impossible.yaml", "person: ada-okafor\ndate: 2026-02-30\nchannel: call\n")
    entry(people, "4-channel.yaml", "person: ada-okafor\ndate: 2026-11-20\nchannel: fax\n")
    entry(people, "5-garbage.yaml", "person: [ada\n")
    entry(people, "6-list.yaml", "- person: ada-okafor\n")
    entry(people, "7-future.yaml", "person: ada-okafor\ndate: 2026-12-25\nchannel: call\n")
    entry(people, "8-no-channel.yaml", "# from the phone\nperson: ada-okafor\ndate: 2026-11-20\n")
    entry(people, "9-close.yaml", "person: Ada Okafr\ndate: 2026-11-20\nchannel: call\n")
    (people.root / "inbox" / "README.md").write_text("Not an entry.\n", encoding="utf-8")
    before = {slug: people.read(slug) for slug in ("ada-okafor", "sam-lee", "sam-lee-2")}
    for args in (("inbox",), ("inbox", "--apply")):
        result = people.run(*args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == (
            "inbox/1-unknown.yaml:1: person: nobody is 'Zed Nobody'\n"
            "inbox/2-ambiguous.yaml:1: person: 'Sam Lee' is the name of 2 people "
            "(Sam Lee (sam-lee), Sam Lee (sam-lee-2)); write the file name\n"
            "inbox/3-impossible.yaml:2: date: 2026-02-30 is not a date on the calendar "
            "(use YYYY-MM-DD)\n"
            "inbox/4-channel.yaml:3: channel: fax is not allowed; use one of email, call, "
            "video, meeting, message, social, letter, other\n"
            "inbox/5-garbage.yaml:2: YAML syntax: expected ',' or ']', but got '<stream end>'; "
            "check the indentation and quoting around here\n"
            "inbox/6-list.yaml:1: expected a mapping of person: ..., date: ..., channel: ..., "
            "found a list\n"
            "inbox/7-future.yaml:2: date: 2026-12-25 is after today (2026-11-25); "
            "log touches once they have happened\n"
            "inbox/8-no-channel.yaml:1: channel: missing; write one of email, call, "
            "video, meeting, message, social, letter, other\n"
            "inbox/9-close.yaml:1: person: nobody is 'Ada Okafr'; did you mean "
            "Ada Okafor (ada-okafor)? write the file name\n"
            "0 touches to log, 0 duplicates to delete; 9 entries left in inbox/ "
            "(fix or delete them).\n"
            if args == ("inbox",)
            else result.stderr
        )
    assert result.stderr.endswith(
        "0 touches logged, 0 duplicates deleted; 9 entries left in inbox/ (fix or delete them).\n"
    )
    assert {slug: people.read(slug) for slug in before} == before
    assert len(left(people)) == 10


def test_a_second_run_adds_nothing(people: Net) -> None:
    entry(people, "a.yaml", "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n")
    assert people.run("inbox", "--apply").exit_code == 0
    after = people.read("ada-okafor")
    entry(people, "a.yaml", "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n")
    again = people.run("inbox", "--apply")
    assert again.stdout.startswith("Deleted inbox/a.yaml: call with Ada Okafor")
    assert people.read("ada-okafor") == after
    third = people.run("inbox", "--apply")
    assert third.stdout == "Nothing waits in inbox/.\n"
    assert people.read("ada-okafor") == after


def test_an_entry_for_a_file_with_errors_stays(people: Net) -> None:
    people.write("broken", "name: Broken\ncircle: galaxy\n")
    entry(people, "a.yaml", "person: broken\ndate: 2026-11-24\nchannel: call\n")
    result = people.run("inbox", "--apply")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "inbox/a.yaml:1: contacts/broken.yaml has problems; fix them first "
        "(nothing was changed); the entry stays\n"
    )
    assert left(people) == ["a.yaml"]


def test_a_failure_before_the_deletion_loses_nothing_and_the_rerun_adds_nothing(
    people: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed between the touch written and the entry deleted: the next run sees the touch
    and deletes the entry without a second one."""
    entry(people, "a.yaml", "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n")
    entry(people, "b.yaml", "person: kwame-asante\ndate: 2026-11-24\nchannel: call\n")

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(storage_inbox, "delete_contact", killed)
    assert people.run("inbox", "--apply").exit_code == 1  # Click's "Aborted!"
    assert people.read("ada-okafor").count("2026-11-24") == 1
    assert "2026-11-24" not in people.read("kwame-asante")
    assert left(people) == ["a.yaml", "b.yaml"]
    monkeypatch.undo()
    result = people.run("inbox", "--apply")
    assert result.stdout == (
        "Deleted inbox/a.yaml: call with Ada Okafor on 2026-11-24 is already logged.\n"
        "Logged call with Kwame Asante on 2026-11-24 (inbox/b.yaml → contacts/kwame-asante.yaml).\n"
        "1 touch logged, 1 duplicate deleted.\n"
    )
    assert people.read("ada-okafor").count("2026-11-24") == 1
    assert people.read("kwame-asante").count("2026-11-24") == 1
    assert left(people) == []


def test_an_entry_that_cannot_be_deleted_is_counted_as_logged_and_left(
    people: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only inbox/: the touch is logged (and says so), the entry stays, and the rerun
    adds no second touch."""
    from abcnet.core.problems import WriteError

    entry(people, "a.yaml", "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n")

    def read_only(root: Path, path: Path, outcome: str) -> None:
        raise WriteError("inbox/a.yaml", "permission denied", outcome=outcome, action="delete")

    monkeypatch.setattr(storage_inbox, "delete_contact", read_only)
    for run in range(2):
        result = people.run("inbox", "--apply")
        assert result.exit_code == 1
        assert result.stdout == (
            ""
            if run
            else "Logged call with Ada Okafor on 2026-11-24 "
            "(inbox/a.yaml → contacts/ada-okafor.yaml).\n"
        )
        assert result.stderr == (
            "inbox/a.yaml:1: cannot delete inbox/a.yaml: permission denied; the touch is "
            "logged; delete the entry yourself\n"
            + (
                "0 touches logged, 0 duplicates deleted"
                if run
                else "1 touch logged, 0 duplicates deleted"
            )
            + "; 1 entry left in inbox/ (fix or delete it).\n"
        )
        assert people.read("ada-okafor").count("2026-11-24") == 1
    assert left(people) == ["a.yaml"]


def test_a_failed_write_keeps_the_entry(people: Net, monkeypatch: pytest.MonkeyPatch) -> None:
    from abcnet.core.problems import WriteError

    entry(people, "a.yaml", "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n")

    def full(*args: object, **kwargs: object) -> None:
        raise WriteError("contacts/ada-okafor.yaml", "no space left on device")

    monkeypatch.setattr(storage_inbox, "edit_contact", full)
    result = people.run("inbox", "--apply")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "inbox/a.yaml:1: cannot write contacts/ada-okafor.yaml: no space left on device; "
        "nothing was changed; the entry stays\n"
    )
    assert people.read("ada-okafor") == dedent(ADA)
    assert left(people) == ["a.yaml"]


def test_a_note_with_half_a_character_stays_with_a_clear_reason(people: Net) -> None:
    # A lone half of a surrogate pair: what JSON.stringify writes for one, as \ud800.
    entry(
        people,
        "a.yaml",
        'person: ada-okafor\ndate: 2026-11-24\nchannel: call\nnote: "Caf\\ud83d and x"\n',
    )
    entry(people, "b.yaml", 'person: "Ada \\udc00"\ndate: 2026-11-24\nchannel: call\n')
    for args in (("inbox",), ("inbox", "--apply")):
        result = people.run(*args)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[:2] == [
            "inbox/a.yaml:4: note: half of a character at position 4 (\\ud83d: a broken emoji "
            "or accent, or a JSON escape of one), which no UTF-8 file can hold; retype the "
            "note in this file without it, or delete the file and log the touch with abc log",
            "inbox/b.yaml:1: person: half of a character at position 5 (\\udc00: a broken "
            "emoji or accent, or a JSON escape of one), which no UTF-8 file can hold; retype "
            "the person in this file without it, or delete the file and log the touch with "
            "abc log",
        ]
    assert people.read("ada-okafor") == dedent(ADA)
    assert left(people) == ["a.yaml", "b.yaml"]


@pytest.mark.slow
def test_killed_at_any_moment_each_touch_is_logged_once(people: Net) -> None:
    """A real process, killed with SIGKILL after a while, then run to the end: every entry's
    touch is in its file exactly once, and the inbox is empty."""
    env = {**os.environ, "ABC_TODAY": "2026-11-25", "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "abcnet", "-C", str(people.root), "inbox", "--apply"]
    for delay in (0.3, 0.6, 0.9, 1.2):
        for day in range(1, 21):
            entry(
                people,
                f"{delay}-{day:02d}.yaml",
                f"person: sam-lee\ndate: 2026-10-{day:02d}\n"
                f"channel: {'call' if delay < 1 else 'email'}\nnote: try {delay}\n",
            )
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        finished = subprocess.run(cmd, env=env, capture_output=True, text=True)
        assert finished.returncode == 0, finished.stderr
        assert left(people) == []
        text = people.read("sam-lee")
        done = [d for d in (0.3, 0.6, 0.9, 1.2) if d <= delay]
        for day in range(1, 21):
            assert text.count(f"- date: 2026-10-{day:02d}\n") == len(done), day
            for d in done:
                channel = "call" if d < 1 else "email"
                touch = f"- date: 2026-10-{day:02d}\n    channel: {channel}\n    note: try {d}\n"
                assert text.count(touch) == 1, (day, d)
    assert people.run("check").exit_code == 0


def test_check_and_the_today_page_say_entries_wait(people: Net) -> None:
    from datetime import date

    from abcnet.formats.inbox import waiting_line
    from abcnet.storage.network import load_network
    from abcnet.web.markup import esc
    from abcnet.web.today_page import today_page

    entry(people, "a.yaml", "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n")
    entry(people, "b.yaml", "not: an entry\n")
    result = people.run("check")
    assert result.stdout.endswith(
        "\n2 entries wait in inbox/: abc inbox shows what it would log, "
        "abc inbox --apply logs it.\n"
    )
    assert '"inbox": 2,' in people.run("check", "--json").stdout
    network, _ = load_network(people.root, date(2026, 11, 25))
    page = today_page(network, date(2026, 11, 25), layout.waiting(people.root))
    assert f"\n{esc(waiting_line(2))}\n" in page
    assert "inbox/" not in today_page(network, date(2026, 11, 25))


def test_commit_puts_the_touch_and_the_deleted_entry_in_one_commit(people: Net) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=people.root, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "T")
    entry(people, "a.yaml", "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n")
    git("add", "-A")
    git("commit", "-qm", "from the phone")
    result = people.run("inbox", "--apply", "--commit")
    assert result.exit_code == 0, result.output
    assert "\nCommitted: Log call with Ada Okafor on 2026-11-24\n" in result.stdout
    assert git("show", "--name-status", "--format=%s", "HEAD").split() == [
        "Log", "call", "with", "Ada", "Okafor", "on", "2026-11-24",
        "M", "contacts/ada-okafor.yaml", "D", "inbox/a.yaml",
    ]  # fmt: skip
    assert git("status", "--porcelain") == ""


def test_find_person_rules() -> None:
    def c(slug: str, name: str, **kw: object) -> Contact:
        return Contact(slug, name, Source(f"contacts/{slug}.yaml"), **kw)  # type: ignore[arg-type]

    people = [
        c("lucia", "Lucía Herrera", links=(("linkedin", "https://www.linkedin.com/in/lucia-h"),)),
        c("office-a", "A", phones=("+44 20 7946 0000",)),
        c("office-b", "B", phones=("020-7946-0000",)),
    ]
    assert find_person("lucia herrera", people) == people[0]
    assert find_person("linkedin.com/in/lucia-h/", people) == people[0]
    assert find_person("020 7946 0000", people, "GB") == (
        "'020 7946 0000' is the phone of 2 people (A (office-a), B (office-b)); write the file name"
    )
    assert find_person("+44 20 7946 0000", people) == people[1]  # no region: B's is no phone
    assert find_person("luc", people) == (
        "nobody is 'luc'; did you mean Lucía Herrera (lucia)? write the file name"
    )


_KEYS = st.sampled_from(["person", "date", "channel", "kind", "direction", "note", "other"])
_VALUES = st.one_of(
    st.sampled_from(["ada-okafor", "Sam Lee", "2026-11-24", "2026-13-01", "call", "in", "give"]),
    st.text(max_size=12),
    st.integers(),
    st.none(),
)


@given(
    body=st.one_of(
        st.dictionaries(_KEYS, _VALUES, max_size=6).map(
            lambda d: "".join(f"{k}: {json.dumps(v)}\n" for k, v in d.items())
        ),
        st.text(max_size=80),
    )
)
@examples(400, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_entry_is_taken_or_left_and_never_breaks_a_file(people: Net, body: str) -> None:
    (people.root / "inbox").mkdir(exist_ok=True)
    (people.root / "inbox" / "x.yaml").write_text(body, encoding="utf-8")
    result = people.run("inbox", "--apply")
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert left(people) == ([] if result.exit_code == 0 else ["x.yaml"])
    assert people.run("check").exit_code == 0


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def test_a_rerun_after_a_kill_commits_the_touch_with_the_deleted_entry(
    people: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed between the touch written and the entry deleted, with --commit: the rerun
    deletes the entry as a duplicate, and its commit carries the touch the killed run
    wrote, so no touch is left outside git while its entry is gone from it."""
    _git(people.root, "init", "-q")
    _git(people.root, "config", "user.email", "t@example.org")
    _git(people.root, "config", "user.name", "T")
    entry(people, "a.yaml", "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n")
    _git(people.root, "add", "-A")
    _git(people.root, "commit", "-qm", "from the phone")

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(storage_inbox, "delete_contact", killed)
    assert people.run("inbox", "--apply", "--commit").exit_code == 1
    monkeypatch.undo()
    result = people.run("inbox", "--apply", "--commit")
    assert result.exit_code == 0, result.output
    assert _git(people.root, "show", "--name-status", "--format=%s", "HEAD").splitlines() == [
        "Inbox: delete a duplicate of call with Ada Okafor on 2026-11-24",
        "",
        "M\tcontacts/ada-okafor.yaml",
        "D\tinbox/a.yaml",
    ]
    assert _git(people.root, "status", "--porcelain") == ""


def test_an_inbox_that_is_a_link_is_not_followed(people: Net, tmp_path: Path) -> None:
    """inbox/ a link to a folder outside the repository: nothing there is read, logged or
    deleted, and abc says why."""
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    text = "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n"
    (outside / "a.yaml").write_text(text, encoding="utf-8")
    (outside / "sub" / "b.yaml").write_text(text, encoding="utf-8")
    (people.root / "inbox").symlink_to(outside, target_is_directory=True)
    before = people.read("ada-okafor")
    for args in (("inbox",), ("inbox", "--apply")):
        result = people.run(*args)
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert result.stderr == (
            "inbox: a link, not a folder: abc inbox reads and deletes entries only in a "
            "folder of this repository; put a folder named inbox here instead\n"
            "0 touches to log, 0 duplicates to delete; 1 entry left in inbox/ (fix or delete "
            "it).\n"
            if args == ("inbox",)
            else "inbox: a link, not a folder: abc inbox reads and deletes entries only in a "
            "folder of this repository; put a folder named inbox here instead\n"
            "0 touches logged, 0 duplicates deleted; 1 entry left in inbox/ (fix or delete "
            "it).\n"
        )
    assert people.read("ada-okafor") == before
    assert sorted(p.relative_to(outside).as_posix() for p in outside.rglob("*")) == [
        "a.yaml",
        "sub",
        "sub/b.yaml",
    ]
    assert layout.waiting(people.root) == 0


def test_an_emoji_written_as_a_json_surrogate_pair_is_read_as_the_emoji(people: Net) -> None:
    """JSON writes a character beyond the first 65,536 as two escapes (Python's json.dumps
    does, by default): as JSON reads them, the pair is the one character."""
    entry(
        people,
        "a.yaml",
        'person: ada-okafor\ndate: 2026-11-24\nchannel: call\nnote: "Caf\\u00e9 \\ud83d\\ude00"\n',
    )
    result = people.run("inbox", "--apply")
    assert result.exit_code == 0, result.output
    assert people.read("ada-okafor").endswith(
        "  - date: 2026-11-24\n    channel: call\n    note: Café 😀\n"
    )
    assert left(people) == []


def test_a_file_in_inbox_that_is_no_entry_is_named_not_passed_over_in_silence(
    people: Net,
) -> None:
    """An entry made on GitHub's new-file page without .yaml (or as .YAML) is not read, and
    abc says so, with the name to give it; the README and hidden files are not named."""
    text = "person: ada-okafor\ndate: 2026-11-24\nchannel: call\n"
    entry(people, "ada-call", text)
    entry(people, "README.md", "# inbox/\n")
    entry(people, ".gitkeep", "")
    (people.root / "inbox" / "phone").mkdir()
    entry(people, "phone/Ada.YAML", text)
    entry(people, "phone/b.yaml.txt", text)
    before = people.read("ada-okafor")
    for args in (("inbox",), ("inbox", "--apply")):
        result = people.run(*args)
        assert result.exit_code == 0, result.output
        assert result.stdout == "Nothing waits in inbox/.\n"
        assert result.stderr == (
            "inbox/ada-call: warning: not read: only .yaml and .yml files are entries "
            "(if it is one, rename it ada-call.yaml)\n"
            "inbox/phone/Ada.YAML: warning: not read: only .yaml and .yml files are entries "
            "(if it is one, rename it Ada.yaml)\n"
            "inbox/phone/b.yaml.txt: warning: not read: only .yaml and .yml files are entries "
            "(if it is one, rename it b.yaml)\n"
        )
    assert people.read("ada-okafor") == before
    assert left(people) == [".gitkeep", "README.md", "ada-call", "phone"]
