"""One ``abc log`` while ``abc site serve`` runs: how long until the person's page shows it.

    python benchmarks/serve_log.py /path/to/abc      # from inside a network

Starts the server on a free port, waits for its first build, logs a touch with one
kept person (a note no page has), then asks for that person's page until it shows
the note. Prints one line of JSON: the seconds from the end of ``abc log`` to the
page served with the note, and the CPU seconds the server spent meanwhile (from
/proc, steadier than the wall clock on a busy machine). The contact file is put back
as it was afterwards. ``benchmarks/run.py`` runs it as one of its measures.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return None


def main() -> int:
    abc = sys.argv[1]
    root = Path.cwd()
    slug = next(p.stem for p in sorted((root / "contacts").glob("*.yaml")) if "-p0" not in p.stem)
    path = root / "contacts" / f"{slug}.yaml"
    original = path.read_bytes()
    port = free_port()
    server = subprocess.Popen(
        [abc, "site", "serve", "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/people/{slug}.html"
    try:
        while page(url) is None:
            time.sleep(0.1)
        time.sleep(1)  # the watcher settles
        note = f"serve benchmark {time.time_ns()}"
        subprocess.run(
            [abc, "log", slug, "-m", note, "--no-commit"], check=True, capture_output=True
        )
        start, cpu = time.perf_counter(), cpu_seconds(server.pid)
        while note not in (page(url) or ""):
            time.sleep(0.02)
        took, used = time.perf_counter() - start, cpu_seconds(server.pid) - cpu
    finally:
        server.terminate()
        server.wait()
        path.write_bytes(original)
    print(json.dumps({"seconds": took, "cpu": used}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
