"""Storage when the disk says no: read-only folders, a full disk, links gone wrong,
temporary files left by a killed run, parallel commits, files to import that are not
CSV. Each ends in one clear line and an exit code, never a traceback or a changed file."""

from __future__ import annotations

import builtins
import errno
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import Net

from abcnet.storage import atomic, contact_files, inputs, lock

ADA = "name: Ada Okafor\nemail: ada@example.org\n"
LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Grace,Hopper,,grace@example.org,Navy,Admiral,01 Oct 2026\n"
)
DENIED = "permission denied; nothing was changed (check the folder's permissions)"


class _ReadOnly:
    """The os calls that make an entry in a folder, each failing under ``top``."""

    WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def __init__(self, folder: Path) -> None:
        self.top = os.path.realpath(folder) + os.sep
        self.real = {
            name: getattr(os, name) for name in ("open", "mkdir", *self.MOVES, *self.REMOVES)
        }
        self.real_io_open = io.open

    MOVES = ("replace", "rename", "link")
    REMOVES = ("unlink", "remove", "rmdir")

    def check(self, *paths: object) -> None:
        for path in paths:
            name = os.fspath(path)  # type: ignore[call-overload]
            if os.path.realpath(name).startswith(self.top):
                raise PermissionError(errno.EACCES, "Permission denied", name)

    def os_open(self, path, flags, *a, **k):  # type: ignore[no-untyped-def]
        if flags & self.WRITING:
            self.check(path)
        return self.real["open"](path, flags, *a, **k)

    def io_open(self, file, mode="r", *a, **k):  # type: ignore[no-untyped-def]
        if not isinstance(file, int) and set(mode) & set("wax+"):
            self.check(file)
        return self.real_io_open(file, mode, *a, **k)

    def wrap(self, name: str):  # type: ignore[no-untyped-def]
        real = self.real[name]
        count = 2 if name in self.MOVES else 1

        def call(*args, **k):  # type: ignore[no-untyped-def]
            self.check(*args[:count])
            return real(*args, **k)

        return call


