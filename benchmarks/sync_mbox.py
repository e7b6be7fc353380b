"""Time abc's mbox reader against the standard library's ``mailbox.mbox`` on a big synthetic mbox.

    .venv/bin/python benchmarks/sync_mbox.py                 # 1 GB, about 40,000 messages
    .venv/bin/python benchmarks/sync_mbox.py --size-mb 100   # a quicker look

The mbox is generated into a temporary folder and deleted afterwards: a
Takeout-like file (CRLF, ``X-Gmail-Labels``), about one message in ten with a
base64 attachment that makes up most of the size, and about one in twenty with
an unescaped ``From ...`` line in its body (after an empty line, as mboxo
writers leave them). Each reader runs in its own process, interpreter start-up
excluded from its seconds (the child times its own loop), and peak memory is
that process's largest resident size (from wait4). The whole ``abc sync`` command
is timed from outside, start-up included, with abc's modules byte-compiled as an
installed abc has them. Each run's memory is also summed over its processes,
sampled every 10 ms (abc forks a second process to read most of a big mbox); for
``abc sync`` the sum is over abc's processes, not the script that starts it. The
runs alternate (one of each per round) so that load from elsewhere falls on both
alike; the median is shown.

``mailbox.mbox`` opens the file read-write (``rb+``); it is only given the file
this script generated. It starts a message at every line that begins with
``From ``, so it finds more messages than there are: that is one of the reasons
abc does not use it. Targets: abc's reader finds exactly the generated messages,
in at most a tenth of ``mailbox.mbox``'s time, with a peak below 200 MB.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

#: Messages in a 1024 MB file; other sizes scale it.
MESSAGES_PER_GB = 40_000
ATTACHMENT_SHARE = 0.10
FROM_LINE_SHARE = 0.05
TARGET_RATIO = 10.0
TARGET_PEAK_MB = 200.0
#: ``abc sync`` of the whole file, start-up included, against ``mailbox.mbox``'s loop.
TARGET_SYNC_SHARE = 0.08

OURS = """
import json, sys, time
from pathlib import Path
from abcnet.storage.exports import source
from abcnet.sync import mbox
start = time.perf_counter()
n = sum(1 for _ in mbox.read(source(Path(sys.argv[1]))))
print(json.dumps({"messages": n, "seconds": time.perf_counter() - start}))
"""

STDLIB = """
import json, mailbox, sys, time
start = time.perf_counter()
n = 0
for msg in mailbox.mbox(sys.argv[1], create=False):
    msg["From"]
    n += 1
