"""A big `abc import` off a terminal: lines of progress, and Ctrl-C part of the way, which
says how many files were written; the same import run again finishes the job, with
nobody twice."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from linkedin_export import export

from abcnet.cli import base
from abcnet.storage import importing

ENV = {**os.environ, "NO_COLOR": "1", "ABC_TODAY": "2026-11-25"}


def abc(*args: str) -> list[str]:
    return [sys.executable, "-m", "abcnet", *args]


@pytest.fixture
def big(tmp_path: Path) -> tuple[Path, Path]:
    csv = tmp_path / "Connections.csv"
    csv.write_bytes(export(3000, seed=7).text.encode("utf-8"))
    root = tmp_path / "net"
    (root / "contacts").mkdir(parents=True)
    (root / "abc.yaml").write_text("daily_quota: 2\n", encoding="utf-8")
    return root, csv


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "contacts").iterdir()}


@pytest.mark.slow
def test_ctrl_c_says_what_was_written_and_a_second_run_finishes(big, tmp_path):
    root, csv = big
    argv = abc("-C", str(root), "import", "linkedin", str(csv))
    for _attempt in range(5):
        for p in (root / "contacts").iterdir():
            p.unlink()
        proc = subprocess.Popen(argv, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        while proc.poll() is None and not any((root / "contacts").iterdir()):
            time.sleep(0.002)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=120)
        if proc.returncode == 130:
            break
    assert proc.returncode == 130, err.decode()
    written = len(files(root))
    assert 0 < written < 2900
    assert err.decode().splitlines()[-1] == (
        f"abc: interrupted; {written} files were written, and running the same import "
        "again finishes the job"
    )
    # No temporary file is left in contacts/ (nor a half-written contact).
    assert not [n for n in files(root) if not n.endswith(".yaml")]
    again = subprocess.run(argv, env=ENV, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    # The same files, byte for byte, as one import that was never interrupted.
    whole = tmp_path / "whole"
    (whole / "contacts").mkdir(parents=True)
    (whole / "abc.yaml").write_text("daily_quota: 2\n", encoding="utf-8")
    once = subprocess.run(
        abc("-C", str(whole), "import", "linkedin", str(csv)),
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert once.returncode == 0, once.stderr
    assert files(root) == files(whole)
    assert re.search(
        r"Done: 0 created, 0 updated, [\d,]+ unchanged",
        subprocess.run(argv, env=ENV, capture_output=True, text=True).stdout,
    )


def test_progress_off_a_terminal_is_a_line_every_few_seconds(monkeypatch, capsys):
    ticks = iter(range(0, 10_000, 1))  # one second per step
    monkeypatch.setattr(base.time, "monotonic", lambda: float(next(ticks)))
    progress = base.Progress("importing", in_bytes=False, lines=True)
    progress.tty = False
    steps = list(range(10))
    assert list(progress.each(steps)) == steps
    assert capsys.readouterr().err.splitlines() == [
        "abc: importing [#########                     ]  30%  3/10",
        "abc: importing [##################            ]  60%  6/10",
        "abc: importing [###########################   ]  90%  9/10",
    ]
    quiet = base.Progress("reading")  # sync's reading says nothing off a terminal
    quiet.tty = False
    assert list(quiet.each(steps)) == steps
    assert capsys.readouterr().err == ""


def test_the_batches_are_smaller_than_an_import():
    assert 1 < importing.BATCH < 1500
