"""The import readers and the import plan (pure: text in, candidates and decisions out).

The sample exports in tests/data/imports/ are made here, with fictional people;
each one carries the quirks of the tool it imitates (see the README there).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
import vobject
from conftest import examples
from hypothesis import given
from hypothesis import strategies as st

from abcnet.core.import_plan import (
    Candidate,
    Create,
    Merged,
    Parsed,
    Skip,
    Unchanged,
    Update,
    plan_import,
)
from abcnet.core.model import Contact, Source
from abcnet.core.problems import Problem
from abcnet.formats import vcard
from abcnet.formats.contact_text import new_contact
from abcnet.formats.edits import add_field, fill_fields
from abcnet.formats.import_report import report_lines
from abcnet.formats.imports import (
    normalise_birthday,
    parse_connected_on,
    read_google,
    read_linkedin,
    read_vcard,
)
from abcnet.formats.yamltext import load_text

DATA = Path(__file__).parent / "data" / "imports"
LI = "https://www.linkedin.com/in/"
TODAY = date(2026, 11, 25)
HOW = "Connected on LinkedIn"


def read(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8")


def people(parsed: Parsed) -> list[tuple[int, dict[str, Any]]]:
    return [(c.line, c.fields) for c in parsed.people]


def problems(parsed: Parsed) -> list[str]:
    return [str(p) for p in parsed.problems]


# --- LinkedIn ---------------------------------------------------------------------------


def test_linkedin_connections_with_bom_crlf_and_notes_preamble() -> None:
    text = read("Connections.csv")
    assert text.startswith("\ufeffNotes:\r\n")
    parsed = read_linkedin(text, "Connections.csv")
    url = "https://www.linkedin.com/in/"
    assert people(parsed) == [
        (
            5,
            {
                "name": "Priya Raman",
                "links": {"linkedin": url + "priya-raman-example"},
                "org": "Contoso Ltd",
                "role": "Senior Data Engineer",
                "met": {"date": date(2024, 3, 12), "how": HOW},
            },
        ),
        (
            6,
            {
                "name": "Tomás Ferreira",
                "email": ["tomas.ferreira@example.com"],
                "links": {"linkedin": url + "tomas-ferreira-example"},
                "org": "Fabrikam",
                "role": "Director, Platform Engineering",
                "met": {"date": date(2023, 1, 3), "how": HOW},
            },
        ),
        (
            8,
            {
                "name": "Mei Lin, PhD",
                "links": {"linkedin": url + "mei-lin-example/"},
                "org": "Northwind Analytics",
                "role": "Research Scientist",
                "met": {"date": date(2022, 2, 28), "how": HOW},
            },
        ),
        (
            9,
            {
                "name": "Jörg Müller",
                "email": ["joerg@example.org"],
                "links": {"linkedin": url + "joerg-mueller-example"},
                "org": "Kestrel Freight",
                "role": "CTO",
                "met": {"date": date(2021, 11, 7), "how": HOW},
            },
        ),
        (
            11,
            {
                "name": "Siobhán O'Neill",
                "links": {"linkedin": url + "siobhan-oneill-example"},
                "met": {"date": date(2019, 9, 30), "how": HOW},
            },
        ),
        (
            12,
            {
                "name": "Kwame Asante",
                "links": {"linkedin": url + "kwame-asante-example"},
                "org": "Fabrikam",
                "role": "Staff Engineer",
                "met": {"date": date(2025, 4, 1), "how": HOW},
            },
        ),
        (
            14,
            {
                "name": "Li Wei",
                "links": {"linkedin": url + "li-wei-example"},
                "org": "Tailspin Toys",
                "role": "Product Manager",
                "met": {"how": HOW},
            },
        ),
    ]
    assert problems(parsed) == [
        "Connections.csv:7: warning: an empty row (a deleted account?); skipped",
        "Connections.csv:10: warning: a row with no name; skipped",
        "Connections.csv:13: warning: an empty row (a deleted account?); skipped",
        "Connections.csv:14: warning: met: 'Yesterday' is not a date like 12 Mar 2024; left out",
        "Connections.csv:14: warning: email: 'li.wei@example' is not an email address; left out",
    ]
    assert parsed.errors == []


def test_linkedin_older_export_without_url_column() -> None:
    parsed = read_linkedin(read("Connections-2017.csv"), "Connections-2017.csv")
    assert people(parsed) == [
        (
            2,
            {
                "name": "Hannah Okoro",
                "email": ["hannah.okoro@example.com"],
                "org": "Contoso Ltd",
                "role": "Data Analyst",
                "met": {"date": date(2016, 8, 19), "how": HOW},
            },
        ),
        (
            3,
            {
                "name": "Ravi Shankar",
                "org": "Woodgrove Bank",
                "role": "Risk Lead",
                "met": {"date": date(2017, 2, 2), "how": HOW},
            },
        ),
    ]
    assert parsed.problems == ()


def test_linkedin_preamble_lines_are_not_counted_but_read() -> None:
    # The header is found by its content: a longer preamble moves it, nothing breaks.
    text = (
        'Notes:\n"A note\nover three lines,\nwith commas"\n\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Okafor,,,,,5 May 2020\n"
    )
    parsed = read_linkedin(text, "c.csv")
    assert people(parsed) == [
        (8, {"name": "Ada Okafor", "met": {"date": date(2020, 5, 5), "how": HOW}})
    ]


def test_linkedin_without_a_header_is_an_error() -> None:
    parsed = read_linkedin(read("not-a-contacts-export.csv"), "x.csv")
    assert problems(parsed) == [
        "x.csv: none of the 3 lines is a header with First Name and Last Name; "
        "is this LinkedIn's Connections.csv?"
    ]
    assert parsed.people == ()


def test_a_broken_csv_quote_is_an_error_naming_its_line() -> None:
    text = 'First Name,Last Name\nAda,Okafor\nGrace,"Hopper\n'
    parsed = read_linkedin(text, "c.csv")
    assert problems(parsed) == ["c.csv:3: cannot read this line as CSV: unexpected end of data"]
    assert parsed.people == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 2024", date(2024, 3, 12)),
        ("1 Apr 2025", date(2025, 4, 1)),
        ("07-Nov-21", date(2021, 11, 7)),
        ("3 Sept 2019", date(2019, 9, 3)),
        ("2024-03-12", date(2024, 3, 12)),
        ("31 Feb 2024", None),
        ("Mar 12, 2024", None),
        ("", None),
    ],
)
def test_connected_on_dates(text: str, expected: date | None) -> None:
    assert parse_connected_on(text) == expected


# --- Google -----------------------------------------------------------------------------


def test_google_current_layout() -> None:
    parsed = read_google(read("google-contacts.csv"), "g.csv")
    assert people(parsed) == [
        (
            2,
            {
                "name": "Amelia Hart",
                "email": ["amelia.hart@example.com", "amelia@example.org"],
                "phone": ["+44 20 7946 0123"],
                "links": {
                    "linkedin": "https://www.linkedin.com/in/amelia-hart-example",
                    "blog": "https://amelia.example.org/blog",
                },
                "org": "Contoso Ltd",
                "role": "VP Engineering",
                "tags": ["Meetups", "London"],
                "birthday": "1984-07-21",
                "notes": "Met at the DataOps meetup.\nKeen cyclist; ask about the Dunwich Dynamo.",
            },
        ),
        (
            4,
            {
                "name": "Bogdan Ilie Ionescu",
                "email": ["bogdan@example.com", "b.ionescu@example.org"],
                "phone": ["555-0142", "555-0143"],
                "tags": ["starred"],
                "birthday": "11-05",
            },
        ),
        (5, {"name": "Cass", "email": ["cass@example.com"], "org": "Tailspin Toys"}),
        (7, {"name": "Dara Ní Bhriain", "tags": ["Friends"]}),
        (
            8,
            {
                "name": "Priya Raman",
                "phone": ["+44 20 7946 0177"],
                "org": "Contoso Ltd",
                "tags": ["Meetups"],
            },
        ),
    ]
    assert problems(parsed) == [
        "g.csv:6: warning: a contact with no name; skipped",
        "g.csv:7: warning: birthday: '31/12/1990' is not a birthday; left out",
        "g.csv:7: warning: email: 'dara at example dot com' is not an email address; left out",
    ]


def test_google_email_spelling_and_crlf() -> None:
    parsed = read_google(read("google-contacts-email-spelling.csv"), "g.csv")
    assert people(parsed) == [
        (
            2,
            {
                "name": "Evan Castillo",
                "email": ["evan.castillo@example.com"],
                "phone": ["+1 555-0188"],
                "org": "Woodgrove Bank",
                "role": "Architect",
                "tags": ["Work"],
            },
        )
    ]


def test_google_legacy_layout() -> None:
    parsed = read_google(read("google-legacy.csv"), "g.csv")
    assert people(parsed) == [
        (
            2,
            {
                "name": "Farah Siddiqui",
                "email": ["farah.siddiqui@example.com"],
                "phone": ["+44 20 7946 0155"],
                "links": {"linkedin": "http://www.linkedin.com/in/farah-siddiqui-example"},
                "org": "Northwind Analytics",
                "role": "Principal Engineer",
                "tags": ["Mentors"],
                "birthday": "1980-02-29",
                "notes": "Introduced by Ada.",
            },
        ),
        (3, {"name": "Gustavo Pereira", "email": ["gustavo.pereira@example.org"]}),
    ]


def test_google_legacy_layout_with_shifted_columns() -> None:
    header = read("google-legacy-shifted.csv").splitlines()[0]
    assert "Language" not in header and "Photo" not in header
    parsed = read_google(read("google-legacy-shifted.csv"), "g.csv")
    assert people(parsed) == [
        (
            2,
            {
                "name": "Helga Brandt",
                "email": ["helga.brandt@example.com"],
                "org": "Fabrikam",
                "role": "Head of QA",
                "tags": ["Conference 2024"],
            },
        )
    ]


def test_google_without_a_header_is_an_error() -> None:
    parsed = read_google(read("not-a-contacts-export.csv"), "x.csv")
    assert parsed.errors == [
        Problem(
            "x.csv",
            0,
            "",
            "none of the 3 lines is a header with First Name or Given Name; "
            "is this a Google Contacts CSV export?",
        )
    ]


# --- vCard ------------------------------------------------------------------------------


def test_vcard_3_from_apple_contacts() -> None:
    parsed = read_vcard(read("apple-contacts-3.0.vcf"), "a.vcf")
    assert people(parsed) == [
        (
            1,
            {
                "name": "Aiko Nakamura",
                "email": ["aiko.nakamura@example.com", "aiko@example.org"],
                "phone": ["+44 20 7946 0191"],
                "links": {
                    "linkedin": "https://www.linkedin.com/in/aiko-nakamura-example",
                    "homepage": "https://aiko.example.org",
                },
                "org": "Tailspin Toys",
                "role": "Lead Researcher",
                "tags": ["Conference", "Research"],
                "birthday": "08-17",
                "notes": "Speaks at PyCon every year.\nPrefers Signal to email, oddly.",
            },
        ),
        (
            23,
            {
                "name": "Søren Øberg",
                "email": ["soren.oberg@example.com"],
                "phone": ["555-0161", "555-0162"],
                "org": "Kestrel Freight",
                "role": "Logistics Analyst, Nordics",
                "birthday": "1991-05-09",
                "notes": "A long note that an exporter folded over several lines, because it is "
                "longer than seventy-five octets; RFC 6350 says to fold there.",
            },
        ),
    ]
    assert parsed.problems == ()


def test_vcard_4() -> None:
    parsed = read_vcard(read("contacts-4.0.vcf"), "c.vcf")
    assert people(parsed) == [
        (
            1,
            {
                "name": "Zanele Dlamini",
                "email": ["zanele.dlamini@example.com", "zanele@example.org"],
                "phone": ["+44-20-7946-0144"],
                "links": {
                    "work": "https://zanele.example.com",
                    "linkedin": "https://www.linkedin.com/in/zanele-dlamini-example",
                },
                "org": "Woodgrove Bank",
                "role": "Head of Risk",
                "tags": ["finance", "mentor"],
                "birthday": "04-12",
                "notes": "Line one\nLine two; with a semicolon, and a comma.",
            },
        ),
        (19, {"name": "최유림", "email": ["yurim.choi@example.org"], "birthday": "03-15"}),
        (33, {"name": "Circa Person"}),
        (39, {"name": "Tunde Adebayo", "email": ["tunde@example.com"], "birthday": "1988-01-01"}),
    ]
    assert problems(parsed) == [
        "c.vcf:26: warning: a group card, not a person; skipped",
        "c.vcf:36: warning: birthday: 'circa 1800' is not a birthday date; left out",
    ]


def test_vcard_2_1_quoted_printable_and_charsets() -> None:
    parsed = read_vcard(read("old-phone-2.1.vcf"), "o.vcf")
    assert people(parsed) == [
        (
            1,
            {
                "name": "Zoë Müller",
                "email": ["zoe.mueller@example.com"],
                "phone": ["555-0170", "555-0171"],
                "notes": "First line\nSecond line, a long one that goes on and on",
            },
        ),
        (11, {"name": "René Dupont", "phone": ["555-0172"]}),
    ]


@pytest.mark.parametrize(
    ("name", "only_ours"),
    [("apple-contacts-3.0.vcf", set()), ("contacts-4.0.vcf", {"Tunde Adebayo"})],
)
def test_vcard_reader_agrees_with_vobject(name: str, only_ours: set[str]) -> None:
    """vobject, an independent parser, reads the same names, emails, phones and notes."""
    ours = {c.name: c.fields for c in read_vcard(read(name), name).people}
    theirs = {}
    for card in vobject.readComponents(read(name)):
        if "fn" not in card.contents or ("kind" in card.contents and card.kind.value == "group"):
            continue
        theirs[card.fn.value] = card
    assert set(ours) - set(theirs) == only_ours  # a card without FN: our name comes from N
    for fn, card in theirs.items():
        fields = ours[fn]
        assert fields.get("email", []) == [e.value for e in card.contents.get("email", [])]
        phones = [t.value.removeprefix("tel:") for t in card.contents.get("tel", [])]
        assert fields.get("phone", []) == phones
        if "note" in card.contents:
            assert fields["notes"] == card.note.value


def test_vcard_folded_lines_unfold_per_rfc_6350() -> None:
    text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lo\r\n velace\r\nNOTE:a\r\n\tb\r\nEND:VCARD\r\n"
    assert people(read_vcard(text, "f.vcf")) == [(1, {"name": "Ada Lovelace", "notes": "ab"})]


def test_vcard_escapes_and_structured_values() -> None:
    text = dedent(
        r"""
        BEGIN:VCARD
        VERSION:3.0
        FN:Grace Hopper
        ORG:Navy\, US;Computing
        CATEGORIES:a\,b,c
        NOTE:back\\slash\Nnew line
        URL;TYPE="profile page":https://grace.example.org
        END:VCARD
        """
    ).lstrip()
    assert people(read_vcard(text, "g.vcf")) == [
        (
            1,
            {
                "name": "Grace Hopper",
                "links": {"profile-page": "https://grace.example.org"},
                "org": "Navy, US",
                "tags": ["a,b", "c"],
                "notes": "back\\slash\nnew line",
            },
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n",
            ["v.vcf:4: BEGIN:VCARD has no END:VCARD"],
        ),
        (
            "FN:A\nEND:VCARD\n",
            [
                "v.vcf:1: text outside BEGIN:VCARD ... END:VCARD; is it a vCard?",
                "v.vcf:2: END:VCARD without a BEGIN:VCARD",
            ],
        ),
        (
            "BEGIN:VCARD\nFN A\nEND:VCARD\n",
            ["v.vcf:2: not a vCard line (it should look like NAME:value)"],
        ),
        ("", ["v.vcf: no cards in this file (no BEGIN:VCARD)"]),
    ],
)
def test_malformed_vcards_are_errors_naming_the_line(text: str, expected: list[str]) -> None:
    parsed = read_vcard(text, "v.vcf")
    assert problems(parsed) == expected
    assert parsed.people == ()


def test_reading_stops_after_ten_problems() -> None:
    text = "".join(f"line {i}, not a card\n" for i in range(1, 101))
    assert problems(read_vcard(text, "x.vcf")) == [
        *(f"x.vcf:{i}: not a vCard line (it should look like NAME:value)" for i in range(1, 11)),
        "x.vcf:11: stopped here; is this a vCard file?",
    ]


def test_a_card_without_end_before_the_next_card() -> None:
    parsed = read_vcard(read("missing-end.vcf"), "m.vcf")
    assert problems(parsed) == [
        "m.vcf:5: BEGIN:VCARD has no END:VCARD before the next card on line 9"
    ]
    assert parsed.people == ()


@pytest.mark.parametrize(
    ("text", "omit", "expected"),
    [
        ("1985-03-02", None, "1985-03-02"),
        ("19850302", None, "1985-03-02"),
        ("--0302", None, "03-02"),
        ("--03-02", None, "03-02"),
        ("1604-08-17", "1604", "08-17"),
        ("0000-08-17", None, "08-17"),
        ("1985-03-02T00:00:00Z", None, "1985-03-02"),
        ("--0229", None, "02-29"),
        ("2001-02-29", None, None),
        ("1985-13-02", None, None),
        ("circa 1800", None, None),
    ],
)
def test_birthdays(text: str, omit: str | None, expected: str | None) -> None:
    assert normalise_birthday(text, omit) == expected


def test_vcard_params_with_quotes_and_bare_types() -> None:
    prop = vcard.parse_line('item1.TEL;TYPE="work,voice";PREF=1:+44 20 7946 0000', 3)
    assert (prop.group, prop.name, prop.types, prop.value, prop.line) == (
        "item1",
        "TEL",
        ("work", "voice"),
        "+44 20 7946 0000",
        3,
    )
    assert vcard.parse_line("TEL;WORK;VOICE:555-0100").types == ("work", "voice")


# --- the plan ---------------------------------------------------------------------------


def contact(slug: str, name: str, **kw: Any) -> Contact:
    return Contact(slug=slug, name=name, source=Source(f"contacts/{slug}.yaml"), **kw)


def text(c: Create, header: str | None = None) -> str:
    """The file ``abc import`` writes for ``c``."""
    return new_contact(c.fields, header=header)


def parsed_of(*fields: dict[str, Any]) -> Parsed:
    return Parsed("in.csv", "Test", tuple(Candidate(i + 2, f) for i, f in enumerate(fields)), ())


NETWORK = [
    contact("ada-okafor", "Ada Okafor", emails=("ada@example.org",), org="Northwind"),
    contact(
        "kwame-asante",
        "Kwame Asante",
        links=(("profile", "https://www.linkedin.com/in/kwame-example/"),),
    ),
    contact("lucia-herrera", "Lucía Herrera"),
]


def test_plan_matches_by_email_and_linkedin_and_fills_only_what_is_missing() -> None:
    plan = plan_import(
        parsed_of(
            {"name": "A. Okafor", "email": ["ADA@example.org"], "org": "Other", "role": "CDO"},
            {"name": "K Asante", "links": {"linkedin": "http://linkedin.com/in/kwame-example"}},
            {"name": "LUCIA HERRERA", "org": "Contoso", "tags": ["python"]},
        ),
        NETWORK,
        {"ada-okafor", "kwame-asante", "lucia-herrera"},
        TODAY,
        region="GB",
    )
    # Ada's file says org: Northwind; the row's role is at Other, so neither is taken
    # (issue 25: org and role travel together), and the report says so.
    assert plan.updated == ()
    assert plan.unchanged == (
        Unchanged("Ada Okafor", "contacts/ada-okafor.yaml", 2),
        Unchanged("Kwame Asante", "contacts/kwame-asante.yaml", 3),
    )
    assert [str(p) for p in plan.warnings] == [
        "in.csv:2: warning: org: Other, CDO left out: contacts/ada-okafor.yaml has org: "
        "Northwind, and org and role are filled together or not at all (edit the file if "
        "they changed jobs)"
    ]
    assert plan.skipped == ()
    # The old rule matched LUCIA HERRERA to Lucía Herrera by the name alone and filled
    # her file. The new rule: a name is never enough (a namesake is as likely), so the
    # row becomes a new person, named as a possible duplicate for the user to decide.
    assert [(c.slug, c.line, c.duplicate_of) for c in plan.created] == [
        ("lucia-herrera-2", 4, ("contacts/lucia-herrera.yaml",))
    ]
    assert plan.counts == {
        "created": 1,
        "updated": 0,
        "unchanged": 2,
        "skipped": 0,
        "merged": 0,
        "rows": 3,
    }


@pytest.mark.parametrize(
    ("row", "filled", "left_out"),
    [
        ({"org": "Northwind", "role": "CDO"}, {"role": "CDO"}, []),  # the same org: its role
        ({"org": "northwind"}, None, []),  # nothing missing
        ({"role": "CDO"}, None, ["CDO"]),  # a role at which org?
        ({"org": "Wipro"}, None, []),  # the file's own org stands, as for any field
    ],
)
def test_org_and_role_are_filled_together(
    row: dict[str, Any], filled: dict[str, str] | None, left_out: list[str]
) -> None:
    plan = plan_import(
        parsed_of({"name": "Ada Okafor", "email": ["ada@example.org"], **row}),
        NETWORK[:1],
        {"ada-okafor"},
        TODAY,
        region="GB",
    )
    assert [u.fields for u in plan.updated] == ([filled] if filled else [])
    assert [p.message.split(" left out")[0] for p in plan.warnings] == left_out


def test_a_later_row_does_not_give_an_earlier_one_a_role_elsewhere() -> None:
    plan = plan_import(
        parsed_of(
            {"name": "Ada Okafor", "email": ["ada@example.org"], "org": "Infosys"},
            {
                "name": "Ada Okafor",
                "email": ["ada@example.org"],
                "org": "Wipro",
                "role": "Head of ML",
            },
        ),
        [],
        set(),
        TODAY,
        region="GB",
    )
    assert "role" not in plan.created[0].fields
    assert [str(p) for p in plan.warnings] == [
        "in.csv:3: warning: org: Wipro, Head of ML left out: line 2 has org: Infosys, and org "
        "and role are filled together or not at all (edit the file if they changed jobs)"
    ]


def test_plan_with_accept_name_matches_fills_a_name_only_match_as_before() -> None:
    plan = plan_import(
        parsed_of({"name": "LUCIA HERRERA", "org": "Contoso", "tags": ["python"]}),
        NETWORK,
        {"ada-okafor", "kwame-asante", "lucia-herrera"},
        TODAY,
        accept_name_matches=True,
        region="GB",
    )
    assert plan.created == ()
    assert plan.updated == (
        Update(
            "lucia-herrera",
            "Lucía Herrera",
            "contacts/lucia-herrera.yaml",
            {"org": "Contoso", "tags": ["python"]},
            2,
            by_name=True,
        ),
    )


def test_plan_creates_new_people_in_the_circle_with_a_header_and_unique_slugs() -> None:
    plan = plan_import(
        parsed_of(
            {"name": "Zoe O'Brien", "email": ["zoe@example.org"]},
            {"name": "Zoë OBrien", "email": ["zoe.2@example.org"]},
        ),
        [],
        {"zoe-obrien"},  # a file that exists but has errors, so it is not in the network
        TODAY,
        circle="core",
        region="GB",
    )
    assert [(c.slug, c.line) for c in plan.created] == [("zoe-obrien-2", 2), ("zoe-obrien-3", 3)]
    assert text(plan.created[0], "yaml-language-server: $schema=../.abc/contact.schema.json") == (
        "# yaml-language-server: $schema=../.abc/contact.schema.json\n"
        "name: Zoe O'Brien\n"
        "email: zoe@example.org\n"
        "circle: core\n"
    )


def test_plan_merges_rows_for_the_same_person_and_says_so() -> None:
    plan = plan_import(
        parsed_of(
            {"name": "Ada Okafor", "email": ["ada@example.com"]},
            {"name": "Ada O.", "email": ["ADA@example.com"], "org": "Northwind"},
            {"name": "Bo", "phone": ["+44 (20) 7946-0018"], "links": {"linkedin": LI + "bo"}},
            {"name": "B. Lee", "phone": ["+44 20 7946 0018"], "role": "CTO"},
            {"name": "Ada Okafor", "email": ["ada@example.com"], "phone": ["+44 20 7946.0018"]},
        ),
        [],
        set(),
        TODAY,
        region="GB",
    )
    # Rows 2 and 3 share an email, rows 4 and 5 a phone (its digits): each later row is
    # merged into the first. Row 6 has row 2's email and row 4's phone: it cannot be both.
    assert [text(c) for c in plan.created] == [
        "name: Ada Okafor\nemail: ada@example.com\norg: Northwind\ncircle: wide\n",
        "name: Bo\nphone: +44 (20) 7946-0018\nlinks:\n  linkedin: "
        "https://www.linkedin.com/in/bo\nrole: CTO\ncircle: wide\n",
    ]
    assert plan.merged == (Merged("Ada O.", 3, 2), Merged("B. Lee", 5, 4))
    assert plan.skipped == (
        Skip(
            "Ada Okafor",
            6,
            "matches Ada Okafor (line 2) and Bo (line 4); merge them with abc merge first",
        ),
    )
    assert sum(v for k, v in plan.counts.items() if k != "rows") == plan.rows == 5


def test_plan_does_not_merge_rows_by_the_name_alone() -> None:
    rows = parsed_of(
        {"name": "Ada Okafor", "email": ["ada@example.com"]},
        {"name": "Ada Okafor", "email": ["a2@example.com"], "org": "Northwind"},
    )
    # The old rule merged these two by the name, into one file with both rows' fields.
    # The new rule keeps them apart: nothing but the name is shared.
    plan = plan_import(rows, [], set(), TODAY, region="GB")
    assert [(c.slug, c.duplicate_of) for c in plan.created] == [
        ("ada-okafor", ()),
        ("ada-okafor-2", ("contacts/ada-okafor.yaml from line 2",)),
    ]
    assert plan.merged == ()
    # With --accept-name-matches they merge as before, the first row's values winning.
    plan = plan_import(rows, [], set(), TODAY, accept_name_matches=True, region="GB")
    assert [text(c) for c in plan.created] == [
        "name: Ada Okafor\nemail: ada@example.com\norg: Northwind\ncircle: wide\n"
    ]
    assert plan.merged == (Merged("Ada Okafor", 3, 2, by_name=True),)


def test_plan_keeps_namesakes_with_different_linkedin_urls_apart() -> None:
    friend = contact("john-smith", "John Smith", emails=("john@myfriend.example",))
    plan = plan_import(
        parsed_of(
            {"name": "John Smith", "links": {"linkedin": LI + "john-smith-1"}, "org": "A"},
            {"name": "John Smith", "links": {"linkedin": LI + "john-smith-2"}, "org": "B"},
            {"name": "JOHN SMITH", "links": {"linkedin": LI + "john-smith-1/"}, "role": "CTO"},
            {"name": "John Smith", "links": {"linkedin": LI + "john-smith-3"}},
        ),
        [friend],
        {"john-smith"},
        TODAY,
        accept_name_matches=True,
        region="GB",
    )
    # Even accepting name matches, the first row fills the friend's file (no URL there
    # to tell them apart); the second has another URL than the first: another person.
    assert [(u.path, u.fields) for u in plan.updated] == [
        (
            "contacts/john-smith.yaml",
            {"links": {"linkedin": LI + "john-smith-1"}, "org": "A"},
        )
    ]
    # Line 4's role, with no org, is not put beside line 2's org A: which org is it at?
    assert [p.line for p in plan.warnings] == [4]
    assert [(c.slug, c.line, c.duplicate_of) for c in plan.created] == [
        ("john-smith-2", 3, ()),
        ("john-smith-3", 5, ()),
    ]
    assert plan.merged == (Merged("JOHN SMITH", 4, 2),)


def test_plan_skips_a_row_that_matches_two_people() -> None:
    plan = plan_import(
        parsed_of(
            {
                "name": "Someone",
                "email": ["ada@example.org"],
                "links": {"linkedin": "https://www.linkedin.com/in/kwame-example"},
            }
        ),
        NETWORK,
        set(),
        TODAY,
        region="GB",
    )
    assert [(s.name, s.line, s.reason) for s in plan.skipped] == [
        (
            "Someone",
            2,
            "matches Ada Okafor (contacts/ada-okafor.yaml) and Kwame Asante "
            "(contacts/kwame-asante.yaml); merge them with abc merge first",
        )
    ]
    assert plan.updated == plan.created == ()


def test_an_email_decides_over_a_name() -> None:
    # The old rule skipped this row: Ada's email, Lucía's name, "matches two people".
    # The new rule: the email agrees with Ada's and nothing conflicts, so it is Ada
    # (with nothing to add); a name is never evidence against an identifier.
    plan = plan_import(
        parsed_of({"name": "Lucía Herrera", "email": ["ada@example.org"]}),
        NETWORK,
        set(),
        TODAY,
        region="GB",
    )
    assert plan.unchanged == (Unchanged("Ada Okafor", "contacts/ada-okafor.yaml", 2),)
    assert plan.skipped == plan.updated == plan.created == ()


def test_one_email_on_two_linkedin_profiles_is_skipped_with_its_reason() -> None:
    kwame = contact(
        "kwame-asante",
        "Kwame Asante",
        emails=("team@example.org",),
        links=(("linkedin", LI + "kwame-example"),),
    )
    plan = plan_import(
        parsed_of(
            {
                "name": "Kwame Asante",
                "email": ["team@example.org"],
                "links": {"linkedin": LI + "k2"},
            },
            {"name": "Kofi", "email": ["kofi@example.org"], "links": {"linkedin": LI + "kofi"}},
            {"name": "Kofi", "email": ["kofi@example.org"], "links": {"linkedin": LI + "k3"}},
        ),
        [kwame],
        {"kwame-asante"},
        TODAY,
        region="GB",
    )
    assert [(s.line, s.reason) for s in plan.skipped] == [
        (
            2,
            "team@example.org is also the email of Kwame Asante (contacts/kwame-asante.yaml), "
            "who has another LinkedIn URL: one email, two profiles; merge them with abc merge "
            "if they are one person, or correct the email",
        ),
        (
            4,
            "kofi@example.org is also the email of Kofi (line 3), who has another LinkedIn "
            "URL: one email, two profiles; merge them with abc merge if they are one person, "
            "or correct the email",
        ),
    ]
    assert [c.slug for c in plan.created] == ["kofi"]


def test_a_shared_phone_with_another_linkedin_url_is_another_person() -> None:
    plan = plan_import(
        parsed_of(
            {"name": "Ann Lee", "phone": ["555-0100"], "links": {"linkedin": LI + "ann"}},
            {"name": "Bo Lee", "phone": ["555 0100"], "links": {"linkedin": LI + "bo"}},
        ),
        [],
        set(),
        TODAY,
        region="GB",
    )
    assert [c.slug for c in plan.created] == ["ann-lee", "bo-lee"]
    assert plan.merged == plan.skipped == ()


def test_rows_merged_into_a_row_that_is_skipped_are_skipped_too() -> None:
    plan = plan_import(
        parsed_of(
            {"name": "Ada", "email": ["ada@example.org"], "links": {"site": "ftp://x.example"}},
            {"name": "Ada", "email": ["ada@example.org"]},
        ),
        [],
        set(),
        TODAY,
        region="GB",
    )
    assert [(s.line, s.reason) for s in plan.skipped] == [
        (2, "links.site: ftp://x.example is not a web address (start it with https://)"),
        (3, "same person as line 2, which is skipped"),
    ]
    assert plan.counts["skipped"] == plan.rows == 2


def test_the_report_accounts_for_every_row() -> None:
    parsed = parsed_of(
        {"name": "Kwame Asante", "links": {"linkedin": "https://linkedin.com/in/kwame-example"}},
        {"name": "Lucia Herrera", "org": "Contoso"},
        {"name": "Ann Lee", "email": ["ann@example.org"]},
        {"name": "Ann L.", "email": ["ANN@example.org"], "org": "Fabrikam"},
        {"name": "Ann Lee", "email": ["ann.lee@example.com"]},
    )
    parsed = Parsed(
        "in.csv",
        "LinkedIn",
        parsed.people,
        (Problem("in.csv", 7, "", "an empty row (a deleted account?); skipped", "warning"),),
    )
    taken = {"ada-okafor", "kwame-asante", "lucia-herrera"}
    plan = plan_import(parsed, NETWORK, taken, TODAY, region="GB")
    assert report_lines(parsed, plan, dry_run=False, circle="pool") == [
        "LinkedIn: 6 rows in in.csv.",
        "Created 3 (circle pool):",
        "  contacts/lucia-herrera-2.yaml  Lucia Herrera",
        "  contacts/ann-lee.yaml          Ann Lee",
        "  contacts/ann-lee-2.yaml        Ann Lee",
        "Unchanged 1, already here with nothing to add:",
        "  contacts/kwame-asante.yaml  Kwame Asante",
        "Merged 1 into an earlier row:",
        "  in.csv:5: Ann L.: same person as line 4, merged",
        "Skipped 1:",
        "  in.csv:7: an empty row (a deleted account?); skipped",
        "Check 2 possible duplicates:",
        "  in.csv:3: Lucia Herrera: possible duplicate of contacts/lucia-herrera.yaml (same "
        "name, no shared email, URL or phone): created as contacts/lucia-herrera-2.yaml; "
        "merge with abc merge if they are one person",
        "  in.csv:6: Ann Lee: possible duplicate of contacts/ann-lee.yaml from line 4 (same name, "
        "no shared email, URL or phone): created as contacts/ann-lee-2.yaml; merge with abc "
        "merge if they are one person",
        "Done: 3 created, 0 updated, 1 unchanged, 1 skipped, 1 merged; 6 rows.",
    ]
    dry = report_lines(parsed, plan, dry_run=True, circle="pool")
    assert [line for line in dry if "would" in line.lower()] == [
        "Would create 3 (circle pool):",
        "Would merge 1 into an earlier row:",
        "  in.csv:5: Ann L.: same person as line 4, would be merged",
        "  in.csv:3: Lucia Herrera: possible duplicate of contacts/lucia-herrera.yaml (same "
        "name, no shared email, URL or phone): would be created as "
        "contacts/lucia-herrera-2.yaml; merge with abc merge if they are one person",
        "  in.csv:6: Ann Lee: possible duplicate of contacts/ann-lee.yaml from line 4 (same name, "
        "no shared email, URL or phone): would be created as contacts/ann-lee-2.yaml; merge "
        "with abc merge if they are one person",
        "Dry run: would create 3, update 0, leave 1 unchanged, skip 1, merge 1; 6 rows; "
        "nothing was written.",
    ]
    accepted = plan_import(parsed, NETWORK, taken, TODAY, accept_name_matches=True, region="GB")
    assert report_lines(parsed, accepted, dry_run=False, circle="pool")[1:9] == [
        "Created 1 (circle pool):",
        "  contacts/ann-lee.yaml  Ann Lee",
        "Updated 1, adding only what their file lacked:",
        "  contacts/lucia-herrera.yaml  Lucía Herrera: org (same name only)",
        "Unchanged 1, already here with nothing to add:",
        "  contacts/kwame-asante.yaml  Kwame Asante",
        "Merged 2 into an earlier row:",
        "  in.csv:5: Ann L.: same person as line 4, merged",
    ]
    assert report_lines(parsed, accepted, dry_run=False, circle="pool")[9:] == [
        "  in.csv:6: Ann Lee: same name as line 4, merged (--accept-name-matches)",
        "Skipped 1:",
        "  in.csv:7: an empty row (a deleted account?); skipped",
        "Done: 1 created, 1 updated, 1 unchanged, 1 skipped, 2 merged; 6 rows.",
    ]


def test_plan_drops_a_met_date_after_today() -> None:
    plan = plan_import(
        parsed_of({"name": "Ada", "met": {"date": date(2027, 1, 1), "how": HOW}}),
        [],
        set(),
        TODAY,
        region="GB",
    )
    assert text(plan.created[0]) == "name: Ada\ncircle: wide\nmet:\n  how: Connected on LinkedIn\n"
    assert [str(w) for w in plan.warnings] == [
        "in.csv:2: warning: met: 2027-01-01 is after today; left out"
    ]


def test_plan_never_writes_a_file_abc_check_would_reject() -> None:
    plan = plan_import(
        parsed_of({"name": "Ada", "links": {"site": "ftp://x.example.org"}}),
        [],
        set(),
        TODAY,
        region="GB",
    )
    assert plan.created == ()
    assert [(s.name, s.reason) for s in plan.skipped] == [
        ("Ada", "links.site: ftp://x.example.org is not a web address (start it with https://)")
    ]


# --- filling fields into an existing file -----------------------------------------------

BASE = (
    "# Ada: met at PyData.\r\n"
    "name: Ada Okafor   # the name she uses\r\n"
    "org:    # unknown yet\r\n"
    "tags: []\r\n"
    "# the history\r\n"
    "touches:\r\n"
    "- date: 2026-01-02\r\n"
    "  channel: call"
)
FILL = {
    "email": ["ada@example.org", "ada@example.com"],
    "phone": ["+44 20 7946 0018"],
    "links": {"linkedin": "https://www.linkedin.com/in/ada-example"},
    "org": "Northwind",
    "role": "Head of Data",
    "tags": ["data"],
    "met": {"date": date(2019, 6, 14), "how": "PyData"},
    "birthday": "03-02",
    "notes": "Two kids.\nArsenal fan.\n",
}


def fill(text: str, fields: dict[str, Any]) -> str:
    data, problems = load_text(text, "x", "rt")
    assert problems == []
    return fill_fields(text, data, fields)


def test_filling_keeps_every_byte_and_puts_fields_in_file_order() -> None:
    assert fill(BASE, FILL) == (
        "# Ada: met at PyData.\r\n"
        "name: Ada Okafor   # the name she uses\r\n"
        "email:\r\n"
        "  - ada@example.org\r\n"
        "  - ada@example.com\r\n"
        "phone: +44 20 7946 0018\r\n"
        "links:\r\n"
        "  linkedin: https://www.linkedin.com/in/ada-example\r\n"
        "org: Northwind    # unknown yet\r\n"
        "role: Head of Data\r\n"
        "tags:\r\n"
        "  - data\r\n"
        "met:\r\n"
        "  date: 2019-06-14\r\n"
        "  how: PyData\r\n"
        'birthday: "03-02"\r\n'
        "notes: |\r\n"
        "  Two kids.\r\n"
        "  Arsenal fan.\r\n"
        "# the history\r\n"
        "touches:\r\n"
        "- date: 2026-01-02\r\n"
        "  channel: call\r\n"
    )


def test_filling_leaves_fields_that_have_a_value() -> None:
    text = "name: Ada\norg: Northwind\n"
    assert fill(text, {"org": "Other", "role": "CDO"}) == "name: Ada\norg: Northwind\nrole: CDO\n"


def test_a_field_written_over_several_lines_is_refused() -> None:
    from abcnet.core.problems import DataError

    text = "name: Ada\norg:\n\n  # nothing yet\ntags: [a]\n"
    data, _ = load_text(text, "x", "rt")
    assert fill_fields(text, data, {"org": "Northwind"}) == (
        "name: Ada\norg: Northwind\n\n  # nothing yet\ntags: [a]\n"
    )
    text = 'name: Ada\nnotes: "first\n  second"\n'
    data, _ = load_text(text, "x", "rt")
    with pytest.raises(DataError):
        add_field(text, data, "notes", "x")


@examples(60)
@given(st.lists(st.sampled_from(sorted(FILL)), unique=True))
def test_filling_only_adds_lines(keys: list[str]) -> None:
    """Whatever is filled, every line of the file is still there, in order, and abc reads it."""
    from abcnet.core.checks import parse_contact

    before = BASE.split("\r\n")
    after = fill(BASE, {k: FILL[k] for k in keys}).split("\r\n")
    kept = iter(after)
    for line in before:
        if line.split(":")[0] in keys:
            continue  # an empty entry (org:, tags: []) replaced by its value
        assert any(line == other for other in kept), line
    data, problems = load_text("\n".join(after), "x", "safe")
    assert problems == []
    _, problems = parse_contact(data, "x", "x", TODAY)
    assert problems == []
