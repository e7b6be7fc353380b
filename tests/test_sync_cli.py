"""abc sync end to end, on the sample exports and a copy of the demo network.

The demo's abc.yaml names its owner (Sam Rivera) in ``me:``, as the samples do.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import DEMO, REPO

from abcnet.cli import cli
from abcnet.sync.readers import EXPORT_KINDS

SAMPLES = REPO / "tests" / "data" / "sync"
MAIL = SAMPLES / "mail"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "demo"],
        cwd=root,
        check=True,
    )
    return root


def sync(root: Path, *args: str) -> Result:
    argv = ["-C", str(root), "sync", *args]
    return CliRunner().invoke(cli, argv, env={"NO_COLOR": "1", "ABC_TODAY": "2026-11-25"})


def diff(root: Path, *paths: str) -> str:
    argv = ["git", "diff", "--no-color", "-U0", "--", *paths]
    return subprocess.run(argv, cwd=root, capture_output=True, text=True, check=True).stdout


def test_the_dry_run_names_every_touch_and_every_reason(demo: Path) -> None:
    result = sync(demo, str(MAIL))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Would add 18 touches to 13 people (from 42 events read):\n"
        "  Ana Lucía Mendoza  2 touches   2026-07-16 to 2026-08-13  email  (contacts/ana-lucia-mendoza.yaml)\n"
        "  Camille Dubois     1 touch     2026-07-06                email  (contacts/camille-dubois.yaml)\n"
        "  Daniel Kim         2 touches   2026-10-31 to 2026-11-19  email  (contacts/daniel-kim.yaml)\n"
        "  Felix Wagner       1 touch     2026-08-25                email  (contacts/felix-wagner.yaml)\n"
        "  Grace Achieng      1 touch     2026-08-13                email  (contacts/grace-achieng.yaml)\n"
        "  Hannah Schmidt     1 touch     2026-07-06                email  (contacts/hannah-schmidt.yaml)\n"
        "  Kofi Mensah        3 touches   2026-06-10 to 2026-09-30  email  (contacts/kofi-mensah.yaml)\n"
        "  Lan Nguyen         1 touch     2026-09-28                email  (contacts/lan-nguyen.yaml)\n"
        "  Mei-Lin Chen       1 touch     2026-08-22                email  (contacts/mei-lin-chen.yaml)\n"
        "  Priya Raman        1 touch     2026-06-02                email  (contacts/priya-raman.yaml)\n"
        "  Rahul Mehta        2 touches   2026-08-08 to 2026-10-26  email  (contacts/rahul-mehta.yaml)\n"
        "  Talia Brenner      1 touch     2026-07-06                email  (contacts/talia-brenner.yaml)\n"
        "  Tomasz Nowak       1 touch     2026-09-30                email  (contacts/tomasz-nowak.yaml)\n"
        "Skipped: 4 automated, 2 draft, 1 spam, 4 trash, 1 chat, 1 invitation, 1 undated, "
        "2 duplicate, 1 group, 7 unknown.\n"
        "Nothing was written. Run again with --apply, then review with git diff and commit.\n"
    )
    assert diff(demo) == ""
    assert not (demo / ".abc" / "sync-ledger").exists()


def test_json_carries_the_touches_and_the_skipped_counts(demo: Path) -> None:
    result = sync(demo, str(SAMPLES / "calendar"), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["applied"] is False
    first = doc["touches"][0]
    assert {k: first[k] for k in ("slug", "date", "channel", "direction", "note")} == {
        "slug": "amara-nwosu",
        "date": "2026-08-11",
        "channel": "video",
        "direction": "out",
        "note": "a video call you organised",
    }
    # Calendars are expanded up to today only: the December meeting is not read at all.
    assert max(t["date"] for t in doc["touches"]) <= "2026-11-25"
    assert doc["skipped"] == {
        "automated": 1,
        "cancelled": 2,
        "declined": 1,
        "all-day": 1,
        "solo": 2,
        "group": 1,
        "unknown": 1,
        "already logged": 1,
    }


def test_apply_adds_only_the_new_lines_and_a_second_run_adds_nothing(demo: Path) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in (demo / "contacts").glob("*.yaml")}
    first = sync(demo, str(MAIL), str(SAMPLES / "calendar"), str(SAMPLES / "linkedin"), "--apply")
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-1] == (
        "Review them with git diff, then commit (or git checkout -- contacts/ to undo; "
        "abc sync --forget proposes them again)."
    )
    changed = diff(demo)
    removed = [
        line for line in changed.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    assert removed == []  # comments, order and quoting untouched: only lines added
    for path in (demo / "contacts").glob("*.yaml"):
        new = path.read_text(encoding="utf-8")
        assert new.startswith(before[path.name].rstrip("\n")), path.name
    assert "+  - date: 2026-06-13\n+    channel: email\n+    note: an email from you\n" in changed
    check = CliRunner().invoke(cli, ["-C", str(demo), "check", "--today", "2026-11-25"])
    assert check.exit_code == 0, check.output
    again = sync(demo, str(MAIL), str(SAMPLES / "calendar"), str(SAMPLES / "linkedin"))
    assert again.output.splitlines()[0] == "Nothing new to add (from 87 events read)."


def test_a_touch_deleted_in_review_is_not_proposed_again(demo: Path) -> None:
    assert sync(demo, str(SAMPLES / "linkedin"), "--apply").exit_code == 0
    ledger = (demo / ".abc" / "sync-ledger").read_text(encoding="utf-8")
    # A person can read it: the day, the file name and the channel; no address.
    assert "2026-08-01 kofi-mensah message\n" in ledger
    assert "@" not in ledger and "linkedin" not in ledger and "+" not in ledger
    path = demo / "contacts" / "kofi-mensah.yaml"
    text = path.read_text(encoding="utf-8")
    added = "  - date: 2026-08-01\n    channel: message\n    note: 2 messages, 1 from you\n"
    assert added in text
    path.write_text(text.replace(added, ""), encoding="utf-8")
    result = sync(demo, str(SAMPLES / "linkedin"))
    assert result.output.splitlines() == [
        "Nothing new to add (from 24 events read).",
        "Skipped: 3 automated, 1 draft, 2 spam, 2 invitation, 4 unknown, 8 already logged, "
        "1 reviewed.",
        "Reviewed: 1 touch was applied before and deleted since (in review, or undone with git "
        "checkout), so abc sync leaves it out; run again with --forget to have them proposed "
        "again (the ledger, .abc/sync-ledger, lists them).",
    ]


def test_touches_undone_with_git_checkout_come_back_with_forget(demo: Path) -> None:
    """Issue 25: the undo the summary suggests made the ledger reject the touches for
    good, without a word; the summary says so now, and --forget brings them back."""
    assert sync(demo, str(SAMPLES / "linkedin"), "--apply").exit_code == 0
    subprocess.run(["git", "checkout", "-q", "--", "contacts/"], cwd=demo, check=True)
    again = sync(demo, str(SAMPLES / "linkedin"))
    assert again.output.splitlines()[0] == "Nothing new to add (from 24 events read)."
    assert again.output.splitlines()[2].startswith("Reviewed: 9 touches were applied before")
    back = sync(demo, str(SAMPLES / "linkedin"), "--forget", "--apply")
    assert back.output.splitlines()[0] == "Added 9 touches to 9 people (from 24 events read):"
    assert "Reviewed" not in back.output
    assert "+    channel: message\n" in diff(demo, "contacts/kofi-mensah.yaml")
    ledger = (demo / ".abc" / "sync-ledger").read_text(encoding="utf-8")
    assert ledger.count("kofi-mensah") == 1


def test_suggest_ranks_real_correspondents_and_never_newsletters(demo: Path) -> None:
    result = sync(demo, str(MAIL), "--suggest")
    lines = result.output.splitlines()
    start = lines.index("People you write with both ways who are not in contacts/ (1):")
    assert lines[start + 1 : start + 3] == [
        "  Zoe Mueller: 2 from you, 2 from them, last 2026-09-17 (email)",
        "    abc add 'Zoe Mueller' --email zoe.mueller@example.de",
    ]
    assert "noreply" not in result.output and "newsletter" not in result.output


def test_without_me_it_stops_and_suggests_who_you_are(demo: Path) -> None:
    settings = demo / "abc.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text[: text.index("\nme:") + 1], encoding="utf-8")
    result = sync(demo, str(MAIL))
    assert result.exit_code == 2
    assert "abc.yaml has no me: block" in result.output
    assert "  emails: [sam@rivera.example, sam.rivera@example.org]" in result.output
    assert "has problems" not in result.output
    assert diff(demo, "contacts") == ""


def test_bad_input_names_the_file_and_line(demo: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.mbox"
    cut.write_bytes(
        b"From a@b Mon Nov 02 10:00:00 2026\nFrom: ada@example.org\nSubject: x\n\nbody\n\n"
        b"From a@b Mon Nov 02 11:00:00 2026\nFrom: ada@example.org\nSubject: y"
    )
    result = sync(demo, str(cut))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.output.splitlines()[-2:] == [
        "Unreadable: 1 record skipped (1 truncated); the rest was read:",
        f"  {cut}:7: message 2: the file ends inside its headers: it is cut short; "
        "the messages before it are read",
    ]
    result = sync(demo, str(cut), "--json")
    doc = json.loads(result.output)
    assert doc["skipped"]["unreadable"] == 1
    assert doc["unreadable"] == {
        "count": 1,
        "reasons": {"truncated": 1},
        "records": 1,
        "parts": 0,
        "files": 0,
        "first": [
            {
                "file": str(cut),
                "line": 7,
                "place": "message 2",
                "reason": "truncated",
                "part": False,
                "message": f"{cut}:7: message 2: the file ends inside its headers: it is cut "
                "short; the messages before it are read",
            }
        ],
    }
    cut.write_bytes(b"From a@b Mon Nov 02 11:00:00 2026\nFrom: ada@example.org\nSubject: y")
    result = sync(demo, str(cut))
    assert result.exit_code == 1
    assert result.output == (
        f"abc: {cut}: no record abc can read as an mbox file; the first: {cut}:1: message 1: "
        "the file ends inside its headers: it is cut short; the messages before it are read "
        "(is it the right file? export it again)\n"
    )
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\n", encoding="utf-8")
    result = sync(demo, str(odd))
    assert result.exit_code == 2
    assert "abc cannot tell what export this is; name it with --from" in result.output


def test_from_names_the_kind_and_lists_every_reader() -> None:
    from abcnet.cli.sync import sync_cmd
    from abcnet.sync.readers import module
    from abcnet.sync.registry import READERS

    (forced,) = [p for p in sync_cmd.params if p.name == "forced"]
    assert isinstance(forced.type, click.Choice)
    assert tuple(forced.type.choices) == EXPORT_KINDS == tuple(r.kind for r in READERS)
    assert [module(r.kind).KIND for r in READERS] == list(EXPORT_KINDS)


def test_chats_match_through_aliases_and_a_name_alone_asks_for_one(demo: Path) -> None:
    result = sync(demo, str(SAMPLES / "chats"), "--suggest")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Would add 32 touches to 9 people (from 85 events read):"
    assert lines[1] == (
        "  Ada Okafor       6 touches   2026-06-03 to 2026-11-03  message  "
        "(contacts/ada-okafor.yaml)"
    )
    assert lines[10] == (
        "Skipped: 2 automated, 2 draft, 1 solo, 6 missed, 10 system, 6 duplicate, 6 group, "
        "8 unknown."
    )
    assert lines[11:17] == [
        "People you write with both ways who are not in contacts/ (3):",
        "  Nell Okoro: 1 from you, 1 from them, last 2026-11-02 (message)",
        "    abc add 'Nell Okoro'",
        "  +447700900456: 1 from you, 1 from them, last 2026-09-03 (message)",
        "    abc add NAME --phone +447700900456",
        "  Rahul Mehta: 1 from you, 1 from them, last 2026-06-05 (message)",
    ]
    assert lines[17] == (
        "    the name of contacts/rahul-mehta.yaml: if that is them, add "
        "`aliases: [Rahul Mehta]` there"
    )


def test_a_damaged_ledger_stops_with_its_line(demo: Path) -> None:
    (demo / ".abc" / "sync-ledger").write_text("# abc sync\n2026-11-02 zz\n", encoding="utf-8")
    result = sync(demo, str(MAIL))
    assert result.exit_code == 2
    assert result.output == (
        "abc: .abc/sync-ledger:2: not a ledger line (YYYY-MM-DD, the contact's file name and "
        "the channel); fix the line or delete the file (abc sync then proposes again what you "
        "deleted during review)\n"
    )


def test_the_progress_line_shows_only_on_a_terminal_after_a_second_and_a_half(monkeypatch):
    import io

    from abcnet.cli import base as cmd

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    clock = iter([0.0, 1.0, 2.0, 2.1, 3.0])
    monkeypatch.setattr(cmd.time, "monotonic", lambda: next(clock))
    err = Tty()
    monkeypatch.setattr(cmd.sys, "stderr", err)
    bar = cmd.Progress("reading")
    bar.start(4_000_000)
    bar(1_000_000)  # at 1.0 s: nothing yet
    assert err.getvalue() == ""
    bar(1_000_000)  # at 2.0 s: half way
    assert err.getvalue() == "\rreading [###############               ]  50%  2 MB"
    bar(1_000_000)  # at 2.1 s: too soon after the last line
    bar.finish()
    assert err.getvalue().endswith("\r" + " " * 60 + "\r")


MBOX = """\
From x Mon Nov 02 10:00:00 2026
From: Bea Kovacs <bea@kovacs.example>
To: Sam Rivera <sam@rivera.example>
Date: Mon, 2 Nov 2026 10:00:00 +0000
Message-ID: <1@kovacs.example>
Subject: Coffee in Leeds?

