"""The commands people reach for: `abc show`, `abc list`, `abc merge`, `abc unlog`;
the listing and merge rules beneath them, and the lossless edits they make."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import Net, examples
from hypothesis import given
from hypothesis import strategies as st

from abcnet.core.merge import AddEntries, AddText, Conflict, Extend, Fill, Replace, plan_merge
from abcnet.core.model import Contact, Settings, Source, Touch
from abcnet.core.people import Query, listing, standing
from abcnet.core.problems import DataError
from abcnet.formats.edits import (
    add_entries,
    append_text,
    extend_list,
    insert_touch,
    note_beside,
    remove_touch,
)
from abcnet.formats.yamltext import load_text
from abcnet.storage.contacts import check_raw

TODAY = date(2026, 11, 25)

ADA = """
    # Ada: my mentor.
    name: Ada Okafor
    email: ada@example.org   # personal
    phone: "+44 20 7946 0018"
    links:
      linkedin: https://www.linkedin.com/in/ada
    org: Northwind Analytics
    role: Head of Data
    circle: inner
    tags: [data, mentor]
    met:
      date: 2019-06-14
      how: PyData London
    birthday: 1985-03-02
    notes: |
      Two kids, Tobi and Zara.
      Hates LinkedIn DMs; email her.
    touches:
      - date: 2026-09-03
        channel: email
        direction: in
        note: Olga intro went well
      - date: 2026-10-15
        channel: call
        kind: give
        note: Sent the dbt article
