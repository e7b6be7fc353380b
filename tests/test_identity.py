"""The one identity rule: an identifier agrees and none conflicts; a name is never enough.

Its users: the import plan (namesakes kept apart, possible duplicates listed, every
row accounted for), `abc check` (look-alike files are warnings), `abc add`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
from conftest import DEMO, Net, examples
from hypothesis import given
from hypothesis import strategies as st
from linkedin_export import Export, export

from abcnet.core.handle_keys import email_key, linkedin_key, name_key, phone_key
from abcnet.core.identity import (
    Index,
    duplicate_problems,
    keys,
    keys_of,
    possible_duplicate,
    refusal,
    same_person,
)
from abcnet.core.import_plan import plan_import
from abcnet.core.model import Contact, Source
from abcnet.formats.import_report import report_lines
from abcnet.formats.imports import read_linkedin
from abcnet.storage.network import load_network

TODAY = date(2026, 11, 25)
LI = "https://www.linkedin.com/in/"


def contact(slug: str, name: str, **kw: Any) -> Contact:
    return Contact(slug=slug, name=name, source=Source(f"contacts/{slug}.yaml"), **kw)


# --- the keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("  Zoë   O'Brien ", "zoe o'brien"),
        ("JÖRG MÜLLER", "jorg muller"),
        ("José García", "jose garcia"),
        ("Straße", "strasse"),
        ("伟 王", "伟 王"),
    ],
)
def test_a_name_is_compared_without_accents_case_or_extra_spaces(name: str, key: str) -> None:
    assert name_key(name) == key


def verdict(a: dict[str, Any], b: dict[str, Any]) -> str:
    ka, kb = keys(**a, region="GB"), keys(**b, region="GB")
    assert same_person(ka, kb) == same_person(kb, ka)  # the rule is symmetric
    if same_person(ka, kb):
        return "same"
    return "possible duplicate" if possible_duplicate(ka, kb) else "different"


ADA = {"name": "Ada Okafor"}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            {**ADA, "emails": ["ADA@example.org"]},
            {"name": "A. O.", "emails": ["ada@example.org"]},
            "same",
        ),
        (
            {**ADA, "links": [("linkedin", "http://linkedin.com/in/ada/?trk=x")]},
            {"name": "Someone", "links": [("profile", LI + "ada")]},
            "same",
        ),
        (
            {**ADA, "phones": ["+44 20 7946 0018"]},
            {"name": "B", "phones": ["+44 (20) 7946-0018"]},
            "same",
        ),
        ({**ADA, "phones": ["020 7946 0018"]}, {"name": "B", "phones": ["+442079460018"]}, "same"),
        ({**ADA, "phones": ["61234"]}, {"name": "B", "phones": ["61234"]}, "different"),
        (
            {**ADA, "emails": ["team@example.org"], "links": [("linkedin", LI + "ada")]},
            {**ADA, "emails": ["team@example.org"], "links": [("linkedin", LI + "ada-2")]},
            "different",  # two profiles: two people, whatever else agrees
        ),
        (
            {**ADA, "links": [("linkedin", LI + "ada"), ("old", LI + "ada-old")]},
            {"name": "Ada", "links": [("linkedin", LI + "ada-old")]},
            "same",  # one of the URLs is shared: no conflict
        ),
        (ADA, {"name": "ADA  OKAFOR"}, "possible duplicate"),
        (
            {**ADA, "emails": ["a@example.org"]},
            {**ADA, "emails": ["b@example.org"]},
            "possible duplicate",
        ),
        ({**ADA, "links": [("linkedin", LI + "ada")]}, ADA, "possible duplicate"),
        (
            {**ADA, "links": [("linkedin", LI + "ada")]},
            {**ADA, "links": [("linkedin", LI + "ada-2")]},
            "different",
        ),
        (ADA, {"name": "Ada Okafor-Smith"}, "different"),
        ({"name": ""}, {"name": ""}, "different"),
    ],
)
def test_the_rule(a: dict[str, Any], b: dict[str, Any], expected: str) -> None:
    assert verdict(a, b) == expected


def test_the_index_finds_the_same_person_a_clash_and_possible_duplicates() -> None:
    index: Index[str] = Index()
    index.add("ada", keys("Ada Okafor", ["ada@example.org"], [("linkedin", LI + "ada")], region=""))
    index.add("ada-2", keys("Ada Okafor", region=""))
    index.add("kwame", keys("Kwame Asante", phones=["020 7946 0100"], region="GB"))
    found = index.find(
        keys("Ada Okafor", ["ada@example.org"], [("linkedin", LI + "other")], region="")
    )
    assert (found.same, found.clash, found.names) == ((), (("ada", "ada@example.org"),), ("ada-2",))
    found = index.find(keys("Ada Okafor", phones=["+44 20 7946 0100"], region=""))
    assert (found.same, found.clash, found.names) == (("kwame",), (), ("ada", "ada-2"))
    # A later row merged into a record makes it known by that row's keys too.
    index.add("ada-2", keys("Ada Okafor", [], [("linkedin", LI + "ada-two")], region=""))
    assert index.find(keys("X", links=[("linkedin", LI + "ada-two")], region="")).same == ("ada-2",)
    assert index.find(keys("Ada Okafor", links=[("linkedin", LI + "ada-3")], region="")).names == ()


# --- abc add ----------------------------------------------------------------------------

NETWORK = [
    contact("john-smith", "John Smith", emails=("john@myfriend.example",)),
    contact("kwame-asante", "Kwame Asante", phones=("+44 20 7946 0100",)),
]


@pytest.mark.parametrize(
    ("name", "kw", "expected"),
    [
        (
            "John Smith",
            {"emails": ["js@example.org"]},
            "John Smith is a possible duplicate of contacts/john-smith.yaml (same name, no "
            "shared email, URL or phone); nothing was written (edit that file; or, if this "
            "is someone else of the same name, add them with --new)",
        ),
        (
            "Jon Smith",
            {"emails": ["JOHN@myfriend.example"]},
            "Jon Smith is already here: John Smith (contacts/john-smith.yaml) has the same "
            "email; nothing was written (edit that file)",
        ),
        (
            "K. Asante",
            {"phones": ["+44 (20) 7946-0100"]},
            "K. Asante is already here: Kwame Asante (contacts/kwame-asante.yaml) has the "
            "same phone; nothing was written (edit that file)",
        ),
        ("Ama Asante", {"phones": ["+44 20 7946 0101"]}, None),
    ],
)
def test_add_refuses_the_same_person_and_the_same_name(
    name: str, kw: dict[str, Any], expected: str | None
) -> None:
    assert refusal(name, NETWORK, keys(name, **kw, region="GB"), region="GB") == expected


# --- abc check --------------------------------------------------------------------------


def check(net: Net) -> str:
    result = net.run("check")
    return result.stderr


def test_check_warns_about_files_that_look_like_one_person(net: Net) -> None:
    net.write("ada-okafor", "name: Ada Okafor\nemail: ada@example.org\n")
    net.write(
        "ada-okafor-2", "name: ADA OKAFOR\nlinks:\n  linkedin: https://www.linkedin.com/in/ada\n"
    )
    net.settings("me:\n  region: GB\n")
    net.write("bo-lee", "name: Bo Lee\nphone:\n  - +44 20 7946 0100\n")
    net.write(
        "li-lee",
        "# the same landline\nname: Li Lee\norg: X\nphone:\n  - 020 7946 0199\n  - (020) 7946 0100\n",
    )
    assert check(net) == (
        "contacts/ada-okafor-2.yaml:1: warning: name: looks like the same person as Ada Okafor "
        "(contacts/ada-okafor.yaml); merge them with abc merge, or tell them apart\n"
        "contacts/li-lee.yaml:6: warning: phone: looks like the same person as Bo Lee "
        "(contacts/bo-lee.yaml); merge them with abc merge, or tell them apart\n"
        "2 warnings in 2 files.\n"
    )
    assert net.run("check").exit_code == 0  # warnings, not errors


def test_check_says_nothing_of_namesakes_with_their_own_linkedin_urls(net: Net) -> None:
    for n in ("", "-2", "-3"):
        net.write(
            f"john-smith{n}",
            f"name: John Smith\nphone: +44 20 7946 0100\nlinks:\n  linkedin: {LI}john-smith{n}\n",
        )
    assert check(net) == "All 3 contact files are valid.\n"


def test_a_shared_email_stays_an_error_and_is_not_also_a_warning(net: Net) -> None:
    net.write("ada", "name: Ada Okafor\nemail: ada@example.org\n")
    net.write("ada-2", "name: Ada Okafor\nemail: ADA@example.org\n")
    assert check(net) == (
        "contacts/ada-2.yaml:2: email: ADA@example.org is also the email of Ada Okafor "
        "(contacts/ada.yaml); keep one file per person, or merge them\n"
        "1 problem in 1 file.\n"
        "Left out of the plan until fixed: contacts/ada-2.yaml.\n"
    )


def test_the_demo_network_looks_like_no_one_twice() -> None:
    network, _ = load_network(DEMO, TODAY, cache=False)
    assert duplicate_problems(network.contacts, lambda c, f, v: 0, region="GB") == []


# --- the John Smith story ---------------------------------------------------------------

STRANGER = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    f"John,Smith,{LI}john-smith-8a1b2c3d,,Random Corp,Recruiter,14 May 2012\n"
)
FRIEND = "name: John Smith\nemail: john@myfriend.example\ncircle: inner\n"


def story(net: Net) -> Path:
    added = net.run("add", "John Smith", "--email", "john@myfriend.example", "--circle", "inner")
    assert added.exit_code == 0, added.output
    assert net.read("john-smith") == FRIEND
    path = net.root / "Connections.csv"
    path.write_text(STRANGER, encoding="utf-8")
    return path


def test_a_stranger_with_a_friends_name_gets_a_file_of_their_own(net: Net) -> None:
    path = story(net)
    result = net.run("import", "linkedin", str(path), "--circle", "wide")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"LinkedIn: 1 row in {path}.\n"
        "Created 1 (circle wide):\n"
        "  contacts/john-smith-2.yaml  John Smith\n"
        "Check 1 possible duplicate:\n"
        f"  {path}:2: John Smith: possible duplicate of contacts/john-smith.yaml (same name, "
        "no shared email, URL or phone): created as contacts/john-smith-2.yaml; merge with "
        "abc merge if they are one person\n"
        "Done: 1 created, 0 updated, 0 unchanged, 0 skipped, 0 merged; 1 row.\n"
    )
    assert net.read("john-smith") == FRIEND  # the friend keeps every byte
    assert net.read("john-smith-2") == (
        "name: John Smith\n"
        "links:\n"
        "  linkedin: https://www.linkedin.com/in/john-smith-8a1b2c3d\n"
        "org: Random Corp\n"
        "role: Recruiter\n"
        "circle: wide\n"
        "met:\n"
        "  date: 2012-05-14\n"
        "  how: Connected on LinkedIn\n"
    )
    assert check(net) == (
        "contacts/john-smith-2.yaml:1: warning: name: looks like the same person as John "
        "Smith (contacts/john-smith.yaml); merge them with abc merge, or tell them apart\n"
        "1 warning in 1 file.\n"
    )
    again = net.run("import", "linkedin", str(path))
    assert again.stdout.splitlines()[-1] == (
        "Done: 0 created, 0 updated, 1 unchanged, 0 skipped, 0 merged; 1 row."
    )


def test_accept_name_matches_fills_the_friends_file_and_says_it_was_the_name(net: Net) -> None:
    path = story(net)
    result = net.run("import", "linkedin", str(path), "--accept-name-matches", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["updated"] == [
        {
            "name": "John Smith",
            "path": "contacts/john-smith.yaml",
            "fields": ["links", "org", "role", "met"],
            "line": 2,
            "by_name": True,
        }
    ]
    assert report["counts"] == {
        "created": 0,
        "updated": 1,
        "unchanged": 0,
        "skipped": 0,
        "merged": 0,
        "rows": 1,
    }


# --- a whole LinkedIn export ------------------------------------------------------------


@pytest.fixture(scope="module")
def full() -> Export:
    """A whole LinkedIn export: 1,511 rows, made once for the tests that read it."""
    return export(1511, 2026)


def test_the_export_generator_is_deterministic_by_seed() -> None:
    assert export(300, 1).text == export(300, 1).text
    assert export(300, 1).text != export(300, 2).text


def test_the_export_generator_writes_what_linkedin_does(full: Export) -> None:
    made = full
    assert made.text.startswith("\ufeffNotes:\r\n")
    assert made.text.splitlines()[3] == (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    )
    assert (made.rows, made.people, len(made.empty), len(made.nameless), made.emails) == (
        1511,
        1485,
        20,
        6,
        119,  # 8% of the people
    )
    assert made.namesakes["john smith"] == (186, 577, 1180)
    assert made.namesakes["priya patel"] == (319, 874)
    assert made.namesakes["jose garcia"] == (427, 910)  # José García and Jose Garcia
    assert len(made.namesakes) == 19
    old = export(20, 2026, old=True)
    assert old.text.splitlines()[0] == (
        "First Name,Last Name,Email Address,Company,Position,Connected On"
    )


def test_a_full_linkedin_export_accounts_for_every_row_and_keeps_namesakes_apart(
    full: Export,
) -> None:
    made = full
    parsed = read_linkedin(made.text, "Connections.csv")
    first_priya = next(c for c in parsed.people if c.line == made.namesakes["priya patel"][0])
    network = [
        contact("john-smith", "John Smith", emails=("john@myfriend.example",), circle="inner"),
        contact(
            "priya-patel",
            "Priya Patel",
            links=(("linkedin", first_priya.fields["links"]["linkedin"]),),
        ),
    ]
    plan = plan_import(
        parsed, network, {"john-smith", "priya-patel"}, TODAY, circle="pool", region="GB"
    )
    assert plan.counts == {
        "created": 1484,
        "updated": 1,
        "unchanged": 0,
        "skipped": 26,
        "merged": 0,
        "rows": 1511,
    }
    assert sum(v for k, v in plan.counts.items() if k != "rows") == plan.rows == made.rows
    assert [s.line for s in plan.skipped] == sorted(made.empty + made.nameless)
    assert report_lines(parsed, plan, dry_run=False, circle="pool")[-1] == (
        "Done: 1,484 created, 1 updated, 0 unchanged, 26 skipped, 0 merged; 1,511 rows."
    )
    by_line = {c.line: c for c in plan.created}
    # Three John Smiths, each their own file beside the friend's, each a possible duplicate.
    assert [(by_line[n].slug, by_line[n].duplicate_of) for n in made.namesakes["john smith"]] == [
        ("john-smith-2", ("contacts/john-smith.yaml",)),
        ("john-smith-3", ("contacts/john-smith.yaml",)),
        ("john-smith-4", ("contacts/john-smith.yaml",)),
    ]
    # The first Priya Patel is the one already here (the same URL); the second is not.
    assert [(u.path, list(u.fields)) for u in plan.updated] == [
        ("contacts/priya-patel.yaml", ["org", "role", "met"])
    ]
    assert by_line[made.namesakes["priya patel"][1]].slug == "priya-patel-2"
    # Every other namesake is a file of their own (another profile: no note to check).
    for name, lines in made.namesakes.items():
        if name not in ("john smith", "priya patel"):
            assert [by_line[n].duplicate_of for n in lines] == [()] * len(lines), name
    assert len({c.slug for c in plan.created}) == 1484


def test_the_older_layout_without_urls_lists_namesakes_as_possible_duplicates() -> None:
    made = export(500, 7, old=True)
    assert len(made.namesakes) == 13
    plan = plan_import(read_linkedin(made.text, "Connections.csv"), [], set(), TODAY, region="GB")
    assert plan.counts == {
        "created": 492,
        "updated": 0,
        "unchanged": 0,
        "skipped": 8,
        "merged": 0,
        "rows": 500,
    }
    flagged = sorted(c.line for c in plan.created if c.duplicate_of)
    assert flagged == sorted(n for lines in made.namesakes.values() for n in lines[1:])


def test_a_full_import_dry_run_from_the_command_line(net: Net, full: Export) -> None:
    path = net.root / "Connections.csv"
    path.write_bytes(full.text.encode("utf-8"))
    result = net.run("import", "linkedin", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "Dry run: would create 1,485, update 0, leave 0 unchanged, skip 26, merge 0; "
        "1,511 rows; nothing was written."
    )


# --- one person in three spellings, in every command (issue 21) ------------------------

PAIRS_SETTINGS = "me:\n  emails: [sam@rivera.example]\n  region: GB\n"
ANA = "name: Ana Lima\nemail: ana.lima@gmail.com\n"
BEN = 'name: Ben Okoro\nphone: "+44 7700 900123"\n'
CLEO = "name: Cleo Park\nlinks:\n  linkedin: https://www.linkedin.com/in/cleo-park\n"
VCARDS = dedent(
    """\
    BEGIN:VCARD
    VERSION:3.0
    FN:A. Lima
    EMAIL:analima+work@googlemail.com
    ORG:Northwind
    END:VCARD
    BEGIN:VCARD
    VERSION:3.0
    FN:Benjamin O.
    TEL:07700 900123
    TITLE:Editor
    END:VCARD
    BEGIN:VCARD
    VERSION:3.0
    FN:C Park
    URL:https://uk.linkedin.com/in/Cleo-Park/
    END:VCARD
    """
)


@pytest.fixture
def pairs(net: Net) -> Net:
    """Ana, Ben and Cleo, each known by one spelling of their email, phone or profile."""
    net.settings(PAIRS_SETTINGS)
    net.write("ana-lima", ANA)
    net.write("ben-okoro", BEN)
    net.write("cleo-park", CLEO)
    return net


def test_an_import_in_other_spellings_finds_the_three_people_already_here(pairs: Net) -> None:
    path = pairs.root / "contacts.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    result = pairs.run("import", "vcard", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"vCard: 3 cards in {path}.\n"
        "Updated 2, adding only what their file lacked:\n"
        "  contacts/ana-lima.yaml   Ana Lima: org\n"
        "  contacts/ben-okoro.yaml  Ben Okoro: role\n"
        "Unchanged 1, already here with nothing to add:\n"
        "  contacts/cleo-park.yaml  Cleo Park\n"
        "Done: 0 created, 2 updated, 1 unchanged, 0 skipped, 0 merged; 3 cards.\n"
    )
    assert sorted(p.name for p in pairs.contacts.iterdir()) == [
        "ana-lima.yaml",
        "ben-okoro.yaml",
        "cleo-park.yaml",
    ]
    assert pairs.read("ana-lima") == ANA + "org: Northwind\n"
    assert pairs.read("ben-okoro") == BEN + "role: Editor\n"
    assert pairs.read("cleo-park") == CLEO
    # Nobody new waits in the pool for triage to offer a second time.
    assert pairs.run("triage", stdin="").stdout == (
        "Nobody in the pool: everyone is kept or archived.\n"
    )


def test_without_a_region_a_number_without_its_country_code_is_nobody(pairs: Net) -> None:
    pairs.settings("me:\n  emails: [sam@rivera.example]\n")
    path = pairs.root / "contacts.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    result = pairs.run("import", "vcard", str(path), "--dry-run", "--json")
    assert json.loads(result.stdout)["created"] == [
        {
            "name": "Benjamin O.",
            "path": "contacts/benjamin-o.yaml",
            "line": 7,
            "possible_duplicate_of": [],
            "namesake_of": None,
        }
    ]


def test_check_names_each_pair_on_one_line(pairs: Net) -> None:
    pairs.write("a-lima", "name: A. Lima\nemail: analima+work@googlemail.com\n")
    pairs.write("benjamin-o", "name: Benjamin O.\nphone: 07700 900123\n")
    pairs.write(
        "c-park", "name: C Park\nlinks:\n  linkedin: https://uk.linkedin.com/in/Cleo-Park/\n"
    )
    result = pairs.run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        "contacts/ana-lima.yaml:2: email: ana.lima@gmail.com is also the email of A. Lima "
        "(contacts/a-lima.yaml, written analima+work@googlemail.com); keep one file per "
        "person, or merge them\n"
        "contacts/benjamin-o.yaml:2: warning: phone: looks like the same person as Ben Okoro "
        "(contacts/ben-okoro.yaml); merge them with abc merge, or tell them apart\n"
        "contacts/cleo-park.yaml:3: links.linkedin: https://www.linkedin.com/in/cleo-park is "
        "also the LinkedIn URL of C Park (contacts/c-park.yaml, written "
        "https://uk.linkedin.com/in/Cleo-Park/); keep one file per person, or merge them\n"
        "2 problems and 1 warning in 3 files.\n"
        "Left out of the plan until fixed: contacts/ana-lima.yaml, contacts/cleo-park.yaml.\n"
    )


def test_triage_offers_to_merge_each_pair_and_names_the_file_left_out(pairs: Net) -> None:
    pairs.write("a-lima", "name: A. Lima\ncircle: pool\nemail: analima+work@googlemail.com\n")
    pairs.write("benjamin-o", "name: Benjamin O.\ncircle: pool\nphone: 07700 900123\n")
    result = pairs.run("triage", stdin="m\nm\n")
    assert result.exit_code == 0, result.output
    # Ana's own file is the one check leaves out (the later of the two): triage says why,
    # and merging the pool's file into it is what mends it.
    left_out = (
        "contacts/ana-lima.yaml:2: email: ana.lima@gmail.com is also the email of A. Lima "
        "(contacts/a-lima.yaml, written analima+work@googlemail.com); keep one file per "
        "person, or merge them"
    )
    assert result.stderr == f"abc: left out until fixed (run abc check): {left_out}\n"
    prompt = "  i inner · c core · w wide · a archive · s skip · f fields · m merge · q quit: m"
    assert result.stdout == (
        "Triage: 2 people in the pool, most promising first.\n"
        "\n"
        "[1/2] A. Lima\n"
        "  met:  not in the file\n"
        "  why:  has an email\n"
        "  looks like the same person as Ana Lima (contacts/ana-lima.yaml): the same email\n"
        f"    left out until fixed: {left_out}\n"
        "  m merges contacts/a-lima.yaml into contacts/ana-lima.yaml\n"
        f"{prompt}\n"
        "  Merged contacts/a-lima.yaml into contacts/ana-lima.yaml:\n"
        "    touches: 0 added, 0 already there\n"
        '    to resolve: name (see the "# abc merge" comments in contacts/ana-lima.yaml)\n'
        "  Deleted contacts/a-lima.yaml.\n"
        "\n"
        "[2/2] Benjamin O.\n"
        "  met:  not in the file\n"
        "  why:  has a phone\n"
        "  looks like the same person as Ben Okoro (contacts/ben-okoro.yaml): the same phone\n"
        "  m merges contacts/benjamin-o.yaml into contacts/ben-okoro.yaml\n"
        f"{prompt}\n"
        "  Merged contacts/benjamin-o.yaml into contacts/ben-okoro.yaml:\n"
        "    touches: 0 added, 0 already there\n"
        '    to resolve: name (see the "# abc merge" comments in contacts/ben-okoro.yaml)\n'
        "  Deleted contacts/benjamin-o.yaml.\n"
        "\n"
        "Done: kept 0, archived 0, merged 2, skipped 0; 0 left in the pool.\n"
    )
    assert sorted(p.name for p in pairs.contacts.iterdir()) == [
        "ana-lima.yaml",
        "ben-okoro.yaml",
        "cleo-park.yaml",
    ]
    assert pairs.read("ben-okoro") == (
        'name: Ben Okoro  # abc merge: other file said "Benjamin O."\nphone: "+44 7700 900123"\n'
    )
    assert pairs.run("check").stderr == "All 3 contact files are valid.\n"


def test_without_a_region_triage_finds_no_one_by_a_local_number(pairs: Net) -> None:
    pairs.settings("me:\n  emails: [sam@rivera.example]\n")
    pairs.write("benjamin-o", "name: Benjamin O.\ncircle: pool\nphone: 07700 900123\n")
    result = pairs.run("triage", stdin="q\n")
    assert result.stdout.splitlines()[2:6] == [
        "[1/1] Benjamin O.",
        "  met:  not in the file",
        "  why:  has a phone",
        "  i inner · c core · w wide · a archive · s skip · f fields · q quit: q",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("A. Lima", "--email", "analima+work@googlemail.com"),
            "abc: A. Lima is already here: Ana Lima (contacts/ana-lima.yaml) has the same "
            "email; nothing was written (edit that file)\n",
        ),
        (
            ("Benjamin O.", "--phone", "07700 900123"),
            "abc: Benjamin O. is already here: Ben Okoro (contacts/ben-okoro.yaml) has the "
            "same phone; nothing was written (edit that file)\n",
        ),
        (
            ("C Park", "--linkedin", "uk.linkedin.com/in/Cleo-Park/"),
            "abc: C Park is already here: Cleo Park (contacts/cleo-park.yaml) has the same "
            "LinkedIn URL; nothing was written (edit that file)\n",
        ),
    ],
)
def test_add_refuses_each_of_them_in_another_spelling(
    pairs: Net, args: tuple[str, ...], message: str
) -> None:
    result = pairs.run("add", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert len(list(pairs.contacts.iterdir())) == 3


@pytest.mark.parametrize(
    ("keep", "text", "filled", "merged"),
    [
        (
            "ana-lima",
            "name: A. Lima\nemail: analima+work@googlemail.com\norg: Northwind\n",
            ["  filled: org"],
            ANA + "org: Northwind\n",
        ),
        (
            "ben-okoro",
            "name: Benjamin O.\nphone: 07700 900123\nrole: Editor\n",
            ["  filled: role"],
            BEN + "role: Editor\n",
        ),
        (
            "cleo-park",
            "name: C Park\nlinks:\n  linkedin: https://uk.linkedin.com/in/Cleo-Park/\n",
            [],
            CLEO,
        ),
    ],
)
def test_merge_takes_the_other_spelling_as_what_keep_already_has(
    pairs: Net, keep: str, text: str, filled: list[str], merged: str
) -> None:
    pairs.write("other", text)
    result = pairs.run("merge", keep, "other")
    assert result.exit_code == 0, result.output
    name = text.split("\n", 1)[0].removeprefix("name: ")
    assert result.stdout.splitlines() == [
        f"Merged contacts/other.yaml into contacts/{keep}.yaml:",
        "  touches: 0 added, 0 already there",
        *filled,
        f'  to resolve: name (see the "# abc merge" comments in contacts/{keep}.yaml)',
        "Deleted contacts/other.yaml.",
    ]
    # The email, the phone and the profile are KEEP's own: none is added twice.
    first, rest = merged.split("\n", 1)
    assert pairs.read(keep) == f'{first}  # abc merge: other file said "{name}"\n{rest}'


MAIL_FROM_ANA = """\
From x Mon Nov 02 10:00:00 2026
From: Ana <analima@googlemail.com>
To: Sam Rivera <sam@rivera.example>
Date: Mon, 2 Nov 2026 10:00:00 +0000
Message-ID: <1@lima.example>
Subject: Lunch?

