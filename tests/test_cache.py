"""The parse cache in .abc-cache/: a warm load gives exactly what a cold one gives,
only changed files are parsed again, and a damaged or foreign cache is rebuilt.

Speed is measured by benchmarks/run.py, never here.
"""

from __future__ import annotations

import copy
import json
import os
import pickle
import shutil
import sys
import zlib
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path
from textwrap import dedent
from typing import Any, get_type_hints

import pytest
from conftest import examples
from hypothesis import given
from hypothesis import strategies as st

from abcnet.core.identity import duplicate_keys
from abcnet.formats.yamltext import _CSafe, loader
from abcnet.storage import cache as warm
from abcnet.storage import cachefile as cache
from abcnet.storage import contacts as reader
from abcnet.storage import summary
from abcnet.storage.cache import _stamp
from abcnet.storage.contacts import check_raw
from abcnet.storage.layout import contact_files
from abcnet.storage.network import load_network

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
CACHE = Path(".abc-cache") / "network.cache"


class Parses:
    """Counts the contact files parsed, by file name."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        real = check_raw

        def counting(raw: bytes, rel: str, slug: str, today: date) -> Any:
            self.names.append(rel.rpartition("/")[2])
            return real(raw, rel, slug, today)

        monkeypatch.setattr(warm, "check_raw", counting)
        monkeypatch.setattr(reader, "check_raw", counting)

    def take(self) -> list[str]:
        names, self.names = sorted(self.names), []
        return names


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Parses:
    return Parses(monkeypatch)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "contacts", tmp_path / "contacts")
    shutil.copy(REPO / "abc.yaml", tmp_path / "abc.yaml")
    return tmp_path


def load(root: Path, today: date = TODAY) -> tuple[Any, list[Any]]:
    return load_network(root, today)


def uncached(root: Path, today: date = TODAY) -> tuple[Any, list[Any]]:
    return load_network(root, today, cache=False)


def cache_body(root: Path) -> Any:
    """What the cache file holds: settings, files and duplicates."""
    return cache.split((root / CACHE).read_bytes())


def write_cache_body(root: Path, body: Any) -> None:
    """Write ``body`` as the cache, with a right header and checksum."""
    (root / CACHE).write_bytes(cache.join(_stamp(root), body))


# --- warm equals cold ---------------------------------------------------------------------


def test_warm_load_equals_cold_load_and_the_uncached_load(demo, parses):
    (demo / "contacts" / "zz-broken.yaml").write_text(
        "name: Broken\nemail: not-an-address\ntouches:\n  - date: 2026-02-30\n", encoding="utf-8"
    )
    (demo / "contacts" / "zz-syntax.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    expected = uncached(demo)
    parses.take()

    cold = load(demo)
    assert len(parses.take()) == 42
    warm = load(demo)
    assert parses.take() == []
    assert cold == expected
    assert warm == expected
    network, problems = warm
    assert len(network.contacts) == 41
    assert [str(p) for p in problems] == [
        "contacts/marcus-oyelaran.yaml:9: warning: cadence: 365 days is longer than twice a "
        "year (182 days); good connections hear from you at least every six months",
        "contacts/zz-broken.yaml:2: email: not-an-address is not an email address "
        "(like name@example.org)",
        "contacts/zz-broken.yaml:4: touches[0].date: 2026-02-30 is not a date on the calendar "
        "(use YYYY-MM-DD)",
        "contacts/zz-syntax.yaml:2: YAML syntax: did not find expected ',' or ']'; "
        "check the indentation and quoting around here",
    ]
    # every field of every contact, down to each touch's line
    assert [c.touches for c in warm[0].contacts] == [c.touches for c in expected[0].contacts]
    assert warm[0].settings == expected[0].settings


def test_cached_touches_are_made_only_when_looked_at(demo, monkeypatch):
    from abcnet.core import cadence
    from abcnet.core.model import last_until

    made: list[str] = []
    real_at, real_of = cache._touch_at, cache._touches_of

    def one(r: list[Any], days: Any, i: int) -> Any:
        made.append(f"{r[0]}[{i}]")
        return real_at(r, days, i)

    def every(r: list[Any], days: Any) -> Any:
        made.append(f"{r[0]}[:]")
        return real_of(r, days)

    monkeypatch.setattr(cache, "_touch_at", one)
    monkeypatch.setattr(cache, "_touches_of", every)
    expected, _ = uncached(demo)
    load(demo)
    warm, _ = load(demo)
    assert made == []

    # The cadence report needs the day of each person's last touch only...
    report = cadence.report(warm.contacts, warm.settings, TODAY)
    assert made == []
    # ...and each last touch is made when asked for.
    assert [s.last for s in report.statuses] == [
        last_until(c.touches, TODAY) for c in expected.contacts
    ]
    touched = [c for c in warm.contacts if c.touches]
    assert len(made) == len(touched) == 39
    assert all("[:]" not in entry for entry in made)

    # Everything else makes them all, once.
    ada = next(c for c in warm.contacts if c.slug == "ada-okafor")
    made.clear()
    assert list(ada.touches) == list(expected.by_slug()["ada-okafor"].touches)
    list(ada.touches)  # a second pass decodes nothing again: `made` below holds one entry
    assert made == ["contacts/ada-okafor.yaml[:]"]
    assert report == cadence.report(expected.contacts, expected.settings, TODAY)


def test_a_touch_log_behaves_as_the_tuple_of_its_touches(demo):
    from abcnet.core.model import Touches, last_day_until, last_until, touches_until
    from abcnet.storage.cachefile import LazyTouches

    # Notes of every kind: none, empty, and holding the character that joins them.
    (demo / "contacts" / "zz-notes.yaml").write_text(
        "name: Zed\ntouches:\n"
        "  - {date: 2026-01-01}\n"
        '  - {date: 2026-02-01, note: "a\\x1fb"}\n'
        '  - {date: 2026-02-01, note: ""}\n'
        "  - {date: 2026-03-01, note: c}\n"
        "  - {date: 2026-04-01}\n",
        encoding="utf-8",
    )
    expected = {c.slug: c.touches for c in uncached(demo)[0].contacts}
    assert [t.note for t in expected["zz-notes"]] == [None, "a\x1fb", "", "c", None]
    load(demo)
    for contact in load(demo)[0].contacts:
        log, plain = contact.touches, expected[contact.slug]
        assert type(plain) is Touches and plain == tuple(plain)  # the eager kind
        if not plain:
            assert log == ()
            continue
        assert isinstance(log, LazyTouches)
        assert [log[i] for i in range(len(log))] == list(plain)  # one at a time
        assert (len(log), log[0], log[-1], log[-len(log)]) == (
            len(plain),
            plain[0],
            plain[-1],
            plain[0],
        )
        with pytest.raises(IndexError):
            log[len(plain)]
        with pytest.raises(IndexError):
            log[-len(plain) - 1]
        days = [t.date for t in plain]
        probes = {days[0] - timedelta(days=1), *days, days[-1] + timedelta(days=1)}
        for day in sorted(probes):
            n = sum(1 for d in days if d <= day)
            assert touches_until(log, day) == touches_until(plain, day) == n
            assert last_until(log, day) == last_until(plain, day) == (plain[n - 1] if n else None)
            assert (
                last_day_until(log, day)
                == last_day_until(plain, day)
                == (days[n - 1] if n else None)
            )
        assert log[1:3] == plain[1:3]
        assert log == plain and plain == log and hash(log) == hash(plain)
        assert repr(log) == repr(plain)
        assert copy.deepcopy(log) == pickle.loads(pickle.dumps(log)) == plain == tuple(plain)
        assert type(copy.deepcopy(log)) is Touches
        assert copy.deepcopy(contact) == contact
        assert log != plain[:-1] and log != list(plain)


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
days = st.dates(date(1900, 1, 1), date(2100, 12, 31))


@st.composite
def contacts(draw: Any) -> Any:
    from abcnet.core.model import (
        CHANNELS,
        CIRCLES,
        DIRECTIONS,
        TOUCH_KINDS,
        Birthday,
        Contact,
        Source,
        Touch,
    )

    touches = draw(
        st.lists(
            st.builds(
                Touch,
                date=days,
                channel=st.sampled_from((None, *CHANNELS)),
                direction=st.sampled_from(DIRECTIONS),
                kind=st.sampled_from(TOUCH_KINDS),
                note=st.one_of(st.none(), texts, st.just("a\x1fb")),
                line=st.integers(0, 10**6),
            ),
            max_size=8,
        )
    )
    maybe = st.one_of(st.none(), texts)
    # A value of each type a contact's attribute has, so that a new attribute is
    # drawn too (a type missing here is a KeyError that names it).
    of_type: dict[Any, Any] = {
        str: texts,
        str | None: maybe,
        int | None: st.one_of(st.none(), st.integers(1, 10**4)),
        bool: st.booleans(),
        date | None: st.one_of(st.none(), days),
        tuple[str, ...]: st.lists(texts, max_size=3).map(tuple),
        tuple[tuple[str, str], ...]: st.lists(st.tuples(texts, texts), max_size=2).map(tuple),
        Birthday | None: st.one_of(
            st.none(),
            st.builds(
                Birthday,
                st.integers(1, 12),
                st.integers(1, 28),
                st.one_of(st.none(), st.integers(1900, 2100)),
            ),
        ),
    }
    given = {
        "circle": st.sampled_from(CIRCLES),
        "source": st.builds(Source, st.just("contacts/x.yaml"), st.integers(0, 10**6)),
        "touches": st.just(tuple(sorted(touches, key=lambda t: t.date))),
    }
    hints = get_type_hints(Contact)
    return Contact(
        **{
            f.name: draw(given[f.name] if f.name in given else of_type[hints[f.name]])
            for f in fields(Contact)
        }
    )


@examples(300)
@given(st.lists(contacts(), max_size=4))
def test_the_writer_and_the_reader_agree_on_any_contact(people):
    """What the cache writes is what it reads back, touch by touch, without checks."""
    records = [
        cache.record("contacts/x.yaml", (1, 2, 3, 4), "d", False, TODAY, None, c, [])
        for c in people
    ]
    entries = cache.decode_records(cache.load_records(cache.dump_records(records)))
    for entry, person in zip(entries, people, strict=True):
        log = entry.contact.touches
        assert [log[i] for i in range(len(log))] == list(person.touches)
        assert entry.contact == person
    body = {"settings": None, "files": cache.as_lists(records), "duplicates": []}
    assert cache.split(cache.join({"s": 1}, body), {"s": 1}) == body


def test_check_command_prints_the_same_from_the_cache(net):
    net.write("ada", "name: Ada\ncircle: inner\ntouches:\n  - date: 2026-10-01\n")
    net.write("bad", "name: Bad\ncadence: sometimes\n")
    net.settings("daily_quota: 3\ntimezone: Mars/Olympus\n")
    first = net.run("check")
    assert (net.root / CACHE).exists()
    second = net.run("check")
    assert (second.exit_code, second.stdout, second.stderr) == (
        first.exit_code,
        first.stdout,
        first.stderr,
    )
    assert second.stderr.splitlines()[:2] == [
        "abc.yaml:2: timezone: unknown time zone Mars/Olympus; use a name like Europe/London",
        "contacts/bad.yaml:2: cadence: cannot read cadence 'sometimes'; write e.g. 45d, 6w, "
        "3m, quarterly or twice-a-year",
    ]


def test_many_files_are_parsed_in_worker_processes_with_the_same_result(demo, monkeypatch):
    monkeypatch.setattr(warm, "PARALLEL_FROM", 2)
    assert load(demo) == uncached(demo)
    assert load(demo) == uncached(demo)


# --- only what changed is parsed again --------------------------------------------------------


def test_only_the_changed_file_is_parsed_again(demo, parses):
    load(demo)
    parses.take()
    path = demo / "contacts" / "ada-okafor.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a new comment\n", encoding="utf-8")
    expected = uncached(demo)
    parses.take()
    assert load(demo) == expected
    assert parses.take() == ["ada-okafor.yaml"]
    assert load(demo) == expected
    assert parses.take() == []


def test_a_file_changed_to_have_problems_is_reported_with_its_lines(net, parses):
    net.write("ada", "name: Ada\ntouches:\n  - date: 2026-10-01\n    channel: email\n")
    net.write("bob", "name: Bob\n")
    assert load(net.root)[1] == []
    net.write(
        "ada",
        """
        # moved to a new job
        name: Ada
        touches:
          - date: 2026-10-01
            channel: emial
          - date: 2026-11-02
            mood: good
        """,
    )
    parses.take()
    network, problems = load(net.root)
    assert parses.take() == ["ada.yaml"]
    assert [str(p) for p in problems] == [
        "contacts/ada.yaml:5: touches[0].channel: emial is not allowed; did you mean 'email'?",
        "contacts/ada.yaml:7: touches[1].mood: unknown key; allowed: date, channel, direction, "
        "kind, note",
    ]
    # and the same again from the cache, without parsing
    assert load(net.root) == (network, problems)
    assert parses.take() == []


def test_problems_served_from_the_cache_keep_their_lines(net, parses):
    net.write("ann", "name: Ann\nemail: ann@example.org\n")
    net.write(
        "eve",
        """
        name: Eve
        email:
          - ann@example.org
        links:
          linkedin: ftp://nope
        """,
    )
    cold = load(net.root)
    parses.take()
    assert load(net.root) == cold
    assert parses.take() == []
    assert [(p.path, p.line, p.field) for p in cold[1]] == [
        ("contacts/eve.yaml", 3, "email"),
        ("contacts/eve.yaml", 5, "links.linkedin"),
    ]


def test_duplicates_across_files_follow_the_files(net, parses):
    net.write("ann", "name: Ann\nemail: ann@example.org\n")
    net.write("bob", "name: Bob\n")
    assert load(net.root)[1] == []
    net.write("bob", "name: Bob\nemail:\n  - bob@example.org\n  - ANN@example.org\n")
    parses.take()
    problems = load(net.root)[1]
    assert [str(p) for p in problems] == [
        "contacts/bob.yaml:4: email: ANN@example.org is also the email of Ann "
        "(contacts/ann.yaml); keep one file per person, or merge them"
    ]
    assert load(net.root)[1] == problems
    assert parses.take() == ["bob.yaml"]
    (net.contacts / "ann.yaml").unlink()
    assert load(net.root)[1] == []


def test_only_the_changed_files_identity_keys_are_worked_out_again(net, monkeypatch):
    net.settings("me:\n  region: GB\n")
    net.write("ann", "name: Ann Lee\nphone: '+44 7700 900123'\n")
    net.write("bob", "name: Bob\nemail: bob@example.org\n")
    net.write("cat", "name: Cat\n")
    keyed: list[str] = []
    real = warm.duplicate_keys

    def counting(contact: Any, *, region: str) -> Any:
        keyed.append(f"{contact.slug} {region}")
        return real(contact, region=region)

    monkeypatch.setattr(warm, "duplicate_keys", counting)
    assert load(net.root)[1] == []
    assert keyed == ["ann GB", "bob GB", "cat GB"]
    keyed.clear()
    net.write("cat", "name: Cat\nphone: '07700 900123'\n")
    assert [str(p) for p in load(net.root)[1]] == [
        "contacts/cat.yaml:2: warning: phone: looks like the same person as Ann Lee "
        "(contacts/ann.yaml); merge them with abc merge, or tell them apart"
    ]
    assert keyed == ["cat GB"]
    keyed.clear()
    net.settings("me:\n  region: US\n")  # the phone without a country code is another
    assert load(net.root)[1] == []
    assert keyed == ["ann US", "bob US", "cat US"]
    assert [r[-1][0] for r in cache_body(net.root)["files"]] == ["US", "US", "US"]


def test_a_deleted_file_leaves_the_results_and_the_cache(net):
    net.write("ada", "name: Ada\n")
    net.write("bob", "name: Bob\n")
    assert [c.slug for c in load(net.root)[0].contacts] == ["ada", "bob"]
    (net.contacts / "bob.yaml").unlink()
    assert [c.slug for c in load(net.root)[0].contacts] == ["ada"]
    assert [r[0] for r in cache_body(net.root)["files"]] == ["contacts/ada.yaml"]


def test_a_new_file_is_parsed_and_cached(net, parses):
    net.write("ada", "name: Ada\n")
    load(net.root)
    net.write("bob", "name: Bob\n")
    parses.take()
    assert [c.slug for c in load(net.root)[0].contacts] == ["ada", "bob"]
    assert parses.take() == ["bob.yaml"]


def test_settings_come_from_the_cache_until_abc_yaml_changes(net, monkeypatch):
    net.write("ada", "name: Ada\n")
    net.settings("daily_quota: 5\nhorizon: 0d\n")
    settings, problems = load(net.root)[0].settings, load(net.root)[1]
    assert settings.daily_quota == 5
    assert [str(p) for p in problems] == [
        "abc.yaml:2: horizon: cannot read cadence '0d'; write e.g. 45d, 6w, 3m, quarterly or "
        "twice-a-year"
    ]

    def no_reading(root: Path) -> Any:
        raise AssertionError("abc.yaml was parsed again")

    monkeypatch.setattr(warm, "load_settings", no_reading)
    assert load(net.root)[0].settings == settings
    monkeypatch.undo()
    net.settings("daily_quota: 7\n")
    assert load(net.root)[0].settings.daily_quota == 7


def test_every_kind_of_setting_comes_from_the_cache(net, monkeypatch):
    from abcnet.core.model import MeSettings, SyncSettings

    net.write("ada", "name: Ada\n")
    net.settings(
        """
        calendar_tag: ABC
        shown_as_of: 2026-11-20
        horizon: 6w
        cadences:
          inner: 3w
        me:
          emails: [sam@example.org]
          region: GB
        sync:
          max_people: 3
        """
    )
    settings = load(net.root)[0].settings
    assert (
        settings.calendar_tag,
        settings.shown_as_of,
        settings.horizon_days,
        settings.cadences,
        settings.me,
        settings.sync,
    ) == (
        "ABC",
        date(2026, 11, 20),
        42,
        (("inner", 21), ("core", 90), ("wide", 182)),
        MeSettings(emails=("sam@example.org",), region="GB"),
        SyncSettings(max_people=3),
    )

    def no_reading(root: Path) -> Any:
        raise AssertionError("abc.yaml was parsed again")

    monkeypatch.setattr(warm, "load_settings", no_reading)
    assert load(net.root)[0].settings == settings


# --- today ---------------------------------------------------------------------------------


def test_a_file_with_dates_from_the_future_is_checked_again_on_another_day(net, parses):
    net.write("ada", "name: Ada\ntouches:\n  - date: 2026-11-30\n")
    net.write("bob", "name: Bob\ntouches:\n  - date: 2026-01-30\n")
    assert [str(p) for p in load(net.root)[1]] == [
        "contacts/ada.yaml:3: touches[0].date: 2026-11-30 is after today (2026-11-25); "
        "log touches once they have happened"
    ]
    parses.take()
    assert load(net.root, date(2026, 11, 26))[1][0].message.endswith(
        "is after today (2026-11-26); log touches once they have happened"
    )
    assert parses.take() == ["ada.yaml"]  # bob's dates are all in the past: still good
    network, problems = load(net.root, date(2026, 12, 1))
    assert problems == []
    assert network.by_slug()["ada"].touches[0].date == date(2026, 11, 30)
    assert parses.take() == ["ada.yaml"]


def test_a_date_spelt_with_an_escape_still_makes_the_file_depend_on_today(net, parses):
    net.write("ada", 'name: Ada\ntouches:\n  - date: "2026\\x2d11-30"\n')
    assert [p.message for p in load(net.root)[1]] == [
        "2026-11-30 is after today (2026-11-25); log touches once they have happened"
    ]
    parses.take()
    assert load(net.root, date(2026, 12, 1))[1] == []
    assert parses.take() == ["ada.yaml"]


def test_the_latest_date_bounds_every_date_in_the_file():
    def latest(text: str, data: Any) -> date | None:
        found = cache.latest_date(text.encode(), data)
        return None if found is None else date.fromordinal(found)

    assert latest("name: Ada\n", {"name": "Ada"}) is None
    text = "# call on 2027-01-05\nname: Ada\nmet: {date: 2020-02-30}\nsnooze_until: 2026-12-01\n"
    assert latest(text, None) == date(2027, 1, 5)  # comments count; 02-30 is no date
    escaped = 'a: "2026\\x2d12-09"\nb: [x, {c: "on 2025-01-01"}]\n'
    assert latest(escaped, {"a": "2026-12-09", "b": ["x", {"c": "on 2025-01-01"}]}) == date(
        2026, 12, 9
    )


def test_a_snooze_in_the_future_does_not_stop_other_days_from_matching(net):
    net.write("ada", "name: Ada\nsnooze_until: 2027-01-10\n")
    load(net.root)
    assert load(net.root, date(2027, 2, 1)) == uncached(net.root, date(2027, 2, 1))
    assert load(net.root, date(2026, 12, 1)) == uncached(net.root, date(2026, 12, 1))


# --- never trusted -------------------------------------------------------------------------


def damage_cases(good: bytes, stamp: dict[str, Any]) -> dict[str, bytes]:
    """Damaged or foreign caches. Some bodies are written with a right checksum, to
    show that what decoding trips over is caught too."""
    body = cache.split(good, stamp)
    assert body is not None
    head, _, payload = good.partition(b"\n")

    def with_change(change: Any) -> bytes:
        copy = cache.split(good, stamp)
        change(copy)
        return cache.join(stamp, copy)

    def with_payload(data: bytes) -> bytes:
        known = {"abc-cache": cache.SCHEMA, "stamp": stamp}
        line = json.dumps({**known, "bytes": len(data), "crc32": zlib.crc32(data)})
        return line.encode() + b"\n" + data

    def with_stamp(key: str, value: Any) -> bytes:
        return cache.join({**stamp, key: value}, body)

    def set_record(name: str, value: Any) -> Any:
        i = cache.Record._fields.index(name)
        return lambda c: c["files"][0].__setitem__(i, value)

    flipped = bytearray(payload)
    flipped[len(flipped) // 2] ^= 1
    return {
        "garbage": b"\x00\xff\xfe garbage \x80",
        "empty": b"",
        "header only": head,
        "truncated": good[: len(good) // 2],
        "one byte longer": good + b"\n",
        "one bit changed": head + b"\n" + bytes(flipped),
        "a list": b"[]",
        "an object": b"{}",
        "deep": b"[" * 100_000,
        "another schema": head.replace(f'"abc-cache":{cache.SCHEMA}'.encode(), b'"abc-cache":1')
        + b"\n"
        + payload,
        "another abc version": with_stamp("abc", "0.0.1"),
        "another folder": with_stamp("root", "/elsewhere"),
        "another byte order": with_stamp("native", ["middle", 4]),
        "not marshal": with_payload(b"\xff" * 64),
        "cut marshal": with_payload(payload[: len(payload) // 2]),
        "body not a dict": cache.join(stamp, [1, 2]),  # type: ignore[arg-type]
        "files not a list": with_change(lambda c: c.__setitem__("files", {"a": 1})),
        "short record": with_change(lambda c: c["files"][0].pop()),
        "contact cut short": with_change(set_record("person", ("ada", "Ada"))),
        "dates not bytes": with_change(set_record("touch_dates", [738000])),
        "problem of the wrong shape": with_change(set_record("problems", [["a", 1]])),
        "stamp not a tuple": with_change(set_record("seen", [1, 2, 3, 4, "d", False])),
        "stamp cut short": with_change(set_record("seen", (1, 2, 3, 4, "d"))),
        "settings of the wrong shape": with_change(lambda c: c.__setitem__("settings", [1])),
        "settings' stamp of the wrong types": with_change(
            lambda c: c["settings"].__setitem__(0, (1, 2, 3, 4, 5, 6))
        ),
        "no duplicates": with_change(lambda c: c.pop("duplicates")),
        "duplicates not problems": with_change(lambda c: c.__setitem__("duplicates", [[1]])),
    }


@pytest.mark.slow
def test_a_damaged_or_foreign_cache_is_rebuilt_without_an_error(demo, parses):
    expected = uncached(demo)
    load(demo)
    good = (demo / CACHE).read_bytes()
    stamp = _stamp(demo)
    assert cache.decode(good, stamp) is not None
    for name, bad in damage_cases(good, stamp).items():
        assert cache.decode(bad, stamp) is None, name
        (demo / CACHE).write_bytes(bad)
        parses.take()
        assert load(demo) == expected, name
        assert len(parses.take()) == 40, name
        assert cache.decode((demo / CACHE).read_bytes(), stamp) is not None, name


def test_every_changed_byte_and_every_cut_is_caught(demo):
    load(demo)
    good = (demo / CACHE).read_bytes()
    stamp = _stamp(demo)
    step = max(1, len(good) // 1500)
    for at in range(0, len(good), step):
        for bit in (0x01, 0x80):
            bad = bytearray(good)
            bad[at] ^= bit
            assert cache.decode(bytes(bad), stamp) is None, (at, bit)
        assert cache.decode(good[:at], stamp) is None, at


def test_a_cache_written_by_other_code_is_not_used(demo, parses, monkeypatch):
    load(demo)
    monkeypatch.setattr("abcnet.__version__", "9.9.9")
    parses.take()
    load(demo)
    assert len(parses.take()) == 40
    assert cache.split((demo / CACHE).read_bytes(), _stamp(demo)) is not None


def test_an_entry_is_trusted_only_while_its_stat_matches(net, parses):
    path = net.write("ada", "name: Ada\n")
    load(net.root)
    # Same size, new content: a new mtime/ctime shows it.
    path.write_text("name: Bob\n", encoding="utf-8")
    parses.take()
    assert [c.name for c in load(net.root)[0].contacts] == ["Bob"]
    assert parses.take() == ["ada.yaml"]


def test_a_racy_entry_is_checked_against_its_digest(net, parses, monkeypatch):
    net.write("ada", "name: Ada\n")
    net.settings("daily_quota: 3\n")
    load(net.root)
    record = cache_body(net.root)["files"][0]
    assert record[1][5] is True  # the stamp: written moments ago, racy
    assert cache_body(net.root)["settings"][0][5] is True
    # Pretend the bytes changed within the same timestamp tick.
    broken = cache_body(net.root)
    size, mtime, ctime, inode, _, racy = broken["files"][0][1]
    broken["files"][0][1] = (size, mtime, ctime, inode, "0" * 32, racy)
    write_cache_body(net.root, broken)
    parses.take()
    load(net.root)
    assert parses.take() == ["ada.yaml"]
    # Once the file is old enough, the digest is checked one last time and the mark goes.
    monkeypatch.setattr(warm, "RACY_NS", 0)
    load(net.root)
    assert parses.take() == []
    assert cache_body(net.root)["files"][0][1][5] is False
    assert cache_body(net.root)["settings"][0][5] is False
    assert cache.decode((net.root / CACHE).read_bytes(), _stamp(net.root)) is not None
    assert load(net.root)[0].settings.daily_quota == 3
    assert parses.take() == []


def test_the_cache_folder_ignores_itself_and_a_blocked_one_is_harmless(net):
    net.write("ada", "name: Ada\n")
    load(net.root)
    assert (net.root / ".abc-cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert (
        (net.root / ".abc-cache" / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    # What an earlier version left there goes when the cache is written again.
    (net.root / ".abc-cache" / "network.json").write_text("{}", encoding="utf-8")
    net.write("bob", "name: Bob\n")
    load(net.root)
    assert sorted(p.name for p in (net.root / ".abc-cache").iterdir()) == [
        ".gitignore",
        "CACHEDIR.TAG",
        "network.cache",
    ]
    shutil.rmtree(net.root / ".abc-cache")
    (net.root / ".abc-cache").write_text("not a folder", encoding="utf-8")
    assert [c.name for c in load(net.root)[0].contacts] == ["Ada", "Bob"]
    assert net.run("check").exit_code == 0


# --- the fast safe loader --------------------------------------------------------------------

TRICKY = [
    "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: FALSE\n",
    "a: 010\nb: 0o10\nc: 0x1F\nd: 1_000\ne: 1:20\nf: +12\ng: -0\n",
    "a: .inf\nb: -.INF\nc: .nan\nd: 1e3\ne: 1.5e-3\nf: 3.\n",
    "a: ~\nb: null\nc:\nd: ''\ne: 'null'\n",
    "a: 2026-11-25\nb: 2026-11-25T10:00:00Z\nc: 2026-02-30\nd: !!timestamp 2001-12-14\n",
    "base: &b {x: 1, y: 2}\nmore:\n  <<: *b\n  y: 3\nlist: [*b, *b]\n",
    "%YAML 1.1\n---\na: yes\nb: 010\n",
    "a: !!str 12\nb: !!int '7'\nc: !!float 1\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\nb: !!omap [{x: 1}, {y: 2}]\n",
    "a: !!python/object:os.system ls\n",
    "a: !!float 1:20\nb: !!int 010\nc: !!float 1e3\nd: !!bool yes\n",
    "%YAML 1.1\n---\na: !!float 1:20\nb: 1:20\nc: yes\n",
    "a: 1\na: 2\n",
    "a:\n\t- b\n",
    "a: 'unclosed\n",
    '- 1\n- [2, 3]\n- {a: b}\n- "esc\\u00e9\\x41"\n',
    "a: |\n  two\n  lines\nb: >-\n  folded\n  text\n",
    "",
    "# only a comment\n",
    "--- 1\n--- 2\n",
    "a: b: c\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_fast_safe_loader_reads_like_yaml_safe(text):
    from ruamel.yaml import YAML

    fast = loader("safe")
    assert isinstance(fast, _CSafe)
    # The reference: what store used before, YAML(typ="safe") with the same constructor.
    yaml = YAML(typ="safe")
    yaml.Constructor = next(c for c in fast._cls.__mro__ if c.__name__ == "AbcSafeConstructor")
    yaml.allow_duplicate_keys = False

    def outcome(load: Any) -> str:
        try:
            return "data " + repr(load(text))
        except Exception as e:
            return f"error {type(e).__name__} {e}"

    assert outcome(fast.load) == outcome(yaml.load)


def test_values_are_built_positionally_only_while_the_fields_keep_their_order():
    from dataclasses import dataclass

    from abcnet.core.model import Contact, Source, Touch

    assert cache._new_touch is Touch
    # A source is filled by field name too, without the frozen __init__.
    made = cache._new_source("contacts/ada.yaml", 3)
    assert (type(made), made, str(made)) == (
        Source,
        Source("contacts/ada.yaml", 3),
        "contacts/ada.yaml:3",
    )
    # Contacts are filled by field name, so no change of order can mix two fields up.
    given = {
        "slug": "ada",
        "name": "Ada",
        "source": Source("contacts/ada.yaml", 1),
        "emails": ("ada@example.org",),
        "phones": (),
        "links": (("linkedin", "https://www.linkedin.com/in/ada"),),
        "org": "Northwind",
        "role": None,
        "circle": "core",
        "cadence": 45,
        "tags": ("data",),
        "aliases": ("Ada (Lagos)",),
        "met_date": date(2024, 5, 1),
        "met_how": "PyData",
        "birthday": None,
        "snooze_until": None,
        "archived": False,
        "notes": "Likes tea",
        "touches": Contact(slug="x", name="x", source=Source("x")).touches,
    }
    person = Contact(**given)
    row = cache.PERSON.row(person)
    assert row[:4] == ("ada", "Ada", 1, ("ada@example.org",))
    filled = cache.PERSON.contact("contacts/ada.yaml", row, person.touches)
    assert type(filled) is Contact and filled == person
    with pytest.raises(TypeError):
        cache._filler(Contact, cache.PERSON.names)  # without the touches

    @dataclass(frozen=True)
    class Moved:
        line: int
        date: str

    make = cache._maker(Moved, ("date", "line"))
    assert make("2026-01-01", 3) == Moved(line=3, date="2026-01-01")


def test_no_worker_processes_are_forked_from_a_process_with_threads(demo, monkeypatch):
    import threading

    monkeypatch.setattr(warm, "PARALLEL_FROM", 2)
    forked = []
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", lambda *a, **k: forked.append(1))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert load(demo) == uncached(demo)
    finally:
        stop.set()
        thread.join()
    assert forked == []


def test_the_cached_load_sees_the_same_files_as_the_uncached_one(net):
    net.write("ada", "name: Ada\n")
    net.write_bytes("bob.yml", b"name: Bob\n")
    net.write_bytes(".hidden.yaml", b"name: Hidden\n")
    net.write_bytes("readme.txt", b"not a contact\n")
    (net.contacts / "folder.yaml").mkdir()
    (net.contacts / "link.yaml").symlink_to(net.contacts / "ada.yaml")
    (net.contacts / "broken.yaml").symlink_to(net.contacts / "nowhere.yaml")
    assert [p.name for p in contact_files(net.root)] == ["ada.yaml", "bob.yml", "link.yaml"]
    expected = uncached(net.root)
    assert [c.slug for c in expected[0].contacts] == ["ada", "bob", "link"]
    assert load(net.root) == expected
    assert load(net.root) == expected


def test_a_load_sets_aside_no_garbage_cycles(net):
    import gc
    import weakref

    class Node:
        pass

    net.write("ada", "name: Ada\n")
    load(net.root)
    cycle = Node()
    cycle.me = cycle  # type: ignore[attr-defined]
    alive = weakref.ref(cycle)
    del cycle
    gc.disable()
    try:
        load(net.root)  # warm: decoding freezes what exists
    finally:
        gc.enable()
    gc.collect()
    assert alive() is None


def test_a_relative_root_shares_the_cache_with_the_absolute_one(net, parses, monkeypatch):
    net.write("ada", "name: Ada\n")
    load(net.root)
    parses.take()
    monkeypatch.chdir(net.root)
    assert [c.name for c in load(Path("."))[0].contacts] == ["Ada"]
    assert parses.take() == []


# --- the check summary ------------------------------------------------------------------------

SUMMARY = Path(".abc-cache") / "check.cache"


class Fallbacks:
    """Counts the loads of the whole parse cache that ``abc check`` falls back to."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = warm.load_cached

        def counting(root: Path, today: date, **options: Any) -> Any:
            self.count += 1
            return real(root, today, **options)

        monkeypatch.setattr(warm, "load_cached", counting)

    def take(self) -> int:
        count, self.count = self.count, 0
        return count


