"""Time `abc history` on years of daily commits against `git log -p -- contacts/`.

    .venv/bin/python benchmarks/history.py                    # 1,000 people, 2,200 daily commits
    .venv/bin/python benchmarks/history.py -n 300 --days 800  # a quicker look

The network is the synthetic one of ``generate.py``, committed once, then once
a day for ``--days`` days, as ``commit: true`` leaves it: each commit appends a
touch to one or two people, every tenth day adds a person and every thirtieth
archives one. The commits are written with ``git fast-import``, so making them
takes seconds. Each figure is a whole process, the median of ``--runs`` runs
taken in rounds (one of each per round), so that load from elsewhere falls on
all alike; `abc history` runs with a warm parse cache for today's files, as it
would after any other command, once without its history cache (the first run
checks every file version the months need) and once with it (a later run checks
only the versions committed since).

Target: `abc history --json` with its history cache in at most three times the
wall-clock time of `git log -p -- contacts/` (which reads every change once and
parses nothing). The first run is shown beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TODAY = "2026-11-25"
TARGET = 3.0


def _data(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"data %d\n" % len(raw) + raw + b"\n"


def history_stream(root: Path, days: int, seed: int) -> bytes:
    """A ``git fast-import`` stream: the files as generated, then a commit a day."""
    rng = random.Random(seed)
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted((root / "contacts").iterdir())}
    start = date.fromisoformat(TODAY) - timedelta(days=days + 60)
    out = [b"reset refs/heads/main\n"]

    def commit(day: date, changed: list[str], message: str, mark: int) -> None:
        stamp = int(time.mktime(day.timetuple())) + 20 * 3600
        out.append(b"commit refs/heads/main\nmark :%d\n" % mark)
        out.append(b"committer Bench <bench@example.org> %d +0000\n" % stamp)
        out.append(_data(message))
        if mark > 1:
            out.append(b"from :%d\n" % (mark - 1))
        for name in changed:
            out.append(f"M 100644 inline contacts/{name}\n".encode())
            out.append(_data(files[name]))

    commit(start, sorted(files), "The network", 1)
    names = sorted(files)
    for k in range(1, days + 1):
        day = start + timedelta(days=k)
        changed = []
        for _ in range(rng.choice((1, 1, 2))):
            name = rng.choice(names)
            channel = rng.choice(("email", "call", "message", "meeting"))
            files[name] += f"  - date: {day}\n    channel: {channel}\n"
            changed.append(name)
        if k % 10 == 0:
            name = f"new-person-{k}.yaml"
            files[name] = f"name: New Person {k}\ncircle: wide\ntouches:\n  - date: {day}\n"
            names.append(name)
            changed.append(name)
        if k % 30 == 0:
            name = rng.choice(names)
            if "archived: true" not in files[name]:
                files[name] = files[name].replace("touches:\n", "archived: true\ntouches:\n", 1)
                changed.append(name)
        commit(day, sorted(set(changed)), f"log {day}", k + 1)
    return b"".join(out)


def make(root: Path, people: int, days: int, seed: int) -> int:
    generate.generate(root, people, 5, seed, 0, vcards=False)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, env=env)
    stream = history_stream(root, days, seed)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream, check=True, env=env)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True, env=env)
    count = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True, env=env
    )
    return int(count.stdout)


def timed(argv: list[str], root: Path) -> tuple[float, float]:
    """The wall-clock seconds and the CPU seconds (user and system, children included)."""
    import resource

    env = {**os.environ, "ABC_TODAY": TODAY, "NO_COLOR": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(argv, cwd=root, env=env, capture_output=True, check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--contacts", type=int, default=1000, help="people (1000)")
    parser.add_argument("--days", type=int, default=2200, help="daily commits (2200)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each (5)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, default=None, help="build the network here, keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="abc-history-"))
    try:
        commits = make(root, args.contacts, args.days, args.seed)
        abc = [str(Path(sys.executable).with_name("abc")), "history", "--json"]
        git_log = ["git", "log", "-p", "--", "contacts/"]
        timed([abc[0], "stats"], root)  # the parse cache for today's files, as after any command
        done = subprocess.run(
            abc,
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "ABC_TODAY": TODAY},
        )
        months = len(json.loads(done.stdout)["months"])
        cache = root / ".abc-cache" / "history.cache"
        cold: list[tuple[float, float]] = []
        warm: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        for _ in range(args.runs):
            cache.unlink(missing_ok=True)
            cold.append(timed(abc, root))
            warm.append(timed(abc, root))
            theirs.append(timed(git_log, root))

        def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
            return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)

        g, c, w = median(theirs), median(cold), median(warm)
        print(f"{args.contacts} people, {commits} commits, {months} months; wall s, cpu s")
        print(f"  git log -p -- contacts/            {g[0]:6.2f} {g[1]:6.2f}")
        print(f"  abc history --json, first run      {c[0]:6.2f} {c[1]:6.2f}")
        print(
            f"  abc history --json, history cached {w[0]:6.2f} {w[1]:6.2f}"
            f"   ({w[0] / g[0]:.1f}x; target <= {TARGET:.0f}x)"
        )
        if w[0] > TARGET * g[0]:
            sys.exit(1)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
