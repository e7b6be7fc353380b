"""abc sync over the corpus: every export in tests/data/sync/corpus/ gives exactly its touches.

Each case is a folder with the export (a file, several, or a folder) and
``expected.json``: what a person reading the export writes down, by hand, before
running abc. It names the paths to give ``abc sync`` and any options, the owner
(``me``) and the contacts the network holds (``network.json`` beside the cases
gives the defaults), and then the events read, the touches, the skipped counts and
the records abc could not read. Third-party samples carry their source, commit
and licence in a ``SOURCE.md`` beside them.

The run is ``abc sync --json --apply`` in a fresh network; a second run must add
nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from abcnet.cli import cli

CORPUS = Path(__file__).resolve().parent / "data" / "sync" / "corpus"
CASES = sorted(p.parent for p in CORPUS.rglob("expected.json"))
DEFAULTS: dict[str, Any] = json.loads((CORPUS / "network.json").read_text(encoding="utf-8"))


def _contact(fields: dict[str, Any]) -> str:
    """A contact file's text in block style (``abc sync --apply`` adds touches below it);
    each scalar JSON-quoted, which YAML reads as a double-quoted string."""
    lines = []
    for key, value in fields.items():
        if isinstance(value, list):
            lines += [f"{key}:"] + [f"  - {json.dumps(v, ensure_ascii=False)}" for v in value]
        elif isinstance(value, dict):
            lines += [f"{key}:"] + [f"  {k}: {json.dumps(v)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def network(root: Path, case: dict[str, Any]) -> Path:
    settings = {
        "timezone": case.get("timezone", DEFAULTS["timezone"]),
        "me": case.get("me", DEFAULTS["me"]),
    }
    (root / "contacts").mkdir(parents=True)
    (root / "abc.yaml").write_text(
        json.dumps(settings, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    contacts = case.get("contacts", DEFAULTS["contacts"])
    for slug, fields in contacts.items():
        (root / "contacts" / f"{slug}.yaml").write_text(_contact(fields), encoding="utf-8")
    return root


def run(root: Path, case_dir: Path, case: dict[str, Any]) -> Result:
    paths = [str(case_dir / p) for p in case["paths"]]
    argv = ["-C", str(root), "sync", *paths, *case.get("args", []), "--json", "--apply"]
    env = {"NO_COLOR": "1", "ABC_TODAY": case.get("today", DEFAULTS["today"])}
    return CliRunner().invoke(cli, argv, env=env)


def outcome(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "events": doc["events"],
        "touches": [
            [t["slug"], t["date"], t["channel"], t["direction"], t["note"]] for t in doc["touches"]
        ],
        "skipped": {k: v for k, v in doc["skipped"].items() if k != "unreadable"},
        "unreadable": doc["unreadable"]["reasons"],
    }


@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_the_corpus_gives_exactly_its_touches_and_a_second_run_adds_nothing(
    case_dir: Path, tmp_path: Path
) -> None:
    case = json.loads((case_dir / "expected.json").read_text(encoding="utf-8"))
    root = network(tmp_path / "net", case)
    first = run(root, case_dir, case)
    assert "Traceback" not in first.output
    if "refused" in case:
        assert first.exit_code == 1, first.output
        assert first.output == f"abc: {case['refused'].replace('{dir}', str(case_dir))}\n"
        return
    assert first.exit_code == 0, first.output
    expected = {k: case.get(k, {} if k in ("skipped", "unreadable") else []) for k in
                ("events", "touches", "skipped", "unreadable")}  # fmt: skip
    assert outcome(json.loads(first.stdout)) == expected
    again = run(root, case_dir, case)
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["touches"] == []


def test_the_corpus_covers_every_format_with_sixty_files() -> None:
    formats = {p.relative_to(CORPUS).parts[0] for p in CASES}
    assert formats == {
        "mbox",
        "maildir",
        "ics",
        "linkedin",
        "whatsapp",
        "sms",
        "telegram",
        "imessage",
    }
    exports = [
        p for p in CORPUS.rglob("*")
        if p.is_file() and p.name not in ("expected.json", "network.json") and p.suffix not in (".md", ".rst") and "LICENSE" not in p.name
    ]  # fmt: skip
    assert len(exports) >= 60, len(exports)


def test_every_third_party_sample_names_its_source_and_licence() -> None:
    for source in CORPUS.rglob("SOURCE.md"):
        text = source.read_text(encoding="utf-8")
        for word in ("Source:", "Commit:", "Licence:"):
            assert word in text, f"{source}: no {word}"