@pytest.fixture
def fallbacks(monkeypatch: pytest.MonkeyPatch) -> Fallbacks:
    return Fallbacks(monkeypatch)


def briefly(found: Any) -> list[str]:
    """What load_for_check gave, in words: each person, the settings, the files, problems."""
    people, settings, files, problems = found[:4]
    return [
        *(
            f"{b.slug} {b.name} {b.source} {b.circle} {b.cadence} {b.snooze_until} "
            f"{b.archived} {list(b.touches.ordinals)}"
            for b in people
        ),
        f"quota {settings.daily_quota}, region {settings.me.region!r}, {files} files",
        *map(str, problems),
    ]


CHECKED = dedent(
    """
    name: Ada Lee
    circle: inner
    snooze_until: 2026-12-01
    email: ada@example.org
    touches:
      - date: 2026-10-01
      - date: 2026-11-02
    """
).lstrip()


def test_check_reads_the_summary_alone_while_no_file_changed(net, fallbacks, monkeypatch):
    monkeypatch.setattr(warm, "RACY_NS", 0)  # every file old enough to trust its stat
    net.write("ada", CHECKED)
    net.write("ada-2", "name: Ada Lee\ncadence: 45d\narchived: true\n")
    net.write("bad", "name: Bad\ncadence: sometimes\n")
    net.write("zed", "name: Zed\nemail: ADA@example.org\ncircle: pool\n")
    net.settings("daily_quota: 3\nme:\n  region: GB\n")
    expected = [
        "ada-2 Ada Lee contacts/ada-2.yaml:1 wide 45 None True []",
        f"ada Ada Lee contacts/ada.yaml:1 inner None 2026-12-01 False "
        f"{[date(2026, 10, 1).toordinal(), date(2026, 11, 2).toordinal()]}",
        "bad Bad contacts/bad.yaml:1 wide None None False []",
        "zed Zed contacts/zed.yaml:1 pool None None False []",
        "quota 3, region 'GB', 4 files",
        "contacts/ada-2.yaml:1: warning: name: looks like the same person as Ada Lee "
        "(contacts/ada.yaml); merge them with abc merge, or tell them apart",
        "contacts/bad.yaml:2: cadence: cannot read cadence 'sometimes'; write e.g. 45d, 6w, "
        "3m, quarterly or twice-a-year",
        "contacts/zed.yaml:2: email: ADA@example.org is also the email of Ada Lee "
        "(contacts/ada.yaml); keep one file per person, or merge them",
    ]
    assert briefly(summary.load_for_check(net.root, TODAY)) == expected
    assert fallbacks.take() == 1
    assert briefly(summary.load_for_check(net.root, TODAY)) == expected
    assert fallbacks.take() == 0  # the summary alone
    cold = net.run("check", "--all")
    (net.root / SUMMARY).unlink()
    assert net.run("check", "--all").output == cold.output
    assert fallbacks.take() == 1