"""


@pytest.fixture
def people(net: Net) -> Net:
    net.write("ada", ADA)
    net.write(
        "lucia",
        """
        name: Lucía Herrera
        org: Contoso
        circle: core
        tags: [python]
        touches:
          - date: 2026-08-01
            channel: meeting
        """,
    )
    net.write(
        "kwame",
        """
        name: Kwame Asante
        org: Fabrikam
        snooze_until: 2026-12-15
        touches:
          - date: 2026-01-10
        """,
    )
    net.write("bo", "name: Bo Chen\nrole: Data engineer\n")
    net.write("tom", "name: Tom Baker\narchived: true\n")
    net.write("priya", "name: Priya Natarajan\ncircle: pool\norg: Northwind\n")
    net.write("olga", "name: Olga Petrova\ntouches:\n  - date: 2026-11-01\n    channel: call\n")
    return net


def rt(text: str):
    data, problems = load_text(text, "x.yaml", "rt")
    assert not problems
    return data


def out(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


# --- abc show --------------------------------------------------------------------------


def test_show_gives_the_card_the_status_the_next_day_and_the_history(people):
    assert out(people.run("show", "ada")) == dedent(
        """\
        Ada Okafor
          file:      contacts/ada.yaml
          org:       Northwind Analytics
          role:      Head of Data
          circle:    inner, every 30 days
          email:     ada@example.org
          phone:     +44 20 7946 0018
          links:     linkedin https://www.linkedin.com/in/ada
          tags:      data, mentor
          met:       2019-06-14, PyData London
          birthday:  1985-03-02
          notes:     Two kids, Tobi and Zara.
                     Hates LinkedIn DMs; email her.
          status:    overdue by 11 days (due 2026-11-14)
          next:      2026-11-25 (today)

        Touches (2, newest first):
          2026-10-15  you   call     give      Sent the dbt article
          2026-09-03  they  email    catch-up  Olga intro went well
        """
    )


@pytest.mark.parametrize(
    ("name", "status", "next_line"),
    [
        ("olga", "ok, due 2027-05-02 (in 158 days)", "not planned in the next 28 days"),
        ("kwame", "snoozed until 2026-12-15, due then", "2026-12-15 (in 20 days)"),
        ("priya", "in the pool: imported, not yet kept", "never planned while in the pool"),
        ("tom", "archived: kept on file, no reminders", "never planned while archived"),
        ("bo", "never contacted: due now", "2026-11-26 (in 1 day)"),
    ],
)
def test_show_says_where_each_state_stands(people, name, status, next_line):
    lines = out(people.run("show", name)).splitlines()
    assert [line for line in lines if line.startswith(("  status:", "  next:"))] == [
        f"  status:    {status}",
        f"  next:      {next_line}",
    ]


def test_show_a_snooze_that_ends_before_the_due_date(people):
    people.write(
        "kwame", "name: Kwame Asante\nsnooze_until: 2026-12-01\ntouches:\n  - date: 2026-11-01\n"
    )
    lines = out(people.run("show", "kwame")).splitlines()
    assert lines[2:5] == [
        "  circle:    wide, every 182 days",
        "  status:    snoozed until 2026-12-01; due 2027-05-02",
        "  next:      not planned in the next 28 days",
    ]


def test_show_a_person_with_nothing_but_a_name_and_an_own_cadence(net):
    net.write("zed", "name: Zed\ncadence: 6w\n")
    assert out(net.run("show", "zed")) == (
        "Zed\n"
        "  file:      contacts/zed.yaml\n"
        "  circle:    wide, every 42 days (its own cadence)\n"
        "  status:    never contacted: due now\n"
        "  next:      2026-11-25 (today)\n"
        "\n"
        "Touches: none yet.\n"
    )


def test_show_json(people):
    data = json.loads(out(people.run("show", "ada", "--json")))
    assert data == {
        "slug": "ada",
        "name": "Ada Okafor",
        "path": "contacts/ada.yaml",
        "org": "Northwind Analytics",
        "role": "Head of Data",
        "circle": "inner",
        "cadence_days": 30,
        "own_cadence": False,
        "email": ["ada@example.org"],
        "phone": ["+44 20 7946 0018"],
        "links": {"linkedin": "https://www.linkedin.com/in/ada"},
        "tags": ["data", "mentor"],
        "met": {"date": "2019-06-14", "how": "PyData London"},
        "birthday": "1985-03-02",
        "notes": "Two kids, Tobi and Zara.\nHates LinkedIn DMs; email her.\n",
        "status": "overdue",
        "due": "2026-11-14",
        "snooze_until": None,
        "next_planned": "2026-11-25",
        "horizon_days": 28,
        "touches": [
            {
                "date": "2026-10-15",
                "channel": "call",
                "direction": "out",
                "kind": "give",
                "note": "Sent the dbt article",
            },
            {
                "date": "2026-09-03",
                "channel": "email",
                "direction": "in",
                "kind": "catch-up",
                "note": "Olga intro went well",
            },
        ],
    }
    assert list(data) == list(data.keys())  # the documented order, as printed


def test_show_names_by_prefix_and_lists_candidates_when_ambiguous(people):
    assert out(people.run("show", "Luc")).startswith("Lucía Herrera\n")
    people.write("ada2", "name: Ada Lovelace\n")
    result = people.run("show", "ad")
    assert result.exit_code == 1
    assert result.stderr == (
        "abc: 'ad' matches 2 people; be more specific:\n  Ada Okafor (ada)\n  Ada Lovelace (ada2)\n"
    )


def test_show_says_what_is_wrong_with_the_file(people):
    people.write("bo", "name: Bo Chen\ncadence: often\n")
    result = people.run("show", "bo")
    assert result.exit_code == 0
    assert result.stderr == (
        "contacts/bo.yaml:2: cadence: cannot read cadence 'often'; "
        "write e.g. 45d, 6w, 3m, quarterly or twice-a-year\n"
    )
    assert result.stdout.splitlines()[-3] == "  next:      not planned in the next 28 days"


# --- abc list --------------------------------------------------------------------------


def test_list_hides_the_pool_and_the_archived_by_default(people):
    assert out(people.run("list")) == dedent(
        """\
        NAME           CIRCLE  STATUS    DUE         ORG
        Ada Okafor     inner   overdue   2026-11-14  Northwind Analytics
        Bo Chen        wide    never     2026-11-25
        Kwame Asante   wide    snoozed   2026-12-15  Fabrikam
        Lucía Herrera  core    overdue   2026-10-30  Contoso
        Olga Petrova   wide    ok        2027-05-02

        5 people; 2 more in the pool or archived (--all shows them).
        """
    )


def test_list_all_sorted_by_due_most_overdue_first(people):
    assert out(people.run("list", "--all", "--sort", "due")) == dedent(
        """\
        NAME             CIRCLE  STATUS    DUE         ORG
        Lucía Herrera    core    overdue   2026-10-30  Contoso
        Ada Okafor       inner   overdue   2026-11-14  Northwind Analytics
        Bo Chen          wide    never     2026-11-25
        Kwame Asante     wide    snoozed   2026-12-15  Fabrikam
        Olga Petrova     wide    ok        2027-05-02
        Priya Natarajan  pool    pool      -           Northwind
        Tom Baker        wide    archived  -

        7 people.
        """
    )


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--text", "lucia PYTHON"), ["Lucía Herrera"]),  # every word, folded
        (("--text", "dms"), ["Ada Okafor"]),  # in the notes
        (("--text", "engineer"), ["Bo Chen"]),  # in the role
        (("--org", "north"), ["Ada Okafor"]),
        (("--org", "north", "--all"), ["Ada Okafor", "Priya Natarajan"]),
        (("--org", "contoso", "--org", "fabrikam"), ["Kwame Asante", "Lucía Herrera"]),
        (("--tag", "Data"), ["Ada Okafor"]),
        (("--tag", "data", "--tag", "python"), []),  # every tag
        (("--circle", "inner", "--circle", "core"), ["Ada Okafor", "Lucía Herrera"]),
        (("--circle", "pool"), ["Priya Natarajan"]),  # asking for the pool shows it
        (("--status", "overdue"), ["Ada Okafor", "Lucía Herrera"]),
        (("--status", "pool", "--status", "archived"), ["Priya Natarajan", "Tom Baker"]),
        (("--status", "ok", "--status", "never"), ["Bo Chen", "Olga Petrova"]),
        (("--status", "snoozed"), ["Kwame Asante"]),
    ],
)
def test_list_filters(people, args, names):
    data = json.loads(out(people.run("list", *args, "--json")))
    assert [p["name"] for p in data] == names


def test_list_due_within_a_week(people):
    people.write("olga", "name: Olga Petrova\ncircle: core\ntouches:\n  - date: 2026-09-01\n")
    assert out(people.run("list", "--status", "due")) == (
        "NAME          CIRCLE  STATUS    DUE         ORG\n"
        "Olga Petrova  core    due       2026-11-30\n"
        "\n"
        "1 person.\n"
    )


def test_list_nobody(people):
    assert out(people.run("list", "--text", "nothing like it")) == "Nobody matches.\n"
    assert out(people.run("list", "--org", "northwind")) == (
        "NAME        CIRCLE  STATUS    DUE         ORG\n"
        "Ada Okafor  inner   overdue   2026-11-14  Northwind Analytics\n"
        "\n"
        "1 person; 1 more in the pool or archived (--all shows them).\n"
    )
    assert out(net_empty(people).run("list")) == "Nobody matches.\n"


def net_empty(net: Net) -> Net:
    for path in net.contacts.iterdir():
        path.unlink()
    return net


def test_list_json(people):
    data = json.loads(out(people.run("list", "--all", "--status", "snoozed", "--json")))
    assert data == [
        {
            "slug": "kwame",
            "name": "Kwame Asante",
            "path": "contacts/kwame.yaml",
            "circle": "wide",
            "status": "snoozed",
            "due": "2026-12-15",
            "last_touch": "2026-01-10",
            "org": "Fabrikam",
            "tags": [],
        }
    ]
    everyone = json.loads(out(people.run("list", "--all", "--json")))
    assert {p["slug"]: (p["status"], p["due"]) for p in everyone} == {
        "ada": ("overdue", "2026-11-14"),
        "bo": ("never", "2026-11-25"),
        "kwame": ("snoozed", "2026-12-15"),
        "lucia": ("overdue", "2026-10-30"),
        "olga": ("ok", "2027-05-02"),
        "priya": ("pool", None),
        "tom": ("archived", None),
    }


def test_list_refuses_an_unknown_status(people):
    result = people.run("list", "--status", "due-soon")
    assert result.exit_code == 2
    assert (
        "'due-soon' is not one of 'ok', 'due', 'overdue', 'never', 'pool', 'snoozed', 'archived'"
        in result.stderr
    )


def write_big_network(net: Net, n: int = 1500) -> None:
    """An import of ``n`` connections: three in five still in the pool, the rest kept,
    every other kept person touched some days before today."""
    for i in range(n):
        circle = ("pool", "wide", "pool", "core", "pool")[i % 5]
        lines = [f"name: Person {i:04d}", f"circle: {circle}", f"org: Org {i % 7}"]
        if i % 10 == 1:
            lines.append("tags: [python]")
        if circle != "pool" and i % 2:
            day = TODAY - timedelta(days=i % 400)
            lines += ["touches:", f"  - date: {day}", "    channel: email"]
        (net.contacts / f"person-{i:04d}.yaml").write_text("\n".join(lines) + "\n")


def test_list_a_network_of_1500_imported_connections(net):
    write_big_network(net)
    text = out(net.run("list", "--sort", "due"))
    lines = text.splitlines()
    assert lines[:4] == [
        "NAME         CIRCLE  STATUS    DUE         ORG",
        "Person 0393  core    overdue   2026-01-26  Org 1",  # touched 393 days ago, every 90
        "Person 0793  core    overdue   2026-01-26  Org 2",
        "Person 1193  core    overdue   2026-01-26  Org 3",
    ]
    assert lines[-1] == "600 people; 900 more in the pool or archived (--all shows them)."
    assert len(lines) == 603
    data = json.loads(out(net.run("list", "--all", "--json")))
    assert len(data) == 1500
    counts: dict[str, int] = {}
    for p in data:
        counts[p["status"]] = counts.get(p["status"], 0) + 1
    assert counts == {"pool": 900, "never": 300, "overdue": 188, "ok": 104, "due": 8}
    python = json.loads(out(net.run("list", "--tag", "python", "--org", "org 1", "--json")))
    assert [p["name"] for p in python] == [
        f"Person {i:04d}" for i in range(1500) if i % 10 == 1 and i % 7 == 1
    ]


# --- the listing, pure ----------------------------------------------------------------


def contact(slug: str, **kw) -> Contact:
    return Contact(
        slug=slug, name=kw.pop("name", slug.title()), source=Source(f"contacts/{slug}.yaml"), **kw
    )


def test_standing_of_each_state():
    s = Settings()
    cases = {
        "ok": contact("a", touches=(Touch(date(2026, 11, 1)),)),
        "due": contact("b", circle="inner", touches=(Touch(date(2026, 10, 28)),)),
        "overdue": contact("c", circle="inner", touches=(Touch(date(2026, 10, 1)),)),
        "never": contact("d"),
        "pool": contact("e", circle="pool", touches=(Touch(date(2026, 10, 1)),)),
        "archived": contact("f", archived=True),
        "snoozed": contact("g", snooze_until=date(2027, 1, 1)),
    }
    got = {k: (standing(c, s, TODAY).state, standing(c, s, TODAY).due) for k, c in cases.items()}
    assert got == {
        "ok": ("ok", date(2027, 5, 2)),
        "due": ("due", date(2026, 11, 27)),
        "overdue": ("overdue", date(2026, 10, 31)),
        "never": ("never", TODAY),
        "pool": ("pool", None),
        "archived": ("archived", None),
        "snoozed": ("snoozed", date(2027, 1, 1)),
    }


def test_listing_counts_only_those_the_default_hides():
    people = [contact("a"), contact("b", circle="pool"), contact("c", archived=True)]
    assert listing(people, Settings(), TODAY).hidden == 2
    assert listing(people, Settings(), TODAY, Query(everyone=True)).hidden == 0
    only_pool = listing(people, Settings(), TODAY, Query(circles=("pool",)))
    assert [s.contact.slug for s in only_pool.people] == ["b"]
    assert only_pool.hidden == 0  # c is not in the pool: the filter, not the default, leaves it out
    by_state = listing(people, Settings(), TODAY, Query(states=("never",)))
    assert ([s.contact.slug for s in by_state.people], by_state.hidden) == (["a"], 0)


# --- abc merge -------------------------------------------------------------------------

OTHER = """
    name: Ada O.
    email:
      - ADA@example.org
      - ada@northwind.example.com
    phone: "+442079460018"
    links:
      linkedin: https://linkedin.com/in/ada/
      github: https://github.com/ada
    org: Contoso
    role: Head of Data
    circle: pool
    tags: [Mentor, london]
    met:
      how: Introduced by Olga
    notes: She prefers email.
    touches:
      - date: 2026-09-03
        channel: email
        direction: in
        note: Olga intro went well
      - date: 2026-07-01
        channel: video
        note: Caught up after the summer
      - date: 2026-11-20
        channel: call
        kind: ask
        note: Asked about the CDO role