def read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make every write under ``folder`` fail as in a read-only folder, for root too
    (root ignores permission bits): creating, replacing, linking or removing an entry
    raises PermissionError 13. Reading, and opening the folder itself, still work."""
    fake = _ReadOnly(folder)
    monkeypatch.setattr(os, "open", fake.os_open)
    for name in ("mkdir", *fake.MOVES, *fake.REMOVES):
        monkeypatch.setattr(os, name, fake.wrap(name))
    monkeypatch.setattr(io, "open", fake.io_open)
    monkeypatch.setattr(builtins, "open", fake.io_open)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def no_temp_files(net: Net) -> None:
    assert [n for n in listing(net.contacts) if n.endswith(".tmp")] == []
    assert listing(net.root / ".abc-cache" / "tmp") == []


# 1. Writes that fail -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("log", "ada"), ("snooze", "ada", "--for", "3w"), ("snooze", "ada", "--end")],
)
def test_an_edit_in_a_read_only_contacts_folder(net, monkeypatch, args):
    net.write("ada", ADA + "snooze_until: 2027-01-01\n")
    before = net.read("ada")
    read_only(monkeypatch, net.contacts)
    result = net.run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"abc: cannot write contacts/ada.yaml: {DENIED}\n"
    assert net.read("ada") == before
    no_temp_files(net)


def test_add_in_a_read_only_contacts_folder(net, monkeypatch):
    net.write("ada", ADA)
    read_only(monkeypatch, net.contacts)
    result = net.run("add", "Grace Hopper")
    assert result.exit_code == 2
    assert result.stderr == f"abc: cannot write contacts/grace-hopper.yaml: {DENIED}\n"
    assert listing(net.contacts) == ["ada.yaml"]
    no_temp_files(net)


def test_import_into_a_read_only_contacts_folder(net, monkeypatch):
    csv = net.root / "Connections.csv"
    csv.write_text(LINKEDIN, encoding="utf-8")
    read_only(monkeypatch, net.contacts)
    result = net.run("import", "linkedin", str(csv))
    assert result.exit_code == 2
    assert result.stderr == f"abc: cannot write contacts/grace-hopper.yaml: {DENIED}\n"
    assert listing(net.contacts) == []


def test_an_import_that_stops_part_of_the_way_says_what_was_written(net, monkeypatch):
    csv = net.root / "Connections.csv"
    csv.write_text(LINKEDIN + "Alan,Turing,,alan@example.org,,,01 Oct 2026\n", encoding="utf-8")
    real_link = os.link

    def link(src, dst, *a, **k):  # type: ignore[no-untyped-def]
        if Path(dst).name == "alan-turing.yaml":
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return real_link(src, dst, *a, **k)

    monkeypatch.setattr(os, "link", link)
    result = net.run("import", "linkedin", str(csv))
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: cannot write contacts/alan-turing.yaml: no space left on device; the import "
        "stopped there; 1 file was written before it, and running the same import again "
        "does the rest (free some space and try again)\n"
    )
    assert listing(net.contacts) == ["grace-hopper.yaml"]
    no_temp_files(net)


def test_a_full_disk_changes_nothing(net, monkeypatch):
    net.write("ada", ADA)

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    result = net.run("log", "ada")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: cannot write contacts/ada.yaml: no space left on device; nothing was changed "
        "(free some space and try again)\n"
    )
    assert net.read("ada") == ADA
    no_temp_files(net)


def test_another_error_on_write_gives_its_reason(net, monkeypatch):
    net.write("ada", ADA)

    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", fsync)
    result = net.run("log", "ada")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: cannot write contacts/ada.yaml: input/output error; nothing was changed\n"
    )
    assert net.read("ada") == ADA


def test_a_folder_that_cannot_be_locked(net, monkeypatch):
    net.write("ada", ADA)
    real_open = os.open
    folder = str(net.contacts)

    def os_open(path, flags, *a, **k):  # type: ignore[no-untyped-def]
        if os.fspath(path) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", folder)
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(os, "open", os_open)
    result = net.run("log", "ada")
    assert result.exit_code == 2
    assert result.stderr == f"abc: cannot lock contacts/: {DENIED}\n"
    assert net.read("ada") == ADA


def test_the_calendar_in_a_read_only_network(net, monkeypatch):
    net.write("ada", ADA)
    read_only(monkeypatch, net.root)
    check = net.run("check")  # the parse cache cannot be saved: only slower
    assert check.exit_code == 0
    assert check.stderr == "The one contact file is valid.\n"
    result = net.run("calendar")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"abc: cannot write build/abc.ics: {DENIED}\n"
    assert listing(net.root) == ["contacts"]


def test_the_calendar_over_a_full_disk_keeps_the_old_one(net, monkeypatch):
    net.write("ada", ADA)
    assert net.run("calendar").exit_code == 0
    old = (net.root / "build" / "abc.ics").read_bytes()
    net.write("grace", "name: Grace Hopper\n")

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    result = net.run("calendar")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: cannot write build/abc.ics: no space left on device; nothing was changed "
        "(free some space and try again)\n"
    )
    assert (net.root / "build" / "abc.ics").read_bytes() == old
    assert listing(net.root / "build") == ["abc.ics"]
    no_temp_files(net)


def _site(net: Net) -> None:
    (net.root / "mkdocs.yml").write_text(
        "site_name: Test\ndocs_dir: site\nsite_dir: build/site\n", encoding="utf-8"
    )
    (net.root / "site").mkdir()
    (net.root / "site" / "index.md").write_text("# Hello\n", encoding="utf-8")
    net.write("ada", ADA)


def test_the_site_in_a_read_only_network(net, monkeypatch):
    _site(net)
    read_only(monkeypatch, net.root)
    result = net.run("site", "build", "--public")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "abc: cannot write build/site/: permission denied; the site was not built "
        "(check the folder's permissions)\n"
    )
    assert not (net.root / "build").exists()


def test_the_site_over_a_full_disk_stops_with_one_line(net, monkeypatch):
    _site(net)
    real_open = io.open
    out = str(net.root / "build" / "site" / "index.html")

    def io_open(file, mode="r", *a, **k):  # type: ignore[no-untyped-def]
        if "w" in mode and os.fspath(file) == out:
            raise OSError(errno.ENOSPC, "No space left on device", out)
        return real_open(file, mode, *a, **k)

    monkeypatch.setattr(builtins, "open", io_open)
    result = net.run("site", "build", "--public")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (  # MkDocs says which page; abc says what it means, once
        f"mkdocs: Error building page 'index.md': [Errno 28] No space left on device: '{out}'\n"
        "abc: cannot write build/site/: no space left on device; the site build stopped "
        "part of the way (free some space and try again)\n"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permission bits")
def test_a_read_only_contacts_folder_for_real(net):
    net.write("ada", ADA)
    net.contacts.chmod(0o555)
    try:
        result = net.run("log", "ada")
    finally:
        net.contacts.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr == f"abc: cannot write contacts/ada.yaml: {DENIED}\n"
    assert net.read("ada") == ADA


# 2. Links and folders named like contact files -----------------------------------------


def test_broken_links_loops_and_folders_are_reported_and_the_rest_works(net):
    net.write("ada", ADA)
    (net.contacts / "loop.yaml").symlink_to("loop.yaml")
    (net.contacts / "gone.yaml").symlink_to("nowhere.yaml")
    (net.contacts / "folder.yaml").mkdir()
    result = net.run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        "contacts/folder.yaml: warning: a folder, not a file; rename it or move it out of "
        "contacts/\n"
        "contacts/gone.yaml: a link that leads nowhere (or in a loop); remove it or point it "
        "at a file\n"
        "contacts/loop.yaml: a link that leads nowhere (or in a loop); remove it or point it "
        "at a file\n"
        "2 problems and 1 warning in 3 files.\n"
        "Left out of the plan until fixed: contacts/gone.yaml, contacts/loop.yaml.\n"
    )
    today = net.run("today")
    assert today.exit_code == 0
    assert today.stderr == (
        "abc: 2 files have problems (run abc check); left out: contacts/gone.yaml, "
        "contacts/loop.yaml\n"
    )
    assert "Ada Okafor" in today.stdout
    logged = net.run("log", "ada")
    assert logged.exit_code == 0, logged.output


def test_a_folder_alone_is_only_a_warning(net):
    net.write("ada", ADA)
    (net.contacts / "old.yml").mkdir()
    result = net.run("check")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "contacts/old.yml: warning: a folder, not a file; rename it or move it out of contacts/",
        "1 warning in 1 file.",
    ]


def test_the_uncached_load_reports_the_same(net):
    from datetime import date

    from abcnet.storage.network import load_network

    net.write("ada", ADA)
    (net.contacts / "loop.yaml").symlink_to("loop.yaml")
    (net.contacts / "folder.yaml").mkdir()
    day = date(2026, 11, 25)
    assert load_network(net.root, day, cache=False) == load_network(net.root, day)
    assert [str(p) for p in load_network(net.root, day, cache=False)[1]] == [
        "contacts/folder.yaml: warning: a folder, not a file; rename it or move it out of "
        "contacts/",
        "contacts/loop.yaml: a link that leads nowhere (or in a loop); remove it or point it "
        "at a file",
    ]


def test_an_unreadable_contacts_folder(net, monkeypatch):
    def scandir(path: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))  # type: ignore[arg-type]

    listdir = os.listdir

    def unlisted(path: object = ".") -> list[str]:
        if os.fspath(path).endswith("contacts"):  # type: ignore[arg-type]
            scandir(path)
        return listdir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", unlisted)
    result = net.run("today")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: cannot read contacts/: permission denied (check the folder's permissions)\n"
    )


# 3. Links out of the network, and within it ---------------------------------------------


def test_a_contact_linked_out_of_the_network_is_neither_read_nor_written(net, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.yaml"
    outside.write_text("name: Mallory\nemail: m@example.org\n", encoding="utf-8")
    net.write("ada", ADA)
    link = net.contacts / "mallory.yaml"
    link.symlink_to(outside)
    result = net.run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        f"contacts/mallory.yaml: links to a file outside the network ({outside}); abc leaves "
        "it alone\n"
        "1 problem in 1 file.\n"
        "Left out of the plan until fixed: contacts/mallory.yaml.\n"
    )
    assert "Mallory" not in result.stdout
    logged = net.run("log", "mallory")
    assert logged.exit_code == 1
    assert logged.stderr == "abc: nobody called 'mallory'\n"
    assert link.is_symlink()
    assert outside.read_text(encoding="utf-8") == "name: Mallory\nemail: m@example.org\n"


def test_an_edit_of_a_link_out_of_the_network_is_refused(net, tmp_path_factory):
    from datetime import date

    from abcnet.core.problems import DataError

    outside = tmp_path_factory.mktemp("elsewhere") / "ada.yaml"
    outside.write_text(ADA, encoding="utf-8")
    (net.contacts / "ada.yaml").symlink_to(outside)
    with pytest.raises(DataError) as e:
        contact_files.edit_contact(
            net.root, "ada", date(2026, 11, 25), lambda text, data: text + "#\n"
        )
    assert e.value.message == "contacts/ada.yaml has problems; fix them first (nothing was changed)"
    assert [str(p) for p in e.value.problems] == [
        f"contacts/ada.yaml: links to a file outside the network ({outside}); abc leaves it alone"
    ]
    assert outside.read_text(encoding="utf-8") == ADA


def test_a_link_within_the_network_stays_a_link_and_its_file_is_written(net):
    people = net.root / "people"
    people.mkdir()
    (people / "ada.yaml").write_text(ADA, encoding="utf-8")
    link = net.contacts / "ada.yaml"
    link.symlink_to(Path("..") / "people" / "ada.yaml")
    result = net.run("log", "ada", "-m", "hello")
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("..", "people", "ada.yaml")
    assert (people / "ada.yaml").read_text(encoding="utf-8") == (
        ADA + "touches:\n  - date: 2026-11-25\n    note: hello\n"
    )
    assert listing(people) == ["ada.yaml"]


def test_settings_linked_out_of_the_network_are_not_read(net, tmp_path_factory):
    outside = tmp_path_factory.mktemp("etc") / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (net.root / "abc.yaml").symlink_to(outside)
    net.write("ada", ADA)
    result = net.run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        f"abc.yaml: links to a file outside the network ({outside}); abc leaves it alone; "
        "using defaults\n"
        "1 problem in 1 file.\n"
    )
    assert "root:x" not in result.output


# 4. Temporary files ---------------------------------------------------------------------


def test_temporary_files_go_where_git_does_not_look(net, monkeypatch):
    net.write("ada", ADA)
    moved: list[str] = []
    real_replace = os.replace

    def replace(src, dst, *a, **k):  # type: ignore[no-untyped-def]
        moved.append(os.path.relpath(src, net.root))
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    assert net.run("log", "ada").exit_code == 0
    [temp] = [m for m in moved if "ada.yaml" in m]
    assert temp.startswith(os.path.join(".abc-cache", "tmp", "ada.yaml."))
    assert (net.root / ".abc-cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    no_temp_files(net)


def test_the_next_write_clears_what_a_killed_run_left(net):
    net.write("ada", ADA)
    assert net.run("check").exit_code == 0
    tmp = net.root / ".abc-cache" / "tmp"
    tmp.mkdir()
    (tmp / "ada.yaml.k1ll3d_9.tmp").write_bytes(b"x" * 1000)
    old_style = net.contacts / ".ada.yaml.abc_1234.tmp"
    old_style.write_bytes(b"x" * 1000)
    (net.contacts / ".notes.tmp").write_text("mine\n", encoding="utf-8")
    assert net.run("log", "ada").exit_code == 0
    assert listing(tmp) == []
    assert listing(net.contacts) == [".notes.tmp", "ada.yaml"]


def test_across_file_systems_the_temporary_file_goes_beside(net, monkeypatch):
    net.write("ada", ADA)
    real_replace = os.replace
    tmp = str(net.root / ".abc-cache" / "tmp")

    def replace(src, dst, *a, **k):  # type: ignore[no-untyped-def]
        if os.fspath(src).startswith(tmp):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    result = net.run("log", "ada", "-m", "hi")
    assert result.exit_code == 0, result.output
    assert net.read("ada").endswith("note: hi\n")
    no_temp_files(net)


def test_a_new_file_is_read_back_before_it_is_linked_into_place(net, monkeypatch):
    real_open = builtins.open

    def fake(file, mode="r", *a, **k):  # type: ignore[no-untyped-def]
        if mode == "rb" and os.fspath(file).endswith(".tmp"):
            return io.BytesIO(b"name: Grac")
        return real_open(file, mode, *a, **k)

    monkeypatch.setattr(atomic, "open", fake, raising=False)
    result = net.run("add", "Grace Hopper")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: cannot write contacts/grace-hopper.yaml: what was written reads back "
        "differently; nothing was changed\n"
    )
    assert listing(net.contacts) == []
    no_temp_files(net)


# 5. Parallel commits ---------------------------------------------------------------------


@pytest.mark.slow
def test_parallel_logs_with_commit_all_commit(net):
    env = {
        **os.environ,
        "ABC_TODAY": "2026-11-25",
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=net.root, env=env, check=True, capture_output=True, text=True
        ).stdout

    net.write("ada", ADA)
    net.settings("commit: true\n")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "start")
    cmd = [sys.executable, "-m", "abcnet", "-C", str(net.root), "log", "ada", "-m"]
    procs = [
        subprocess.Popen(
            [*cmd, f"note {i}"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for i in range(8)
    ]
    errs = []
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        assert out.endswith("Committed: Log touch with Ada Okafor\n"), out + err
        errs.append(err)
    assert errs == [""] * 8
    text = net.read("ada")
    assert sorted(line.strip() for line in text.splitlines() if "note:" in line) == [
        f"note: note {i}" for i in range(8)
    ]
    assert git("log", "--format=%s").splitlines() == ["Log touch with Ada Okafor"] * 8 + ["start"]
    assert git("status", "--porcelain") == ""


def test_a_git_failure_is_one_line(net, monkeypatch):
    from abcnet.storage.git import git_commit

    net.write("ada", ADA)
    why = git_commit(net.root, [net.contacts / "ada.yaml"], "Log")
    assert why == "not a git repository"
    (net.root / ".git").mkdir()  # not a repository git can use
    why = git_commit(net.root, [net.contacts / "ada.yaml"], "Log")
    assert why is not None and "\n" not in why


# 6. Files to import that are not UTF-8 CSV -------------------------------------------------


def _import(net: Net, name: str, data: bytes) -> tuple[int, str, str]:
    path = net.root / name
    path.write_bytes(data)
    result = net.run("import", "linkedin", str(path), "--dry-run")
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "data",
    [
        LINKEDIN.encode("utf-8"),
        b"\xef\xbb\xbf" + LINKEDIN.encode("utf-8"),
        b"\xff\xfe" + LINKEDIN.encode("utf-16-le"),
        b"\xfe\xff" + LINKEDIN.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_unicode_text_is_read_in_each_encoding(net, data):
    code, out, err = _import(net, "c.csv", data)
    assert (code, err) == (0, "")
    assert "contacts/grace-hopper.yaml  Grace Hopper" in out


def test_broken_utf16_is_not_utf16(net):
    path = net.root / "c.csv"
    code, _, err = _import(net, "c.csv", b"\xff\xfe" + "Gr".encode("utf-16-le") + b"\x00\xd8")
    assert code == 1
    assert err == (
        f"{path}: this file starts as UTF-16 text but is not; save it as UTF-8\n"
        f"abc: {path} is not UTF-16 text; nothing was written\n"
    )


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        _zip(["[Content_Types].xml", "xl/workbook.xml"]),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
    ],
    ids=["xlsx", "xls"],
)
def test_a_spreadsheet_is_not_csv(net, data):
    path = net.root / "Connections.csv"
    code, out, err = _import(net, "Connections.csv", data)
    assert (code, out) == (2, "")
    assert err == (
        f"abc: {path} is a spreadsheet (Excel), not CSV; export it as CSV first "
        "(File → Save As → CSV UTF-8)\n"
    )


def test_a_zip_archive_is_not_csv(net):
    path = net.root / "export.csv"
    code, _, err = _import(net, "export.csv", _zip(["Connections.csv"]))
    assert code == 2
    assert err == f"abc: {path} is a zip archive; unzip it and import the file inside\n"


def test_a_file_larger_than_the_limit(net, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_INPUT", 1024)
    path = net.root / "c.csv"
    code, out, err = _import(net, "c.csv", LINKEDIN.encode() * 20)
    assert (code, out) == (2, "")
    assert err == (
        f"abc: {path} is larger than 1 KiB, more than abc imports at once; is it the right "
        "file? (split it into smaller files if it is)\n"
    )
    assert _import(net, "c.csv", LINKEDIN.encode())[0] == 0


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_read_only_up_to_the_limit(net, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_INPUT", 1 << 20)
    result = net.run("import", "vcard", "/dev/zero", "--dry-run")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: /dev/zero is larger than 1 MiB, more than abc imports at once; is it the right "
        "file? (split it into smaller files if it is)\n"
    )


def test_the_limit_is_64_mib():
    assert inputs.MAX_INPUT == 64 * 1024 * 1024


def test_an_import_does_not_write_over_a_broken_link(net):
    (net.contacts / "grace-hopper.yaml").symlink_to("nowhere.yaml")
    csv = net.root / "Connections.csv"
    csv.write_text(LINKEDIN, encoding="utf-8")
    result = net.run("import", "linkedin", str(csv))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"LinkedIn: 1 row in {csv}.\n"
        "Skipped 1:\n"
        f"  {csv}:2: Grace Hopper: contacts/grace-hopper.yaml is a link that leads nowhere "
        "(or in a loop); remove it or point it at a file\n"
        "Done: 0 created, 0 updated, 0 unchanged, 1 skipped, 0 merged; 1 row.\n"
    )
    assert result.stderr == (
        "abc: 1 file has problems (run abc check); nobody in them is changed: "
        "contacts/grace-hopper.yaml\n"
    )
    assert os.readlink(net.contacts / "grace-hopper.yaml") == "nowhere.yaml"


def test_the_commit_is_made_under_the_lock_of_the_write(net):
    from datetime import date

    from abcnet.storage.git import git_commit

    net.write("ada", ADA)
    day = date(2026, 11, 25)
    seen: list[tuple[str, bool, str | None]] = []

    def commit(path):
        # still under the write's lock; git_commit takes the same lock again, without waiting
        seen.append((path.name, lock.holds(net.contacts), git_commit(net.root, [path], "Log")))

    path = contact_files.edit_contact(
        net.root, "ada", day, lambda text, data: text + "# one\n", then=commit
    )
    assert seen == [("ada.yaml", True, "not a git repository")]
    assert not lock.holds(net.contacts)
    contact_files.create_contact(net.root, "grace", "name: Grace\n", then=commit)
    assert seen[-1] == ("grace.yaml", True, "not a git repository")
    assert not lock.holds(net.contacts)
    contact_files.edit_contact(
        net.root, "ada", day, lambda text, data: text, then=commit
    )  # no change
    assert len(seen) == 2  # nothing written, nothing to commit
    assert path == net.contacts / "ada.yaml"
    assert net.read("ada") == ADA + "# one\n"


def test_the_cleanup_waits_for_a_write_in_progress(net):
    import threading
    import time
    from datetime import date

    net.write("ada", ADA)
    started = threading.Event()
    seen: list[bool] = []

    def writer() -> None:  # another process's write, in a thread: it takes its own lock
        with lock.network_lock(net.root) as temp:
            assert temp is not None
            path = temp / "ada.yaml.inwrite.tmp"
            path.write_bytes(b"half of it")
            started.set()
            time.sleep(0.2)
            seen.append(path.exists())
            path.unlink()

    thread = threading.Thread(target=writer)
    thread.start()
    started.wait()
    contact_files.edit_contact(net.root, "ada", date(2026, 11, 25), lambda text, data: text + "#\n")
    thread.join()
    assert seen == [True]
    assert net.read("ada") == ADA + "#\n"


def test_without_posix_locks_abc_refuses_to_write(net, monkeypatch):
    """Where fcntl is missing (Windows outside WSL), a write is refused, never done unlocked."""
    net.write("ada", ADA)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl now raises ImportError
    result = net.run("log", "ada", "--today", "2026-11-25")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: cannot lock contacts/: this system has no POSIX file locks (fcntl), and abc "
        "does not write without one; nothing was changed (run abc on Linux or macOS, or on "
        "Windows in WSL)\n"
    )
    assert net.read("ada") == ADA