def test_the_summary_finds_each_brief_past_files_that_gave_no_contact(net, fallbacks, monkeypatch):
    monkeypatch.setattr(warm, "RACY_NS", 0)
    net.write("ada", CHECKED)
    net.write("bo", "name: [Bo\n")  # no contact: its brief is not in the summary
    net.write("cy", "- a list\n")
    net.write("dee", "name: Dee Roe\ncircle: core\n")
    cold = briefly(summary.load_for_check(net.root, TODAY))
    assert fallbacks.take() == 1
    warm_people = summary.load_for_check(net.root, TODAY).people
    assert fallbacks.take() == 0
    assert briefly((warm_people, *summary.load_for_check(net.root, TODAY)[1:])) == cold
    assert [b.source.path for b in warm_people] == ["contacts/ada.yaml", "contacts/dee.yaml"]
    assert warm_people[-1].name == "Dee Roe" and warm_people[-2].name == "Ada Lee"
    assert [b.name for b in warm_people[::-1]] == ["Dee Roe", "Ada Lee"]
    with pytest.raises(IndexError):
        warm_people[2]
    with pytest.raises(IndexError):
        warm_people[-3]


class Sorts:
    """Counts the sorted listings of ``contacts/`` that ``abc check`` makes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = summary.scan

        def counting(*args: Any, **kw: Any) -> Any:
            self.count += 1
            return real(*args, **kw)

        monkeypatch.setattr(summary, "scan", counting)

    def take(self) -> int:
        count, self.count = self.count, 0
        return count


def test_an_unchanged_folder_is_told_without_sorting_its_listing(net, fallbacks, monkeypatch):
    monkeypatch.setattr(warm, "RACY_NS", 0)
    sorts = Sorts(monkeypatch)
    net.write("ada", CHECKED)
    net.write("bo", "name: Bo\n")
    expected = briefly(summary.load_for_check(net.root, TODAY))
    assert (fallbacks.take(), sorts.take()) == (1, 1)
    assert briefly(summary.load_for_check(net.root, TODAY)) == expected
    assert (fallbacks.take(), sorts.take()) == (0, 0)  # the sweep alone
    # Not a contact file, but in the folder: sorted again, nothing checked again, and
    # the summary saved with the new sweep.
    (net.contacts / "README.md").write_text("Who is who.\n", encoding="utf-8")
    assert briefly(summary.load_for_check(net.root, TODAY)) == expected
    assert (fallbacks.take(), sorts.take()) == (0, 1)
    assert briefly(summary.load_for_check(net.root, TODAY)) == expected
    assert (fallbacks.take(), sorts.take()) == (0, 0)
    # A file renamed, a file edited in place to the same size: each seen.
    (net.contacts / "bo.yaml").rename(net.contacts / "bob.yaml")
    assert briefly(summary.load_for_check(net.root, TODAY))[1] == (
        "bob Bo contacts/bob.yaml:1 wide None None False []"
    )
    (net.contacts / "bob.yaml").write_text("name: Bx\n", encoding="utf-8")
    assert briefly(summary.load_for_check(net.root, TODAY))[1].startswith("bob Bx contacts/bob")
    assert fallbacks.take() == 0


def test_a_contact_file_that_is_a_link_is_never_told_unchanged_by_the_sweep(
    net, fallbacks, monkeypatch
):
    """The link's own stat stays as it is when the file it leads to changes."""
    monkeypatch.setattr(warm, "RACY_NS", 0)
    sorts = Sorts(monkeypatch)
    (net.root / "people").mkdir()
    target = net.root / "people" / "ada.yaml"
    target.write_text("name: Ada Lee\n", encoding="utf-8")
    (net.contacts / "ada.yaml").symlink_to(target)
    net.write("bo", "name: Bo\n")
    assert briefly(summary.load_for_check(net.root, TODAY))[0].startswith("ada Ada Lee ")
    assert briefly(summary.load_for_check(net.root, TODAY))[0].startswith("ada Ada Lee ")
    assert sorts.take() == 2  # each time
    target.write_text("name: Ada Roe\n", encoding="utf-8")
    assert briefly(summary.load_for_check(net.root, TODAY))[0].startswith("ada Ada Roe ")
    assert fallbacks.take() == 1


