"""abc site update: a network's copy of abc's pages brought up to date, never over a page
the user changed; and the list of every version abc shipped of each page."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from abcnet.cli import cli
from abcnet.core.site_pages import digest, read_versions
from abcnet.storage import site_pages
from abcnet.storage.scaffold import data_dir, data_file, shipped_pages

TODAY = "2026-11-25"
OLD_INDEX = "# Strategies\n\nAn older list of the strategies, as an older abc wrote it.\n"


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{kind}_NAME", "Test Person")
        monkeypatch.setenv(f"GIT_{kind}_EMAIL", "test@example.org")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"NO_COLOR": "1", "ABC_TODAY": TODAY})


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


def every_file(folder: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel.startswith((".git/", ".abc-cache/")):
            continue
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = path.read_bytes()
    return out


@pytest.fixture
def old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A network made by an older abc: it lacks notice-drift.md, its strategies index is
    a version an older abc shipped, the user rewrote the home page, and abc.css is a
    link to the user's own styles."""
    root = tmp_path / "network"
    assert invoke("init", str(root)).exit_code == 0
    (root / "site" / "strategies" / "notice-drift.md").unlink()
    (root / "site" / "strategies" / "index.md").write_text(OLD_INDEX, encoding="utf-8")
    (root / "site" / "index.md").write_text("# My network\n\nMine.\n", encoding="utf-8")
    (root / "my.css").write_text("body { color: teal; }\n", encoding="utf-8")
    (root / "site" / "assets" / "abc.css").unlink()
    (root / "site" / "assets" / "abc.css").symlink_to(root / "my.css")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "An older network")
    shipped = data_file(site_pages.VERSIONS_FILE)
    older = f"{digest(OLD_INDEX.encode())}  site/strategies/index.md\n".encode()
    monkeypatch.setattr(site_pages, "data_file", lambda name: shipped + older)
    return root


def test_it_adds_what_is_missing_updates_what_is_unchanged_and_leaves_the_rest(
    old: Path,
) -> None:
    pages = shipped_pages()
    before = every_file(old)
    dry = invoke("-C", str(old), "site", "update", "--dry-run")
    assert dry.exit_code == 0, dry.output
    left = (
        "Left site/assets/abc.css: it is not a plain file (a link or a folder). To take "
        "abc's page, move it away and run abc site update again.\n"
        "Left site/index.md: you changed it, and abc's version differs. To take abc's, "
        "delete yours (git keeps it) and run abc site update again; to keep yours, do "
        "nothing.\n"
    )
    same = len(pages) - 4
    assert dry.stdout == (
        left + "Would update site/strategies/index.md to abc's version: you had not changed "
        "it.\n"
        "Would add site/strategies/notice-drift.md: abc ships it and it was missing.\n"
        f"1 page to add, 1 to update, {same} already up to date; 2 left as they are; abc "
        "site update without --dry-run does it.\n"
    )
    assert every_file(old) == before

    done = invoke("-C", str(old), "site", "update", "--commit")
    assert done.exit_code == 0, done.output
    assert done.stdout == (
        left + "Updated site/strategies/index.md to abc's version: you had not changed it.\n"
        "Added site/strategies/notice-drift.md: abc ships it and it was missing.\n"
        "Committed: Bring abc's pages in site/ and mkdocs.yml up to date\n"
        f"1 page added, 1 updated, {same} already up to date; 2 left as they are.\n"
    )
    after = every_file(old)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == ["site/strategies/index.md", "site/strategies/notice-drift.md"]
    for path in changed:
        assert after[path] == pages[path]
    assert after["site/index.md"] == b"# My network\n\nMine.\n"
    assert after["site/assets/abc.css"] == f"-> {old / 'my.css'}"
    assert git(old, "show", "--name-status", "--format=%s", "HEAD").splitlines() == [
        "Bring abc's pages in site/ and mkdocs.yml up to date",
        "",
        "M\tsite/strategies/index.md",
        "A\tsite/strategies/notice-drift.md",
    ]

    again = invoke("-C", str(old), "site", "update")
    assert again.stdout == left + (
        f"0 pages added, 0 updated, {same + 2} already up to date; 2 left as they are.\n"
    )
    assert every_file(old) == after


def test_a_page_deleted_to_take_abcs_version_comes_back(old: Path) -> None:
    (old / "site" / "index.md").unlink()
    result = invoke("-C", str(old), "site", "update", "--no-commit")
    assert "Added site/index.md: abc ships it and it was missing.\n" in result.stdout
    assert (old / "site" / "index.md").read_bytes() == shipped_pages()["site/index.md"]


def test_a_network_abc_init_just_made_is_up_to_date(tmp_path: Path) -> None:
    root = tmp_path / "network"
    assert invoke("init", str(root)).exit_code == 0
    result = invoke("-C", str(root), "site", "update")
    assert result.exit_code == 0, result.output
    n = len(shipped_pages())
    assert result.stdout == f"0 pages added, 0 updated, {n} already up to date.\n"
    assert git(root, "status", "--porcelain") == ""


def test_every_page_abc_ships_is_in_the_list_of_shipped_versions() -> None:
    """The list must hold today's version of every page, so that a network made by this
    abc can be updated by a later one. ABC_REGENERATE_SITE_VERSIONS=1 adds what is
    missing (after changing a page of site/ or mkdocs.yml)."""
    path = Path(str(data_dir())) / site_pages.VERSIONS_FILE
    text = path.read_text(encoding="utf-8")
    known = read_versions(text)
    missing = [
        f"{digest(data)}  {rel}"
        for rel, data in shipped_pages().items()
        if digest(data) not in known.get(rel, frozenset())
    ]
    if missing and os.environ.get("ABC_REGENERATE_SITE_VERSIONS"):
        head = [line for line in text.splitlines() if line.startswith("#")]
        body = {line for line in text.splitlines() if line and not line.startswith("#")}
        lines = sorted(body | set(missing), key=lambda x: (x.split()[1], x.split()[0]))
        path.write_text("\n".join(head + lines) + "\n", encoding="utf-8")
        missing = []
    assert missing == [], (
        "not in abc/data/site-versions.txt; run "
        "ABC_REGENERATE_SITE_VERSIONS=1 .venv/bin/pytest tests/test_site_update.py"
    )


def test_what_is_not_a_plain_file_is_left_and_named(tmp_path: Path) -> None:
    root = tmp_path / "network"
    assert invoke("init", str(root), "--no-git").exit_code == 0
    (root / "site" / "calendar.md").unlink()
    (root / "site" / "calendar.md").mkdir()
    (root / "site" / "calendar.md" / "mine.txt").write_text("mine\n", encoding="utf-8")
    result = invoke("-C", str(root), "site", "update")
    assert result.exit_code == 0, result.output
    n = len(shipped_pages())
    assert result.stdout == (
        "Left site/calendar.md: it is not a plain file (a link or a folder). To take abc's "
        "page, move it away and run abc site update again.\n"
        f"0 pages added, 0 updated, {n - 1} already up to date; 1 left as it is.\n"
    )
    assert (root / "site" / "calendar.md" / "mine.txt").read_text(encoding="utf-8") == "mine\n"
