"""`abc export vcard`: vCard 4.0 that round-trips through `abc import vcard`, and that an
independent parser (vobject) reads the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import vobject
from click.testing import CliRunner
from conftest import DEMO, Net

from abcnet.cli import cli
from abcnet.core.model import Contact
from abcnet.storage.network import load_network

TODAY = "2026-11-25"
#: Everything a vCard carries; circle, cadence, snooze, archived and touches are not.
CARRIED = (
    "name",
    "emails",
    "phones",
    "links",
    "org",
    "role",
    "tags",
    "met_date",
    "met_how",
    "birthday",
    "notes",
)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"NO_COLOR": "1", "ABC_TODAY": TODAY})
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF


def carried(c: Contact) -> tuple[object, ...]:
    return tuple(getattr(c, k) for k in CARRIED)


def network(root: Path) -> dict[str, Contact]:
    from datetime import date

    net, problems = load_network(root, date.fromisoformat(TODAY))
    assert [p for p in problems if p.severity == "error"] == []
    return {c.slug: c for c in net.contacts}


def test_a_card_exactly(net: Net) -> None:
    net.write(
        "zoe-obrien",
        """
        name: Zoë O'Brien; Jr.
        email: [zoe@example.org, z.obrien@example.com]
        phone: "+44 20 7946 0101"
        links:
          linkedin: https://www.linkedin.com/in/zoe-obrien-example
          personal site: https://zoe.example.org/?a=1,2
        org: Contoso, Ltd
        role: Head of Data
        circle: inner
        tags: [data, "a,b"]
        met: {date: 2019-06-14, how: PyData London}
        birthday: "02-29"
        notes: |
          Back\\slash; and a comma, on two
          lines.
        touches:
          - date: 2026-01-01
        """,
    )
    out = net.run("export", "vcard")
    assert out.exit_code == 0
    text = out.stdout_bytes.decode("utf-8")
    assert text == (
        "BEGIN:VCARD\r\n"
        "VERSION:4.0\r\n"
        "UID:urn:uuid:66163055-492e-59ff-a7dd-87d80ca4e3a9\r\n"
        "FN:Zoë O'Brien\\; Jr.\r\n"
        "N:Jr.;Zoë O'Brien\\;;;;\r\n"
        "EMAIL:zoe@example.org\r\n"
        "EMAIL:z.obrien@example.com\r\n"
        "TEL;VALUE=text:+44 20 7946 0101\r\n"
        "ORG:Contoso\\, Ltd\r\n"
        "TITLE:Head of Data\r\n"
        "URL;TYPE=linkedin:https://www.linkedin.com/in/zoe-obrien-example\r\n"
        'URL;TYPE="personal site":https://zoe.example.org/?a=1,2\r\n'
        "BDAY:--0229\r\n"
        "CATEGORIES:data,a\\,b\r\n"
        "NOTE:Back\\\\slash\\; and a comma\\, on two\\nlines.\\n\r\n"
        "X-ABC-MET-DATE:2019-06-14\r\n"
        "X-ABC-MET-HOW:PyData London\r\n"
        "END:VCARD\r\n"
    )
    # vobject, an independent parser, reads the same values.
    card = vobject.readOne(text)
    assert card.fn.value == "Zoë O'Brien; Jr."
    assert [e.value for e in card.contents["email"]] == ["zoe@example.org", "z.obrien@example.com"]
    assert card.note.value == "Back\\slash; and a comma, on two\nlines.\n"
    assert card.categories.value == ["data", "a,b"]
    assert card.bday.value == "--0229"


def test_the_demo_network_round_trips_through_import(tmp_path: Path) -> None:
    exported = run("-C", str(DEMO), "export", "vcard")
    assert exported == run("-C", str(DEMO), "export", "vcard")  # deterministic
    lines = exported.split("\r\n")
    assert lines[-1] == ""
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "\n" not in exported.replace("\r\n", "")

    fresh = tmp_path / "fresh"
    (fresh / "contacts").mkdir(parents=True)
    vcf = tmp_path / "demo.vcf"
    vcf.write_text(exported, encoding="utf-8", newline="")
    out = run("-C", str(fresh), "import", "vcard", str(vcf))
    assert (
        out.splitlines()[-1]
        == "Done: 40 created, 0 updated, 0 unchanged, 0 skipped, 0 merged; 40 cards."
    )

    before, after = network(DEMO), network(fresh)
    assert sorted(after) == sorted(before)
    for slug, contact in before.items():
        assert carried(after[slug]) == carried(contact), slug
    # Nothing lost, nothing gained: exporting the imported network gives the same bytes.
    assert run("-C", str(fresh), "export", "vcard") == exported
    again = run("-C", str(fresh), "import", "vcard", str(vcf))
    assert (
        again.splitlines()[-1]
        == "Done: 0 created, 0 updated, 40 unchanged, 0 skipped, 0 merged; 40 cards."
    )


def test_vobject_reads_every_demo_card_the_same_way() -> None:
    exported = run("-C", str(DEMO), "export", "vcard")
    contacts = sorted(network(DEMO).values(), key=lambda c: c.slug)
    cards = list(vobject.readComponents(exported))
    assert len(cards) == len(contacts) == 40
    for card, c in zip(cards, contacts, strict=True):
        assert card.version.value == "4.0"
        assert card.fn.value == c.name
        assert [e.value for e in card.contents.get("email", [])] == list(c.emails)
        assert [t.value for t in card.contents.get("tel", [])] == list(c.phones)
        urls = [(u.params["TYPE"][0], u.value) for u in card.contents.get("url", [])]
        assert urls == list(c.links)
        if c.org is not None:
            assert card.org.value == [c.org]
        if c.notes is not None:
            assert card.note.value == c.notes
        if c.tags:
            assert card.categories.value == list(c.tags)


def test_export_to_a_file(net: Net) -> None:
    shutil.copy(DEMO / "contacts" / "ada-okafor.yaml", net.contacts)
    target = net.root / "out" / "contacts.vcf"
    result = net.run("export", "vcard", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}: 1 card (vCard 4.0)\n"
    assert target.read_bytes() == net.run("export", "vcard").stdout_bytes
