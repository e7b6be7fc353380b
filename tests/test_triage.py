"""The pool workflow: imports land in the pool, triage picks who to keep, keep/archive/
unarchive do it by name, and check, stats and the capacity advice stay readable at
1,500 people."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import DEMO, Net

from abcnet.core.cadence import within_quota
from abcnet.core.model import Contact, Settings, Source, Touch
from abcnet.core.stats import compute
from abcnet.core.triage import (
    LINKEDIN_HOW,
    Scored,
    Tally,
    ago,
    met_phrase,
    pool_order,
    score,
)
from abcnet.formats.stats import as_json, summary_lines
from abcnet.formats.triage import summary_line

TODAY = date(2026, 11, 25)


def person(slug: str, **kw: object) -> Contact:
    return Contact(slug, slug.title(), Source(f"contacts/{slug}.yaml"), **kw)  # type: ignore[arg-type]


# --- the scoring -------------------------------------------------------------------------


def test_a_bare_linkedin_connection_scores_nothing() -> None:
    bare = person("tom", circle="pool", met_date=date(2019, 5, 1), met_how=LINKEDIN_HOW)
    assert score(bare, TODAY) == Scored(bare, 0, ())
    assert score(person("x", met_how="  connected on linkedin "), TODAY).points == 0


def test_every_signal_adds_its_points_and_its_reason() -> None:
    full = person(
        "ada",
        emails=("ada@example.org",),
        phones=("+44 20 7946 0018",),
        met_date=date(2026, 8, 20),
        met_how="PyData London, we talked about dbt",
        tags=("data", "london", "mentor", "python"),
        touches=(
            Touch(date(2026, 9, 1), direction="in"),
            Touch(date(2026, 9, 3)),
            Touch(date(2026, 10, 3)),
            Touch(date(2026, 10, 9)),
            Touch(date(2026, 10, 10)),
            Touch(date(2026, 12, 1)),  # after today: not counted
        ),
    )
    assert score(full, TODAY) == Scored(
        full,
        # email 3 + phone 2, five touches 4 + 3, one from them 2, met.how 4, 97 days ago 2, tags 3
        23,
        (
            "has an email and a phone",
            "5 touches (1 from them)",
            "met: PyData London",
            "connected 3 months ago",
            "tagged data, london, mentor, python",
        ),
    )


@pytest.mark.parametrize(
    ("kw", "points", "reasons"),
    [
        ({"emails": ("a@example.org",)}, 3, ("has an email",)),
        ({"phones": ("+1 555 0100",)}, 2, ("has a phone",)),
        ({"touches": (Touch(date(2026, 1, 2)),)}, 4, ("1 touch",)),
        ({"met_how": "at a meetup in Leeds"}, 4, ("met at a meetup in Leeds",)),
        ({"met_how": "Through Ada; coffee"}, 4, ("met through Ada",)),
        ({"met_date": date(2026, 11, 25)}, 3, ("connected today",)),
        ({"met_date": date(2026, 8, 26)}, 3, ("connected 2 months ago",)),
        ({"met_date": date(2025, 12, 1)}, 2, ("connected 11 months ago",)),
        ({"met_date": date(2025, 11, 25)}, 2, ("connected 1 year ago",)),
        ({"met_date": date(2024, 11, 25)}, 1, ("connected 2 years ago",)),
        ({"met_date": date(2024, 11, 24)}, 0, ()),
        ({"met_date": date(2026, 11, 26)}, 0, ()),
        ({"tags": ("berlin",)}, 1, ("tagged berlin",)),
    ],
)
def test_each_signal_alone(kw: dict[str, object], points: int, reasons: tuple[str, ...]) -> None:
    scored = score(person("p", **kw), TODAY)
    assert (scored.points, scored.reasons) == (points, reasons)


def test_a_long_met_how_is_cut_to_its_first_clause_and_forty_characters() -> None:
    assert met_phrase("The Leadership course the company sent me on in spring") == (
        "met: The Leadership course the company sent…"
    )
    assert (ago(13), ago(14)) == ("13 days ago", "2 weeks ago")


def test_the_pool_in_order_most_promising_first_skipped_last() -> None:
    contacts = [
        person("kept", emails=("k@example.org",)),  # kept: not in the pool
        person("gone", circle="pool", archived=True, emails=("g@example.org",)),
        person("bo", circle="pool", tags=("x",), met_date=date(2020, 1, 1)),
        person("al", circle="pool", tags=("y",), met_date=date(2021, 1, 1)),
        person("cy", circle="pool", tags=("z",), met_date=date(2021, 1, 1)),
        person("di", circle="pool", emails=("d@example.org",)),
        person("ed", circle="pool"),
    ]
    order = [s.contact.slug for s in pool_order(contacts, TODAY)]
    # di has an email; then the tagged, the more recent met.date first, then by name.
    assert order == ["di", "al", "cy", "bo", "ed"]
    later = [s.contact.slug for s in pool_order(contacts, TODAY, skipped={"di", "cy", "nobody"})]
    assert later == ["al", "bo", "ed", "di", "cy"]


def test_the_summary_names_only_the_circles_kept_into() -> None:
    t = Tally()
    assert summary_line(t, 1500) == "kept 0, archived 0, skipped 0; 1,500 left in the pool"
    for circle in ("inner", "core", "wide"):
        t.keep(circle)
    t.archived, t.skipped = 2, 1
    assert summary_line(t, 1494) == (
        "kept 3 (inner 1, core 1, wide 1), archived 2, skipped 1; 1,494 left in the pool"
    )


def test_within_quota_keeps_the_least_demanding_first() -> None:
    assert within_quota([], 730) == 0
    assert within_quota([182] * 1500, 730) == 364
    assert within_quota([30] * 5 + [182] * 10, 60) == 10 + 3  # 20.05, then 12.17 each
    assert within_quota([30, 30], 24) == 1  # 12.2 touches each


# --- abc triage ----------------------------------------------------------------------------

POOL = {
    "priya-natarajan": """
        name: Priya Natarajan
        email: priya@example.org
        org: Fabrikam
        role: Data Engineer
        circle: pool
        met:
          date: 2026-08-20
          how: PyData London, we talked about dbt
        """,
    "lena-kraus": """
        name: Lena Kraus
        role: CTO
        org: Bergwerk
        circle: pool   # from the LinkedIn import
        tags: [berlin]
        met:
          date: 2026-10-30
          how: Connected on LinkedIn
        touches:
          - date: 2026-09-01
            direction: in
            channel: message
        """,
    "tom-baker": """
        name: Tom Baker
        org: Contoso
        circle: pool
        met:
          date: 2021-03-01
          how: Connected on LinkedIn
        """,
    "sam-okoro": """
        name: Sam Okoro
        phone: "+44 20 7946 0999"
        circle: pool
        met:
          date: 2026-11-20
          how: Connected on LinkedIn
        """,
    "old-friend": """
        name: Old Friend
        circle: pool
        archived: true
        """,
    "ada-okafor": """
        name: Ada Okafor
        circle: inner
        touches:
          - date: 2026-11-01
        """,
}

PROMPT = "  i inner · c core · w wide · a archive · s skip · f fields · q quit: "


@pytest.fixture
def pool(net: Net) -> Net:
    for slug, text in POOL.items():
        net.write(slug, text)
    return net


def test_triage_goes_through_the_pool_and_writes_each_choice_at_once(pool: Net) -> None:
    result = pool.run("triage", stdin="c\nx\nw\ns\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Triage: 4 people in the pool, most promising first.\n"
        "\n"
        "[1/4] Lena Kraus — CTO at Bergwerk\n"
        "  met:  2026-10-30, Connected on LinkedIn\n"
        "  why:  1 touch (1 from them), connected 3 weeks ago, tagged berlin\n"
        f"{PROMPT}c\n"
        "  kept in core (contacts/lena-kraus.yaml)\n"
        "\n"
        "[2/4] Priya Natarajan — Data Engineer at Fabrikam\n"
        "  met:  2026-08-20, PyData London, we talked about dbt\n"
        "  why:  has an email, met: PyData London, connected 3 months ago\n"
        f"{PROMPT}?\n"
        "  press i, c, w, a, s, f or q: w\n"
        "  kept in wide (contacts/priya-natarajan.yaml)\n"
        "\n"
        "[3/4] Sam Okoro\n"
        "  met:  2026-11-20, Connected on LinkedIn\n"
        "  why:  has a phone, connected 5 days ago\n"
        f"{PROMPT}s\n"
        "  skipped: again next run, after the others\n"
        "\n"
        "[4/4] Tom Baker — Contoso\n"
        "  met:  2021-03-01, Connected on LinkedIn\n"
        "  why:  nothing yet: no email, phone, touch, how you met or tag\n"
        f"{PROMPT}q\n"
        "\n"
        "Done: kept 2 (core 1, wide 1), archived 0, skipped 1; 2 left in the pool.\n"
    )
    assert pool.read("lena-kraus") == (
        "name: Lena Kraus\n"
        "role: CTO\n"
        "org: Bergwerk\n"
        "circle: core   # from the LinkedIn import\n"
        "tags: [berlin]\n"
        "met:\n"
        "  date: 2026-10-30\n"
        "  how: Connected on LinkedIn\n"
        "touches:\n"
        "  - date: 2026-09-01\n"
        "    direction: in\n"
        "    channel: message\n"
    )
    assert "circle: wide\n" in pool.read("priya-natarajan")
    for slug in ("sam-okoro", "tom-baker", "old-friend"):
        assert "circle: pool\n" in pool.read(slug)

    # The next run goes on with who is left, the skipped last; end of input quits.
    again = pool.run("triage", stdin="a\n")
    assert again.stdout == (
        "Triage: 2 people in the pool, most promising first.\n"
        "\n"
        "[1/2] Tom Baker — Contoso\n"
        "  met:  2021-03-01, Connected on LinkedIn\n"
        "  why:  nothing yet: no email, phone, touch, how you met or tag\n"
        f"{PROMPT}a\n"
        "  archived (contacts/tom-baker.yaml)\n"
        "\n"
        "[2/2] Sam Okoro\n"
        "  met:  2026-11-20, Connected on LinkedIn\n"
        "  why:  has a phone, connected 5 days ago\n"
        f"{PROMPT}q\n"
        "\n"
        "Done: kept 0, archived 1, skipped 0; 1 left in the pool.\n"
    )
    assert pool.read("tom-baker") == (
        "name: Tom Baker\n"
        "org: Contoso\n"
        "circle: pool\n"
        "met:\n"
        "  date: 2021-03-01\n"
        "  how: Connected on LinkedIn\n"
        "archived: true\n"
    )
    last = pool.run("triage", stdin="I\n")
    assert last.stdout.splitlines()[-3:] == [
        "  kept in inner (contacts/sam-okoro.yaml)",
        "",
        "Done: kept 1 (inner 1), archived 0, skipped 0; 0 left in the pool.",
    ]
    assert pool.run("triage").stdout == "Nobody in the pool: everyone is kept or archived.\n"
    check = pool.run("check")
    assert check.exit_code == 0, check.output
    assert "In the pool" not in check.stdout


def test_a_skip_that_cannot_be_remembered_is_a_warning_not_a_stop(pool: Net) -> None:
    (pool.root / ".abc-cache").write_text("not a folder\n")
    result = pool.run("triage", stdin="s\ns\nq\n")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "abc: cannot write .abc-cache/triage-skipped: not a directory; nothing was changed; "
        "the next triage will not know who was skipped\n"
    )
    assert result.stdout.splitlines()[-1] == (
        "Done: kept 0, archived 0, skipped 2; 4 left in the pool."
    )


def test_triage_commits_each_choice_when_asked(pool: Net, monkeypatch: pytest.MonkeyPatch) -> None:
    _git_repo(pool.root, monkeypatch)
    result = pool.run("triage", "--commit", stdin="w\nq\n")
    assert result.stdout.splitlines()[6:9] == [
        "  kept in wide (contacts/lena-kraus.yaml)",
        "Committed: Keep Lena Kraus in wide",
        "",
    ]
    assert _git(pool.root, "log", "-1", "--format=%s").strip() == "Keep Lena Kraus in wide"
    assert _git(pool.root, "status", "--porcelain") == ""  # the skip list is in .abc-cache/


# --- keep, archive, unarchive ----------------------------------------------------------------


def test_keep_archive_and_unarchive_by_name(pool: Net) -> None:
    def run(*args: str) -> tuple[int, str, str]:
        r = pool.run(*args)
        return r.exit_code, r.stdout, r.stderr

    assert run("keep", "priya", "--circle", "core") == (
        0,
        "Kept Priya Natarajan in core, out of the pool (contacts/priya-natarajan.yaml).\n",
        "",
    )
    assert "circle: core\n" in pool.read("priya-natarajan")
    assert run("keep", "Priya Natarajan", "--circle", "wide") == (
        0,
        "Kept Priya Natarajan in wide, was core (contacts/priya-natarajan.yaml).\n",
        "",
    )
    assert run("keep", "priya", "--circle", "wide") == (
        0,
        "Priya Natarajan is already in wide (contacts/priya-natarajan.yaml); nothing changed.\n",
        "",
    )
    assert run("archive", "priya") == (
        0,
        "Archived Priya Natarajan (contacts/priya-natarajan.yaml).\n",
        "",
    )
    assert pool.read("priya-natarajan").endswith("archived: true\n")
    assert run("archive", "priya") == (
        0,
        "Priya Natarajan is already archived (contacts/priya-natarajan.yaml); nothing changed.\n",
        "",
    )
    assert run("keep", "priya", "--circle", "inner") == (
        0,
        "Kept Priya Natarajan in inner, was wide (contacts/priya-natarajan.yaml).\n",
        "abc: Priya Natarajan is archived, so not planned: abc unarchive priya-natarajan\n",
    )
    assert run("unarchive", "priya") == (
        0,
        "Priya Natarajan is no longer archived: back in inner (contacts/priya-natarajan.yaml).\n",
        "",
    )
    assert "archived" not in pool.read("priya-natarajan")
    assert run("unarchive", "priya") == (
        0,
        "Priya Natarajan is not archived (contacts/priya-natarajan.yaml); nothing changed.\n",
        "",
    )
    assert run("unarchive", "old") == (
        0,
        "Old Friend is no longer archived: back in the pool (contacts/old-friend.yaml).\n",
        "",
    )
    assert pool.read("old-friend") == "name: Old Friend\ncircle: pool\n"


def test_keep_names_who_it_cannot_find_and_refuses_the_pool(pool: Net) -> None:
    result = pool.run("archive", "zed")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "abc: nobody called 'zed'\n",
    )
    result = pool.run("keep", "tom", "--circle", "pool")
    assert result.exit_code == 2
    assert "'pool' is not one of 'inner', 'core', 'wide'" in result.stderr


def test_keep_and_archive_commit_like_log(pool: Net, monkeypatch: pytest.MonkeyPatch) -> None:
    _git_repo(pool.root, monkeypatch)
    assert pool.run("keep", "tom", "--circle", "wide", "--commit").stdout == (
        "Kept Tom Baker in wide, out of the pool (contacts/tom-baker.yaml).\n"
        "Committed: Keep Tom Baker in wide\n"
    )
    assert pool.run("archive", "tom", "--commit").stdout == (
        "Archived Tom Baker (contacts/tom-baker.yaml).\nCommitted: Archive Tom Baker\n"
    )
    assert pool.run("unarchive", "tom", "--commit").stdout == (
        "Tom Baker is no longer archived: back in wide (contacts/tom-baker.yaml).\n"
        "Committed: Unarchive Tom Baker\n"
    )
    assert pool.run("archive", "sam", "--no-commit").stdout == (
        "Archived Sam Okoro (contacts/sam-okoro.yaml).\n"
    )
    assert _git(pool.root, "log", "--format=%s") == (
        "Unarchive Tom Baker\nArchive Tom Baker\nKeep Tom Baker in wide\nstart\n"
    )


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def _git_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "T")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "t@example.org")
    _git(root, "init", "-q")
    (root / ".gitignore").write_text(".abc-cache/\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "start")


# --- the import lands in the pool ----------------------------------------------------------

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Kwame,Asante,https://www.linkedin.com/in/kwame,,Contoso,CTO,05 Mar 2026\n"
    "Mei,Lin,https://www.linkedin.com/in/mei,mei@example.org,Fabrikam,Analyst,01 Oct 2026\n"
)


def test_an_import_puts_new_people_in_the_pool_and_moves_nobody(net: Net) -> None:
    kwame = (
        "name: Kwame Asante\nlinks:\n  linkedin: https://www.linkedin.com/in/kwame\ncircle: core\n"
    )
    net.write("kwame-asante", kwame)
    export = net.root / "Connections.csv"
    export.write_text(CONNECTIONS, encoding="utf-8")
    result = net.run("import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    assert "Created 1 (circle pool):" in result.stdout.splitlines()
    assert "circle: pool\n" in net.read("mei-lin")
    assert "circle: core\n" in net.read("kwame-asante")

    (net.contacts / "mei-lin.yaml").unlink()
    result = net.run("import", "linkedin", str(export), "--circle", "inner")
    assert "Created 1 (circle inner):" in result.stdout.splitlines()
    assert "circle: inner\n" in net.read("mei-lin")
    assert "circle: core\n" in net.read("kwame-asante")


def test_the_import_help_says_where_new_people_go(net: Net) -> None:
    help_text = " ".join(net.run("import", "--help").stdout.split())
    assert (
        "--circle [inner|core|wide|pool] Where new people go: the pool (planned by no one "
        "until abc triage or abc keep puts them in a circle), or straight into inner, core or "
        "wide. People already in the network stay where they are. [default: pool]"
    ) in help_text


# --- abc check at 1,500 -------------------------------------------------------------------


def big_network(net: Net, pool: int = 1500) -> None:
    """40 kept people in every situation, and ``pool`` people in the pool."""

    def touched(slug: str, circle: str, days_ago: int, more: str = "") -> None:
        day = TODAY - timedelta(days=days_ago)
        net.write(
            slug, f"name: {slug.title()}\ncircle: {circle}\n{more}touches:\n  - date: {day}\n"
        )

    for k in range(1, 13):  # inner, every 30 days: overdue by k days
        touched(f"overdue-{k:02d}", "inner", 30 + k)
    for k in range(2, 5):  # wide: due in k days
        touched(f"due-{k}", "wide", 182 - k)
    for k in range(1, 12):
        net.write(f"never-{k:02d}", f"name: Never {k:02d}\ncircle: core\n")
    for k in range(1, 3):
        touched(f"snoozed-{k}", "wide", 300, f"snooze_until: 2027-01-0{k}\n")
    for k in range(1, 13):
        touched(f"fine-{k:02d}", "wide", k)
    for k in range(pool):
        net.write(
            f"pool-{k:04d}",
            f"name: Pool {k:04d}\ncircle: pool\nmet:\n  date: 2025-01-01\n  how: {LINKEDIN_HOW}\n",
        )


BIG_CHECK = """\
Overdue (12):
  Overdue-12  overdue by 12 days (last 2026-10-14, every 30 days)
  Overdue-11  overdue by 11 days (last 2026-10-15, every 30 days)
  Overdue-10  overdue by 10 days (last 2026-10-16, every 30 days)
  Overdue-09  overdue by 9 days (last 2026-10-17, every 30 days)
  Overdue-08  overdue by 8 days (last 2026-10-18, every 30 days)
  Overdue-07  overdue by 7 days (last 2026-10-19, every 30 days)
  Overdue-06  overdue by 6 days (last 2026-10-20, every 30 days)
  Overdue-05  overdue by 5 days (last 2026-10-21, every 30 days)
  Overdue-04  overdue by 4 days (last 2026-10-22, every 30 days)
  Overdue-03  overdue by 3 days (last 2026-10-23, every 30 days)
  ... and 2 more (abc check --all)

