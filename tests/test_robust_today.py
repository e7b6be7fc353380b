"""Today is the network's today, and what abc prints cannot drive the terminal.

Today: the date in the network's ``timezone`` (UTC by default), whatever the
machine's zone; ``--today`` and ``ABC_TODAY`` win; ``abc init``, with no network
yet, takes the machine's date. The clock is ``ABC_NOW`` here, never the real one.

Output: control characters from the data (C0 but newline and tab, DEL, C1, the
bidi embeddings, overrides and isolates) are printed as visible escapes, before
abc's own colours; JSON stays valid and holds the exact strings.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner, Result
from mkdocs.exceptions import PluginError

from abcnet.cli import cli
from abcnet.cli.base import DATE, shown
from abcnet.core.problems import UsageError
from abcnet.storage import clock
from abcnet.web.mkdocs.hook import today_of

#: Half past eleven in the evening in London: already tomorrow in Tokyo.
NOW = "2026-11-25T23:30:00Z"
EVIL = "Evil\x1b[2J\x1b]0;pwned\x07"
EVIL_SHOWN = "Evil\\x1b[2J\\x1b]0;pwned\\x07"
#: The same name as a YAML double-quoted scalar.
EVIL_YAML = '"Evil\\x1b[2J\\x1b]0;pwned\\x07"'


def run(root: Path, *args: str, color: bool = False, **env: str | None) -> Result:
    """abc in ``root`` at ``NOW``, with no ABC_TODAY unless given."""
    base: dict[str, str | None] = {"ABC_NOW": NOW, "ABC_TODAY": None, "NO_COLOR": "1"}
    if color:
        base["NO_COLOR"] = None
    return CliRunner().invoke(cli, ["-C", str(root), *args], env={**base, **env}, color=color)


@pytest.fixture
def machine_zone() -> Iterator[Any]:
    """Sets this process's local time zone (TZ) for one test, and restores it."""
    old = os.environ.get("TZ")

    def set_zone(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield set_zone
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


# --- the clock ---------------------------------------------------------------------


def test_abc_now_stands_in_for_the_clock(monkeypatch):
    monkeypatch.setenv("ABC_NOW", NOW)
    assert clock.now() == datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    monkeypatch.setenv("ABC_NOW", "2026-11-26T08:30:00+09:00")
    assert clock.now() == datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    monkeypatch.setenv("ABC_NOW", "2026-11-25T23:30:00")  # no offset: UTC
    assert clock.now() == datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    monkeypatch.delenv("ABC_NOW")
    assert clock.now().tzinfo is UTC


@pytest.mark.parametrize("text", ["tomorrow", "9999-12-31T23:00:00-05:00", "0001-01-01T00:00Z"])
def test_an_unreadable_abc_now_is_a_usage_error(monkeypatch, text):
    monkeypatch.setenv("ABC_NOW", text)
    with pytest.raises(UsageError, match="is not an instant from 1900 to 2200"):
        clock.now()


def test_today_in_a_zone(monkeypatch):
    monkeypatch.setenv("ABC_NOW", NOW)
    assert clock.today_in("Asia/Tokyo") == date(2026, 11, 26)
    assert clock.today_in("America/New_York") == date(2026, 11, 25)
    assert clock.today_in("UTC") == date(2026, 11, 25)
    assert clock.today_in("Not/A_Zone") == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("settings", "today"),
    [
        ("timezone: Asia/Tokyo\n", date(2026, 11, 26)),
        ("timezone: America/New_York\n", date(2026, 11, 25)),
        ("daily_quota: 3\n", date(2026, 11, 25)),
        (None, date(2026, 11, 25)),
        ("timezone: Mars/Olympus\n", date(2026, 11, 25)),
        ("timezone: [Asia/Tokyo\n", date(2026, 11, 25)),
        (b"timezone: \xff\n", date(2026, 11, 25)),
    ],
)
def test_a_networks_today_is_the_date_in_its_time_zone(net, monkeypatch, settings, today):
    monkeypatch.setenv("ABC_NOW", NOW)
    if isinstance(settings, bytes):
        (net.root / "abc.yaml").write_bytes(settings)
    elif settings is not None:
        net.settings(settings)
    assert clock.network_today(net.root) == today


def test_an_abc_yaml_that_cannot_be_read_means_utc(net, monkeypatch):
    monkeypatch.setenv("ABC_NOW", NOW)
    (net.root / "abc.yaml").mkdir()
    assert clock.network_zone(net.root) == "UTC"
    assert clock.network_today(net.root) == date(2026, 11, 25)


# --- the commands ------------------------------------------------------------------


def test_today_is_tokyos_date_whatever_the_machines_zone(net, machine_zone):
    machine_zone("America/Los_Angeles")
    net.settings("timezone: Asia/Tokyo\n")
    net.write("ada", "name: Ada\n")
    result = run(net.root, "today")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "Thursday 26 November 2026: 1 person, about 10 minutes."
    )
    assert run(net.root, "stats").stdout.splitlines()[0] == "Stats on 2026-11-26"
    assert json.loads(run(net.root, "check", "--json").stdout)["today"] == "2026-11-26"