def test_the_summary_gives_what_the_whole_cache_gives_on_the_demo(demo, fallbacks, monkeypatch):
    monkeypatch.setattr(warm, "RACY_NS", 0)
    for today in (TODAY, TODAY + timedelta(days=400)):
        network, problems = uncached(demo, today)
        whole = [network.contacts, network.settings, network.files, problems]
        summary.load_for_check(demo, today)
        fallbacks.take()
        quick = summary.load_for_check(demo, today)
        assert fallbacks.take() == 0
        assert briefly(quick) == briefly(whole)


def test_a_racy_file_is_never_taken_from_the_summary(net, fallbacks, monkeypatch):
    """On a file system whose timestamps are coarse, a file changed twice within one tick
    keeps its stat: the summary must not vouch for it until it is old enough."""

    def coarse(st: os.stat_result) -> tuple[int, int, int, int]:
        second = st.st_mtime_ns // 10**9 * 10**9
        return (st.st_size, second, second, st.st_ino)

    monkeypatch.setattr(warm, "_stat_key", coarse)
    monkeypatch.setattr(summary, "_stat_key", coarse)
    path = net.write("ada", "name: Ann\n")
    tick = os.stat(path).st_mtime_ns
    assert briefly(summary.load_for_check(net.root, TODAY))[0].startswith("ada Ann ")
    path.write_text("name: Bob\n", encoding="utf-8")  # the same size
    os.utime(path, ns=(tick, tick))  # and the same tick
    assert briefly(summary.load_for_check(net.root, TODAY))[0].startswith("ada Bob ")
    assert fallbacks.take() == 1  # then the racy file alone, checked again


