"""Issue 25, the first month as a new user lives it: each trap reproduced as the user met it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import Net

from abcnet.cli import cli
from abcnet.core.problems import NoNetworkError
from abcnet.storage.layout import find_root


def invoke(*args: str, today: str = "2026-11-25", stdin: str | None = None) -> Result:
    env = {"NO_COLOR": "1", "ABC_TODAY": today}
    return CliRunner().invoke(cli, list(args), env=env, input=stdin)


# 1. The wrong network -------------------------------------------------------------------


def test_an_emptied_network_is_still_the_network(tmp_path: Path) -> None:
    """The last contact removed (git removes the empty contacts/ too), abc add writes into
    this network, not into a contacts/ in a folder above it."""
    (tmp_path / "contacts").mkdir()  # the clone's demo, say
    net = tmp_path / "net"
    net.mkdir()
    (net / "abc.yaml").write_text("timezone: UTC\n", encoding="utf-8")
    result = invoke("-C", str(net), "add", "X Y")
    assert result.exit_code == 0, result.output
    assert result.output == "Added X Y: contacts/x-y.yaml\n"
    assert (net / "contacts" / "x-y.yaml").is_file()
    assert list((tmp_path / "contacts").iterdir()) == []
    assert invoke("-C", str(net), "check").exit_code == 0


def test_a_write_found_above_names_the_network(tmp_path: Path) -> None:
    (tmp_path / "contacts").mkdir()
    sub = tmp_path / "notes"
    sub.mkdir()
    result = invoke("-C", str(sub), "add", "X Y")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Added X Y: contacts/x-y.yaml\n"
    assert result.stderr == f"abc: wrote in the network at {tmp_path}, above this folder\n"
    # Reading names no network: nothing was written.
    assert invoke("-C", str(sub), "list").stderr == ""


def test_the_walk_up_stops_at_a_ceiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "contacts").mkdir()
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_root(deep, ceiling="") == tmp_path
    assert find_root(deep, ceiling=f"relative{os.pathsep}{tmp_path / 'b'}") == tmp_path
    with pytest.raises(NoNetworkError):
        find_root(deep, ceiling=f"relative{os.pathsep}{tmp_path / 'a'}")
    assert find_root(tmp_path, ceiling=str(tmp_path)) == tmp_path  # the start is looked at
    monkeypatch.setenv("ABC_CEILING_DIRECTORIES", str(tmp_path))
    result = invoke("-C", str(deep), "check")
    assert result.exit_code == 2
    assert result.stderr == (
        f"abc: no network (a folder with abc.yaml or contacts/) in {deep} or above it; "
        "run abc inside your network, pass -C DIR, or start one with abc init\n"
    )


# 2. abc add --met and its date ------------------------------------------------------------


def test_a_meeting_named_by_its_year_is_not_dated_today(net: Net) -> None:
    result = net.run("add", "Kim Lee", "--met", "Lisbon Web Summit 2025")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Added Kim Lee: contacts/kim-lee.yaml\n"
        "  met.date left out: 'Lisbon Web Summit 2025' names no single day; "
        "add it to the file, or use --met-date\n"
    )
    assert net.read("kim-lee").endswith("name: Kim Lee\nmet:\n  how: Lisbon Web Summit 2025\n")


@pytest.mark.parametrize(
    ("typed", "extra", "met"),
    [
        ("Lisbon Web Summit 2025", ["--met-date", "2025-11-12"], "  date: 2025-11-12\n"),
        ("Web Summit, 12 Nov 2025", [], "  date: 2025-11-12\n"),
        ("Web Summit 13/11/2025", [], "  date: 2025-11-13\n"),
        ("coffee after the meetup", [], "  date: 2026-11-25\n"),
    ],
)
def test_the_meeting_date_comes_from_met_date_or_an_unambiguous_date(
    net: Net, typed: str, extra: list[str], met: str
) -> None:
    result = net.run("add", "Kim Lee", "--met", typed, *extra)
    assert result.output == "Added Kim Lee: contacts/kim-lee.yaml\n"
    assert net.read("kim-lee").endswith(f"met:\n{met}  how: {typed}\n")


def test_add_takes_a_birthday_circle_phone_and_linkedin(net: Net) -> None:
    result = net.run(
        "add", "Kim Lee", "--birthday", "12-10", "--circle", "core", "--phone", "+44 20 7946 0000",
        "--linkedin", "linkedin.com/in/kimlee", "--met-date", "2025-06-01",
    )  # fmt: skip
    assert result.output == "Added Kim Lee: contacts/kim-lee.yaml\n"
    assert net.read("kim-lee").endswith(
        "name: Kim Lee\n"
        "phone: +44 20 7946 0000\n"
        "links:\n  linkedin: https://www.linkedin.com/in/kimlee\n"
        "circle: core\n"
        "met:\n  date: 2025-06-01\n"
        'birthday: "12-10"\n'
    )
    assert net.run("check").exit_code == 0
    bad = net.run("add", "Kim Two", "--birthday", "31-12")
    assert bad.exit_code == 2
    assert "--birthday '31-12' is not a birthday; write YYYY-MM-DD or MM-DD" in bad.output


# 4. Namesakes -------------------------------------------------------------------------------


def test_add_new_adds_a_namesake_beside_the_first(net: Net) -> None:
    net.write("tom-baker", "name: Tom Baker\norg: Contoso\n")
    refused = net.run("add", "Tom Baker")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "abc: Tom Baker is a possible duplicate of contacts/tom-baker.yaml (same name, no "
        "shared email, URL or phone); nothing was written (edit that file; or, if this is "
        "someone else of the same name, add them with --new)\n"
    )
    result = net.run("add", "Tom Baker", "--new", "--org", "Fabrikam")
    assert result.output == "Added Tom Baker: contacts/tom-baker-2.yaml\n"
    assert net.run("add", "Tom Baker", "--new").output == (
        "Added Tom Baker: contacts/tom-baker-3.yaml\n"
    )


def test_show_and_keep_of_a_shared_name_list_what_tells_them_apart(net: Net) -> None:
    net.write("tom-baker", "name: Tom Baker\norg: Contoso\nemail: tom@contoso.example\n")
    net.write("tom-baker-2", "name: Tom Baker\nrole: CTO\norg: Fabrikam\nlinks:\n"
              "  linkedin: https://www.linkedin.com/in/tombaker\n")  # fmt: skip
    net.write("tom-baker-3", "name: Tom Baker\n")
    listed = (
        "abc: 'Tom Baker' matches 3 people; say which by the file name in brackets:\n"
        "  Tom Baker (tom-baker): Contoso · tom@contoso.example\n"
        "  Tom Baker (tom-baker-2): CTO at Fabrikam · https://www.linkedin.com/in/tombaker\n"
        "  Tom Baker (tom-baker-3): no work, email or web address in the file\n"
    )
    for args in (["show", "Tom Baker"], ["keep", "Tom Baker", "--circle", "core"]):
        result = net.run(*args)
        assert (result.exit_code, result.stderr) == (1, listed)
    assert net.run("keep", "tom-baker-2", "--circle", "core").exit_code == 0


def test_two_files_of_one_slug_are_listed_by_their_paths(net: Net) -> None:
    net.write("tom-baker", "name: Tom Baker\n")
    (net.contacts / "tom-baker.yml").write_text("name: Tom Baker\n", encoding="utf-8")
    result = net.run("show", "Tom Baker")
    assert result.stderr == (
        "abc: 'Tom Baker' matches 2 people; say which by the file name in brackets:\n"
        "  Tom Baker (contacts/tom-baker.yaml): no work, email or web address in the file\n"
        "  Tom Baker (contacts/tom-baker.yml): no work, email or web address in the file\n"
    )


# 5. Birthdays in the daily practice ---------------------------------------------------------


def test_a_due_person_is_planned_on_their_birthday_and_today_names_every_birthday(
    net: Net,
) -> None:
    # Ana is due on 11 Dec, her birthday the day before; Ben was reached last week, and
    # today is his birthday.
    net.write("ana-ruiz", 'name: Ana Ruiz\ncircle: inner\nbirthday: "12-10"\n'
              "touches:\n  - date: 2026-11-11\n")  # fmt: skip
    net.write("ben-ode", 'name: Ben Ode\ncircle: inner\nbirthday: "11-25"\n'
              "email: ben@example.org\ntouches:\n  - date: 2026-11-18\n")  # fmt: skip
    planned = net.run("plan", "--days", "17").output.splitlines()
    assert planned[15] == "Thu 2026-12-10  Ana Ruiz (birthday today)"
    assert [line for line in planned if "Ana" in line] == [planned[15]]
    assert net.run("today").output == (
        "Wednesday 25 November 2026: nobody left to reach today.\n"
        "\n"
        "Birthday today: Ben Ode (reach: ben@example.org).\n"
        "\n"
        "Next: 2026-12-03: Ben Ode.\n"
    )
    assert '"birthdays": [\n    "ben-ode"\n  ]' in net.run("today", "--json").output


def test_a_planned_person_whose_birthday_it_is_says_so(net: Net) -> None:
    net.write("cy", 'name: Cy\nbirthday: "11-25"\ntouches:\n  - date: 2025-01-01\n')
    assert net.run("today").output.splitlines()[2] == "1. Cy — overdue by 511 days; birthday today"


# 8. An import does not invent a job ----------------------------------------------------------


def test_an_import_fills_org_and_role_together_and_says_what_it_left_out(
    net: Net, tmp_path: Path
) -> None:
    net.write("ravi-iyer", "name: Ravi Iyer\norg: Infosys\n"
              "links:\n  linkedin: https://www.linkedin.com/in/ravi-iyer-example\n")  # fmt: skip
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ravi,Iyer,https://www.linkedin.com/in/ravi-iyer-example,,Wipro,Head of ML,12 Mar 2024\n",
        encoding="utf-8",
    )
    result = net.run("import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    assert net.read("ravi-iyer").count("role") == 0
    assert (
        "Left out 1 value:\n"
        f"  {export}:2: warning: org: Wipro, Head of ML left out: contacts/ravi-iyer.yaml has "
        "org: Infosys, and org and role are filled together or not at all (edit the file if "
        "they changed jobs)\n"
    ) in result.output


# 12. The small things -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("whatsapp", "Logged message with Ada on 2026-11-25 (contacts/ada.yaml).\n"),
        ("Zoom", "Logged video with Ada on 2026-11-25 (contacts/ada.yaml).\n"),
    ],
)
def test_an_apps_name_is_taken_as_its_channel(net: Net, typed: str, said: str) -> None:
    net.write("ada", "name: Ada\n")
    assert net.run("log", "ada", "-c", typed).output == said


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("phone", "did you mean call? Use"), ("emial", "did you mean email? Use"), ("xyz", "use")],
)
def test_a_channel_that_is_none_says_which_was_meant(net: Net, typed: str, meant: str) -> None:
    net.write("ada", "name: Ada\n")
    result = net.run("log", "ada", "-c", typed)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--channel' / '-c': '{typed}' is not a channel; {meant} "
        "one of email, call, video, meeting, message, social, letter, other."
    )


def test_durations_and_cadences_in_words(net: Net) -> None:
    net.write("ada", "name: Ada\n")
    assert net.run("snooze", "ada", "--for", "2 weeks").output == (
        "Snoozed Ada until 2026-12-09 (contacts/ada.yaml).\n"
    )
    net.settings("cadences:\n  core: 45 days\n  inner: 3 Weeks\n")
    net.write("bo", "name: Bo\ncircle: core\ncadence: 2 months\n")
    net.write("cy", "name: Cy\ncircle: core\n")
    check = net.run("check")
    assert check.stderr == "All 3 contact files are valid.\n"
    # 365/182 for Ada, 365/60 for Bo, 365/45 for Cy
    assert "Capacity: 3 people need about 16 touches a year" in check.stdout


def test_a_touch_in_the_future_leaves_the_person_out_and_check_says_so(net: Net) -> None:
    net.write("ana", "name: Ana\ntouches:\n  - date: 2026-01-01\n  - date: 2026-12-20\n")
    check = net.run("check")
    assert check.stderr == (
        "contacts/ana.yaml:4: touches[1].date: 2026-12-20 is after today (2026-11-25); log "
        "touches once they have happened\n"
        "1 problem in 1 file.\n"
        "Left out of the plan until fixed: contacts/ana.yaml.\n"
    )
    today = net.run("today")
    assert today.stdout == "Wednesday 25 November 2026: nobody left to reach today.\n"
    assert today.stderr == "abc: 1 file has problems (run abc check); left out: contacts/ana.yaml\n"


def test_same_name_rows_in_one_export_are_reported(net: Net, tmp_path: Path) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Tom,Baker,https://www.linkedin.com/in/tom-baker-a,,Contoso,CTO,12 Mar 2024\n"
        "Tom,Baker,https://www.linkedin.com/in/tom-baker-b,,Fabrikam,Chef,12 Mar 2024\n",
        encoding="utf-8",
    )
    result = net.run("import", "linkedin", str(export), "--dry-run")
    assert (
        "Kept apart 1 namesake (a LinkedIn URL, email or phone tells them apart from the file "
        "of that name):\n"
        f"  {export}:3: Tom Baker: contacts/tom-baker-2.yaml, beside contacts/tom-baker.yaml\n"
    ) in result.output


def test_check_finds_a_merge_conflict_left_in_a_file(net: Net) -> None:
    net.write("ana", "name: Ana\n<<<<<<< HEAD\norg: Contoso\n=======\norg: Fabrikam\n"
              ">>>>>>> theirs\n")  # fmt: skip
    net.write("cy", "name: Cy\nnotes: |\n  x\n<<<<<<< HEAD\n  a\n=======\n  b\n>>>>>>> theirs\n")
    net.write("di", "name: Di\nnotes: |\n  =======\n  a line of its own\n")
    result = net.run("check")
    assert result.stderr.splitlines()[:2] == [
        "contacts/ana.yaml:2: an unresolved merge conflict (<<<<<<< here, ======= on line 4, "
        ">>>>>>> on line 6): keep the lines you want, delete the marker lines, then run abc check",
        "contacts/cy.yaml:4: an unresolved merge conflict (<<<<<<< here, ======= on line 6, "
        ">>>>>>> on line 8): keep the lines you want, delete the marker lines, then run abc check",
    ]
    assert result.stderr.splitlines()[2:] == [
        "2 problems in 2 files.",
        "Left out of the plan until fixed: contacts/ana.yaml, contacts/cy.yaml.",
    ]


# 6 and 10. Triage: a possible duplicate, an invalid file, the rest of a file, a big pool ----

TRIAGE_PROMPT = "  i inner · c core · w wide · a archive · s skip · f fields · "


def test_triage_names_a_possible_duplicate_and_merges_it_with_m(net: Net) -> None:
    net.write("tom-baker", "name: Tom Baker\ncircle: core\nemail: tom@contoso.example\n")
    net.write("tom-baker-2", "name: Tom Baker\ncircle: pool\norg: Contoso\n"
              "met:\n  date: 2024-03-12\n  how: Connected on LinkedIn\n")  # fmt: skip
    result = net.run("triage", stdin="m\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Triage: 1 person in the pool, most promising first.\n"
        "\n"
        "[1/1] Tom Baker — Contoso\n"
        "  met:  2024-03-12, Connected on LinkedIn\n"
        "  why:  nothing yet: no email, phone, touch, how you met or tag\n"
        "  possible duplicate of contacts/tom-baker.yaml (same name, no shared email, URL or "
        "phone)\n"
        "  m merges contacts/tom-baker-2.yaml into contacts/tom-baker.yaml\n"
        f"{TRIAGE_PROMPT}m merge · q quit: m\n"
        "  Merged contacts/tom-baker-2.yaml into contacts/tom-baker.yaml:\n"
        "    touches: 0 added, 0 already there\n"
        "    filled: org, met\n"
        "  Deleted contacts/tom-baker-2.yaml.\n"
        "\n"
        "Done: kept 0, archived 0, merged 1, skipped 0; 0 left in the pool.\n"
    )
    assert not (net.contacts / "tom-baker-2.yaml").exists()
    assert net.read("tom-baker") == (
        "name: Tom Baker\ncircle: core\nemail: tom@contoso.example\norg: Contoso\n"
        "met:\n  date: 2024-03-12\n  how: Connected on LinkedIn\n"
    )


def test_on_the_earlier_file_s_card_m_keeps_that_file_and_asks_again(net: Net) -> None:
    net.write("gokhan-yilmaz", "name: Gökhan Yilmaz\ncircle: pool\nemail: g@contoso.example\n")
    net.write("gokhan-yilmaz-2", "name: Gokhan Yilmaz\ncircle: pool\norg: Contoso\n")
    result = net.run("triage", stdin="m\nc\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Triage: 2 people in the pool, most promising first.\n"
        "\n"
        "[1/2] Gökhan Yilmaz\n"
        "  met:  not in the file\n"
        "  why:  has an email\n"
        "  possible duplicate of contacts/gokhan-yilmaz-2.yaml (same name, no shared email, "
        "URL or phone)\n"
        "  m merges contacts/gokhan-yilmaz-2.yaml into contacts/gokhan-yilmaz.yaml\n"
        f"{TRIAGE_PROMPT}m merge · q quit: m\n"
        "  Merged contacts/gokhan-yilmaz-2.yaml into contacts/gokhan-yilmaz.yaml:\n"
        "    touches: 0 added, 0 already there\n"
        "    filled: org\n"
        "  Deleted contacts/gokhan-yilmaz-2.yaml.\n"
        f"{TRIAGE_PROMPT}q quit: c\n"
        "  kept in core (contacts/gokhan-yilmaz.yaml)\n"
        "\n"
        "Done: kept 1 (core 1), archived 0, merged 1, skipped 0; 0 left in the pool.\n"
    )
    assert sorted(p.name for p in net.contacts.iterdir()) == ["gokhan-yilmaz.yaml"]
    assert net.read("gokhan-yilmaz") == (
        "name: Gökhan Yilmaz\ncircle: core\nemail: g@contoso.example\norg: Contoso\n"
    )


def test_after_m_the_f_key_shows_the_file_as_the_merge_left_it(net: Net) -> None:
    """Asked again after the merge, f shows what the kept file holds now: its own email and
    phone, and the tag and notes the other file brought."""
    net.write("gokhan-yilmaz", "name: Gökhan Yilmaz\ncircle: pool\nemail: g@contoso.example\n"
              'phone: "+44 7700 900777"\n')  # fmt: skip
    net.write("gokhan-yilmaz-2", "name: Gokhan Yilmaz\ncircle: pool\ntags: [python]\n"
              "notes: Met at PyCon.\n")  # fmt: skip
    result = net.run("triage", stdin="m\nf\nq\n")
    assert result.exit_code == 0, result.output
    after = result.stdout.split("  Deleted contacts/gokhan-yilmaz-2.yaml.\n", 1)[1]
    assert after == (
        f"{TRIAGE_PROMPT}q quit: f\n"
        "  email: g@contoso.example\n"
        "  phone: +44 7700 900777\n"
        "  tags:  python\n"
        "  notes: Met at PyCon.\n"
        "  file:  contacts/gokhan-yilmaz.yaml\n"
        f"{TRIAGE_PROMPT}q quit: q\n"
        "\n"
        "Done: kept 0, archived 0, merged 1, skipped 0; 1 left in the pool.\n"
    )


def test_a_file_merged_into_later_in_the_queue_has_its_card_and_fields_as_merged(
    net: Net,
) -> None:
    """The more promising second file comes first and is merged into the earlier one; when
    the queue reaches that one, its card's reasons and f count what the merge brought."""
    net.write("gokhan-yilmaz", "name: Gökhan Yilmaz\ncircle: pool\nemail: g@contoso.example\n")
    net.write("gokhan-yilmaz-2", "name: Gokhan Yilmaz\ncircle: pool\ntags: [python]\n"
              "notes: Met at PyCon.\ntouches:\n  - date: 2026-10-01\n")  # fmt: skip
    result = net.run("triage", stdin="m\nf\nq\n")
    assert result.exit_code == 0, result.output
    after = result.stdout.split("  Deleted contacts/gokhan-yilmaz-2.yaml.\n", 1)[1]
    assert after == (
        "\n"
        "[2/2] Gökhan Yilmaz\n"
        "  met:  not in the file\n"
        "  why:  has an email, 1 touch, tagged python\n"
        f"{TRIAGE_PROMPT}q quit: f\n"
        "  email:   g@contoso.example\n"
        "  tags:    python\n"
        "  touches: 1, the last on 2026-10-01\n"
        "  notes:   Met at PyCon.\n"
        "  file:    contacts/gokhan-yilmaz.yaml\n"
        f"{TRIAGE_PROMPT}q quit: q\n"
        "\n"
        "Done: kept 0, archived 0, merged 1, skipped 0; 1 left in the pool.\n"
    )