@pytest.mark.parametrize(
    ("settings", "day"),
    [
        ("timezone: Asia/Tokyo\n", "2026-11-26"),
        ("timezone: America/New_York\n", "2026-11-25"),
        ("", "2026-11-25"),
    ],
)
def test_log_records_the_networks_date(net, settings, day):
    net.settings(settings)
    net.write("ada", "name: Ada Lovelace\n")
    result = run(net.root, "log", "ada")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Logged touch with Ada Lovelace on {day} (contacts/ada.yaml).\n"
    assert net.read("ada") == f"name: Ada Lovelace\ntouches:\n  - date: {day}\n"


def test_today_and_abc_today_still_win(net):
    net.settings("timezone: Asia/Tokyo\n")
    net.write("ada", "name: Ada\n")
    first = "Tuesday 01 December 2026: 1 person, about 10 minutes."
    assert run(net.root, "today", "--today", "2026-12-01").stdout.splitlines()[0] == first
    assert run(net.root, "today", ABC_TODAY="2026-12-01").stdout.splitlines()[0] == first


def test_a_tokyo_evening_touch_passes_check_in_ci(net, machine_zone):
    """Logged in Tokyo on the 26th; CI checks at the same instant, in UTC, still the 25th."""
    machine_zone("UTC")
    net.settings("timezone: Asia/Tokyo\n")
    net.write("ada", "name: Ada\ntouches:\n  - date: 2026-11-26\n")
    result = run(net.root, "check")
    assert result.exit_code == 0, result.output
    assert result.stderr == "The one contact file is valid.\n"


def test_a_touch_dated_tomorrow_in_utc_passes_check_in_a_utc_network(net, machine_zone):
    """The network is UTC (the default): the touch is a day ahead of it, within the slack."""
    machine_zone("UTC")
    net.write("ada", "name: Ada\ntouches:\n  - date: 2026-11-26\n")
    result = run(net.root, "check")
    assert result.exit_code == 0, result.output
    assert result.stderr == "The one contact file is valid.\n"


def test_an_unreadable_abc_now_stops_the_command(net):
    net.write("ada", "name: Ada\n")
    result = run(net.root, "today", ABC_NOW="soon")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: ABC_NOW='soon' is not an instant from 1900 to 2200; use e.g. 2026-11-25T23:30:00Z\n"
    )


@pytest.mark.parametrize(("zone", "day"), [("Asia/Tokyo", "2026-11-26"), ("UTC", "2026-11-25")])
def test_init_takes_the_machines_date(tmp_path, machine_zone, zone, day):
    machine_zone(zone)
    folder = tmp_path / "network"
    result = CliRunner().invoke(
        cli, ["init", str(folder), "--no-git"], env={"ABC_NOW": NOW, "ABC_TODAY": None}
    )
    assert result.exit_code == 0, result.output
    assert f"  date: {day}\n" in (folder / "contacts" / "ada-example.yaml").read_text()


@pytest.mark.parametrize("value", ["9999-12-31", "1899-12-31", "2201-01-01"])
def test_a_today_out_of_range_is_a_usage_error(net, value):
    net.write("ada", "name: Ada\n")
    message = (
        f"Error: Invalid value for '--today': {value} is out of range;"
        " use a year from 1900 to 2200\n"
    )
    for result in (
        run(net.root, "check", "--today", value),
        run(net.root, "plan", ABC_TODAY=value),
    ):
        assert result.exit_code == 2
        assert result.stderr.endswith(message)
        assert "Traceback" not in result.output


def test_the_edge_years_are_dates():
    assert DATE.convert("1900-01-01", None, None) == date(1900, 1, 1)
    assert DATE.convert("2200-12-31", None, None) == date(2200, 12, 31)


# --- the site ----------------------------------------------------------------------


def site_config(root: Path, **extra: str) -> Any:
    return SimpleNamespace(extra=extra, config_file_path=str(root / "mkdocs.yml"))


def test_the_site_takes_the_networks_today(net, monkeypatch):
    monkeypatch.setenv("ABC_NOW", NOW)
    monkeypatch.delenv("ABC_TODAY", raising=False)
    assert today_of(site_config(net.root)) == date(2026, 11, 25)
    net.settings("timezone: Asia/Tokyo\n")
    assert today_of(site_config(net.root)) == date(2026, 11, 26)
    assert today_of(site_config(net.root, abc_today="2026-12-01")) == date(2026, 12, 1)
    monkeypatch.setenv("ABC_TODAY", "2026-12-02")
    assert today_of(site_config(net.root)) == date(2026, 12, 2)


def test_the_site_refuses_a_today_it_cannot_use(net, monkeypatch):
    monkeypatch.delenv("ABC_TODAY", raising=False)
    with pytest.raises(PluginError, match="9999-12-31 is out of range"):
        today_of(site_config(net.root, abc_today="9999-12-31"))
    monkeypatch.setenv("ABC_NOW", "soon")
    with pytest.raises(PluginError, match="ABC_NOW='soon' is not an instant"):
        today_of(site_config(net.root))