Due in the next 7 days (3):
  Due-2       due in 2 days (2026-11-27)
  Due-3       due in 3 days (2026-11-28)
  Due-4       due in 4 days (2026-11-29)

Never contacted (11):
  Never 01    contacts/never-01.yaml
  Never 02    contacts/never-02.yaml
  Never 03    contacts/never-03.yaml
  Never 04    contacts/never-04.yaml
  Never 05    contacts/never-05.yaml
  Never 06    contacts/never-06.yaml
  Never 07    contacts/never-07.yaml
  Never 08    contacts/never-08.yaml
  Never 09    contacts/never-09.yaml
  Never 10    contacts/never-10.yaml
  ... and 1 more (abc check --all)

Snoozed (2):
  Snoozed-1   until 2027-01-01
  Snoozed-2   until 2027-01-02

In the pool: 1,500 people, not planned (abc triage picks who to keep)

Capacity: 40 people need about 225 touches a year; 2 a day gives 730. The daily quota keeps everyone within cadence.
"""


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Net:
    """The network of :func:`big_network`, written once for the tests that only read it."""
    net = Net(tmp_path_factory.mktemp("big"))
    net.contacts.mkdir()
    big_network(net)
    return net


def test_check_at_1500_shows_counts_and_the_first_ten(big: Net) -> None:
    net = big
    result = net.run("check")
    assert result.exit_code == 0, result.output
    assert result.stderr == "All 1,540 contact files are valid.\n"
    assert result.stdout == "\n" + BIG_CHECK

    every = net.run("check", "--all").stdout
    assert every.startswith("\nOverdue (12):\n")
    assert "... and" not in every
    assert "  Overdue-01  overdue by 1 day (last 2026-10-25, every 30 days)\n" in every
    assert "  Never 11    contacts/never-11.yaml\n\nSnoozed (2):" in every

    data = json.loads(net.run("check", "--json").stdout)
    counts = [len(data[k]) for k in ("overdue", "due_soon", "never_contacted", "snoozed")]
    assert (counts, data["pool"], data["capacity"]["people"]) == ([12, 3, 11, 2], 1500, 40)
    assert list(data)[-4:] == ["snoozed", "pool", "inbox", "capacity"]


def test_one_in_the_pool_is_one_person(net: Net) -> None:
    net.write("p", "name: P\ncircle: pool\n")
    assert net.run("check").stdout.splitlines()[-3] == (
        "In the pool: 1 person, not planned (abc triage picks who to keep)"
    )


def test_the_demo_check_and_stats_print_what_they_printed() -> None:
    net = Net(DEMO)
    check = net.run("check")
    assert check.stdout == (
        "\n"
        "Overdue (5):\n"
        "  Yuki Sato                overdue by 118 days (last 2026-01-29, every 182 days)\n"
        "  Kwame Asante             overdue by 40 days (last 2026-07-18, every 90 days)\n"
        "  Mateo Ferreira           overdue by 20 days (last 2026-10-06, every 30 days)\n"
        "  Emeka Obi                overdue by 18 days (last 2026-05-09, every 182 days)\n"
        "  Sofia Marchetti          overdue by 5 days (last 2026-10-09, every 42 days)\n"
        "\n"
        "Due in the next 7 days (6):\n"
        "  Hiroshi Tanaka           due in 2 days (2026-11-27)\n"
        "  Priya Raman              due in 2 days (2026-11-27)\n"
        "  Hannah Schmidt           due in 3 days (2026-11-28)\n"
        "  Ines Carvalho            due in 3 days (2026-11-28)\n"
        "  Noah Bergström           due in 6 days (2026-12-01)\n"
        "  Nadia Haddad             due in 7 days (2026-12-02)\n"
        "\n"
        "Never contacted (1):\n"
        "  Camille Dubois           contacts/camille-dubois.yaml\n"
        "\n"
        "Snoozed (1):\n"
        "  Lucía Herrera            until 2027-02-01\n"
        "\n"
        "Capacity: 39 people need about 167 touches a year; 2 a day gives 730."
        " The daily quota keeps everyone within cadence.\n"
    )
    assert net.run("stats").stdout.splitlines()[1] == (
        "  people           39 (inner 5, core 12, wide 22); 1 archived, 1 snoozed"
    )
    assert json.loads(net.run("stats", "--json").stdout)["pool"] == 0


# --- capacity advice that chooses ------------------------------------------------------------


def test_when_the_quota_is_short_check_says_whom_it_keeps_and_the_moves(net: Net) -> None:
    net.settings("daily_quota: 1\n")
    for k in range(400):  # wide, every 182 days: about 2 touches a year each
        net.write(f"w{k:03d}", f"name: W{k:03d}\ntouches:\n  - date: 2026-11-20\n")
    for k in range(3):
        net.write(f"i{k}", f"name: I{k}\ncircle: inner\ntouches:\n  - date: 2026-11-20\n")
    net.write("p", "name: P\ncircle: pool\n")
    assert net.run("check").stdout.splitlines()[-8:] == [
        "In the pool: 1 person, not planned (abc triage picks who to keep)",
        "",
        "Capacity: 403 people need about 839 touches a year; 1 a day gives 365."
        " Not enough for all of them.",
        "  At 1 a day, at most 182 of the 403 can stay within cadence. Choose who:",
        "  - leave people in the pool (circle: pool), or archive those you will not keep up"
        " with (abc archive NAME)",
        "  - give the weakest ties a longer cadence: a wider circle (abc keep NAME --circle wide)",
        "  - keep only the most promising of the 1 in the pool, one key each (abc triage)",
        "  Keeping all 403 would take 3 a day (daily_quota: 3 in abc.yaml).",
    ]
    (net.contacts / "p.yaml").unlink()
    assert net.run("check").stdout.splitlines()[-3:] == [
        "  - leave people in the pool (circle: pool), or archive those you will not keep up"
        " with (abc archive NAME)",
        "  - give the weakest ties a longer cadence: a wider circle (abc keep NAME --circle wide)",
        "  Keeping all 403 would take 3 a day (daily_quota: 3 in abc.yaml).",
    ]


# --- stats --------------------------------------------------------------------------------


def test_stats_leave_the_pool_out_of_size_coverage_and_capacity() -> None:
    contacts = [
        person("ada", circle="inner", touches=(Touch(date(2026, 11, 20)),)),
        person("bob", circle="pool", touches=(Touch(date(2026, 11, 1)),)),
        person("cy", circle="pool"),
        person("dee", circle="pool", archived=True),
    ]
    s = compute(contacts, Settings(), TODAY)
    assert (s.people, s.pool, s.archived, s.circles) == (
        1,
        2,
        1,
        (("inner", 1), ("core", 0), ("wide", 0)),
    )
    assert (s.coverage.within, s.coverage.people, s.needed_per_year) == (1, 1, 365 / 30)
    assert (s.directions.out_year, s.never) == (2, 0)  # touches with the pool still count
    assert summary_lines(s)[1] == (
        "  people           1 (inner 1, core 0, wide 0); 1 archived, 0 snoozed, 2 in the pool"
    )
    data = as_json(s)
    assert (data["people"], data["pool"], data["archived"]) == (1, 2, 1)
    assert list(data)[4:7] == ["archived", "pool", "snoozed"]


def test_stats_of_a_big_pool(big: Net) -> None:
    lines = big.run("stats").stdout.splitlines()
    assert lines[1:3] == [
        "  people           40 (inner 12, core 11, wide 17); 0 archived, 2 snoozed, 1,500 in the pool",
        "  coverage         39% (15 of 38 within cadence)",
    ]


def test_the_stats_page_says_the_pool_is_not_counted_only_when_there_is_one() -> None:
    from abcnet.web.stats_page import network_size

    ada = person("ada", circle="inner", touches=(Touch(date(2026, 11, 20)),))
    contacts = [ada, person("bob", circle="pool"), person("cy", archived=True)]
    with_pool = network_size(compute(contacts, Settings(), TODAY)).splitlines()[2]
    assert with_pool == (
        "1 person in your network, by circle. Archived people (1) and people in the pool, "
        "imported and not yet kept (1), are not counted; of those counted, 0 are snoozed right "
        "now. At their cadences they need about 12 touches a year; 2 a day gives 730."
    )
    without = network_size(compute([ada], Settings(), TODAY)).splitlines()[2]
    assert without.startswith("1 person in your network, by circle. Archived people (0) are not")


def test_one_kept_person_needs(net: Net) -> None:
    net.write("ada", "name: Ada\ncircle: core\ntouches:\n  - date: 2026-11-01\n")
    assert net.run("check").stdout.splitlines()[-1] == (
        "Capacity: 1 person needs about 4 touches a year; 2 a day gives 730."
        " The daily quota keeps everyone within cadence."
    )
