"""Time abc's Telegram and WhatsApp readers on big synthetic exports: MB/s and peak memory.

    .venv/bin/python benchmarks/sync_chats.py                       # 1 GB result.json, 1,000,000 chat lines
    .venv/bin/python benchmarks/sync_chats.py --telegram-mb 100 --whatsapp-lines 100000

The exports are generated into a temporary folder and deleted afterwards:

- a Telegram Desktop full export (``result.json``): the owner, a contact list, and
  chats of every kind (personal chats with messages, calls and service lines,
  a few groups, a channel), each message with the text and text entities Telegram
  writes, which the reader passes over;
- a WhatsApp Android chat of a group, one line per message, every tenth message
  followed by a continuation line.

Each reader runs in its own process through ``readers.events`` (what ``abc sync``
calls), interpreter start-up excluded from its seconds; peak memory is that
process's largest resident size (from wait4); the same process first times a plain
``for line in f: pass`` over the file, as a baseline, and beside the Telegram figure,
for reference, the time ijson's own parser takes to go through the same file.
Targets: the Telegram reader streams, so its peak stays below 200 MB whatever the
file's size; both readers read at least 50 MB a second of CPU; both find exactly the
generated messages.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

TARGET_PEAK_MB = 200.0
#: Both readers' speed target (issue 26), judged by the reader's CPU time: the wall
#: time on a quiet machine, which a shared one does not give.
TARGET_MB_S = 50

READ = """
import json, sys, time
from pathlib import Path
from abcnet.storage.exports import source
from abcnet.sync import readers
kind, path = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
with path.open("rb") as f:  # the baseline: Python's own loop over the file's lines
    for _ in f:
        pass
baseline = time.perf_counter() - start
damage = readers.Damage()
start, cpu = time.perf_counter(), time.process_time()
n = sum(1 for _ in readers.events(kind, source(path), damage=damage, region="GB"))
print(json.dumps({"events": n, "unreadable": damage.total, "seconds": time.perf_counter() - start,
                  "cpu": time.process_time() - cpu, "baseline": baseline}))