# --- what reaches the terminal -----------------------------------------------------


def test_shown_escapes_every_control_character():
    assert shown("a\x00b\x08c\x0bd\x1be\x1ff\x7fg") == "a\\x00b\\x08c\\x0bd\\x1be\\x1ff\\x7fg"
    assert shown("\x80\x85\x9b\x9f") == "\\x80\\x85\\x9b\\x9f"
    assert shown("".join(map(chr, range(0x202A, 0x202F)))) == (
        "\\u202a\\u202b\\u202c\\u202d\\u202e"
    )
    assert shown("".join(map(chr, range(0x2066, 0x206A)))) == "\\u2066\\u2067\\u2068\\u2069"
    assert shown("over\rwrite") == "over\\x0dwrite"


def test_shown_leaves_ordinary_text_as_it_is():
    for text in (
        "Lucía Herrera — café ☕, 東京\tnext\nline",
        "BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD\r\n",
        "a\\x1b backslash, \u200f mark, \u00a0 space",
    ):
        assert shown(text) == text


def evil_network(net) -> None:
    net.write("evil", f"name: {EVIL_YAML}\n")


def assert_clean(text: str) -> None:
    assert EVIL_SHOWN in text
    assert "\x1b" not in text
    assert "\x07" not in text


def test_check_today_and_plan_show_escapes(net):
    evil_network(net)
    check = run(net.root, "check")
    assert check.exit_code == 0, check.output
    assert f"  {EVIL_SHOWN}  contacts/evil.yaml\n" in check.stdout
    today = run(net.root, "today")
    assert today.stdout.splitlines()[2] == f"1. {EVIL_SHOWN} — never contacted"
    plan = run(net.root, "plan", "-n", "1")
    assert plan.stdout.splitlines()[0] == f"Wed 2026-11-25  {EVIL_SHOWN} (never contacted)"
    for result in (check, today, plan):
        assert_clean(result.output)


def test_changes_show_escapes(net):
    evil_network(net)
    log = run(net.root, "log", "evil")
    assert log.stdout == f"Logged touch with {EVIL_SHOWN} on 2026-11-25 (contacts/evil.yaml).\n"
    snooze = run(net.root, "snooze", "evil", "--until", "2027-01-01")
    assert snooze.stdout == f"Snoozed {EVIL_SHOWN} until 2027-01-01 (contacts/evil.yaml).\n"
    net.write("evil-twin", f"name: {EVIL_YAML}\n")
    ambiguous = run(net.root, "log", "Evi")
    assert ambiguous.exit_code == 1
    for result in (log, snooze, ambiguous):
        assert_clean(result.output)


def test_problems_and_warnings_show_escapes(net):
    net.write("ada", 'name: Ada\nemail: "\\x1b[31mada@example.org"\n')
    net.write_bytes("bad\x1b[2J.yaml", b"name: [\n")
    check = run(net.root, "check")
    assert check.exit_code == 1
    assert "\\x1b[31mada@example.org" in check.stderr
    assert "bad\\x1b[2J.yaml" in check.stderr
    today = run(net.root, "today")
    assert "bad\\x1b[2J.yaml" in today.stderr
    for result in (check, today):
        assert "\x1b" not in result.output


def test_abcs_own_colours_still_work(net):
    net.write("ada", 'name: Ada\nemail: "\\x1bx"\n')
    result = run(net.root, "check", color=True)
    assert result.stderr.splitlines() == [
        "\x1b[31mcontacts/ada.yaml:2: email: \\x1bx is not an email address"
        " (like name@example.org)\x1b[0m",
        "\x1b[31m1 problem in 1 file.\x1b[0m",
        "\x1b[31mLeft out of the plan until fixed: contacts/ada.yaml.\x1b[0m",
    ]


def test_json_holds_the_exact_name(net):
    name = "Evil\x1b[2J\x7f\x9b\u202eeman\u2066"
    net.write("evil", 'name: "Evil\\x1b[2J\\x7f\\x9b\\u202eeman\\u2066"\n')
    names = {
        ("check", "--json"): lambda data: data["never_contacted"][0]["name"],
        ("today", "--json"): lambda data: data["people"][0]["name"],
        ("plan", "-n", "1", "--json"): lambda data: data["days"][0]["people"][0]["name"],
    }
    for args, name_in in names.items():
        result = run(net.root, *args)
        assert result.exit_code == 0, result.output
        assert not any(c in result.stdout for c in "\x1b\x7f\x9b\u202e\u2066")
        assert name_in(json.loads(result.stdout)) == name


def test_a_vcard_on_standard_output_keeps_its_line_ends(net):
    net.write("ada", "name: Ada Lovelace\n")
    printed = run(net.root, "export", "vcard")
    assert run(net.root, "export", "vcard", "-o", str(net.root / "a.vcf")).exit_code == 0
    assert printed.stdout_bytes == (net.root / "a.vcf").read_bytes()
    assert b"\r\n" in printed.stdout_bytes
