"""`abc history`: the practice month by month, from the git history of contacts/."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import Net

from abcnet.core.history import from_snapshots
from abcnet.core.model import Contact, Settings, Source, Touch
from abcnet.storage.gitlog import read_months, replay

ALL = ("inner", "core", "wide")


def git(root: Path, *args: str, when: str = "2026-01-01T12:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(net: Net, when: str, message: str = "change") -> None:
    git(net.root, "add", "-A", when=when)
    git(net.root, "commit", "-q", "-m", message, when=when)


ADA_AUG = dedent(
    """
    name: Ada Lovelace
    circle: inner
    touches:
      - date: 2026-08-05
        kind: give
    """
).lstrip()
GRACE = "name: Grace Hopper\n"


@pytest.fixture
def history_net(net: Net) -> Net:
    """Four commits over three months, one month without any, and a change not committed."""
    git(net.root, "init", "-q", "-b", "main")
    net.settings("cadences: {inner: 30d, core: 90d, wide: 182d}\n")
    net.write("ada", ADA_AUG)
    net.write("grace", GRACE)
    commit(net, "2026-08-10T09:00:00+00:00")
    net.write("ada", ADA_AUG + "  - date: 2026-08-19\n    direction: in\n")
    commit(net, "2026-08-20T09:00:00+00:00")
    net.write("alan", "name: Alan Turing\ncircle: core\ntouches: [{date: 2026-09-14, kind: ask}]\n")
    commit(net, "2026-09-15T09:00:00+00:00")
    # Early on 1 October in Tokyo, still 30 September in UTC: git's own date counts.
    net.write("grace", GRACE + "archived: true\n")
    net.write("ada", ADA_AUG + "  - date: 2026-08-19\n    direction: in\n  - date: 2026-10-01\n")
    commit(net, "2026-10-01T08:30:00+09:00")
    # Not committed: today's month is the files as they are now.
    net.write(
        "alan",
        "name: Alan Turing\ncircle: core\n"
        "touches: [{date: 2026-09-14, kind: ask}, {date: 2026-11-20, kind: give}]\n",
    )
    return net


def test_history_month_by_month_from_git(history_net):
    result = history_net.run("history")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "From git: 4 commits of contacts/.",
        "",
        "month    kept  touches  you  them  give  ask  within  inner  core  wide  added  archived",
        "2026-08     2        2    1     1     1    0     50%   100%     -    0%      2         0",
        "2026-09     3        1    1     0     0    1     33%     0%  100%    0%      1         0",
        "2026-10     2        1    1     0     0    0    100%   100%  100%     -      0         1",
        "2026-11     2        1    1     0     1    0     50%     0%  100%     -      0         0",
        "",
        "you, them: the touches you started, and those they started.",
        "within: the kept people within their cadence at the month's end, all and by circle.",
    ]


def test_history_json_has_every_month_with_its_numbers(history_net):
    result = history_net.run("history", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [m["month"] for m in data["months"]] == ["2026-08", "2026-09", "2026-10", "2026-11"]
    assert {k: data[k] for k in ("source", "why_files", "commits", "unreadable")} == {
        "source": "git",
        "why_files": None,
        "commits": 4,
        "unreadable": 0,
    }
    assert data["months"][0] == {
        "month": "2026-08",
        "kept": 2,
        "touches": 2,
        "out": 1,
        "in": 1,
        "give": 1,
        "ask": 0,
        "balance": "give-only",
        "within": {
            "inner": {"within": 1, "people": 1},
            "core": {"within": 0, "people": 0},
            "wide": {"within": 0, "people": 1},
        },
        "added": 2,
        "archived": 0,
    }


FILES_ONLY = [
    "",
    "month    kept  touches  you  them  give  ask  within  inner  core  wide  added  archived",
    "2026-09     1        0    0     0     0    0      0%     0%     -     -      1         -",
    "2026-10     2        2    1     1     0    0    100%   100%  100%     -      1         -",
    # Nobody Yet has no date: counted in today's month only.
    "2026-11     3        0    0     0     0    0     33%     0%  100%    0%      0         -",
    "",
    "you, them: the touches you started, and those they started.",
    "within: the kept people within their cadence at the month's end, all and by circle.",
]


def files_only_network(net: Net) -> None:
    net.write(
        "ada",
        "name: Ada Lovelace\ncircle: inner\nmet: {date: 2026-09-03}\n"
        "touches: [{date: 2026-10-01}]\n",
    )
    net.write(
        "alan", "name: Alan Turing\ncircle: core\ntouches: [{date: 2026-10-10, direction: in}]\n"
    )
    net.write("grace", "name: Grace Hopper\narchived: true\ntouches: [{date: 2026-01-05}]\n")
    net.write("new", "name: Nobody Yet\n")


def test_without_git_it_says_so_and_counts_from_the_files(net):
    files_only_network(net)
    result = net.run("history")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "From the files alone (not a git repository): each person counts from when they joined",
        "(met or first touch); people archived now are left out, as the files do not say when.",
        *FILES_ONLY,
    ]
    data = json.loads(net.run("history", "--json").stdout)
    assert (data["source"], data["why_files"]) == ("files", "not a git repository")
    assert [m["archived"] for m in data["months"]] == [None, None, None]


def test_a_shallow_clone_says_so_and_counts_from_the_files(net, tmp_path):
    git(net.root, "init", "-q", "-b", "main")
    files_only_network(net)
    commit(net, "2026-09-05T10:00:00+00:00")
    net.write("grace", "name: Grace Hopper\narchived: true\ntouches: [{date: 2026-01-06}]\n")
    commit(net, "2026-10-05T10:00:00+00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{net.root}", str(clone))
    result = Net(clone).run("history")
    assert result.stdout.splitlines() == [
        "From the files alone (a shallow clone, with only the latest commits; git fetch "
        "--unshallow gets the rest): each person counts from when they joined",
        "(met or first touch); people archived now are left out, as the files do not say when.",
        *FILES_ONLY,
    ]


def test_a_version_with_errors_is_left_out_of_its_month_and_counted(net):
    git(net.root, "init", "-q", "-b", "main")
    net.write("ada", "name: Ada Lovelace\ntouches: [{date: 2026-10-01}]\n")
    net.write("alan", "name: [Alan\n")
    commit(net, "2026-10-05T10:00:00+00:00")
    net.write("alan", "name: Alan Turing\n")
    commit(net, "2026-11-05T10:00:00+00:00")
    result = net.run("history")
    assert result.stdout.splitlines()[:5] == [
        "From git: 2 commits of contacts/; 1 file version with errors left out.",
        "",
        "month    kept  touches  you  them  give  ask  within  inner  core  wide  added  archived",
        "2026-10     1        1    1     0     0    0    100%      -     -  100%      1         0",
        "2026-11     2        0    0     0     0    0     50%      -     -   50%      1         0",
    ]


def test_only_contact_files_count_and_a_merge_counts_against_the_first_parent(net):
    git(net.root, "init", "-q", "-b", "main")
    net.write("ada", "name: Ada Lovelace\n")
    (net.contacts / "notes.txt").write_text("not a contact\n")
    (net.contacts / ".draft.yaml").write_text("name: Hidden\n")
    (net.contacts / "old").mkdir()
    (net.contacts / "old" / "x.yaml").write_text("name: In A Folder\n")
    commit(net, "2026-08-05T10:00:00+00:00")
    git(net.root, "checkout", "-q", "-b", "side")
    net.write("grace", "name: Grace Hopper\n")
    commit(net, "2026-08-06T10:00:00+00:00")
    git(net.root, "checkout", "-q", "main")
    git(net.root, "merge", "-q", "--no-ff", "-m", "merge", "side", when="2026-09-07T10:00:00+00:00")
    # Renamed: the old name goes, the new one comes (git's rename detection is off).
    git(net.root, "mv", "contacts/ada.yaml", "contacts/ada-lovelace.yaml")
    commit(net, "2026-09-08T10:00:00+00:00")
    months = read_months(net.root, date(2026, 11, 25))
    assert not isinstance(months, str)
    assert [(m.isoformat(), [c.slug for c in cs]) for m, cs in months.months] == [
        ("2026-08-01", ["ada"]),
        ("2026-09-01", ["ada-lovelace", "grace"]),
    ]
    assert months.commits == 3


def test_replay_keeps_the_months_in_order_when_dates_go_back():
    a, b = "a" * 40, "b" * 40
    zero = "0" * 40
    log = (
        f"\x012026-03-02\x00\n:000000 100644 {zero} {a} A\x00contacts/ada.yaml\x00"
        f"\x012026-02-27\x00\n:100644 100644 {a} {b} M\x00contacts/ada.yaml\x00"
        f"\x012026-04-01\x00\n:100644 000000 {b} {zero} D\x00contacts/ada.yaml\x00"
    ).encode()
    months, commits = replay(log)
    assert commits == 3
    assert months == [
        (date(2026, 3, 1), {"contacts/ada.yaml": b}),
        (date(2026, 4, 1), {}),
    ]


def person(slug: str, *touches: Touch, circle: str = "wide", archived: bool = False) -> Contact:
    return Contact(
        slug,
        slug.title(),
        Source(f"contacts/{slug}.yaml"),
        circle=circle,
        archived=archived,
        touches=touches,
    )


def test_months_without_commits_keep_the_month_before_and_today_is_the_files():
    ada = person("ada", Touch(date(2026, 1, 10)))
    snapshots = [(date(2026, 1, 1), (ada,)), (date(2026, 3, 1), (ada, person("bo")))]
    now = (ada, person("bo", archived=True))
    h = from_snapshots(snapshots, now, Settings(), date(2026, 4, 2))
    assert [(m.month, m.kept, m.added, m.archived, m.touches) for m in h.months] == [
        ("2026-01", 1, 1, 0, 1),
        ("2026-02", 1, 0, 0, 0),
        ("2026-03", 2, 1, 0, 0),
        ("2026-04", 1, 0, 1, 0),
    ]


def test_each_file_version_is_read_from_git_once_then_from_the_cache(history_net, monkeypatch):
    from abcnet.storage import gitlog

    today = date(2026, 11, 25)
    first = read_months(history_net.root, today)
    assert (history_net.root / ".abc-cache" / "history.cache").is_file()
    asked: list[list[str]] = []
    real = gitlog.read_blobs

    def counting(root: Path, ids: list[str]) -> dict[str, bytes]:
        asked.append(ids)
        return real(root, ids)

    monkeypatch.setattr(gitlog, "read_blobs", counting)
    assert read_months(history_net.root, today) == first
    assert asked == [[]]
    # A new commit of two files: Alan's new version is read; Grace's, as she was in
    # August, is known by its blob id and is not.
    history_net.write("grace", GRACE)
    commit(history_net, "2026-11-24T10:00:00+00:00")
    again = read_months(history_net.root, today)
    assert not isinstance(again, str)
    assert [len(ids) for ids in asked] == [0, 1]
    assert [c.archived for c in again.months[-1][1] if c.slug == "grace"] == [False]


def test_the_private_stats_page_goes_month_by_month(history_net):
    import xml.etree.ElementTree as ET
    from dataclasses import replace

    from abcnet.core.stats import compute
    from abcnet.storage.gitlog import network_history
    from abcnet.storage.network import load_network
    from abcnet.web.stats_page import over_time

    today = date(2026, 11, 25)
    network, _ = load_network(history_net.root, today)
    stats = compute(network.contacts, network.settings, today)
    assert over_time(stats) == (
        "## Over time { #over-time }\n\n"
        "Month by month, from the git history of your contact files: nothing to show here "
        "yet. `abc history` prints it in a terminal.\n"
    )
    md = over_time(replace(stats, history=network_history(history_net.root, network, today)))
    assert md.startswith(
        "## Over time { #over-time }\n\n"
        "From the git history of your contact files (4 commits): each month as they stood "
        "after its last commit; this month as they are now. Kept people went from 2 in Aug 2026 "
        "to 2 now; within cadence at the month's end, from 50% to 50%. Cadences are today's.\n"
    )
    assert (
        "| month | kept | you started | they started | gives : asks | within | added | archived |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        "| Nov 2026 | 2 | 1 | 0 | 1 : 0 | 50% | 0 | 0 |\n"
        "| Oct 2026 | 2 | 1 | 0 | 0 : 0 | 100% | 0 | 1 |\n"
        "| Sep 2026 | 3 | 1 | 0 | 0 : 1 | 33% | 1 | 0 |\n"
        "| Aug 2026 | 2 | 1 | 1 | 1 : 0 | 50% | 2 | 0 |\n"
    ) in md
    assert "| 2026 | 4 | 1 |" in md  # the year's touches, you and them
    charts = [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", md, flags=re.S)]
    assert [c.get("aria-label") for c in charts] == [
        "Kept people within cadence at each month's end, from 50% in Aug 2026 to 50% in Nov 2026",
        "Touches per month from Aug 2026 to Nov 2026",
    ]


def test_without_the_git_command_it_says_so(net, monkeypatch):
    net.write("ada", "name: Ada Lovelace\ntouches: [{date: 2026-11-01}]\n")
    monkeypatch.setenv("PATH", str(net.root / "nowhere"))
    assert read_months(net.root, date(2026, 11, 25)) == (
        "git is not available (No such file or directory)"
    )


def test_contacts_never_committed_say_so(net):
    git(net.root, "init", "-q", "-b", "main")
    net.settings("timezone: UTC\n")
    commit(net, "2026-10-01T10:00:00+00:00")
    net.write("ada", "name: Ada Lovelace\n")
    assert read_months(net.root, date(2026, 11, 25)) == "no commit of contacts/ yet"


def test_a_blob_git_has_lost_counts_as_unreadable(history_net, monkeypatch):
    from abcnet.storage import gitlog

    real = gitlog.read_blobs

    def losing(root: Path, ids: list[str]) -> dict[str, bytes]:
        # Ask git for a blob that is not there, too: it answers "<id> missing".
        got = real(root, [*ids, "0123456789abcdef0123456789abcdef01234567"])
        return {k: v for k, v in got.items() if k != ids[0]}

    monkeypatch.setattr(gitlog, "read_blobs", losing)
    months = read_months(history_net.root, date(2026, 11, 25))
    assert not isinstance(months, str)
    assert months.unreadable == 1


def test_the_public_page_says_only_how_coverage_stood_a_year_before():
    from abcnet.core.publish import public_figures
    from abcnet.core.stats import compute
    from abcnet.web.public_stats import figure_lines

    today = date(2026, 11, 25)
    # Twelve people met before the year, three of them touched in its first week.
    people = [
        Contact(
            f"p{i}",
            f"P {i}",
            Source(f"contacts/p{i}.yaml"),
            met_date=date(2025, 1, 1),
            touches=(Touch(date(2025, 11, 28)),) if i < 3 else (),
        )
        for i in range(12)
    ]
    lines = figure_lines(public_figures(compute(people, Settings(), today)))
    assert lines["over-time"] == (
        "**25%** of the people kept a year before were within their cadence then."
    )
    assert lines["coverage"] == "**0%** of them are within their cadence."  # wide: 182 days
    few = figure_lines(public_figures(compute(people[:9], Settings(), today)))
    assert few["over-time"] is None


def test_versions_checked_in_worker_processes_give_the_same_months(history_net, monkeypatch):
    from abcnet.storage import cache

    today = date(2026, 11, 25)
    serial = read_months(history_net.root, today)
    (history_net.root / ".abc-cache" / "history.cache").unlink()
    monkeypatch.setattr(cache, "PARALLEL_FROM", 1)
    assert read_months(history_net.root, today) == serial


def test_from_the_files_alone_the_months_start_with_the_first_kept_person():
    """The pool's LinkedIn connection dates go back years before anyone was kept:
    they do not make a run of empty months."""
    from dataclasses import replace

    from abcnet.core.history import from_files

    pooled = replace(person("pat", Touch(date(2010, 7, 15))), circle="pool")
    ada = person("ada", Touch(date(2026, 9, 3)))
    h = from_files((pooled, ada), Settings(), date(2026, 11, 2), "not a git repository")
    assert [(m.month, m.kept, m.added, m.touches) for m in h.months] == [
        ("2026-09", 1, 1, 1),
        ("2026-10", 1, 0, 0),
        ("2026-11", 1, 0, 0),
    ]
    # With nobody kept yet, only today's month.
    h = from_files((pooled,), Settings(), date(2026, 11, 2), "not a git repository")
    assert [(m.month, m.kept, m.added) for m in h.months] == [("2026-11", 0, 0)]


@pytest.mark.parametrize(
    ("then", "now", "how"),
    [
        (56, 51, "down 5 points: the practice slipped this year"),
        (50, 51, "up 1 point: the practice held up this year"),
        (51, 51, "the same: the practice held up this year"),
    ],
)
def test_the_over_time_section_says_whether_the_practice_held_up_this_year(then, now, how):
    from dataclasses import replace

    from abcnet.core.history import History, HistoryMonth
    from abcnet.core.stats import Share, compute, month_start
    from abcnet.web.stats_page import over_time

    today = date(2026, 11, 25)
    starts = [month_start(date(2025, 10, 1), -k) for k in range(14)]  # Oct 2025 to Nov 2026
    within = {date(2025, 11, 1): then, today.replace(day=1): now}

    def month(start: date) -> HistoryMonth:
        share = Share(within.get(start, 40), 100)
        return HistoryMonth(start, 100, 5, 1, 0, 0, (("core", share),), 0, 0)

    h = History(tuple(month(s) for s in starts), "git", None, 400)
    md = over_time(replace(compute((), Settings(), today), history=h))
    assert (
        "within cadence at the month's end, from 40% to "
        f"{now}%. A year ago, at the end of Nov 2025, {then}% were within cadence; now {now}%, "
        f"{how}. Cadences are today's.\n"
    ) in md


def test_from_the_files_each_month_counts_who_had_joined_was_awake_and_within_cadence():
    """Snoozed until mid-October: out of September's count, in October's. Joined by a
    met date: counted from that month. No date at all: only today's month. A cadence
    of the person's own (42 days) decides, not the circle's (182)."""
    from dataclasses import replace

    from abcnet.core.history import from_files
    from abcnet.core.stats import Share

    ada = person("ada", Touch(date(2026, 9, 3)), circle="inner")
    bea = replace(person("bea", circle="core"), met_date=date(2026, 10, 10))
    cy = replace(person("cy", Touch(date(2026, 9, 20))), snooze_until=date(2026, 10, 15))
    cy = replace(cy, cadence=42)
    dan = person("dan")
    h = from_files((ada, bea, cy, dan), Settings(), date(2026, 11, 2), "not a git repository")
    assert [(m.month, m.kept, m.added, m.touches, m.within) for m in h.months] == [
        (
            "2026-09",
            2,
            2,
            2,
            (("inner", Share(1, 1)), ("core", Share(0, 0)), ("wide", Share(0, 0))),
        ),
        (
            "2026-10",
            3,
            1,
            0,
            (("inner", Share(0, 1)), ("core", Share(0, 1)), ("wide", Share(1, 1))),
        ),
        (
            "2026-11",
            4,
            0,
            0,
            (("inner", Share(0, 1)), ("core", Share(0, 1)), ("wide", Share(0, 2))),
        ),
    ]