def test_a_damaged_or_foreign_summary_is_ignored_and_written_again(net, fallbacks, monkeypatch):
    monkeypatch.setattr(warm, "RACY_NS", 0)
    net.write("ada", CHECKED)
    expected = briefly(summary.load_for_check(net.root, TODAY))
    good = (net.root / SUMMARY).read_bytes()
    with monkeypatch.context() as m:  # the same summary, written by an older abc
        m.setattr(cache, "SCHEMA", cache.SCHEMA - 1)
        (net.root / SUMMARY).unlink()
        summary.load_for_check(net.root, TODAY)
        older = (net.root / SUMMARY).read_bytes()
    assert older != good and len(older) == len(good)
    cut = good[: len(good) - 5]
    flipped = good[:-3] + bytes([good[-3] ^ 1]) + good[-2:]
    whole_cache = (net.root / CACHE).read_bytes()  # a file of the wrong kind
    for bad in (b"", b"garbage", cut, flipped, older, whole_cache):
        (net.root / SUMMARY).write_bytes(bad)
        fallbacks.take()
        assert briefly(summary.load_for_check(net.root, TODAY)) == expected
        assert fallbacks.take() == 1
        assert cache.decode_summary((net.root / SUMMARY).read_bytes(), _stamp(net.root))
        assert briefly(summary.load_for_check(net.root, TODAY)) == expected
        assert fallbacks.take() == 0


