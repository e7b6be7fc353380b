"""The editor schemas agree with `abc check`: valid by the schema ⇔ no errors from check.

Each file is loaded the way abc loads it (the safe loader, dates kept as text) and
validated with jsonschema, an independent implementation of JSON Schema 2020-12.
The one documented difference: the schema cannot know today's date, so a date in
the future passes the schema but not `abc check`.
"""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import date
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
from conftest import DEMO, Net
from jsonschema import Draft202012Validator

from abcnet.core.fields import CONTACT_KEYS, MET_KEYS, SETTINGS_KEYS, TOUCH_KEYS
from abcnet.core.model import CHANNELS, CIRCLE_CHOICES, DIRECTIONS, TOUCH_KINDS
from abcnet.formats.schema import with_table
from abcnet.formats.yamltext import load_text
from abcnet.storage.layout import contact_files
from abcnet.storage.scaffold import data_file

CONTACT = json.loads(data_file("contact.schema.json"))
SETTINGS = json.loads(data_file("settings.schema.json"))


def schema_errors(schema: dict[str, Any], text: str) -> list[str] | None:
    """The schema's complaints about a YAML text (None when it is not YAML at all)."""
    data, problems = load_text(text, "x", "safe")
    if problems:
        return None
    return [e.message for e in Draft202012Validator(schema).iter_errors(data)]


