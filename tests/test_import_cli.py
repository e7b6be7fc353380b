"""`abc import`: never overwrites, fills only what is missing, dry run, a second run changes
nothing, a malformed file writes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import Net

DATA = Path(__file__).parent / "data" / "imports"
MODELINE = "# yaml-language-server: $schema=../.abc/contact.schema.json\n"


def sample(net: Net, name: str) -> str:
    """Copy a sample export beside the network; its path as the user would type it."""
    path = net.root / "Downloads" / name
    path.parent.mkdir(exist_ok=True)
    shutil.copy(DATA / name, path)
    return str(path)


def snapshot(net: Net) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(net.contacts.iterdir())}


KWAME = """\
# Kwame: five-a-side on Tuesdays.
name: Kwame Asante
email: kwame@example.org   # personal
links:
  linkedin: https://www.linkedin.com/in/kwame-asante-example
touches:
  - date: 2026-10-01
    channel: call
"""


def test_dry_run_reports_and_writes_nothing(net: Net) -> None:
    net.write("kwame-asante", KWAME)
    before = snapshot(net)
    path = sample(net, "Connections.csv")
    result = net.run("import", "linkedin", path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"LinkedIn: 10 rows in {path}.\n"
        "Would create 6 (circle pool):\n"
        "  contacts/priya-raman.yaml     Priya Raman\n"
        "  contacts/tomas-ferreira.yaml  Tomás Ferreira\n"
        "  contacts/mei-lin-phd.yaml     Mei Lin, PhD\n"
        "  contacts/jorg-muller.yaml     Jörg Müller\n"
        "  contacts/siobhan-oneill.yaml  Siobhán O'Neill\n"
        "  contacts/li-wei.yaml          Li Wei\n"
        "Would update 1, adding only what their file lacked:\n"
        "  contacts/kwame-asante.yaml  Kwame Asante: org, role, met\n"
        "Skipped 3:\n"
        f"  {path}:7: an empty row (a deleted account?); skipped\n"
        f"  {path}:10: a row with no name; skipped\n"
        f"  {path}:13: an empty row (a deleted account?); skipped\n"
        "Left out 2 values:\n"
        f"  {path}:14: warning: email: 'li.wei@example' is not an email address; left out\n"
        f"  {path}:14: warning: met: 'Yesterday' is not a date like 12 Mar 2024; left out\n"
        "Dry run: would create 6, update 1, leave 0 unchanged, skip 3, merge 0; 10 rows; "
        "nothing was written.\n"
    )
    assert snapshot(net) == before


def test_import_creates_fills_and_a_second_run_changes_nothing(net: Net) -> None:
    net.write("kwame-asante", KWAME)
    path = sample(net, "Connections.csv")
    dry = net.run("import", "linkedin", path, "--dry-run", "--json")
    first = net.run("import", "linkedin", path, "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    expected = json.loads(dry.stdout)
    assert report == {**expected, "dry_run": False}  # the dry run said exactly this
    assert [c["path"] for c in report["created"]] == [
        "contacts/priya-raman.yaml",
        "contacts/tomas-ferreira.yaml",
        "contacts/mei-lin-phd.yaml",
        "contacts/jorg-muller.yaml",
        "contacts/siobhan-oneill.yaml",
        "contacts/li-wei.yaml",
    ]
    assert report["updated"] == [
        {
            "name": "Kwame Asante",
            "path": "contacts/kwame-asante.yaml",
            "fields": ["org", "role", "met"],
            "line": 12,
            "by_name": False,
        }
    ]
    # Every row is accounted for: 6 created, 1 updated, 3 skipped (two empty, one nameless).
    assert report["counts"] == {
        "created": 6,
        "updated": 1,
        "unchanged": 0,
        "skipped": 3,
        "merged": 0,
        "rows": 10,
    }
    # The new file, exactly; a connection is when you met, not a touch.
    assert net.read("tomas-ferreira") == (
        "name: Tomás Ferreira\n"
        "email: tomas.ferreira@example.com\n"
        "links:\n"
        "  linkedin: https://www.linkedin.com/in/tomas-ferreira-example\n"
        "org: Fabrikam\n"
        "role: Director, Platform Engineering\n"
        "circle: pool\n"
        "met:\n"
        "  date: 2023-01-03\n"
        "  how: Connected on LinkedIn\n"
    )
    # The existing file keeps every byte; only the missing fields are added, in place.
    assert net.read("kwame-asante") == (
        "# Kwame: five-a-side on Tuesdays.\n"
        "name: Kwame Asante\n"
        "email: kwame@example.org   # personal\n"
        "links:\n"
        "  linkedin: https://www.linkedin.com/in/kwame-asante-example\n"
        "org: Fabrikam\n"
        "role: Staff Engineer\n"
        "met:\n"
        "  date: 2025-04-01\n"
        "  how: Connected on LinkedIn\n"
        "touches:\n"
        "  - date: 2026-10-01\n"
        "    channel: call\n"
    )
    check = net.run("check")
    assert check.exit_code == 0
    assert check.stderr == "All 7 contact files are valid.\n"

    after_first = snapshot(net)
    second = net.run("import", "linkedin", path)
    assert second.exit_code == 0
    assert snapshot(net) == after_first
    # Those already here are now counted as unchanged, not skipped: seven people, and
    # the same three rows without a person.
    assert second.stdout.splitlines()[-1] == (
        "Done: 0 created, 0 updated, 7 unchanged, 3 skipped, 0 merged; 10 rows."
    )
    assert "  contacts/kwame-asante.yaml    Kwame Asante\n" in second.stdout


def test_google_then_vcard_fill_only_missing_fields(net: Net) -> None:
    net.write(
        "priya-raman",
        """
        name: Priya Raman
        org: Contoso Ltd   # since 2023
        tags: []
        """,
    )
    path = sample(net, "google-contacts.csv")
    # The old rule filled Priya's file because the names matched. The new rule: the
    # name alone is not enough, so by default she would be a new person, named as a
    # possible duplicate; --accept-name-matches fills her file as before.
    dry = net.run("import", "google", path, "--dry-run")
    assert dry.stdout.splitlines()[-2:] == [
        f"  {path}:8: Priya Raman: possible duplicate of contacts/priya-raman.yaml (same "
        "name, no shared email, URL or phone): would be created as "
        "contacts/priya-raman-2.yaml; merge with abc merge if they are one person",
        "Dry run: would create 5, update 0, leave 0 unchanged, skip 1, merge 0; 6 rows; "
        "nothing was written.",
    ]
    result = net.run("import", "google", path, "--accept-name-matches")
    assert result.exit_code == 0, result.output
    assert "  contacts/priya-raman.yaml  Priya Raman: phone, tags (same name only)\n" in (
        result.stdout
    )
    assert net.read("priya-raman") == (
        "name: Priya Raman\n"
        "phone: +44 20 7946 0177\n"
        "org: Contoso Ltd   # since 2023\n"
        "tags:\n"
        "  - Meetups\n"
    )
    assert net.read("bogdan-ilie-ionescu") == (
        "name: Bogdan Ilie Ionescu\n"
        "email:\n"
        "  - bogdan@example.com\n"
        "  - b.ionescu@example.org\n"
        "phone:\n"
        '  - "555-0142"\n'
        '  - "555-0143"\n'
        "circle: pool\n"
        "tags:\n"
        "  - starred\n"
        'birthday: "11-05"\n'
    )
    result = net.run("import", "vcard", sample(net, "apple-contacts-3.0.vcf"), "--circle", "core")
    assert result.exit_code == 0, result.output
    assert net.read("aiko-nakamura") == (
        "name: Aiko Nakamura\n"
        "email:\n"
        "  - aiko.nakamura@example.com\n"
        "  - aiko@example.org\n"
        "phone: +44 20 7946 0191\n"
        "links:\n"
        "  linkedin: https://www.linkedin.com/in/aiko-nakamura-example\n"
        "  homepage: https://aiko.example.org\n"
        "org: Tailspin Toys\n"
        "role: Lead Researcher\n"
        "circle: core\n"
        "tags:\n"
        "  - Conference\n"
        "  - Research\n"
        'birthday: "08-17"\n'
        "notes: |\n"
        "  Speaks at PyCon every year.\n"
        "  Prefers Signal to email, oddly.\n"
    )
    assert net.run("check").exit_code == 0


def test_a_malformed_file_is_an_error_naming_the_line_and_writes_nothing(net: Net) -> None:
    path = sample(net, "missing-end.vcf")
    result = net.run("import", "vcard", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:5: BEGIN:VCARD has no END:VCARD before the next card on line 9\n"
        f"abc: {path} cannot be imported; nothing was written\n"
    )
    assert list(net.contacts.iterdir()) == []


def test_a_csv_without_a_recognisable_header_writes_nothing(net: Net) -> None:
    path = sample(net, "not-a-contacts-export.csv")
    result = net.run("import", "google", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}: none of the 3 lines is a header with First Name or Given Name; "
        "is this a Google Contacts CSV export?\n"
        f"abc: {path} cannot be imported; nothing was written\n"
    )
    assert list(net.contacts.iterdir()) == []


def test_a_file_that_is_not_utf8_is_refused(net: Net) -> None:
    path = net.root / "latin1.csv"
    path.write_bytes("First Name,Last Name\nRené,Dupont\n".encode("latin-1"))
    result = net.run("import", "linkedin", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:2: this file is not UTF-8 text; save it as UTF-8\n"
        f"abc: {path} is not UTF-8 text; nothing was written\n"
    )


def test_a_missing_file(net: Net) -> None:
    result = net.run("import", "vcard", str(net.root / "nope.vcf"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"abc: cannot read {net.root / 'nope.vcf'}: ")


def test_new_files_get_the_schema_modeline_when_the_network_has_the_schema(net: Net) -> None:
    (net.root / ".abc").mkdir()
    (net.root / ".abc" / "contact.schema.json").write_text("{}\n")
    result = net.run("import", "linkedin", sample(net, "Connections-2017.csv"))
    assert result.exit_code == 0, result.output
    assert net.read("ravi-shankar") == (
        MODELINE + "name: Ravi Shankar\n"
        "org: Woodgrove Bank\n"
        "role: Risk Lead\n"
        "circle: pool\n"
        "met:\n"
        "  date: 2017-02-02\n"
        "  how: Connected on LinkedIn\n"
    )
    added = net.run("add", "Grace Example", "--email", "grace@example.org")
    assert added.exit_code == 0, added.output
    assert net.read("grace-example") == (
        MODELINE + "name: Grace Example\nemail: grace@example.org\n"
    )


def test_without_the_schema_there_is_no_modeline(net: Net) -> None:
    net.run("import", "linkedin", sample(net, "Connections-2017.csv"))
    assert net.read("ravi-shankar").startswith("name: Ravi Shankar\n")


def test_people_in_files_with_problems_are_matched_but_not_changed(net: Net) -> None:
    net.write("priya-raman", "name: Priya Raman\ncircle: outer\n")
    path = sample(net, "Connections.csv")
    result = net.run("import", "linkedin", path)
    assert result.exit_code == 0
    assert result.stderr == (
        "abc: 1 file has problems (run abc check); nobody in them is changed: "
        "contacts/priya-raman.yaml\n"
    )
    assert net.read("priya-raman") == "name: Priya Raman\ncircle: outer\n"
    assert (
        f"  {path}:5: Priya Raman: contacts/priya-raman.yaml has problems; fix them first "
        "(run abc check)\n"
    ) in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "Done: 6 created, 0 updated, 0 unchanged, 4 skipped, 0 merged; 10 rows."
    )


def test_a_big_import_without_a_terminal_prints_no_progress_bar(net: Net) -> None:
    rows = "".join(f"Person,Number {i:03d},,,,,1 Jan 2020\n" for i in range(350))
    path = net.root / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows)
    result = net.run("import", "linkedin", str(path))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == (
        "Done: 350 created, 0 updated, 0 unchanged, 0 skipped, 0 merged; 350 rows."
    )
    assert len(list(net.contacts.iterdir())) == 350
