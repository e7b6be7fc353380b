"""The one identity rule: an identifier agrees and none conflicts; a name is never enough.

Its users: the import plan (namesakes kept apart, possible duplicates listed, every
row accounted for), `abc check` (look-alike files are warnings), `abc add`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO, Net
from linkedin_export import Export, export

from abcnet.core.identity import (
    Index,
    duplicate_problems,
    keys,
    name_key,
    phone_key,
    possible_duplicate,
    refusal,
    same_person,
)
from abcnet.core.model import Contact, Source
from abcnet.formats.import_plan import plan_import, report_lines
from abcnet.formats.imports import read_linkedin
from abcnet.storage.network import load_network

TODAY = date(2026, 11, 25)
LI = "https://www.linkedin.com/in/"


def contact(slug: str, name: str, **kw: Any) -> Contact:
    return Contact(slug=slug, name=name, source=Source(f"contacts/{slug}.yaml"), **kw)


# --- the keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "key"),
    [
        ("+44 (20) 7946-0123", "+442079460123"),
        ("+44 20 7946 0123", "+442079460123"),
        ("020 7946 0123", "02079460123"),  # no country code is guessed
        ("555.0142", "5550142"),
        ("[555] 0142", "5550142"),
        ("  +1 555 0100  ", "+15550100"),
        ("０２０ ７９４６", "0207946"),  # full-width digits
        ("n/a", ""),
    ],
)
def test_a_phone_is_its_digits_with_a_leading_plus(phone: str, key: str) -> None:
    assert phone_key(phone) == key


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
    ka, kb = keys(**a), keys(**b)
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
    index.add("ada", keys("Ada Okafor", ["ada@example.org"], [("linkedin", LI + "ada")]))
    index.add("ada-2", keys("Ada Okafor"))
    index.add("kwame", keys("Kwame Asante", phones=["555-0100"]))
    found = index.find(keys("Ada Okafor", ["ada@example.org"], [("linkedin", LI + "other")]))
    assert (found.same, found.clash, found.names) == ((), (("ada", "ada@example.org"),), ("ada-2",))
    found = index.find(keys("Ada Okafor", phones=["555 0100"]))
    assert (found.same, found.clash, found.names) == (("kwame",), (), ("ada", "ada-2"))
    # A later row merged into a record makes it known by that row's keys too.
    index.add("ada-2", keys("Ada Okafor", [], [("linkedin", LI + "ada-two")]))
    assert index.find(keys("X", links=[("linkedin", LI + "ada-two")])).same == ("ada-2",)
    assert index.find(keys("Ada Okafor", links=[("linkedin", LI + "ada-3")])).names == ()


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
    assert refusal(name, NETWORK, keys(name, **kw)) == expected


# --- abc check --------------------------------------------------------------------------


def check(net: Net) -> str:
    result = net.run("check")
    return result.stderr


def test_check_warns_about_files_that_look_like_one_person(net: Net) -> None:
    net.write("ada-okafor", "name: Ada Okafor\nemail: ada@example.org\n")
    net.write(
        "ada-okafor-2", "name: ADA OKAFOR\nlinks:\n  linkedin: https://www.linkedin.com/in/ada\n"
    )
    net.write("bo-lee", "name: Bo Lee\nphone:\n  - 555-0100\n")
    net.write(
        "li-lee",
        "# the same landline\nname: Li Lee\norg: X\nphone:\n  - 555 0199\n  - (555) 0100\n",
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
            f"name: John Smith\nphone: 555-0100\nlinks:\n  linkedin: {LI}john-smith{n}\n",
        )
    assert check(net) == "All 3 contact files are valid.\n"


def test_a_shared_email_stays_an_error_and_is_not_also_a_warning(net: Net) -> None:
    net.write("ada", "name: Ada Okafor\nemail: ada@example.org\n")
    net.write("ada-2", "name: Ada Okafor\nemail: ADA@example.org\n")
    assert check(net) == (
        "contacts/ada-2.yaml:2: email: ADA@example.org is also the email of Ada Okafor "
        "(contacts/ada.yaml); keep one file per person, or merge them\n"
        "1 problem in 1 file.\n"
    )


def test_the_demo_network_looks_like_no_one_twice() -> None:
    network, _ = load_network(DEMO, TODAY, cache=False)
    assert duplicate_problems(network.contacts, lambda c, f, v: 0) == []


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
    plan = plan_import(parsed, network, {"john-smith", "priya-patel"}, TODAY, circle="pool")
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
    plan = plan_import(read_linkedin(made.text, "Connections.csv"), [], set(), TODAY)
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