"""


def test_merge_unites_fills_keeps_conflicts_beside_and_deletes_the_other(people):
    people.write("ada-o", OTHER)
    result = people.run("merge", "ada", "ada-o")
    assert out(result) == dedent(
        """\
        Merged contacts/ada-o.yaml into contacts/ada.yaml:
          touches: 2 added, 1 already there
          added to email: ada@northwind.example.com
          added to links: github
          added to tags: london
          notes: those of contacts/ada-o.yaml added at the end
          to resolve: name, org, met.how (see the "# abc merge" comments in contacts/ada.yaml)
        Deleted contacts/ada-o.yaml.
        """
    )
    assert result.stderr == ""
    assert not (people.contacts / "ada-o.yaml").exists()
    assert people.read("ada") == dedent(
        """\
        # Ada: my mentor.
        name: Ada Okafor  # abc merge: other file said "Ada O."
        email:
          - ada@example.org   # personal
          - ada@northwind.example.com
        phone: "+44 20 7946 0018"
        links:
          linkedin: https://www.linkedin.com/in/ada
          github: https://github.com/ada
        org: Northwind Analytics  # abc merge: other file said "Contoso"
        role: Head of Data
        circle: inner
        tags: [data, mentor, london]
        met:
          date: 2019-06-14
          how: PyData London  # abc merge: other file said "Introduced by Olga"
        birthday: 1985-03-02
        notes: |
          Two kids, Tobi and Zara.
          Hates LinkedIn DMs; email her.

          (abc merge: from contacts/ada-o.yaml)
          She prefers email.
        touches:
          - date: 2026-07-01
            channel: video
            note: Caught up after the summer
          - date: 2026-09-03
            channel: email
            direction: in
            note: Olga intro went well
          - date: 2026-10-15
            channel: call
            kind: give
            note: Sent the dbt article
          - date: 2026-11-20
            channel: call
            kind: ask
            note: Asked about the CDO role
        """
    )
    check = people.run("check")
    assert (check.exit_code, check.stderr) == (0, "All 7 contact files are valid.\n")


def test_merge_a_kept_person_into_an_import_takes_the_circle_and_fills_what_is_missing(net):
    net.write(
        "ada-import",
        """
        name: Ada Okafor
        links:
          linkedin: https://www.linkedin.com/in/ada
        org: Northwind
        circle: pool   # imported from LinkedIn
        met:
          date: 2019-06-14
          how: Connected on LinkedIn
        """,
    )
    net.write("ada", ADA)
    assert out(net.run("merge", "ada-import", "ada")) == dedent(
        """\
        Merged contacts/ada.yaml into contacts/ada-import.yaml:
          touches: 2 added, 0 already there
          filled: email, phone, role, tags, birthday, notes
          circle: pool → inner
          to resolve: org, met.how (see the "# abc merge" comments in contacts/ada-import.yaml)
        Deleted contacts/ada.yaml.
        """
    )
    assert net.read("ada-import") == dedent(
        """\
        name: Ada Okafor
        email: ada@example.org
        phone: +44 20 7946 0018
        links:
          linkedin: https://www.linkedin.com/in/ada
        org: Northwind  # abc merge: other file said "Northwind Analytics"
        role: Head of Data
        circle: inner   # imported from LinkedIn
        tags:
          - data
          - mentor
        met:
          date: 2019-06-14
          how: Connected on LinkedIn  # abc merge: other file said "PyData London"
        birthday: 1985-03-02
        notes: |
          Two kids, Tobi and Zara.
          Hates LinkedIn DMs; email her.
        touches:
          - date: 2026-09-03
            channel: email
            direction: in
            note: Olga intro went well
          - date: 2026-10-15
            channel: call
            kind: give
            note: Sent the dbt article
        """
    )


def test_merge_of_a_subset_changes_nothing_in_keep_and_deletes_other(people):
    people.write("ada-copy", "name: Ada Okafor\nemail: ADA@example.org\ncircle: pool\n")
    before = people.read("ada")
    assert out(people.run("merge", "ada", "ada-copy")) == (
        "Merged contacts/ada-copy.yaml into contacts/ada.yaml:\n"
        "  touches: 0 added, 0 already there\n"
        "Deleted contacts/ada-copy.yaml.\n"
    )
    assert people.read("ada") == before
    assert not (people.contacts / "ada-copy.yaml").exists()


def test_merge_says_an_archived_difference_and_keeps_keeps_state(people):
    people.write("tom2", "name: Tom Baker\norg: Fabrikam\n")
    assert out(people.run("merge", "tom2", "tom")).splitlines() == [
        "Merged contacts/tom.yaml into contacts/tom2.yaml:",
        "  touches: 0 added, 0 already there",
        "  archived: contacts/tom.yaml was archived and contacts/tom2.yaml is not; "
        "contacts/tom2.yaml stays as it is",
        "Deleted contacts/tom.yaml.",
    ]
    assert people.read("tom2") == "name: Tom Baker\norg: Fabrikam\n"


def test_merge_refuses_when_either_file_has_problems(people):
    people.write("ada-o", "name: Ada O.\ncadence: often\n")
    before = {p.name: p.read_bytes() for p in people.contacts.iterdir()}
    for args in (("ada", "ada-o"), ("ada-o", "ada")):
        result = people.run("merge", *args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == (
            "contacts/ada-o.yaml:2: cadence: cannot read cadence 'often'; "
            "write e.g. 45d, 6w, 3m, quarterly or twice-a-year\n"
            "abc: contacts/ada-o.yaml has problems; fix them first (nothing was changed)\n"
        )
    assert {p.name: p.read_bytes() for p in people.contacts.iterdir()} == before


def test_merge_refuses_one_file_twice(people):
    result = people.run("merge", "ada", "Ada Okafor")
    assert result.exit_code == 2
    assert (
        result.stderr == "abc: 'ada' and 'Ada Okafor' are both contacts/ada.yaml; name two files\n"
    )


def test_merge_refuses_a_link_to_the_other_file(people):
    (people.contacts / "ada-link.yaml").symlink_to("ada.yaml")
    result = people.run("merge", "ada-link", "ada")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "abc: 'ada-link' and 'ada' are both contacts/ada-link.yaml; name two files\n"
    )
    assert (people.contacts / "ada.yaml").exists()


def test_merge_writes_keep_before_deleting_other(people, monkeypatch):
    """A crash (here: the delete fails) after KEEP is written leaves both files."""
    from abcnet.storage import atomic

    people.write("ada-o", OTHER)

    def fail(root, path, *, outcome):
        raise atomic.write_error(
            PermissionError(13, "Permission denied"),
            "contacts/ada-o.yaml",
            outcome=outcome,
            action="delete",
        )

    from abcnet.storage import merging

    monkeypatch.setattr(merging, "delete_contact", fail)
    result = people.run("merge", "ada", "ada-o")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: cannot delete contacts/ada-o.yaml: permission denied; "
        "contacts/ada.yaml has all it held; delete it by hand (check the folder's permissions)\n"
    )
    assert "github: https://github.com/ada" in people.read("ada")
    assert people.read("ada-o") == dedent(OTHER).lstrip("\n")


def test_merge_that_would_break_keep_changes_nothing(people, monkeypatch):
    """Each edit is verified; one that cannot be made refuses the whole merge."""
    people.write(
        "ada", ADA.replace("    tags: [data, mentor]\n", "    tags: [data,\n      mentor]\n")
    )
    people.write("ada-o", OTHER)
    before = people.read("ada")
    result = people.run("merge", "ada", "ada-o")
    assert result.exit_code == 1
    assert result.stderr == "abc: tags spans several lines; edit it by hand. Nothing was changed.\n"
    assert people.read("ada") == before
    assert (people.contacts / "ada-o.yaml").exists()


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def test_merge_commit_takes_both_files(people, monkeypatch):
    for k in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{k}_NAME", "T")
        monkeypatch.setenv(f"GIT_{k}_EMAIL", "t@example.org")
    people.write("ada-o", OTHER)
    _git(people.root, "init", "-q")
    _git(people.root, "add", "-A")
    _git(people.root, "commit", "-qm", "start")
    result = people.run("merge", "ada", "ada-o", "--commit")
    assert out(result).endswith(
        "Deleted contacts/ada-o.yaml.\nCommitted: Merge contacts/ada-o.yaml into contacts/ada.yaml\n"
    )
    shown = _git(people.root, "show", "--name-status", "--format=%s", "HEAD")
    assert shown == (
        "Merge contacts/ada-o.yaml into contacts/ada.yaml\n"
        "\n"
        "D\tcontacts/ada-o.yaml\n"
        "M\tcontacts/ada.yaml\n"
    )
    assert _git(people.root, "status", "--porcelain") == ""


# --- the merge rules, pure ------------------------------------------------------------


def parsed(text: str, slug: str):
    loaded, data = check_raw(
        dedent(text).lstrip("\n").encode(), f"contacts/{slug}.yaml", slug, TODAY
    )
    assert not loaded.problems, loaded.problems
    return loaded.contact, data


def test_plan_merge_rules():
    keep, keep_data = parsed(ADA, "ada")
    other, other_data = parsed(OTHER, "ada-o")
    plan = plan_merge(keep, other, keep_data, other_data, region="GB")
    assert [s for s in plan.steps if not hasattr(s, "touch")] == [
        Conflict("name", None, "Ada O."),
        Extend("email", ("ada@northwind.example.com",)),  # ADA@example.org is ada@example.org
        # the phone is the same number; the LinkedIn URL the same address
        AddEntries("links", (("github", "https://github.com/ada"),)),
        Conflict("org", None, "Contoso"),
        Extend("tags", ("london",)),  # Mentor is mentor
        Conflict("met", "how", "Introduced by Olga"),
        AddText("notes", "(abc merge: from contacts/ada-o.yaml)\nShe prefers email."),
    ]
    assert plan.same_touches == 1


def test_plan_merge_keeps_a_kept_circle_and_a_link_under_another_label():
    keep, keep_data = parsed("name: A\ncircle: core\nlinks:\n  site: https://a.example\n", "a")
    other, other_data = parsed(
        "name: A\ncircle: inner\nlinks:\n  website: https://a.example/\n  site: https://b.example\n"
        "cadence: 6w\nsnooze_until: 2027-01-01\nbirthday: '03-02'\n",
        "b",
    )
    plan = plan_merge(keep, other, keep_data, other_data, region="GB")
    assert plan.steps == (
        Conflict("links", "site", "https://b.example"),
        Conflict("circle", None, "inner"),
        Fill("cadence", "6w"),
        Fill("birthday", "03-02"),
        Fill("snooze_until", date(2027, 1, 1)),
    )
    pool, pool_data = parsed("name: A\ncircle: pool\n", "c")
    assert plan_merge(pool, other, pool_data, other_data, region="GB").steps[1] == Replace(
        "circle", "inner"
    )
    assert plan_merge(other, pool, other_data, pool_data, region="GB").steps == ()


def test_the_merged_text_of_a_flow_mapping_and_a_field_on_several_lines(net):
    net.write(
        "keep",
        """
        name: A
        org: >
          Northwind
          Analytics
        met: {date: 2019-06-14}   # {flow}
        notes: Short.  # kept
        """,
    )
    net.write(
        "other", "name: A\norg: Contoso\nmet:\n  date: 2019-06-15\n  how: PyData\nnotes: Long.\n"
    )
    assert out(net.run("merge", "keep", "other")).splitlines()[1:-1] == [
        "  touches: 0 added, 0 already there",
        "  added to met: how",
        "  notes: those of contacts/other.yaml added at the end",
        '  to resolve: org, met.date (see the "# abc merge" comments in contacts/keep.yaml)',
    ]
    assert net.read("keep") == dedent(
        """\
        name: A
        # abc merge: other file said org: "Contoso"
        org: >
          Northwind
          Analytics
        met: {date: 2019-06-14, how: PyData}   # {flow}  # abc merge: other file said met.date: "2019-06-15"
        notes: |  # kept
          Short.

          (abc merge: from contacts/other.yaml)
          Long.
        """
    )


# --- abc unlog -------------------------------------------------------------------------


def test_unlog_shows_the_touch_asks_and_removes_it(people):
    before = people.read("ada")
    assert out(people.run("log", "ada", "-c", "call", "-k", "give", "-m", "Sent the article"))
    result = people.run("unlog", "ada", stdin="n\n")
    assert out(result) == (
        'Remove the touch of 2026-11-25 (call, give: "Sent the article") from contacts/ada.yaml? '
        "[y/N]: n\nNothing was changed.\n"
    )
    result = people.run("unlog", "ada", stdin="y\n")
    assert out(result) == (
        'Remove the touch of 2026-11-25 (call, give: "Sent the article") from contacts/ada.yaml? '
        "[y/N]: y\n"
        'Removed the touch of 2026-11-25 (call, give: "Sent the article") from contacts/ada.yaml.\n'
    )
    assert people.read("ada") == before


def test_unlog_goes_back_one_touch_at_a_time_then_says_there_is_none(people):
    before = people.read("ada")
    people.run("log", "ada", "-c", "email", "-m", "first")
    people.run("log", "bo", "-m", "bo's")
    people.run("log", "ada", "-d", "in", "--date", "2026-11-24")
    assert out(people.run("unlog", "ada", "--yes")) == (
        "Removed the touch of 2026-11-24 (they reached out, catch-up) from contacts/ada.yaml.\n"
    )
    assert out(people.run("unlog", "ada", "-y")) == (
        'Removed the touch of 2026-11-25 (email, catch-up: "first") from contacts/ada.yaml.\n'
    )
    assert people.read("ada") == before
    result = people.run("unlog", "ada", "-y")
    assert result.exit_code == 1
    assert result.stderr == (
        "abc: no touch abc logged for Ada Okafor is left to take back in contacts/ada.yaml: "
        "abc knows only what abc log added since .abc-cache/ was made. Nothing was changed\n"
    )
    assert people.read("ada") == before
    assert out(people.run("unlog", "bo", "-y")) == (
        'Removed the touch of 2026-11-25 (catch-up: "bo\'s") from contacts/bo.yaml.\n'
    )
    assert people.read("bo") == "name: Bo Chen\nrole: Data engineer\ntouches: []\n"


def test_unlog_never_removes_a_touch_written_by_hand(people):
    before = people.read("ada")
    result = people.run("unlog", "ada", "--yes")
    assert result.exit_code == 1
    assert "no touch abc logged for Ada Okafor" in result.stderr
    assert people.read("ada") == before


def test_unlog_after_the_touch_was_edited_by_hand_changes_nothing(people):
    people.run("log", "ada", "-c", "call", "-m", "Lunch")
    edited = people.read("ada").replace("note: Lunch", "note: Lunch at the Barbican")
    (people.contacts / "ada.yaml").write_text(edited)
    result = people.run("unlog", "ada", "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        'abc: the touch of 2026-11-25 (call, catch-up: "Lunch"), which abc logged, is no longer '
        "in contacts/ada.yaml as abc wrote it; nothing was changed\n"
    )
    assert people.read("ada") == edited


def test_unlog_without_the_journal_changes_nothing(people):
    import shutil

    people.run("log", "ada", "-c", "call")
    shutil.rmtree(people.root / ".abc-cache")
    logged = people.read("ada")
    result = people.run("unlog", "ada", "--yes")
    assert result.exit_code == 1
    assert result.stderr.startswith("abc: no touch abc logged for Ada Okafor is left to take back")
    assert people.read("ada") == logged


def test_unlog_with_the_same_touch_also_written_by_hand(people):
    """Two equal touches: abc's is the one where abc log put it; if one of them is gone,
    abc cannot tell whose, and removes nothing."""
    people.write("bo", "name: Bo Chen\ntouches:\n  - date: 2026-11-25\n    channel: call\n")
    people.run("log", "bo", "-c", "call")
    assert people.read("bo").endswith(
        "  - date: 2026-11-25\n    channel: call\n  - date: 2026-11-25\n    channel: call\n"
    )
    (people.contacts / "bo.yaml").write_text(
        "name: Bo Chen  # edited\ntouches:\n  - date: 2026-11-25\n    channel: call\n"
    )
    result = people.run("unlog", "bo", "-y")
    assert result.exit_code == 1
    assert "is no longer in contacts/bo.yaml" in result.stderr
    assert (
        people.read("bo")
        == "name: Bo Chen  # edited\ntouches:\n  - date: 2026-11-25\n    channel: call\n"
    )


def test_unlog_in_a_newest_first_file_removes_the_top_touch(net):
    text = dedent(
        """\
        name: Ada
        touches:
          # newest first
          - date: 2026-11-01
            note: b
          - date: 2026-10-01
            note: a
        """
    )
    net.write("ada", text)
    net.run("log", "ada", "-m", "c")
    assert net.read("ada").startswith(
        "name: Ada\ntouches:\n  # newest first\n  - date: 2026-11-25\n"
    )
    assert out(net.run("unlog", "ada", "-y")) == (
        'Removed the touch of 2026-11-25 (catch-up: "c") from contacts/ada.yaml.\n'
    )
    assert net.read("ada") == text


def test_merge_forgets_what_abc_logged_in_the_file_it_deletes(people):
    people.write("ada-o", OTHER)
    people.run("log", "ada-o", "-c", "call", "-m", "wrong file")
    assert out(people.run("merge", "ada", "ada-o")).startswith("Merged")
    people.write(
        "ada-o",
        "name: Ada O.\ntouches:\n  - date: 2026-11-25\n    channel: call\n    note: wrong file\n",
    )
    result = people.run("unlog", "ada-o", "-y")
    assert result.exit_code == 1
    assert "no touch abc logged for Ada O." in result.stderr


def test_unlog_commit(people, monkeypatch):
    for k in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{k}_NAME", "T")
        monkeypatch.setenv(f"GIT_{k}_EMAIL", "t@example.org")
    _git(people.root, "init", "-q")
    people.run("log", "ada", "-c", "call")
    _git(people.root, "add", "-A")
    _git(people.root, "commit", "-qm", "start")
    assert out(people.run("unlog", "ada", "-y", "--commit")).endswith(
        "Committed: Unlog the touch of 2026-11-25 (call, catch-up) with Ada Okafor\n"
    )
    assert _git(people.root, "status", "--porcelain") == ""


# --- the lossless edits beneath them --------------------------------------------------


def test_insert_touch_goes_in_date_order_before_the_comment_of_the_next():
    text = dedent(
        """\
        name: A
        touches:
          - date: 2026-01-01
          # went quiet
          - date: 2026-09-01   # back
        tags: [x]
        """
    )
    new = insert_touch(text, rt(text), {"date": date(2026, 5, 1), "channel": "call", "note": None})
    assert new == text.replace(
        "  # went quiet\n", "  - date: 2026-05-01\n    channel: call\n  # went quiet\n"
    )
    last = insert_touch(text, rt(text), {"date": date(2026, 10, 1)})
    assert last == text.replace("   # back\n", "   # back\n  - date: 2026-10-01\n")
    first = insert_touch(text, rt(text), {"date": date(2025, 1, 1)})
    assert first == text.replace("touches:\n", "touches:\n  - date: 2025-01-01\n")


def test_extend_list_in_each_style():
    one = "email: a@x.org   # work\nname: A\n"
    assert extend_list(one, rt(one), "email", ["b@x.org"]) == (
        "email:\n  - a@x.org   # work\n  - b@x.org\nname: A\n"
    )
    flow = "name: A\ntags: [a, b]  # see [notes]\n"
    assert (
        extend_list(flow, rt(flow), "tags", ["c d"])
        == "name: A\ntags: [a, b, c d]  # see [notes]\n"
    )
    block = "name: A\ntags:\n    -   a\n    # - old\nnotes: x\n"
    assert (
        extend_list(block, rt(block), "tags", ["b"])
        == "name: A\ntags:\n    -   a\n    -   b\n    # - old\nnotes: x\n"
    )
    none = "name: A\ntags: []   # none yet\n"
    assert extend_list(none, rt(none), "tags", ["a"]) == "name: A\ntags:   # none yet\n  - a\n"


def test_add_entries_and_note_beside():
    text = "name: A\nlinks:\n    site: https://a.example   # mine\nmet: {how: 'x, y'}\n"
    data = rt(text)
    assert add_entries(text, data, "links", {"github": "https://github.com/a"}) == text.replace(
        "# mine\n", "# mine\n    github: https://github.com/a\n"
    )
    assert add_entries(text, data, "met", {"date": date(2020, 1, 2)}) == text.replace(
        "'x, y'}", "'x, y', date: 2020-01-02}"
    )
    beside = note_beside(text, data, "links", "site", "said", "named")
    assert beside == text.replace("# mine\n", "# mine  # said\n")
    assert note_beside(text, data, "met", "how", "said", "named") == text.replace(
        "y'}\n", "y'}  # named\n"
    )
    with pytest.raises(DataError):
        add_entries(text, data, "links", {"site": "https://b.example"})


def test_append_text_to_a_block_keeps_its_chomping():
    text = "name: A\nnotes: |+\n    one\n\n# end\n"
    assert (
        append_text(text, rt(text), "notes", "two")
        == "name: A\nnotes: |+\n    one\n\n    two\n\n# end\n"
    )


def test_remove_touch_keeps_the_comments_around_it():
    text = dedent(
        """\
        name: A
        touches:  # all of them
          # the first
          - date: 2026-01-01
            note: x   # hm
          # the second
          - date: 2026-02-01
        """
    )
    assert remove_touch(text, rt(text), 0) == text.replace(
        "  - date: 2026-01-01\n    note: x   # hm\n", ""
    )
    assert remove_touch(text, rt(text), 1) == text.replace("  - date: 2026-02-01\n", "")
    one = "name: A\ntouches:   # mine\n  - date: 2026-01-01\n"
    assert remove_touch(one, rt(one), 0) == "name: A\ntouches: []  # mine\n"
    with pytest.raises(DataError):
        remove_touch(one, rt(one), 1)


_names = st.sampled_from(["Ada", "Ada Okafor", "Bo"])
_orgs = st.sampled_from([None, "Northwind", "Contoso"])
_tags = st.lists(st.sampled_from(["data", "Data", "python", "mentor"]), max_size=3, unique=True)
_touches = st.lists(
    st.tuples(
        st.dates(date(2025, 1, 1), TODAY),
        st.sampled_from([None, "call", "email"]),
        st.sampled_from(["out", "in"]),
        st.sampled_from([None, "x", "note: with a colon"]),
    ),
    max_size=4,
)


def _file(name: str, org: str | None, tags: list[str], touches: list, comment: bool) -> str:
    lines = [f"name: {name}" + ("  # who" if comment else "")]
    if org:
        lines.append(f"org: {org}" + ("   # where" if comment else ""))
    if tags:
        lines += ["tags:", *[f"  - {t}" for t in tags]]
    if touches:
        lines.append("touches:")
        for day, channel, direction, note in touches:
            lines.append(f"  - date: {day}")
            if channel:
                lines.append(f"    channel: {channel}")
            if direction == "in":
                lines.append("    direction: in")
            if note:
                lines.append(f'    note: "{note}"')
            if comment:
                lines.append("    # said")
    return "\n".join(lines) + "\n"


@given(_names, _orgs, _tags, _touches, _names, _orgs, _tags, _touches)
@examples(200)
def test_a_merge_keeps_every_line_of_keep_and_unites_the_touches(n1, o1, t1, x1, n2, o2, t2, x2):
    from abcnet.core.merge import touch_key
    from abcnet.formats.edits import apply_merge

    keep_text = _file(n1, o1, t1, x1, comment=True)
    other_text = _file(n2, o2, t2, x2, comment=False)
    keep, keep_data = parsed(keep_text, "keep")
    other, other_data = parsed(other_text, "other")
    merged = apply_merge(
        keep_text, plan_merge(keep, other, keep_data, other_data, region="GB").steps
    )
    result, _ = parsed(merged, "keep")
    old = keep_text.splitlines()
    new = iter(merged.splitlines())
    for line in old:  # every line of KEEP is there, in order, extended at most by a comment
        assert any(n.startswith(line) for n in new), (line, merged)
    mine, theirs = {touch_key(t) for t in keep.touches}, {touch_key(t) for t in other.touches}
    assert {touch_key(t) for t in result.touches} == mine | theirs
    assert len(result.touches) == len(keep.touches) + len(theirs - mine)
    assert (result.name, result.org) == (keep.name, keep.org or other.org)


def test_a_file_name_wins_over_a_name_so_two_files_of_one_name_can_be_merged(net):
    net.write("flo", "name: Flo\ntouches:\n  - date: 2026-01-01\n")
    net.write("flo2", "name: Flo\ntouches:\n  - date: 2025-01-01\n")
    assert out(net.run("merge", "flo", "flo2")) == (
        "Merged contacts/flo2.yaml into contacts/flo.yaml:\n"
        "  touches: 1 added, 0 already there\n"
        "Deleted contacts/flo2.yaml.\n"
    )
    assert net.read("flo") == "name: Flo\ntouches:\n  - date: 2025-01-01\n  - date: 2026-01-01\n"
    net.write("flo2", "name: Flo\n")
    result = net.run("show", "Fl")
    assert result.exit_code == 1
    assert result.stderr == (
        "abc: 'Fl' matches 2 people; say which by the file name in brackets:\n"
        "  Flo (flo): no work, email or web address in the file\n"
        "  Flo (flo2): no work, email or web address in the file\n"
    )