print(json.dumps({"messages": n, "seconds": time.perf_counter() - start}))
"""

PEOPLE = [
    ("Priya Raman", "priya.raman@contosohealth.example.com"),
    ("Kofi Mensah", "kofi.mensah@fabrikam.example.net"),
    ("=?UTF-8?Q?Ana_Luc=C3=ADa_Mendoza?=", "analucia.mendoza@wingtiptoys.example.com"),
    ("Ciarán Doherty", "ciaran@brightbrook.example.com"),
    ("Zoe Mueller", "zoe.mueller@example.de"),
    ("The Platform Weekly", "newsletter@platformweekly.example.com"),
    ("Parcel Tracking", "no-reply@shipments.example.net"),
]
ME = ("Sam Rivera", "sam.rivera@example.org")
WORDS = [
    "the",
    "plan",
    "for",
    "next",
    "week",
    "looks",
    "good",
    "and",
    "I",
    "can",
    "send",
    "the",
    "notes",
    "after",
    "lunch",
    "on",
    "Friday",
]


@dataclass
class Generated:
    messages: int
    attachments: int
    from_lines: int
    size: int


def _message(
    rng: random.Random, i: int, when: datetime, blob: bytes, attach: int, from_line: bool
) -> bytes:
    """One Takeout-like message, CRLF, with an attachment of ``attach`` base64 bytes if > 0."""
    name, addr = rng.choice(PEOPLE)
    sender, to = ((name, addr), ME) if rng.random() < 0.7 else (ME, (name, addr))
    labels = "Sent" if sender == ME else "Inbox,Opened"
    lines = [
        f"From 17812345{i:011d}@xxx {when:%a %b %d %H:%M:%S} +0000 {when:%Y}",
        f"X-GM-THRID: 17812345{i:011d}",
        f"X-Gmail-Labels: {labels}",
        "MIME-Version: 1.0",
        f"Date: {when:%a, %d %b %Y %H:%M:%S} +0000",
        f"Message-ID: <bench.{i}@mail.example.org>",
        f"Subject: Note {i}",
        f"From: {sender[0]} <{sender[1]}>",
        f"To: {to[0]} <{to[1]}>",
    ]
    body = [" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(rng.randint(3, 25))]
    if from_line:
        body += ["", "From here on the notes are in the shared folder."]
    if attach:
        lines.append('Content-Type: multipart/mixed; boundary="b"')
        text = ["--b", "Content-Type: text/plain", "", *body, "--b"]
        text += ["Content-Type: application/pdf", "Content-Transfer-Encoding: base64", ""]
        start = rng.randrange(0, len(blob) - attach)
        chunk = blob[start : start + attach]
        text += [chunk[k : k + 76].decode() for k in range(0, len(chunk), 76)]
        text.append("--b--")
    else:
        lines.append('Content-Type: text/plain; charset="UTF-8"')
        text = body
    return ("\r\n".join([*lines, "", *text, "", ""])).encode()


def generate(path: Path, size_mb: int, seed: int) -> Generated:
    """Write an mbox of about ``size_mb`` MB; the attachments take what the plain messages leave."""
    rng = random.Random(seed)
    n = max(20, round(MESSAGES_PER_GB * size_mb / 1024))
    with_attachment = set(rng.sample(range(n), max(1, round(n * ATTACHMENT_SHARE))))
    with_from = set(rng.sample(range(n), round(n * FROM_LINE_SHARE)))
    plain_guess = 1200 * n
    # base64 characters per attachment, leaving room for its line ends (76 + CRLF)
    attach = max(1000, (size_mb * 1024 * 1024 - plain_guess) // len(with_attachment) * 76 // 78)
    blob = base64.b64encode(rng.randbytes((attach + (1 << 20)) * 3 // 4))
    when = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    with path.open("wb") as f:
        for i in range(n):
            when += timedelta(seconds=rng.randint(60, 400))
            f.write(
                _message(rng, i, when, blob, attach if i in with_attachment else 0, i in with_from)
            )
    return Generated(n, len(with_attachment), len(with_from), path.stat().st_size)


@dataclass
class Run:
    name: str
    script: str
    messages: set[int] = field(default_factory=set)
    seconds: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    together: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User and system CPU seconds, start-up included: of the reader's process, or of abc sync
    and the process it forks. Unlike wall time, hardly changed by other work on the machine."""
    """The largest sum of the resident memory of a command's processes, sampled."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def tree_rss_kb(pid: int) -> int:
    """Resident KiB of process ``pid`` and of its children (abc forks one to read half of a
    big mbox); 0 once it has ended."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            kb = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return kb + sum(tree_rss_kb(int(c)) for c in f.read().split())
    except (OSError, StopIteration, ValueError):
        return 0


