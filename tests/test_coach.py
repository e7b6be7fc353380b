"""A coach's view: stats.json read and checked, `abc coach build` and `abc coach init`."""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_workflow import linter

from abcnet.cli import cli
from abcnet.formats.shared import Shared, SharedError, from_json, to_json
from abcnet.storage.fetch import FetchError, fetch

ADA = Shared(
    as_of=date(2026, 11, 25),
    size=(50, 149),
    within_cadence=84,
    within_cadence_then=71,
    touches_per_week=9.5,
    active_weeks=92,
    gives=64,
    started_by_them=31,
    on_time=58,
    reconnect_weeks=12,
)
SAM = Shared(date(2026, 11, 24), (10, 49), 40, None, None, 50, None, None, None, None)


def run(cwd: Path, *args: str) -> Result:
    """``abc ARGS`` in ``cwd`` (the coach's commands work where they are run)."""
    here = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), env={"NO_COLOR": "1", "ABC_TODAY": "2026-11-25"})
    finally:
        os.chdir(here)


def test_stats_json_round_trips_and_keeps_its_documented_order():
    text = to_json(ADA)
    assert text.splitlines()[:5] == [
        "{",
        '  "schema": "abc-stats",',
        '  "version": 1,',
        '  "as_of": "2026-11-25",',
        '  "size": [',
    ]
    assert from_json(text.encode()) == ADA
    assert ADA.trend == 13
    assert SAM.trend is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"{nope",
            "not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
        ),
        (b'{"schema": "other"}', 'not an abc stats.json (no "schema": "abc-stats")'),
        (
            b'{"schema": "abc-stats", "version": 2}',
            "written by a newer abc (version 2); this abc reads version 1: update abc",
        ),
        (b'{"schema": "abc-stats", "version": "1"}', 'version is "1", not a whole number from 1'),
        (
            b'{"schema": "abc-stats", "version": 1, "as_of": "2026-11-25", "size": [10, 49], '
            b'"within_cadence": 120}',
            "within_cadence is 120, not a percentage (0 to 100) or null",
        ),
        (
            b'{"schema": "abc-stats", "version": 1, "as_of": "2026-11-25", "size": 12}',
            "size is 12, not [low, high]",
        ),
        (
            b'{"schema": "abc-stats", "version": 1, "as_of": "soon"}',
            'as_of is "soon", not YYYY-MM-DD',
        ),
    ],
)
def test_a_bad_stats_json_says_what_is_wrong(data, message):
    with pytest.raises(SharedError) as raised:
        from_json(data)
    assert str(raised.value) == message


def test_unknown_keys_are_ignored_and_missing_figures_are_null():
    data = (
        b'{"schema": "abc-stats", "version": 1, "as_of": "2026-11-24", "size": [10, 49], '
        b'"within_cadence": 40, "active_weeks": 50, "later": {"x": 1}}'
    )
    assert from_json(data) == SAM


def clients(tmp_path: Path) -> Path:
    (tmp_path / "ada-site").mkdir()
    (tmp_path / "ada-site" / "stats.json").write_text(to_json(ADA))
    (tmp_path / "sam.json").write_text(to_json(SAM))
    return tmp_path


def test_coach_build_compares_local_sources_and_names_what_it_could_not_read(tmp_path):
    root = clients(tmp_path)
    (root / "clients.txt").write_text("# mine\nsam.json\n\nmissing  # gone\n")
    result = run(root, "coach", "build", "ada-site", "--from", "clients.txt", "-o", "out")
    assert result.exit_code == 0  # one source missing: the others still make the page
    assert result.stderr.splitlines() == [
        "abc: missing: cannot read "
        f"{root / 'missing'}: No such file or directory "
        "(build it with abc site build --public, with public_stats: true)",
        "wrote out/index.html: 2 of 3 read",
    ]
    html = (root / "out" / "index.html").read_text()
    assert (
        '<tr><th scope="row">ada-site</th><td>50–149</td><td>84%</td><td>71%</td>'
        "<td>+13 pts</td><td>9.5</td><td>92%</td><td>64%</td><td>31%</td><td>58%</td>"
        '<td>12%</td><td class="as-of">2026-11-25</td></tr>'
    ) in html
    dash = '<td title="fewer than 10 to count, so not published">–</td>'
    assert (
        f'<tr><th scope="row">sam</th><td>10–49</td><td>40%</td>{dash}{dash}<td>–</td>'
        f'<td>50%</td>{dash}{dash}{dash}{dash}<td class="as-of">2026-11-24</td></tr>'
    ) in html
    # Sam has no figure a year ago, so the chart shows now only.
    assert "<h2>Within cadence now</h2>" in html
    assert tuple(t for t in re.findall(r"<title>[^<]*</title>", html) if ": " in t) == (
        "<title>ada-site: 84</title>",
        "<title>sam: 40</title>",
    )
    assert "<h2>Not read</h2>" in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_coach_build_fails_when_nothing_could_be_read_or_strict(tmp_path):
    root = clients(tmp_path)
    assert run(root, "coach", "build", "missing", "-o", "out").exit_code == 1
    assert run(root, "coach", "build", "sam.json", "missing", "-o", "out").exit_code == 0
    assert run(root, "coach", "build", "sam.json", "missing", "--strict").exit_code == 1