def test_the_schemas_are_valid_2020_12_schemas() -> None:
    Draft202012Validator.check_schema(CONTACT)
    Draft202012Validator.check_schema(SETTINGS)
    assert CONTACT["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schemas_name_exactly_the_keys_abc_reads() -> None:
    props = CONTACT["properties"]
    assert tuple(props) == CONTACT_KEYS
    assert tuple(props["met"]["properties"]) == MET_KEYS
    touch = props["touches"]["items"]["properties"]
    assert tuple(touch) == TOUCH_KEYS
    assert props["circle"]["anyOf"][0]["enum"] == list(CIRCLE_CHOICES)
    assert touch["channel"]["anyOf"][0]["enum"] == list(CHANNELS)
    assert touch["direction"]["anyOf"][0]["enum"] == list(DIRECTIONS)
    assert touch["kind"]["anyOf"][0]["enum"] == list(TOUCH_KINDS)
    assert tuple(SETTINGS["properties"]) == SETTINGS_KEYS


def test_every_demo_contact_is_valid_by_the_schema_and_by_check() -> None:
    paths = contact_files(DEMO)
    assert len(paths) == 40
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert schema_errors(CONTACT, text) == [], path.name
    settings = (DEMO / "abc.yaml").read_text(encoding="utf-8")
    assert schema_errors(SETTINGS, settings) == []


# Each snippet: a contact file. Valid ones first, then each kind of mistake.
CONTACTS = {
    "minimal": "name: Ada\n",
    "number-name": "name: 42\n",
    "nulls": "name: Ada\nemail:\nphone:\nlinks:\norg:\ntags:\nmet:\nnotes:\ntouches:\n",
    "empties": "name: Ada\nemail: []\nlinks: {}\ntags: []\ntouches: []\n",
    "everything": """
        name: Ada Okafor
        email: [ada@example.org, " ada@example.com "]
        phone: "+44 20 7946 0018"
        links: {linkedin: "https://www.linkedin.com/in/ada", mail: "MAILTO:ada@example.org"}
        org: Northwind
        role: 7
        circle: " Inner "
        cadence: 6W
        tags: [data, 2024]
        met: {date: 2019-06-14, how: PyData}
        birthday: "--0302"
        snooze_until: 2027-01-31
        archived: false
        notes: |
          Two lines
          of notes.
        touches:
          - date: "2024-02-29"
            channel: Call
            direction: IN
            kind: give
            note: A leap day
          - {date: 2026-11-25}
        """,
    "cadence-words": "name: Ada\ncadence: Twice A Year\n",
    "cadence-underscore": "name: Ada\ncadence: twice_a_year\n",
    "cadence-number": "name: Ada\ncadence: 45\n",
    "cadence-long-is-only-a-warning": "name: Ada\ncadence: 1y\n",
    "cadence-leading-zero": "name: Ada\ncadence: 045d\n",
    "cadence-space-unit": "name: Ada\ncadence: 45 d\n",
    "cadence-unit-word": "name: Ada\ncadence: 90 Days\n",
    "cadence-unit-words": "name: Ada\ncadence: 2_weeks\n",
    "birthday-md": 'name: Ada\nbirthday: "03-02"\n',
    "birthday-mmdd": 'name: Ada\nbirthday: "0302"\n',
    "birthday-leap-no-year": 'name: Ada\nbirthday: "02-29"\n',
    "birthday-leap-year": "name: Ada\nbirthday: 2000-02-29\n",
    "birthday-year-dash-mmdd": 'name: Ada\nbirthday: "1985-0302"\n',
    # mistakes
    "empty-file": "",
    "a-list": "- name: Ada\n",
    "no-name": "email: ada@example.org\n",
    "blank-name": 'name: "  "\n',
    "null-name": "name:\n",
    "bool-name": "name: true\n",
    "list-name": "name: [Ada]\n",
    "unknown-key": "name: Ada\nemails: ada@example.org\n",
    "bad-email": "name: Ada\nemail: ada@example\n",
    "bad-email-in-list": "name: Ada\nemail: [ada2@example.org, not an email]\n",
    "email-number": "name: Ada\nemail: 5\n",
    "phone-number": "name: Ada\nphone: 5550123\n",
    "phone-list-of-numbers": "name: Ada\nphone: [5550123]\n",
    "links-list": 'name: Ada\nlinks: ["https://example.org"]\n',
    "link-no-scheme": "name: Ada\nlinks:\n  site: www.example.org\n",
    "link-null": "name: Ada\nlinks:\n  site:\n",
    "link-ftp": "name: Ada\nlinks:\n  site: ftp://example.org\n",
    "org-list": "name: Ada\norg: [a, b]\n",
    "org-bool": "name: Ada\norg: true\n",
    "circle-unknown": "name: Ada\ncircle: outer\n",
    "circle-number": "name: Ada\ncircle: 1\n",
    "cadence-zero": "name: Ada\ncadence: 0d\n",
    "cadence-word": "name: Ada\ncadence: sometimes\n",
    "cadence-negative": "name: Ada\ncadence: -3\n",
    "cadence-bool": "name: Ada\ncadence: true\n",
    "tags-string": "name: Ada\ntags: data\n",
    "tags-nested": "name: Ada\ntags: [[data]]\n",
    "tags-bool": "name: Ada\ntags: [true]\n",
    "met-string": "name: Ada\nmet: PyData\n",
    "met-unknown-key": "name: Ada\nmet: {where: PyData}\n",
    "met-bad-date": "name: Ada\nmet: {date: 2019-02-30}\n",
    "met-date-not-iso": "name: Ada\nmet: {date: 14/06/2019}\n",
    "birthday-bad": "name: Ada\nbirthday: 1985-13-02\n",
    "birthday-feb-29-non-leap": "name: Ada\nbirthday: 2001-02-29\n",
    "birthday-number": "name: Ada\nbirthday: 302\n",
    "snooze-bad": "name: Ada\nsnooze_until: next week\n",
    "snooze-year-zero": "name: Ada\nsnooze_until: 0000-01-01\n",
    "archived-string": "name: Ada\narchived: maybe\n",
    "notes-list": "name: Ada\nnotes: [a]\n",
    "touches-mapping": "name: Ada\ntouches: {date: 2024-01-01}\n",
    "touch-string": "name: Ada\ntouches: [2024-01-01]\n",
    "touch-no-date": "name: Ada\ntouches:\n  - channel: call\n",
    "touch-null-date": "name: Ada\ntouches:\n  - date:\n",
    "touch-bad-date": "name: Ada\ntouches:\n  - date: 2023-02-29\n",
    "touch-bad-channel": "name: Ada\ntouches:\n  - {date: 2024-01-01, channel: pigeon}\n",
    "touch-bad-direction": "name: Ada\ntouches:\n  - {date: 2024-01-01, direction: sideways}\n",
    "touch-bad-kind": "name: Ada\ntouches:\n  - {date: 2024-01-01, kind: favour}\n",
    "touch-unknown-key": "name: Ada\ntouches:\n  - {date: 2024-01-01, mood: good}\n",
    "touch-note-list": "name: Ada\ntouches:\n  - {date: 2024-01-01, note: [a]}\n",
}

FUTURE = {
    "met-in-the-future": "name: Ada\nmet: {date: 2030-01-01}\n",
    "touch-in-the-future": "name: Ada\ntouches:\n  - date: 2030-01-01\n",
}


def check_errors(net: Net, texts: dict[str, str]) -> dict[str, list[str]]:
    """`abc check --json` over one network holding every snippet: each file's errors."""
    for name, text in texts.items():
        net.write(name, dedent(text))
    result = net.run("check", "--json")
    report = json.loads(result.stdout)
    found: dict[str, list[str]] = {name: [] for name in texts}
    for p in report["problems"]:
        if p["severity"] == "error":
            found[Path(p["path"]).stem].append(p["message"])
    return found


def test_schema_and_check_agree_on_every_snippet(net: Net) -> None:
    errors = check_errors(net, CONTACTS)
    disagree = {}
    for name, text in CONTACTS.items():
        by_schema = schema_errors(CONTACT, dedent(text))
        assert by_schema is not None, name
        if (by_schema == []) != (errors[name] == []):
            disagree[name] = {"schema": by_schema, "check": errors[name]}
    assert disagree == {}
    valid = [name for name in CONTACTS if not errors[name]]
    assert valid == list(CONTACTS)[:18]  # the snippets are what their names say


def test_the_one_difference_is_a_date_after_today(net: Net) -> None:
    errors = check_errors(net, FUTURE)
    for name, text in FUTURE.items():
        assert schema_errors(CONTACT, text) == []
        assert errors[name] == [
            "2030-01-01 is after today (2026-11-25); log touches once they have happened"
        ]


SETTINGS_SNIPPETS = {
    "empty": ("", True),
    "all": (
        """
        daily_quota: 3
        minutes: 15
        cadences:
          inner: 4w
          core: Quarterly
          wide:
        reminder_time: " 07:30 "
        timezone: Asia/Tokyo
        horizon: 8w
        birthdays: false
        private: true
        calendar_name: 12
        commit: true
        """,
        True,
    ),
    "quota-zero": ("daily_quota: 0\n", False),
    "quota-text": ("daily_quota: two\n", False),
    "quota-bool": ("daily_quota: true\n", False),
    "minutes-float": ("minutes: 7.5\n", False),
    "cadences-list": ("cadences: [30d]\n", False),
    "cadences-unknown-circle": ("cadences: {outer: 30d}\n", False),
    "cadence-bad": ("cadences: {inner: often}\n", False),
    "time-unquoted-number": ("reminder_time: 845\n", False),
    "time-bad": ('reminder_time: "25:00"\n', False),
    "timezone-number": ("timezone: 5\n", False),
    "horizon-bad": ("horizon: soon\n", False),
    "birthdays-text": ("birthdays: sometimes\n", False),
    "unknown-key": ("quota: 2\n", False),
    "a-list": ("- daily_quota: 2\n", False),
}


@pytest.mark.parametrize("name", list(SETTINGS_SNIPPETS))
def test_settings_schema_and_check_agree(net: Net, name: str) -> None:
    text, valid = SETTINGS_SNIPPETS[name]
    net.settings(dedent(text))
    report = json.loads(net.run("check", "--json").stdout)
    check_ok = not [p for p in report["problems"] if p["severity"] == "error"]
    by_schema = schema_errors(SETTINGS, dedent(text))
    assert by_schema is not None
    assert (by_schema == [], check_ok) == (valid, valid)


def test_a_time_zone_name_is_not_checked_by_the_schema(net: Net) -> None:
    # Documented: the schema does not carry the list of time zone names.
    net.settings("timezone: Mars/Olympus\n")
    report = json.loads(net.run("check", "--json").stdout)
    assert [p["field"] for p in report["problems"]] == ["timezone"]
    assert schema_errors(SETTINGS, "timezone: Mars/Olympus\n") == []


# --- one declaration of each field ------------------------------------------------------------


REGENERATE = "ABC_REGENERATE_SCHEMAS=1 .venv/bin/pytest tests/test_schema.py, then read the diff"
REFERENCE = Path(__file__).resolve().parent.parent / "site" / "reference"


def test_the_shipped_schemas_are_generated_from_the_field_declarations() -> None:
    """abc/data/*.schema.json is what formats.schema writes from core.fields, byte for byte.

    After changing a field, rewrite them (and the reference pages' tables) with
    ``ABC_REGENERATE_SCHEMAS=1 .venv/bin/pytest tests/test_schema.py`` and read the diff.
    """
    from abcnet.formats.schema import SCHEMAS, as_text

    folder = Path(__file__).resolve().parent.parent / "abc" / "data"
    for name, make in SCHEMAS.items():
        text = as_text(make())
        if os.environ.get("ABC_REGENERATE_SCHEMAS"):
            (folder / name).write_text(text, encoding="utf-8")
        assert data_file(name).decode("utf-8") == text, (
            f"abc/data/{name} is out of date: {REGENERATE}"
        )


def regenerated(page: str, tables: dict[str, str]) -> str:
    """A reference page with each of its generated tables made again."""
    for name, table in tables.items():
        made = with_table(page, name, table)
        assert made is not None, f"no <!-- {name}: begin --> and <!-- {name}: end --> lines"
        page = made
    return page


def test_the_reference_pages_show_each_field_as_declared() -> None:
    """site/reference/contact-format.md and settings.md hold, between their markers,
    the tables made from the declarations; ABC_REGENERATE_SCHEMAS=1 rewrites them."""
    from abcnet.formats.schema import reference_tables

    for name, tables in reference_tables().items():
        path = REFERENCE / name
        text = path.read_text(encoding="utf-8")
        made = regenerated(text, tables)
        if os.environ.get("ABC_REGENERATE_SCHEMAS"):
            path.write_text(made, encoding="utf-8")
            text = path.read_text(encoding="utf-8")
        assert text == made, f"site/reference/{name} is out of date: {REGENERATE}"
    contact = (REFERENCE / "contact-format.md").read_text(encoding="utf-8")
    assert "\n<!-- fields: begin -->\n| field | what it holds | default |\n" in contact
    assert "| `circle` | `inner`, `core` or `wide`." in contact


def test_a_changed_declaration_is_caught_and_its_table_made_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from abcnet.core import fields
    from abcnet.formats import schema

    page = (REFERENCE / "contact-format.md").read_text(encoding="utf-8")
    assert regenerated(page, schema.reference_tables()["contact-format.md"]) == page
    org = next(f for f in fields.CONTACT_FIELDS if f.key == "org")
    changed = tuple(
        dataclasses.replace(f, help="Where they work now.") if f is org else f
        for f in fields.CONTACT_FIELDS
    )
    pronouns = fields.Field("pronouns", "text", "Pronouns.", "How they like to be referred to.")
    monkeypatch.setattr(schema, "CONTACT_FIELDS", (*changed, pronouns))
    made = regenerated(page, schema.reference_tables()["contact-format.md"])
    assert made != page  # what the test of the pages above fails on
    added = "| `pronouns` | How they like to be referred to. | none |\n<!-- fields: end -->\n"
    assert made == page.replace(
        "| `org` | Where they work. | none |", "| `org` | Where they work now. | none |"
    ).replace("<!-- fields: end -->\n", added, 1)
    # Made again from the same declarations, the page is the same: only the tables move.
    assert regenerated(made, schema.reference_tables()["contact-format.md"]) == made
    assert with_table(page.replace("<!-- fields: end -->", ""), "fields", "x\n") is None


def test_every_kind_of_field_has_a_reader_and_a_schema_shape() -> None:
    from abcnet.core.checks import READERS
    from abcnet.core.fields import CONTACT_FIELDS, KINDS_OF_FIELD, SETTINGS_FIELDS
    from abcnet.formats.schema import SHAPES

    def kinds(fields: Any) -> set[str]:
        return {f.kind for f in fields} | {k for f in fields for k in kinds(f.fields)}

    assert kinds(CONTACT_FIELDS) | kinds(SETTINGS_FIELDS) == set(KINDS_OF_FIELD)
    assert set(READERS) == set(SHAPES) == set(KINDS_OF_FIELD)


def test_a_new_field_reaches_the_check_and_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """Declared once (plus its attribute on the model), a field is read by the check and
    described by the schema; tests/test_fields.py takes it through the cache."""
    from dataclasses import dataclass

    from abcnet.core import checks, fields
    from abcnet.core.model import Contact
    from abcnet.formats import schema

    @dataclass(frozen=True)
    class WithPronouns(Contact):
        pronouns: str | None = None

    extra = fields.Field("pronouns", "text", "How they like to be referred to.")
    monkeypatch.setattr(checks, "CONTACT_FIELDS", (*fields.CONTACT_FIELDS, extra))
    monkeypatch.setattr(checks, "Contact", WithPronouns)
    monkeypatch.setattr(schema, "CONTACT_FIELDS", (*fields.CONTACT_FIELDS, extra))
    ada, problems = checks.parse_contact(
        {"name": "Ada", "pronouns": "she/her"}, "x", "x", date(2026, 11, 25)
    )
    assert problems == []
    assert isinstance(ada, WithPronouns) and ada.pronouns == "she/her"
    _, problems = checks.parse_contact(
        {"name": "Ada", "pronoun": "she"}, "x", "x", date(2026, 11, 25)
    )
    assert [p.message for p in problems] == ["unknown key; did you mean 'pronouns'?"]
    assert schema.contact_schema()["properties"]["pronouns"] == {
        "type": ["string", "number", "null"],
        "description": "How they like to be referred to.",
    }