Would be lovely.

From x Mon Nov 02 12:00:00 2026
From: Sam Rivera <sam@rivera.example>
To: Bea Kovacs <bea@kovacs.example>
Date: Mon, 2 Nov 2026 12:00:00 +0000
Message-ID: <2@rivera.example>
Subject: Re: Coffee in Leeds?

Yes! Thursday?

From x Tue Nov 03 09:00:00 2026
From: Deals <news@shop.example>
To: sam@rivera.example
Date: Tue, 3 Nov 2026 09:00:00 +0000
Message-ID: <3@shop.example>
List-Unsubscribe: <https://shop.example/u>
Subject: 20% off

Buy now.
"""


def test_pool_members_in_the_history_move_up_the_triage_order(net, tmp_path_factory) -> None:
    from datetime import date

    from abcnet.core.triage import pool_order
    from abcnet.storage.network import load_network

    net.settings("me:\n  emails: [sam@rivera.example]\n")
    net.write("aaron-abel", "name: Aaron Abel\ncircle: pool\nemail: aaron@abel.example\n")
    net.write("bea-kovacs", "name: Bea Kovacs\ncircle: pool\nemail: bea@kovacs.example\n")
    today = date(2026, 11, 25)

    def order() -> list[str]:
        network, _ = load_network(net.root, today, cache=False)
        return [s.contact.slug for s in pool_order(network.contacts, today)]

    assert order() == ["aaron-abel", "bea-kovacs"]
    mail = tmp_path_factory.mktemp("exports") / "inbox.mbox"  # outside the network
    mail.write_text(MBOX, encoding="utf-8")
    result = net.run("sync", str(mail), "--apply")
    assert result.exit_code == 0, result.output
    assert order() == ["bea-kovacs", "aaron-abel"]
    assert net.read("bea-kovacs") == (
        "name: Bea Kovacs\ncircle: pool\nemail: bea@kovacs.example\n"
        "touches:\n  - date: 2026-11-02\n    channel: email\n    note: 2 emails, 1 from you\n"
    )
    # Nothing of the mail itself reached the network: no subject, no body, no other sender.
    written = b"".join(p.read_bytes() for p in net.root.rglob("*") if p.is_file())
    for secret in (b"Coffee", b"Leeds", b"Thursday", b"shop.example", b"20%"):
        assert secret not in written


def test_an_owner_missing_from_me_is_pointed_out(demo: Path) -> None:
    settings = demo / "abc.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("  linkedin: https://www.linkedin.com/in/sam-rivera-abc\n", ""),
        encoding="utf-8",
    )
    result = sync(demo, str(SAMPLES / "linkedin"))
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "abc: https://www.linkedin.com/in/sam-rivera-abc is in more of these messages than "
        "anyone else but is not in me: in abc.yaml; if it is you, add it there, or what you "
        "sent counts as received"
    )


def test_an_export_abc_cannot_tell_lists_what_it_reads(demo: Path, tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\n", encoding="utf-8")
    lines = sync(demo, str(odd)).output.splitlines()
    assert [line.split()[0] for line in lines[1:]] == list(EXPORT_KINDS)
    assert lines[3] == (
        "  mbox      mbox files (Gmail Takeout, Thunderbird, Apple Mail's Export Mailbox, mutt)"
    )


def test_the_progress_line_for_a_folder_counts_megabytes_only(monkeypatch):
    import io

    from abcnet.cli import base as cmd

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    clock = iter([0.0, 2.0])
    monkeypatch.setattr(cmd.time, "monotonic", lambda: next(clock))
    err = Tty()
    monkeypatch.setattr(cmd.sys, "stderr", err)
    bar = cmd.Progress("reading")
    bar.start(0)
    bar(3_000_000)
    assert err.getvalue() == "\rreading... 3 MB"


def test_the_summary_names_the_first_three_unreadable_records_and_counts_the_rest() -> None:
    from abcnet.formats.sync import damage_lines
    from abcnet.sync.event import Unreadable
    from abcnet.sync.readers import Damage

    damage = Damage()
    for n in range(1, 6):
        damage.add(Unreadable("chat.txt", "bad date", "", f"31/13/2026 is not a date ({n})", n))
    damage.add(Unreadable("sms.xml", "truncated", "", "the file ends at line 9", 9))
    assert damage_lines(damage) == [
        "Unreadable: 6 records skipped (1 truncated, 5 bad date); the rest was read:",
        "  chat.txt:1: 31/13/2026 is not a date (1)",
        "  chat.txt:2: 31/13/2026 is not a date (2)",
        "  chat.txt:3: 31/13/2026 is not a date (3)",
        "  ... and 3 more (--json lists the first 10)",
    ]
    assert damage_lines(Damage()) == []


def test_the_summary_tells_records_skipped_from_parts_left_out_and_files() -> None:
    """A series read without its RRULE was not skipped: only that part of it was left out."""
    from abcnet.formats.sync import damage_lines
    from abcnet.sync.event import Unreadable
    from abcnet.sync.readers import Damage

    rule = "RRULE has UNTL=, which is not a part of a rule: the series is read without the rule"
    damage = Damage()
    damage.add(Unreadable("cal.ics", "bad recurrence", "event a1", rule, 12, part=True))
    assert damage_lines(damage)[0] == (
        "Unreadable: 1 part of records left out (1 bad recurrence); the rest was read:"
    )
    damage.add(Unreadable("cal.ics", "bad recurrence", "event b2", "EXDATE cannot be read", 40))
    damage.add(Unreadable("x/Invitations.csv", "unreadable file", "", "not LinkedIn's", 1))
    damage.add(Unreadable("cal.ics", "bad recurrence", "event c3", rule, 77, part=True))
    assert damage_lines(damage)[0] == (
        "Unreadable: 1 record skipped, 2 parts of records left out, 1 file skipped "
        "(3 bad recurrence, 1 unreadable file); the rest was read:"
    )


def test_one_export_refused_whole_does_not_cost_the_others(demo: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.mbox"
    cut.write_bytes(b"From a@b Mon Nov 02 11:00:00 2026\nFrom: ada@example.org\nSubject: y")
    result = sync(demo, str(cut), str(SAMPLES / "calendar"), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["touches"], "the calendars are read"
    refusal = (
        f"{cut}: no record abc can read as an mbox file; the first: {cut}:1: message 1: the "
        "file ends inside its headers: it is cut short; the messages before it are read "
        "(is it the right file? export it again)"
    )
    assert doc["refused"] == [refusal]
    assert f"abc: left out {refusal}\n" in result.stderr


def test_the_progress_line_counts_files_and_off_a_terminal_shows_nothing(monkeypatch):
    import io

    from abcnet.cli import base as cmd

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    clock = iter([0.0, 2.0, 3.0, 4.0, 4.1])  # the last, too soon after the one before
    monkeypatch.setattr(cmd.time, "monotonic", lambda: next(clock))
    err = Tty()
    monkeypatch.setattr(cmd.sys, "stderr", err)
    bar = cmd.Progress("importing", in_bytes=False)
    assert list(bar.each(["a", "b", "c", "d"])) == ["a", "b", "c", "d"]
    assert err.getvalue().split("\r")[1:] == [
        "importing [#######                       ]  25%  1/4",
        "importing [###############               ]  50%  2/4",
        "importing [######################        ]  75%  3/4",
        " " * 60,
        "",
    ]
    plain = io.StringIO()
    monkeypatch.setattr(cmd.sys, "stderr", plain)
    clock = iter([0.0, 2.0, 3.0, 4.0, 5.0])
    bar = cmd.Progress("reading")
    bar.start(4)
    for _ in range(4):
        bar(1)
    bar.finish()
    assert plain.getvalue() == ""


def test_sync_is_one_call_that_returns_what_it_found(net, tmp_path_factory) -> None:
    """The use case the command calls: warnings go to ``notice`` as they arise, the
    bytes read to the meter, and the result is one value (nothing written without
    do_apply)."""
    from datetime import date

    from abcnet.storage.network import load_network
    from abcnet.storage.syncing import sync_exports

    net.settings("me:\n  emails: [sam@rivera.example]\n")
    net.write("bea-kovacs", "name: Bea Kovacs\nemail: bea@kovacs.example\n")
    folder = tmp_path_factory.mktemp("exports")
    (folder / "inbox.mbox").write_text(MBOX, encoding="utf-8")
    (folder / "notes.txt").write_text("hello\n", encoding="utf-8")
    today = date(2026, 11, 25)
    network, _ = load_network(net.root, today, cache=False)

    class Meter:
        def __init__(self) -> None:
            self.read, self.total, self.finished = 0, -1, False

        def __call__(self, n: int) -> None:
            self.read += n

        def start(self, total: int) -> None:
            self.total = total

        def finish(self) -> None:
            self.finished = True

    notices: list[str] = []
    meter = Meter()
    done = sync_exports(net.root, network, [folder], today, meter=meter, notice=notices.append)
    assert notices == [
        f"abc: left out 1 file that abc does not read as an export: {folder}/notes.txt"
    ]
    size = len(MBOX.encode())  # the folder is read file by file, so the size is known
    assert (meter.total, meter.finished) == (size, True)
    assert meter.read >= size  # (and the first bytes of each file, read to tell its kind)
    assert [(t.slug, str(t.date), t.note) for t in done.proposal.touches] == [
        ("bea-kovacs", "2026-11-02", "2 emails, 1 from you")
    ]
    assert (done.applied, done.suggestions) == (False, None)
    assert net.read("bea-kovacs") == "name: Bea Kovacs\nemail: bea@kovacs.example\n"


ONE_CORRESPONDENT = "".join(
    f"""From x Mon Nov 0{d} 09:00:00 2026