Hi.
"""


def test_sync_after_the_import_finds_ana_by_another_spelling(
    pairs: Net, tmp_path_factory: pytest.TempPathFactory
) -> None:
    cards = pairs.root / "contacts.vcf"
    cards.write_text(VCARDS, encoding="utf-8")
    assert pairs.run("import", "vcard", str(cards)).exit_code == 0
    mail = tmp_path_factory.mktemp("exports") / "inbox.mbox"
    mail.write_text(MAIL_FROM_ANA, encoding="utf-8")
    result = pairs.run("sync", str(mail))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Would add 1 touch to 1 person (from 1 event read):\n"
        "  Ana Lima  1 touch     2026-11-02                email  (contacts/ana-lima.yaml)\n"
        "Nothing was written. Run again with --apply, then review with git diff and commit.\n"
    )


def test_a_pool_member_written_to_in_another_spelling_moves_up_triage(
    net: Net, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from abcnet.core.triage import pool_order

    net.settings(PAIRS_SETTINGS)
    net.write("aaron-abel", "name: Aaron Abel\ncircle: pool\nemail: aaron@abel.example\n")
    net.write("ana-lima", ANA + "circle: pool\n")

    def order() -> list[str]:
        network, _ = load_network(net.root, TODAY, cache=False)
        return [s.contact.slug for s in pool_order(network.contacts, TODAY)]

    assert order() == ["aaron-abel", "ana-lima"]
    mail = tmp_path_factory.mktemp("exports") / "inbox.mbox"
    mail.write_text(MAIL_FROM_ANA, encoding="utf-8")
    assert net.run("sync", str(mail), "--apply").exit_code == 0
    assert order() == ["ana-lima", "aaron-abel"]


# --- the keys are stable under every spelling (property tests) -------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _cased(draw: st.DrawFn, text: str) -> str:
    return "".join(ch.upper() if draw(st.booleans()) else ch for ch in text)


@st.composite
def gmail_spellings(draw: st.DrawFn) -> tuple[str, str]:
    """An address at Gmail as a person may write it, and its key."""
    local = draw(st.text(_LETTERS, min_size=1, max_size=12))
    dotted = "".join(ch + ("." if draw(st.booleans()) and i < len(local) - 1 else "")
                     for i, ch in enumerate(local))  # fmt: skip
    tag = draw(st.sampled_from(["", "+work", "+news.2026", "+"]))
    domain = draw(st.sampled_from(["gmail.com", "googlemail.com"]))
    written = _cased(draw, f"{dotted}{tag}@{domain}")
    return draw(st.sampled_from([written, f"<{written}>", f"  {written} "])), f"{local}@gmail.com"


@given(gmail_spellings())
@examples(500)
def test_a_gmail_address_has_one_key_in_every_spelling(spelling: tuple[str, str]) -> None:
    written, key = spelling
    assert email_key(written) == key
    assert email_key(key) == key  # a key is its own key


@given(
    st.text(_LETTERS + ".", min_size=1, max_size=12).filter(lambda s: s[0] != "."),
    st.sampled_from(["", "+crm", "+a.b"]),
    st.sampled_from(["work.example", "Example.ORG"]),
)
@examples(300)
def test_elsewhere_only_case_and_a_tag_are_aside(local: str, tag: str, domain: str) -> None:
    key = f"{local}@{domain.lower()}"
    assert email_key(f"{local.upper()}{tag}@{domain}") == key
    assert email_key(key) == key
    if "." in local:  # dots count outside Gmail
        assert email_key(f"{local.replace('.', '')}@{domain}") != key


#: Numbers set aside for drama and examples: (region, country code, national number).
_NUMBERS = [("GB", "44", "7700900"), ("GB", "44", "2079460"), ("US", "1", "202555")]


@st.composite
def phone_spellings(draw: st.DrawFn) -> tuple[str, str, str]:
    """A phone number as a person may write it, the region it is read in, and its key."""
    region, cc, start = draw(st.sampled_from(_NUMBERS))
    rest = 10 - len(start)
    national = start + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=rest,
                                             max_size=rest)))  # fmt: skip

    def spaced(digits: str) -> str:
        return "".join(ch + draw(st.sampled_from(["", "", " ", "-", "."])) for ch in digits).rstrip(
            " -."
        )

    trunk = "0" if cc == "44" else "1"
    prefix = draw(st.sampled_from([f"+{cc} ", f"+{cc}", f"00{cc} ", trunk, f"({trunk})"]))
    if cc == "44" and prefix.startswith("+"):
        prefix = draw(st.sampled_from([prefix, f"+{cc} (0)"]))
    if region == "US" and prefix == "00" + cc + " ":
        prefix = "+1 "  # 00 is not how a US number is dialled abroad
    written = f"{prefix}{spaced(national)}"
    return draw(st.sampled_from([written, f" {written} "])), region, f"+{cc}{national}"


@given(phone_spellings())
@examples(500)
def test_a_phone_has_one_key_in_every_spelling(spelling: tuple[str, str, str]) -> None:
    written, region, key = spelling
    assert phone_key(written, region) == key
    assert phone_key(key, "") == key  # a key is its own key, in any region


@pytest.mark.parametrize(
    ("number", "region"),
    [
        ("61234", "GB"),  # a short code
        ("999", "GB"),
        ("118 118", "GB"),
        ("7946 0123", "GB"),  # a London number without its area code
        ("Vodafone", "GB"),
        ("call 020 7946 0123", "GB"),
        ("911", "US"),
        ("12345", "US"),
        ("555-0142", "US"),  # no area code
        ("07700 900123", ""),  # no country code, no region
        ("07700 900123", "UK"),  # a region phonenumbers does not know (GB is the code)
    ],
)
def test_a_short_code_or_a_number_abc_cannot_place_is_no_phone(number: str, region: str) -> None:
    assert phone_key(number, region) is None


@st.composite
def profile_spellings(draw: st.DrawFn) -> tuple[str, str]:
    """A LinkedIn profile address as a person, an export or a phone writes it, and its key."""
    slug = draw(st.text(_LETTERS + "-", min_size=3, max_size=20).filter(lambda s: s[0] != "-"))
    host = draw(st.sampled_from(["www.", "uk.", "de.", "", "m.", "WWW."])) + "linkedin.com"
    path = draw(st.sampled_from(["/in/", "/IN/", "/mwlite/in/"]))
    written = "".join(
        f"%{ord(ch):02X}" if draw(st.integers(0, 9)) == 0 else ch for ch in _cased(draw, slug)
    )
    tail = draw(st.sampled_from(["", "/", "/en", "/details/experience/", "/?trk=x", "#about"]))
    scheme = draw(st.sampled_from(["https://", "http://", ""]))
    return f"{scheme}{host}{path}{written}{tail}", f"linkedin.com/in/{slug.lower()}"


@given(profile_spellings())
@examples(500)
def test_a_linkedin_profile_has_one_key_in_every_address_form(spelling: tuple[str, str]) -> None:
    written, key = spelling
    assert linkedin_key(written) == key
    assert linkedin_key(key) == key  # a key is its own key


def test_the_sync_index_and_the_identity_rule_use_the_same_keys() -> None:
    """The three pairs: one person to `abc sync`'s index and to the rule alike."""
    from abcnet.sync.event import Handle
    from abcnet.sync.handles import Index as HandleIndex

    network = [
        contact("ana-lima", "Ana Lima", emails=("ana.lima@gmail.com",)),
        contact("ben-okoro", "Ben Okoro", phones=("+44 7700 900123",)),
        contact("cleo-park", "Cleo Park", links=(("linkedin", LI + "cleo-park"),)),
    ]
    index = HandleIndex(network, "GB")
    spellings = [
        ("ana-lima", "email", "analima+work@googlemail.com"),
        ("ben-okoro", "phone", "07700 900123"),
        ("cleo-park", "linkedin", "https://uk.linkedin.com/in/Cleo-Park/"),
    ]
    for slug, kind, value in spellings:
        assert index.find(Handle(kind, value)).one == slug
        k = keys(
            "X",
            [value] if kind == "email" else [],
            [("linkedin", value)] if kind == "linkedin" else [],
            [value] if kind == "phone" else [],
            region="GB",
        )
        assert [c.slug for c in network if same_person(keys_of(c, region="GB"), k)] == [slug]


def test_a_new_region_is_seen_at_once_through_the_cache(pairs: Net) -> None:
    pairs.write("benjamin-o", "name: Benjamin O.\nphone: 07700 900123\n")
    warning = (
        "contacts/benjamin-o.yaml:2: warning: phone: looks like the same person as Ben Okoro "
        "(contacts/ben-okoro.yaml); merge them with abc merge, or tell them apart\n"
        "1 warning in 1 file.\n"
    )
    assert check(pairs) == warning
    pairs.settings("me:\n  emails: [sam@rivera.example]\n  region: US\n")
    assert check(pairs) == "All 4 contact files are valid.\n"
    pairs.settings(PAIRS_SETTINGS)
    assert check(pairs) == warning