def test_triage_offers_no_merge_to_namesakes_with_their_own_profiles(net: Net) -> None:
    net.write(
        "tom-baker", "name: Tom Baker\nlinks:\n  linkedin: https://www.linkedin.com/in/tb-a\n"
    )
    net.write("tom-baker-2", "name: Tom Baker\ncircle: pool\n"
              "links:\n  linkedin: https://www.linkedin.com/in/tb-b\n")  # fmt: skip
    result = net.run("triage", stdin="q\n")
    assert result.stdout.splitlines()[2:6] == [
        "[1/1] Tom Baker",
        "  met:  not in the file",
        "  why:  nothing yet: no email, phone, touch, how you met or tag",
        f"{TRIAGE_PROMPT}q quit: q",
    ]


POOL = {
    "ana-lima": "name: Ana Lima\ncircle: pool\norg: Wipro\nemail: ana@wipro.example\n",
    "bo-chen": "name: Bo Chen\ncircle: pool\norg: Wipro\ntags: [ml]\n",
    "cy-ruiz": "name: Cy Ruiz\ncircle: pool\norg: wipro\n",
    "di-ode": "name: Di Ode\ncircle: pool\norg: Infosys\nnotes: Met at the dbt meetup.\n",
}


@pytest.fixture
def pool(net: Net) -> Net:
    for slug, text in POOL.items():
        net.write(slug, text)
    return net


