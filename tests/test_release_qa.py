"""What the tester before the release met, each reproduced as the user met it."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import Net

from abcnet.storage.atomic import write_file

# A misspelt name that two namesakes share ------------------------------------------------


def test_a_close_spelling_of_a_shared_name_lists_both_and_writes_nothing(net: Net) -> None:
    """``abc log "Ada Okafr"`` picked one of two Ada Okafors without a word and logged
    the touch in that file; a close spelling of a shared name is as ambiguous as the name."""
    net.write("ada-okafor", "name: Ada Okafor\norg: Northwind\n")
    net.write("ada-okafor-2", "name: Ada Okafor\norg: Contoso\n")
    result = net.run("log", "Ada Okafr", "-c", "call")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "abc: nobody called 'Ada Okafr'; did you mean:\n"
        "  Ada Okafor (ada-okafor): Northwind\n"
        "  Ada Okafor (ada-okafor-2): Contoso\n"
    )
    assert net.read("ada-okafor") == "name: Ada Okafor\norg: Northwind\n"
    assert net.read("ada-okafor-2") == "name: Ada Okafor\norg: Contoso\n"


def test_a_close_spelling_of_one_name_still_finds_that_person(net: Net) -> None:
    net.write("ada-okafor", "name: Ada Okafor\n")
    net.write("ben-okoro", "name: Ben Okoro\n")
    assert net.run("show", "Ada Okafr").stdout.splitlines()[:2] == [
        "Ada Okafor",
        "  file:      contacts/ada-okafor.yaml",
    ]


# Writing through a link, or into what is not a file ----------------------------------------


def test_a_write_to_a_symbolic_link_writes_the_file_it_points_to(tmp_path: Path) -> None:
    """A calendar or an export written over a link (build/abc.ics pointing into a synced
    folder, say) replaced the link with a file: the synced copy stopped changing."""
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "abc.ics"
    target.write_bytes(b"old\n")
    link = tmp_path / "abc.ics"
    link.symlink_to(target)
    write_file(link, b"new\n")
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert target.read_bytes() == b"new\n"
    assert sorted(p.name for p in synced.iterdir()) == ["abc.ics"]  # no temporary file left


def test_an_export_to_a_pipe_writes_into_it(tmp_path: Path) -> None:
    """``abc export vcard -o /dev/stdout`` renamed a file over /dev/stdout; what is not a
    regular file is written into, as a shell's > would."""
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    read_fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_file(fifo, b"BEGIN:VCARD\r\n")
        assert os.read(read_fd, 100) == b"BEGIN:VCARD\r\n"
    finally:
        os.close(read_fd)
    assert fifo.is_fifo()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_dangling_link_is_written_where_it_points(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "abc.ics"
    target.parent.mkdir()
    link = tmp_path / "abc.ics"
    link.symlink_to(target)
    write_file(link, b"first\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"first\n"


# A first name after a LinkedIn import ------------------------------------------------------


def test_a_whole_first_name_wins_over_longer_names_that_start_with_it(net: Net) -> None:
    """After an import of 1,500 connections, getting-started's ``abc log "Ada"`` was
    refused: 'Ada' matches 6 people (Ada Lovelace and five Adaezes in the pool)."""
    net.write("ada-lovelace", "name: Ada Lovelace\ncircle: core\n")
    net.write("adaeze-obi", "name: Adaeze Obi\ncircle: pool\n")
    net.write("adaeze-nwosu", "name: Adaeze Nwosu\ncircle: pool\n")
    logged = net.run("log", "Ada", "-c", "call")
    assert (
        logged.output
        == "Logged call with Ada Lovelace on 2026-11-25 (contacts/ada-lovelace.yaml).\n"
    )
    # A part of a word is still a part: both Adaezes, and nobody chosen.
    assert net.run("show", "Adae").stderr == (
        "abc: 'Adae' matches 2 people; be more specific:\n"
        "  Adaeze Nwosu (adaeze-nwosu)\n"
        "  Adaeze Obi (adaeze-obi)\n"
    )
    # Two people with that whole word are as ambiguous as before.
    net.write("ada-example", "name: Ada Example\n")
    assert net.run("show", "ada").stderr == (
        "abc: 'ada' matches 2 people; be more specific:\n"
        "  Ada Example (ada-example)\n"
        "  Ada Lovelace (ada-lovelace)\n"
    )


# The terminal's stats at a real user's size --------------------------------------------------


def test_stats_write_thousands_as_the_people_line_does() -> None:
    """``abc stats`` said "5,000 in the pool" and, two lines down, "2390 touches out"."""
    from datetime import date

    from test_stats import person

    from abcnet.core.model import Settings
    from abcnet.core.stats import compute
    from abcnet.formats.stats import summary_lines

    contacts = [person(f"p{i:04}", "2026-11-01 out give", circle="inner") for i in range(1200)]
    lines = summary_lines(compute(contacts, Settings(), date(2026, 11, 25)))
    assert lines[1:3] == [
        "  people           1,200 (inner 1,200, core 0, wide 0); 0 archived, 0 snoozed",
        "  coverage         100% (1,200 of 1,200 within cadence)",
    ]
    assert (
        lines[7] == "  last 365 days    1,200 touches out, 0 in; 1,200 gives, 0 asks, 0 catch-ups"
    )


# abc init from a clone with a commit of its own ----------------------------------------------


def test_a_commit_only_this_clone_has_is_not_pinned_in_the_workflow(tmp_path: Path) -> None:
    """A newcomer who committed a change in their clone of abc got a workflow pinned to
    that commit, which the runner cannot fetch: the first run failed, and init said nothing."""
    import subprocess

    from abcnet.storage.install import git_checkout

    def git(folder: Path, *args: str) -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True, env=env
        )
        return done.stdout.strip()

    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q")
    git(upstream, "commit", "-q", "--allow-empty", "-m", "first")
    clone = tmp_path / "abc"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    assert git_checkout(clone) == (str(upstream), git(upstream, "rev-parse", "HEAD"))
    git(clone, "commit", "-q", "--allow-empty", "-m", "mine")
    assert git_checkout(clone) is None