def test_a_summary_whole_but_not_in_its_shape_is_ignored(net, fallbacks, monkeypatch):
    """Written with a right checksum by something else: each wrong column is told, not
    read past its end or trusted."""
    monkeypatch.setattr(warm, "RACY_NS", 0)
    net.write("ada", CHECKED)
    net.write("bo", "name: Bo\n")
    expected = briefly(summary.load_for_check(net.root, TODAY))
    stamp = _stamp(net.root)
    good = (net.root / SUMMARY).read_bytes()
    found = cache._sections(good, stamp)
    assert found is not None
    body, sections = found
    assert cache._sectioned(stamp, body, {k: bytes(v) for k, v in sections.items()}) == good
    nine = (9).to_bytes(8, sys.byteorder)
    wrongs = [
        {"stats": bytes(sections["stats"])[:-8]},  # a file's stat short
        {"stats": bytes(sections["stats"]) + b"\0"},  # not a whole number of integers
        {"who": nine},  # a brief of no file
        {"standings.touched": nine},  # a person not there
        {"ends": bytes(sections["ends"])[:-8]},
        {"listing": b"\xff"},  # not UTF-8
        {"briefs": b""},
    ]
    for wrong in wrongs:
        bad = cache._sectioned(stamp, body, {**{k: bytes(v) for k, v in sections.items()}, **wrong})
        assert cache.decode_summary(bad, stamp) is None, wrong
        (net.root / SUMMARY).write_bytes(bad)
        fallbacks.take()
        assert briefly(summary.load_for_check(net.root, TODAY)) == expected
        assert fallbacks.take() == 1
    for wrong_body in ({**body, "standings": [1]}, {**body, "racy": "all"}, {"settings": None}):
        assert (
            cache.decode_summary(cache._sectioned(stamp, wrong_body, dict(sections)), stamp) is None
        )


