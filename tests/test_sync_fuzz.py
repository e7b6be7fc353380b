"""abc sync never shows a traceback: damaged and random input, every reader, exit 0, 1 or 2.

Each sample export is cut short, has bytes flipped, or is replaced by random bytes;
every reader is forced on it with --from. What must hold: no traceback, an exit
code abc gives, and the network untouched (it is a dry run).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEMO, REPO, examples
from hypothesis import given
from hypothesis import strategies as st

from abcnet.cli import cli
from abcnet.sync.readers import EXPORT_KINDS

SAMPLES = sorted(
    p for p in (REPO / "tests" / "data" / "sync").rglob("*") if p.is_file() and p.stat().st_size
)


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted((root / "contacts").glob("*.yaml")):
        h.update(p.read_bytes())
    return h.hexdigest()


def damaged(data: bytes, how: str, at: int, junk: bytes) -> bytes:
    cut = at % (len(data) + 1)
    if how == "cut":
        return data[:cut]
    if how == "flip":
        return data[:cut] + junk + data[cut + len(junk) :]
    return junk


@pytest.mark.slow
@examples(60)
@given(
    sample=st.sampled_from(SAMPLES),
    how=st.sampled_from(["cut", "flip", "random"]),
    at=st.integers(min_value=0, max_value=1 << 20),
    junk=st.binary(min_size=1, max_size=64),
    kind=st.sampled_from((None, *EXPORT_KINDS)),
)
def test_damaged_exports_give_a_message_and_an_exit_code(
    tmp_path_factory, sample, how, at, junk, kind
):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / sample.name
    path.write_bytes(damaged(sample.read_bytes(), how, at, junk))
    root = folder / "net"
    if not root.exists():
        shutil.copytree(DEMO, root)
    before = digest(root)
    args = ["-C", str(root), "sync", str(path), *(("--from", kind) if kind else ())]
    result = CliRunner().invoke(cli, args, env={"NO_COLOR": "1", "ABC_TODAY": "2026-11-25"})
    assert result.exit_code in (0, 1, 2), (result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert digest(root) == before


def test_an_error_no_reader_foresaw_becomes_a_message_naming_the_file(monkeypatch, tmp_path):
    from abcnet.storage.exports import source
    from abcnet.sync import readers
    from abcnet.sync.event import ExportError

    def broken(src):
        yield from ()
        raise ValueError("unexpected byte")

    monkeypatch.setattr(readers.module("mbox"), "read", broken)
    path = tmp_path / "x.mbox"
    path.write_bytes(b"From a@b Mon Nov 02 10:00:00 2026\n\n")
    try:
        list(readers.events("mbox", source(path)))
    except ExportError as err:
        assert err.message == (
            f"{path}: cannot be read as an mbox file (ValueError: unexpected byte) "
            "(is it damaged? export it again)"
        )
    else:
        raise AssertionError("no error")


def test_a_database_that_cannot_open_plainly_read_only_opens_immutable(monkeypatch, tmp_path):
    import sqlite3

    from abcnet.storage import exports

    db = tmp_path / "chat.db"
    con = sqlite3.connect(db)
    con.execute("create table message(x)")
    con.commit()
    con.close()
    tried: list[str] = []
    real = sqlite3.connect

    def connect(database: str, **kw: object) -> sqlite3.Connection:
        tried.append(database.split("?")[1])
        if "immutable" not in database:  # as when WAL's -shm file cannot be made beside it
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real(database, uri=True)

    monkeypatch.setattr(exports.sqlite3, "connect", connect)
    assert exports.source(db).sqlite().execute("select count(*) from message").fetchone() == (0,)
    assert tried == ["mode=ro", "mode=ro&immutable=1"]