From: {sender}
To: {to}
Date: Mon, {d} Nov 2026 09:00:00 +0000
Message-ID: <{d}@example.org>
Subject: Plans

Hello.

"""
    for d, sender, to in (
        (2, "Bea Kovacs <bea@kovacs.example>", "sam@rivera.example"),
        (3, "Sam <sam@rivera.example>", "Bea Kovacs <bea@kovacs.example>"),
        (4, "Bea Kovacs <bea@kovacs.example>", "sam@rivera.example"),
    )
)


def test_a_folder_of_one_persons_mail_raises_no_false_alarm(net, tmp_path_factory) -> None:
    """Issue 25: Bea is in every message of her folder, as the owner is: not a sign that
    me: misses the owner."""
    net.settings("me:\n  emails: [sam@rivera.example]\n")
    net.write("bea-kovacs", "name: Bea Kovacs\nemail: bea@kovacs.example\n")
    mail = tmp_path_factory.mktemp("exports") / "Bea.mbox"
    mail.write_text(ONE_CORRESPONDENT, encoding="utf-8")
    result = net.run("sync", str(mail))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == "Would add 3 touches to 1 person (from 3 events read):"
    net.settings("me:\n  emails: [sam@old.example]\n")  # the owner really is missing
    assert "is in more of these messages than anyone else" in net.run("sync", str(mail)).stderr
