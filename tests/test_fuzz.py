"""A fuzz test: whatever the files and the command line hold, abc answers, loses nothing.

Hypothesis writes a small network (contact files valid and broken, settings valid
and broken), then runs one command with generated arguments: names, notes, dates
and options a person might type, control characters and all. Whatever happens:

- the exit code is 0, 1 or 2, and no Python traceback is printed;
- every file is either unchanged, or valid by `abc check`'s rules and holding
  exactly the change asked for (one touch more, one new person, a snooze set).

Quick by default (a few dozen networks); thorough in CI or with
HYPOTHESIS_PROFILE=thorough.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import examples
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from abcnet.cli import cli
from abcnet.formats.yamltext import load_text
from abcnet.storage.contacts import check_file

TODAY = date(2026, 11, 25)

# --- what a person might put in a file ---------------------------------------------------------

WORDS = st.sampled_from(
    ["Ada", "Zoë", "O'Brien", "José Núñez", "李雷", "Ada: the 2nd", "#1", "- x", "yes", "0x1F",
     "=", "<<", "~", "null", "'q'", '"dq"', "a\tb", "line\nbreak", "\x1b[2J", "‮rtl", "", " "]
)  # fmt: skip
TEXT = st.one_of(WORDS, st.text(max_size=12))
DATES = st.one_of(
    st.dates(date(1850, 1, 1), date(2250, 12, 31)).map(str),
    st.sampled_from(["2026-02-30", "2026-11-26", "2026-11-27", "26-11-2026", "soon", "0001-01-01"]),
)
CADENCES = st.sampled_from(["30d", "6w", "3m", "1y", "quarterly", "99999999d", "0d", "-3", "often"])


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@st.composite
def touch_lines(draw: Any) -> list[str]:
    lines = [f"  - date: {draw(DATES)}"]
    if draw(st.booleans()):
        lines.append(f"    channel: {draw(st.sampled_from(['email', 'call', 'fax', 'Video']))}")
    if draw(st.booleans()):
        lines.append(f"    direction: {draw(st.sampled_from(['out', 'in', 'sideways']))}")
    if draw(st.booleans()):
        lines.append(f"    note: {quoted(draw(TEXT))}")
    return lines


@st.composite
def contact_texts(draw: Any) -> str:
    lines = [f"name: {quoted(draw(TEXT))}" if draw(st.integers(0, 9)) else "nme: Ada"]
    if draw(st.booleans()):
        lines.append(f"email: {draw(st.sampled_from(['ada@example.org', 'not-an-email', '']))}")
    if draw(st.booleans()):
        lines.append(f"circle: {draw(st.sampled_from(['inner', 'core', 'wide', 'innner']))}")
    if draw(st.booleans()):
        lines.append(f"cadence: {draw(CADENCES)}")
    if draw(st.booleans()):
        lines.append(f"snooze_until: {draw(DATES)}")
    if draw(st.booleans()):
        lines.append("links:")
        lines.append(
            f"  linkedin: {draw(st.sampled_from(['https://www.linkedin.com/in/a', 'linkedin.com/in/a']))}"
        )
    if draw(st.booleans()):
        lines.append("touches:")
        for _ in range(draw(st.integers(0, 3))):
            lines += draw(touch_lines())
    text = "\n".join(lines) + "\n"
    damage = draw(st.integers(0, 7))
    if damage == 0:  # cut anywhere
        text = text[: draw(st.integers(0, len(text)))]
    elif damage == 1:  # a tab, a stray bracket or quote somewhere
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at] + draw(st.sampled_from(["\t", "[", '"', ": :", "\x00", "\ufeff"])) + text[at:]
        )
    elif damage == 2:
        text = text + text.splitlines(keepends=True)[0]  # a duplicate key
    return text


SETTINGS = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            "daily_quota: 2\ntimezone: Europe/London\n",
            "daily_quota: 0\n",
            "timezone: Mars/Olympus\n",
            "cadences: {inner: 99999999d}\n",
            "horizon: 99999999d\n",
            "reminder_time: 25:00\n",
            "[",
        ]
    ),
)

# --- what a person might type ------------------------------------------------------------------

SLUGS = ("ada", "bob", "zed")


@st.composite
def commands(draw: Any) -> list[str]:
    who = draw(st.one_of(st.sampled_from(SLUGS), TEXT))
    kind = draw(
        st.sampled_from(
            ["check", "today", "plan", "stats", "log", "add", "snooze", "calendar", "export"]
        )
    )
    args: list[str] = {"export": ["export", "vcard"]}.get(kind, [kind])
    if kind == "log":
        args.append(who)
        if draw(st.booleans()):
            args += ["-m", draw(TEXT)]
        if draw(st.booleans()):
            args += ["--date", draw(DATES)]
        if draw(st.booleans()):
            args += ["-c", draw(st.sampled_from(["call", "email", "pigeon"]))]
    elif kind == "add":
        args.append(draw(TEXT))
        if draw(st.booleans()):
            args += [
                "--email",
                draw(st.sampled_from(["new@example.org", "bad@", "ada@example.org"])),
            ]
        if draw(st.booleans()):
            args += [
                "--linkedin",
                draw(st.sampled_from(["linkedin.com/in/new", "https://x.example/p", "::"])),
            ]
        if draw(st.booleans()):
            args += ["--cadence", draw(CADENCES)]
    elif kind == "snooze":
        args.append(who)
        args += draw(
            st.sampled_from(
                [
                    ["--for", "3w"],
                    ["--for", "99999999d"],
                    ["--until", "2027-01-10"],
                    ["--until", "9999-12-31"],
                    ["--end"],
                    [],
                ]
            )
        )
    elif kind == "plan" and draw(st.booleans()):
        args += ["--days", str(draw(st.integers(-1, 4000)))]
    if draw(st.integers(0, 4)) == 0:
        args += ["--today", draw(DATES)]
    return args


# --- the property ------------------------------------------------------------------------------


def files_of(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".abc-cache" not in p.parts and "build" not in p.parts
    }


def plain(text: bytes, rel: str) -> Any:
    data, problems = load_text(text.decode("utf-8-sig"), rel, "safe")
    assert problems == [], (rel, problems)
    return data


def assert_valid(root: Path, rel: str) -> None:
    loaded = check_file(root / rel, root, TODAY)
    errors = [str(p) for p in loaded.problems if p.severity == "error"]
    assert errors == [], (rel, errors)


def assert_only_the_change(root: Path, argv: list[str], before: dict[str, bytes]) -> None:
    after = files_of(root)
    changed = sorted(rel for rel in after if before.get(rel) != after[rel])
    gone = sorted(set(before) - set(after))
    assert gone == [], gone
    if argv[0] not in ("log", "add", "snooze"):
        assert changed == [], (argv, changed)
        return
    assert len(changed) <= 1, (argv, changed)
    for rel in changed:
        assert_valid(root, rel)
        new = plain(after[rel], rel)
        if rel not in before:
            assert argv[0] == "add", (argv, rel)
            assert new["name"] == " ".join(argv[1].split())
            continue
        old = plain(before[rel], rel)
        if argv[0] == "log":
            assert {k: v for k, v in new.items() if k != "touches"} == {
                k: v for k, v in old.items() if k != "touches"
            }
            added = list(new["touches"])
            for t in old.get("touches") or []:
                added.remove(t)  # every old touch is still there
            assert len(added) == 1, added
            note = argv[argv.index("-m") + 1] if "-m" in argv else None
            assert added[0].get("note") == note
        else:  # snooze: only snooze_until changed
            assert {k: v for k, v in new.items() if k != "snooze_until"} == {
                k: v for k, v in old.items() if k != "snooze_until"
            }


@examples(200, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.lists(contact_texts(), min_size=1, max_size=3),
    SETTINGS,
    commands(),
)
def test_any_files_and_any_command_line(
    contacts: list[str], settings: str, argv: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "contacts").mkdir()
        for slug, text in zip(SLUGS, contacts, strict=False):
            (root / "contacts" / f"{slug}.yaml").write_text(text, encoding="utf-8")
        if settings:
            (root / "abc.yaml").write_text(settings, encoding="utf-8")
        before = files_of(root)
        env = {"NO_COLOR": "1", "ABC_TODAY": TODAY.isoformat()}
        if argv[0] == "calendar":
            argv = [*argv, "-o", str(root / "build" / "abc.ics")]
        result = CliRunner().invoke(cli, ["-C", str(root), *argv], env=env)
        output = result.output
        assert result.exit_code in (0, 1, 2), (argv, result.exit_code, output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            argv,
            repr(result.exception),
            output,
        )
        assert "Traceback" not in output, output
        assert_only_the_change(root, argv, before)