def run_once(run: Run, path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", run.script, str(path)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    done = threading.Event()
    together = [0]

    def sample() -> None:  # the processes' resident memory summed, every 10 ms
        while not done.is_set():
            together[0] = max(together[0], tree_rss_kb(proc.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out = proc.stdout.read()
    done.set()
    sampler.join()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{run.name} failed (exit {os.waitstatus_to_exitcode(status)})")
    got = json.loads(out)
    run.messages.add(got["messages"])
    run.seconds.append(got["seconds"])
    run.peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
    run.cpu.append(got.get("cpu", usage.ru_utime + usage.ru_stime))
    # the abc sync script samples abc's own processes (not its own Python around them)
    run.together.append(got.get("together_mb", together[0] / 1024))


SYNC = """
import json, os, subprocess, sys, time
abc = os.path.join(os.path.dirname(sys.executable), "abc")
network = os.path.join(os.path.dirname(sys.argv[1]), "net")
if not os.path.isdir(network):
    subprocess.run([abc, "init", network], check=True, capture_output=True)
    with open(os.path.join(network, "abc.yaml"), "a", encoding="utf-8") as f:
        f.write("me:\\n  emails: [sam.rivera@example.org]\\n")

def rss(pid):
    # resident KiB of pid and of its children (abc forks one to read half a big mbox)
    try:
        with open(f"/proc/{pid}/status") as f:
            kb = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return kb + sum(rss(int(c)) for c in f.read().split())
    except (OSError, StopIteration, ValueError):
        return 0

import resource
def cpu():
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime

cpu_before = cpu()  # not the abc init above
start = time.perf_counter()
proc = subprocess.Popen([abc, "-C", network, "sync", sys.argv[1]],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
together = 0
while proc.poll() is None:  # the processes' resident memory summed, every 10 ms
    together = max(together, rss(proc.pid))
    time.sleep(0.01)
seconds = time.perf_counter() - start
if proc.returncode not in (0, 1):
    sys.exit(proc.stderr.read().decode()[-500:])
print(json.dumps({"messages": 0, "seconds": seconds, "together_mb": together / 1024,
                  "cpu": cpu() - cpu_before}))
"""


def sync_report(sync: Run, stdlib: Run) -> None:
    """The whole ``abc sync`` command (a dry run in a new network) against mailbox.mbox."""
    share = sync.median / stdlib.median
    # the largest process (wait4), and all of its processes together (sampled every 10 ms)
    peak = max([*sync.peaks, *sync.together])
    print(
        f"abc sync (whole command) {sync.median:>8.2f} s, peak {max(sync.peaks):.1f} MB "
        f"(all its processes together {max(sync.together, default=0):.1f} MB): "
        f"{share:.3f} x mailbox.mbox"
    )
    cpu = statistics.median(sync.cpu) / statistics.median(stdlib.cpu)
    print(
        f"  CPU: abc sync {statistics.median(sync.cpu):.2f} s (both processes), mailbox.mbox "
        f"{statistics.median(stdlib.cpu):.2f} s (its process): {cpu:.3f} x"
    )
    print(
        "  runs: "
        + ", ".join(f"{s:.2f}" for s in sync.seconds)
        + " s; mailbox.mbox: "
        + ", ".join(f"{s:.2f}" for s in stdlib.seconds)
        + " s"
    )
    ok = share <= TARGET_SYNC_SHARE and peak <= TARGET_PEAK_MB
    print(
        f"target {'met' if ok else 'NOT MET'}: abc sync <= {TARGET_SYNC_SHARE} x mailbox.mbox "
        f"({share:.3f} x) and peak <= {TARGET_PEAK_MB:.0f} MB ({peak:.0f} MB)"
    )


def report(gen: Generated, ours: Run, stdlib: Run) -> None:
    mb = gen.size / 1024 / 1024
    print(
        f"mbox of {mb:,.0f} MB: {gen.messages:,} messages, {gen.attachments:,} with attachments,"
        f" {gen.from_lines:,} with an unescaped 'From ' body line"
    )
    print(f"{'reader':<14} {'messages':>9} {'seconds':>8} {'MB/s':>7} {'peak MB':>8} {'all MB':>7}")
    for r in (ours, stdlib):
        found = "/".join(f"{m:,}" for m in sorted(r.messages))
        print(
            f"{r.name:<14} {found:>9} {r.median:>8.2f} {mb / r.median:>7.0f} {max(r.peaks):>8.1f}"
            f" {max(r.together):>7.1f}"
        )
    print("  (peak MB: the largest process; all MB: its processes together, sampled)")
    ratio = stdlib.median / ours.median
    checks = [
        (f"messages found = {gen.messages:,} generated", ours.messages == {gen.messages}),
        (
            f"time <= 1/{TARGET_RATIO:.0f} of mailbox.mbox's ({ratio:.1f}x faster)",
            ratio >= TARGET_RATIO,
        ),
        (
            f"peak memory < {TARGET_PEAK_MB:.0f} MB",
            max(*ours.peaks, *ours.together) < TARGET_PEAK_MB,
        ),
    ]
    for what, ok in checks:
        print(f"target {'met' if ok else 'NOT MET'}: {what}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024, help="size of the mbox (default 1024)")
    parser.add_argument("--runs", type=int, default=1, help="rounds of both readers (median shown)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the generated mail")
    parser.add_argument("--no-stdlib", action="store_true", help="time abc's reader only")
    return parser.parse_args()


def byte_compile_abc() -> None:
    """abc's modules byte-compiled, as ``pip install`` leaves them: with PYTHONDONTWRITEBYTECODE
    set and no ``__pycache__`` beside them, each ``abc sync`` would compile its source again
    (about 0.05 s of start-up that no installed abc pays). The standard library's are."""
    import compileall

    import abcnet

    compileall.compile_dir(Path(abcnet.__file__).parent, quiet=1)


def main() -> None:
    args = parse_args()
    byte_compile_abc()
    folder = Path(tempfile.mkdtemp(prefix="abc-bench-mbox-"))
    try:
        path = folder / "All mail Including Spam and Trash.mbox"
        print(f"generating {args.size_mb} MB in {folder} ...", flush=True)
        started = time.perf_counter()
        gen = generate(path, args.size_mb, args.seed)
        print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
        ours, stdlib = Run("abc mbox", OURS), Run("mailbox.mbox", STDLIB)
        sync = Run("abc sync", SYNC)
        for _ in range(args.runs):
            run_once(ours, path)
            run_once(sync, path)
            if not args.no_stdlib:
                run_once(stdlib, path)
        if args.no_stdlib:
            mb = gen.size / 1024 / 1024
            print(
                f"abc mbox: {sorted(ours.messages)} messages of {gen.messages}, {ours.median:.2f} s,"
            )
            print(f"  {mb / ours.median:.0f} MB/s, peak {max(ours.peaks):.1f} MB")
            return
        report(gen, ours, stdlib)
        sync_report(sync, stdlib)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