def test_triage_shows_the_rest_of_a_file_with_f(pool: Net) -> None:
    result = pool.run("triage", "--org", "infosys", stdin="f\nw\n")
    assert result.stdout == (
        "Triage: 1 person in the pool at infosys, most promising first.\n"
        "\n"
        "[1/1] Di Ode — Infosys\n"
        "  met:  not in the file\n"
        "  why:  nothing yet: no email, phone, touch, how you met or tag\n"
        f"{TRIAGE_PROMPT}q quit: f\n"
        "  notes: Met at the dbt meetup.\n"
        "  file:  contacts/di-ode.yaml\n"
        f"{TRIAGE_PROMPT}q quit: w\n"
        "  kept in wide (contacts/di-ode.yaml)\n"
        "\n"
        "Done: kept 1 (wide 1), archived 0, skipped 0; 0 left in the pool.\n"
    )


def test_triage_archives_the_rest_of_an_org_with_o(pool: Net) -> None:
    result = pool.run("triage", "--org", "Wipro", stdin="c\no\ny\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Triage: 3 people in the pool at Wipro, most promising first."
    assert lines[5] == f"{TRIAGE_PROMPT}o archive all 3 at Wipro · q quit: c"
    assert lines[8:] == [
        "[2/3] Bo Chen — Wipro",
        "  met:  not in the file",
        "  why:  tagged ml",
        f"{TRIAGE_PROMPT}o archive all 2 at Wipro · q quit: o",
        "  archived (contacts/bo-chen.yaml)",
        "  archive the 1 others at Wipro too? y/n: y",
        "  archived (contacts/cy-ruiz.yaml)",
        "",
        "Done: kept 1 (core 1), archived 2, skipped 0; 0 left in the pool.",
    ]
    assert "archived: true" in pool.read("cy-ruiz")
    assert "archived" not in pool.read("di-ode")
    tagged = pool.run("triage", "--tag", "python")
    assert (
        tagged.stdout
        == "Nobody in the pool that fits --org and --tag: everyone is kept or archived.\n"
    )


def test_triage_skips_a_file_it_cannot_change_and_goes_on(
    pool: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    from abcnet.core.problems import DataError, Problem
    from abcnet.storage import changes

    set_field = changes.set_field

    def broken_on_ana(root, contact, day, key, value, *, commit):  # type: ignore[no-untyped-def]
        if contact.slug == "ana-lima":  # changed in an editor meanwhile, say
            problem = Problem("contacts/ana-lima.yaml", 2, "circel", "unknown key")
            raise DataError("contacts/ana-lima.yaml has problems; fix them first", [problem])
        return set_field(root, contact, day, key, value, commit=commit)

    monkeypatch.setattr(changes, "set_field", broken_on_ana)
    result = pool.run("triage", stdin="c\nw\nq\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[6] == (
        "  not changed: contacts/ana-lima.yaml has problems; fix them first; "
        "contacts/ana-lima.yaml:2: circel: unknown key"
    )
    assert "  kept in wide (contacts/bo-chen.yaml)" in lines
    assert lines[-1] == "Done: kept 1 (wide 1), archived 0, skipped 1; 3 left in the pool."


def test_triage_names_ten_files_left_out_with_their_reason_then_counts_the_rest(net: Net) -> None:
    for i in range(12):
        net.write(f"p{i:02}", f"name: P{i}\ncircle: pool\ncircel: wide\n")
    net.write("ana", "name: Ana\ncircle: pool\n")
    result = net.run("triage", stdin="q\n")
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "abc: left out until fixed (run abc check): contacts/p00.yaml:3: circel: unknown key; "
        "did you mean 'circle'?"
    )
    assert len(lines) == 11
    assert lines[10] == (
        "abc: 2 files have problems (run abc check); left out too: contacts/p10.yaml, "
        "contacts/p11.yaml"
    )
    assert result.stdout.startswith("Triage: 1 person in the pool")