"""

#: For reference beside the Telegram reader: ijson's parser alone over the same file.
RAW_JSON = """
import collections, ijson, sys, time
start = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    collections.deque(ijson.basic_parse(f), maxlen=0)
print(ijson.backend, time.perf_counter() - start)
"""

NAMES = ["Ada Okafor", "Ben Ito", "Cara Díaz", "Dev Patel", "Eli Novak", "Zoë Müller"]
# the same filler words as the mbox benchmark's bodies
from sync_mbox import WORDS  # noqa: E402  (benchmarks/ is on the path when run)


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))


def _message(rng: random.Random, mid: int, when: int, who: str, uid: int) -> dict[str, object]:
    text = _text(rng)
    m: dict[str, object] = {
        "id": mid,
        "type": "message",
        "date": datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        "date_unixtime": str(when),
        "from": who,
        "from_id": f"user{uid}",
        "text": text,
        "text_entities": [{"type": "plain", "text": text}],
    }
    if mid % 17 == 0:
        m["reply_to_message_id"] = mid - 1
    return m


def telegram(path: Path, size_mb: int, seed: int) -> int:
    """A full export of about ``size_mb`` MB, written chat by chat; returns its messages."""
    rng = random.Random(seed)
    when = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp())
    target = size_mb * 1024 * 1024
    count = 0
    with path.open("w", encoding="utf-8") as f:
        head = {
            "about": "Here is the data you requested.",
            "personal_information": {"user_id": 1, "first_name": "Sam", "last_name": "Rivera"},
            "contacts": {"about": "", "list": [
                {"user_id": 100 + i, "first_name": n.split()[0], "last_name": n.split()[1],
                 "phone_number": f"+44 7700 900{i:03d}", "date": "2024-01-01T00:00:00",
                 "date_unixtime": "1704067200"} for i, n in enumerate(NAMES)
            ]},
        }  # fmt: skip
        f.write(
            json.dumps(head, ensure_ascii=False, indent=1)[:-2]
            + ',\n "chats": {\n  "about": "",\n  "list": [\n'
        )
        chat = 0
        while f.tell() < target:
            chat += 1
            kind = "private_group" if chat % 40 == 0 else "personal_chat"
            peer = 100 + chat % len(NAMES)
            messages = []
            for mid in range(1, rng.randint(200, 2000)):
                when += rng.randint(30, 4000)
                mine = rng.random() < 0.45
                who, uid = ("Sam Rivera", 1) if mine else (NAMES[peer - 100], peer)
                if kind == "private_group" and not mine:
                    uid = 100 + rng.randrange(len(NAMES))
                    who = NAMES[uid - 100]
                messages.append(_message(rng, mid, when, who, uid))
            if kind == "personal_chat":
                messages.append({"id": len(messages) + 1, "type": "service", "date_unixtime": str(when),
                                 "actor": "Sam Rivera", "actor_id": "user1", "action": "phone_call",
                                 "duration_seconds": 300})  # fmt: skip
            count += len(messages)
            body = {
                "name": NAMES[peer - 100],
                "type": kind,
                "id": 10_000 + chat,
                "messages": messages,
            }
            f.write(("" if chat == 1 else ",\n") + json.dumps(body, ensure_ascii=False, indent=1))
        f.write("\n  ]\n }\n}\n")
    return count


def whatsapp(path: Path, lines: int, seed: int) -> int:
    """A group chat of ``lines`` messages, every tenth with a second line; returns its messages."""
    rng = random.Random(seed)
    when = datetime(2024, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as f:
        f.write(f'{when:%d/%m/%Y, %H:%M} - Ada Okafor created group "Bench"\n')
        f.write(f"{when:%d/%m/%Y, %H:%M} - Ada Okafor added you\n")
        for i in range(lines):
            when += timedelta(seconds=rng.randint(5, 120))
            who = rng.choice([*NAMES, "Sam Rivera"])
            f.write(f"{when:%d/%m/%Y, %H:%M} - {who}: {_text(rng)}\n")
            if i % 10 == 0:
                f.write(f"{_text(rng)}\n")
    return lines + 2


def run(kind: str, path: Path) -> dict[str, float]:
    proc = subprocess.Popen([sys.executable, "-c", READ, kind, str(path)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{kind} failed (exit {os.waitstatus_to_exitcode(status)})")
    got: dict[str, float] = json.loads(out)
    got["peak"] = usage.ru_maxrss / 1024  # KiB on Linux
    return got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--telegram-mb", type=int, default=1024)
    parser.add_argument("--whatsapp-lines", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    failures = []
    print("load average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        for kind, make, size in (
            ("telegram", lambda p: telegram(p, args.telegram_mb, args.seed), "result.json"),
            ("whatsapp", lambda p: whatsapp(p, args.whatsapp_lines, args.seed),
             "WhatsApp Chat with Bench.txt"),
        ):  # fmt: skip
            path = Path(tmp) / size
            start = time.perf_counter()
            made = make(path)
            built = time.perf_counter() - start
            mb = path.stat().st_size / 1024 / 1024
            got = run(kind, path)
            print(
                f"{kind:<9} {mb:>7,.0f} MB {made:>10,} messages (made in {built:.0f} s): read "
                f"{int(got['events']):,} in {got['seconds']:.1f} s, {mb / got['seconds']:.0f} MB/s, "
                f"cpu {got['cpu']:.1f} s ({mb / got['cpu']:.0f} MB/s), peak {got['peak']:.0f} MB; "
                f"`for line in f` {got['baseline']:.2f} s ({mb / got['baseline']:.0f} MB/s); "
                f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
            )
            if kind == "telegram":
                out = subprocess.run([sys.executable, "-c", RAW_JSON, str(path)],
                                     capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
                print(f"          ijson's {out[0]} parser alone (basic_parse): "
                      f"{float(out[1]):.1f} s, {mb / float(out[1]):.0f} MB/s")  # fmt: skip
            if mb / got["cpu"] < TARGET_MB_S:
                failures.append(f"{kind}: {mb / got['cpu']:.0f} MB/s of CPU < {TARGET_MB_S}")
            if got["events"] != made:
                failures.append(f"{kind}: {int(got['events']):,} events, {made:,} generated")
            if kind == "telegram" and got["peak"] > TARGET_PEAK_MB:
                failures.append(f"telegram: peak {got['peak']:.0f} MB > {TARGET_PEAK_MB:.0f} MB")
            path.unlink()
    for f in failures:
        print(f"MISSED: {f}")
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