def test_the_summary_stands_only_for_the_files_and_settings_it_was_written_for(
    net, fallbacks, monkeypatch
):
    monkeypatch.setattr(warm, "RACY_NS", 0)
    net.write("ada", "name: Ada\n")
    net.settings("daily_quota: 3\n")
    summary.load_for_check(net.root, TODAY)
    net.write("bob", "name: Bob\n")  # a new file
    assert briefly(summary.load_for_check(net.root, TODAY))[:2] == [
        "ada Ada contacts/ada.yaml:1 wide None None False []",
        "bob Bob contacts/bob.yaml:1 wide None None False []",
    ]
    (net.contacts / "ada.yaml").unlink()  # a file gone
    assert len(briefly(summary.load_for_check(net.root, TODAY))) == 2
    net.settings("daily_quota: 4\n")  # other settings
    assert "quota 4" in briefly(summary.load_for_check(net.root, TODAY))[1]
    (net.root / "abc.yaml").unlink()  # none
    assert "quota 2" in briefly(summary.load_for_check(net.root, TODAY))[1]
    assert fallbacks.take() == 3  # the first and each change of the settings
    summary.load_for_check(net.root, TODAY)
    assert fallbacks.take() == 0


def test_a_file_whose_check_depends_on_today_is_checked_again_on_another_day(
    net, fallbacks, parses, monkeypatch
):
    monkeypatch.setattr(warm, "RACY_NS", 0)
    net.write("ada", "name: Ada\ntouches:\n  - date: 2026-11-30\n")  # after TODAY
    net.write("bob", "name: Bob\n")
    first = briefly(summary.load_for_check(net.root, TODAY))
    assert first[-1] == (
        "contacts/ada.yaml:3: touches[0].date: 2026-11-30 is after today (2026-11-25); "
        "log touches once they have happened"
    )
    assert briefly(summary.load_for_check(net.root, TODAY)) == first
    fallbacks.take()
    parses.take()
    later = briefly(summary.load_for_check(net.root, TODAY + timedelta(days=10)))
    assert (fallbacks.take(), parses.take()) == (0, ["ada.yaml"])
    assert later[-1] == "quota 2, region '', 2 files"