def test_coach_build_with_no_source_is_a_usage_error(tmp_path):
    result = run(tmp_path, "coach", "build")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: no source: name public sites or stats.json files, or --from FILE\n"
    )


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A loopback web server for tmp_path/www, the only network a test may use."""
    www = tmp_path / "www"
    (www / "ada").mkdir(parents=True)
    (www / "ada" / "stats.json").write_text(to_json(ADA))
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(www))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_sources_on_the_web_are_fetched_and_a_missing_one_says_so(server, tmp_path):
    got = fetch(f"{server}/ada/", tmp_path)
    assert (got.label, from_json(got.data)) == (server.removeprefix("http://") + "/ada", ADA)
    assert from_json(fetch(f"{server}/ada/stats.json", tmp_path).data) == ADA
    with pytest.raises(FetchError) as raised:
        fetch(f"{server}/nobody", tmp_path)
    assert raised.value.message == (
        f"{server}/nobody/stats.json: HTTP 404 (is it published, with public_stats: true?)"
    )


def test_a_long_label_is_cut_in_the_chart_only():
    from abcnet.web.coach import page, short

    assert short("lena.example.org/network") == "lena.example.org…"
    assert short("ravi.example.net") == "ravi.example.net"
    html = page([("lena.example.org/network", ADA)], [], date(2026, 11, 25))
    assert '<th scope="row">lena.example.org/network</th>' in html
    assert "<h2>Within cadence, a year ago and now</h2>" in html
    assert "<title>lena.example.org…, a year ago: 71</title>" in html
    assert "<title>lena.example.org…, now: 84</title>" in html


def test_labels_cut_alike_in_the_chart_show_their_ends_instead():
    from abcnet.web.coach import page, shorts

    labels = ["coach.example.org/clients/lena", "coach.example.org/clients/ravi"]
    assert shorts(labels) == ["…org/clients/lena", "…org/clients/ravi"]
    assert shorts(["lena.github.io/network", "ravi.github.io/network"]) == [
        "lena.github.io/n…",
        "ravi.github.io/n…",
    ]
    html = page([(labels[0], ADA), (labels[1], SAM)], [], date(2026, 11, 25))
    assert "<title>…org/clients/lena: 84</title>" in html
    assert "<title>…org/clients/ravi: 40</title>" in html
    assert f'<th scope="row">{labels[1]}</th>' in html


def test_plain_http_is_refused_beyond_this_machine(tmp_path):
    with pytest.raises(FetchError) as raised:
        fetch("http://example.org/site", tmp_path)
    assert raised.value.message == (
        "http://example.org/site: use https:// (plain http:// only for this machine)"
    )
    with pytest.raises(FetchError) as raised:
        fetch("ftp://example.org/stats.json", tmp_path)
    assert raised.value.message == "ftp://example.org/stats.json: use an https:// address or a path"


def test_coach_init_writes_the_workflow_and_the_list_once(tmp_path):
    result = run(tmp_path, "coach", "init")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "wrote .github/workflows/coach.yml",
        "wrote clients.txt",
        "next: list your clients' sites in clients.txt, commit, and turn on Pages",
    ]
    (tmp_path / "clients.txt").write_text("https://ada.example.org/network\n")
    again = run(tmp_path, "coach", "init")
    assert again.stdout == "nothing to write: the workflow and clients.txt are already there\n"
    assert (tmp_path / "clients.txt").read_text() == "https://ada.example.org/network\n"
    workflow = (tmp_path / ".github" / "workflows" / "coach.yml").read_text()
    assert "run: abc coach build --from clients.txt -o coach-site" in workflow
    assert "{install" not in workflow


@pytest.mark.parametrize(
    "command",
    [["actionlint", "-no-color"], ["zizmor", "--offline", "--no-progress", "--color=never"]],
)
def test_the_coach_workflow_passes_the_linters(tmp_path, command):
    run(tmp_path, "coach", "init")
    done = subprocess.run(
        [linter(command[0]), *command[1:], ".github/workflows/coach.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_stats_json_holds_nothing_out_of_fewer_than_ten():
    from abcnet.core.model import Contact, Settings, Source, Touch
    from abcnet.core.publish import shared_figures
    from abcnet.core.stats import compute
    from abcnet.formats.shared import shared_of

    today = date(2026, 11, 25)

    def person(i: int, *days: str) -> Contact:
        touches = tuple(Touch(date.fromisoformat(d), kind="give") for d in days)
        return Contact(f"p{i}", f"P {i}", Source(f"contacts/p{i}.yaml"), touches=touches)

    few = [person(i, "2026-11-01") for i in range(9)]
    assert shared_of(shared_figures(compute(few, Settings(), today)), today) == Shared(
        today, (0, 9), None, None, None, None, None, None, None, None
    )
    # Twelve people, touched in November and one of them years before: shares of 12 and
    # of 52 weeks; no person a year ago yet, and twelve touches, so a rate.
    many = [person(i, "2026-11-02") for i in range(11)] + [person(11, "2020-01-01", "2026-11-03")]
    shared = shared_of(shared_figures(compute(many, Settings(), today)), today)
    assert shared == Shared(
        as_of=today,
        size=(10, 49),
        within_cadence=100,
        within_cadence_then=None,
        touches_per_week=0.2,
        active_weeks=2,
        gives=100,
        started_by_them=0,
        on_time=None,
        reconnect_weeks=2,
    )
    text = to_json(shared)
    assert not any(f"P {i}" in text or f"p{i}" in text for i in range(12))


FIRST = ("Zoë", "Ingrid", "Tomasz", "Aiko", "Baptiste", "Nnamdi", "Yolanda", "Søren", "Marisol")
TODAY_ORD = date(2026, 11, 25).toordinal()
LAST = ("Ångström", "Quenneville", "Okonkwo-Hale", "Barrowclough", "Vasquez-Lind", "Tanabe")


def client_network(root: Path, seed: int, people: int) -> list[str]:
    """A client's network of ``people`` fictional people, written as contact files;
    returns every private string in it (names, slugs, emails, phones, notes, orgs)."""
    import random

    rng = random.Random(seed)
    secrets: list[str] = []
    (root / "contacts").mkdir(parents=True)
    (root / "abc.yaml").write_text("public_stats: true\nreconnect: weekly\n")
    for i in range(people):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"c{seed}-person-{i:03d}"
        email, phone = f"{slug}@mailbox-{seed}.example.net", f"+44 20 7946 {seed:02d}{i:02d}"
        org, note = f"Orgname{seed}x{i} Ltd", f"Private remark {seed}-{i} about the merger"
        days = sorted(rng.sample(range(1, 1500), 8))
        touches = "".join(
            f"  - date: {date.fromordinal(TODAY_ORD - d)}\n"
            f"    direction: {rng.choice(('out', 'out', 'in'))}\n"
            f"    kind: {rng.choice(('give', 'ask', 'catch-up'))}\n"
            f"    note: Touchnote {seed}-{i}-{d}\n"
            for d in days
        )
        (root / "contacts" / f"{slug}.yaml").write_text(
            f'name: {first} {last} {seed}x{i}\nemail: {email}\nphone: "{phone}"\n'
            f"org: {org}\ncircle: {rng.choice(('inner', 'core', 'wide'))}\n"
            f"notes: {note}\ntouches:\n{touches}"
        )
        secrets += [f"{first} {last} {seed}x{i}", slug, email, phone, org, note]
        secrets += [f"Touchnote {seed}-{i}-{d}" for d in days]
    return secrets


def test_a_coach_following_twelve_clients_never_sees_a_name(tmp_path):
    """Twelve public builds' stats.json, from 5 to 160 people, through `abc coach
    build`: no byte of a stats.json or of the coach's site names anyone in any network
    (name, slug, email, phone, org, note), and a client under the public minimum
    shows no share."""
    from abcnet.storage.network import load_network
    from abcnet.web.pages import pages

    today = date(2026, 11, 25)
    secrets: list[str] = []
    sources = []
    for seed, people in enumerate((5, 9, 12, 20, 33, 40, 55, 70, 90, 110, 140, 160)):
        root = tmp_path / "networks" / f"n{seed}"
        secrets += client_network(root, seed, people)
        network, problems = load_network(root, today, cache=False)
        assert problems == []
        shared = pages(network, today, public=True)["stats.json"]
        site = tmp_path / f"client-{seed:02d}"
        site.mkdir()
        (site / "stats.json").write_text(shared)
        sources.append(site.name)
    result = run(tmp_path, "coach", "build", *sources, "-o", "coach-site")
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote coach-site/index.html: 12 of 12 read\n"
    outputs = [p for p in (tmp_path / "coach-site").rglob("*") if p.is_file()]
    outputs += [tmp_path / s / "stats.json" for s in sources]
    blob = b"\n".join(p.read_bytes() for p in outputs).decode("utf-8").casefold()
    assert len(secrets) > 5000
    assert [s for s in secrets if s.casefold() in blob] == []
    # Among the parts of the names too: the rarest surname, a first name with an accent.
    assert "quenneville" not in blob and "zoë" not in blob
    # Five people and their few touches of the year: nothing but the size band.
    few = from_json((tmp_path / "client-00" / "stats.json").read_bytes())
    assert few == Shared(today, (0, 9), None, None, None, None, None, None, None, None)
    html = (tmp_path / "coach-site" / "index.html").read_text()
    dash = '<td title="fewer than 10 to count, so not published">–</td>'
    row = f'<tr><th scope="row">client-00</th><td>0–9</td>{dash * 3}<td>–</td>{dash * 5}'
    assert row + '<td class="as-of">2026-11-25</td></tr>' in html