def test_a_changed_file_is_checked_again_with_the_summary_alone(
    net, fallbacks, parses, monkeypatch
):
    """One file changed: only it is parsed, its identity keys are worked out again and
    compared with every other file's kept keys; the parse cache is not touched."""
    monkeypatch.setattr(warm, "RACY_NS", 0)
    net.settings("me:\n  region: GB\n")
    net.write("ann", "name: Ann Lee\nphone: '+44 7700 900123'\n")
    net.write("bob", "name: Bob\nemail: bob@example.org\n")
    net.write("cat", "name: Cat\n")
    assert briefly(summary.load_for_check(net.root, TODAY))[3:] == ["quota 2, region 'GB', 3 files"]
    whole = (net.root / CACHE).read_bytes()
    keyed: list[str] = []
    real = duplicate_keys

    def counting(contact: Any, *, region: str) -> Any:
        keyed.append(f"{contact.slug} {region}")
        return real(contact, region=region)

    monkeypatch.setattr("abcnet.core.identity.duplicate_keys", counting)
    fallbacks.take()
    parses.take()
    net.write("cat", "name: Cat\nphone: '07700 900123'\nemail: BOB@example.org\n")
    expected = [
        "contacts/cat.yaml:2: warning: phone: looks like the same person as Ann Lee "
        "(contacts/ann.yaml); merge them with abc merge, or tell them apart",
        "contacts/cat.yaml:3: email: BOB@example.org is also the email of Bob "
        "(contacts/bob.yaml); keep one file per person, or merge them",
    ]
    assert briefly(summary.load_for_check(net.root, TODAY))[4:] == expected
    assert (fallbacks.take(), parses.take(), keyed) == (0, ["cat.yaml"], ["cat GB"])
    assert (net.root / CACHE).read_bytes() == whole
    assert briefly(summary.load_for_check(net.root, TODAY))[4:] == expected
    assert (fallbacks.take(), parses.take()) == (0, [])
    (net.contacts / "bob.yaml").unlink()
    assert briefly(summary.load_for_check(net.root, TODAY))[2:] == [
        "quota 2, region 'GB', 2 files",
        expected[0],
    ]
    assert (fallbacks.take(), parses.take()) == (0, [])
    assert [c.slug for c in load(net.root)[0].contacts] == ["ann", "cat"]
    assert parses.take() == ["cat.yaml"]


def test_check_without_a_day_takes_the_networks_today_from_the_summary(net, fallbacks, monkeypatch):
    monkeypatch.setattr(warm, "RACY_NS", 0)
    net.write("ada", "name: Ada\n")
    net.settings("shown_as_of: 2026-03-02\n")
    day, found = summary.load_check(net.root, None)
    assert (day, fallbacks.take()) == (date(2026, 3, 2), 1)
    day, again = summary.load_check(net.root, None)
    assert (day, fallbacks.take()) == (date(2026, 3, 2), 0)  # the summary's settings
    assert briefly(again) == briefly(found)
    net.settings("shown_as_of: 2026-04-09\ndaily_quota: 5\n")  # abc.yaml changed: read again
    day, found = summary.load_check(net.root, None)
    assert (day, fallbacks.take()) == (date(2026, 4, 9), 1)
    assert "quota 5" in briefly(found)[1]
    assert summary.load_check(net.root, date(2026, 5, 1))[0] == date(2026, 5, 1)
