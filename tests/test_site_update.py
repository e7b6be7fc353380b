"""abc site update: a network's copy of abc's pages brought up to date, never over a page
the user changed; and the list of every version abc shipped of each page."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner, Result

from abcnet import __version__
from abcnet.cli import cli
from abcnet.core.site_pages import WORKFLOW, digest, fingerprint, install_lines, read_versions
from abcnet.formats.mkdocs_config import blocks, key_path
from abcnet.storage import site_pages
from abcnet.storage.install import how_installed
from abcnet.storage.scaffold import abc_files, data_dir, data_file, publish_workflow

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


def shipped_pages(root: Path | None = None) -> dict[str, bytes]:
    """abc's version of every file abc site update keeps up to date in ``root``'s network
    (a network abc init makes here, by default)."""
    if root is None:
        return abc_files(publish_workflow(__version__, how_installed(__version__)))
    return site_pages.shipped_files(root)


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
        "abc's file, move it away and run abc site update again.\n"
        "Left site/index.md: you changed it, and abc's version differs. To see abc's: abc "
        "site update --show site/index.md; to take it, delete yours (git keeps it) and run "
        "abc site update again; to keep yours, do nothing.\n"
    )
    same = len(pages) - 4
    assert dry.stdout == (
        left + "Would update site/strategies/index.md to abc's version: you had not changed "
        "it.\n"
        "Would add site/strategies/notice-drift.md: abc ships it and it was missing.\n"
        f"1 file to add, 1 to update, {same} already up to date; 2 left as they are; abc "
        "site update without --dry-run does it.\n"
    )
    assert every_file(old) == before

    done = invoke("-C", str(old), "site", "update", "--commit")
    assert done.exit_code == 0, done.output
    assert done.stdout == (
        left + "Updated site/strategies/index.md to abc's version: you had not changed it.\n"
        "Added site/strategies/notice-drift.md: abc ships it and it was missing.\n"
        "Committed: Bring the files abc init wrote up to date\n"
        f"1 file added, 1 updated, {same} already up to date; 2 left as they are.\n"
    )
    after = every_file(old)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == ["site/strategies/index.md", "site/strategies/notice-drift.md"]
    for path in changed:
        assert after[path] == pages[path]
    assert after["site/index.md"] == b"# My network\n\nMine.\n"
    assert after["site/assets/abc.css"] == f"-> {old / 'my.css'}"
    assert git(old, "show", "--name-status", "--format=%s", "HEAD").splitlines() == [
        "Bring the files abc init wrote up to date",
        "",
        "M\tsite/strategies/index.md",
        "A\tsite/strategies/notice-drift.md",
    ]

    again = invoke("-C", str(old), "site", "update")
    assert again.stdout == left + (
        f"0 files added, 0 updated, {same + 2} already up to date; 2 left as they are.\n"
    )
    assert every_file(old) == after


def test_pages_with_windows_line_ends_are_told_by_their_text_and_keep_their_line_ends(
    old: Path,
) -> None:
    # git's autocrlf checks files out with CRLF: an older page abc shipped is still abc's
    # (updated, keeping CRLF), and a current one is up to date (left as it is)
    pages = shipped_pages()
    index = old / "site" / "strategies" / "index.md"
    index.write_bytes(OLD_INDEX.encode().replace(b"\n", b"\r\n"))
    pocket = old / "site" / "pocket.md"
    crlf = pocket.read_bytes().replace(b"\n", b"\r\n")
    pocket.write_bytes(crlf)
    done = invoke("-C", str(old), "site", "update", "--no-commit")
    assert done.exit_code == 0, done.output
    assert "Updated site/strategies/index.md to abc's version: you had not changed it.\n" in (
        done.stdout
    )
    assert "site/pocket.md" not in done.stdout
    assert index.read_bytes() == pages["site/strategies/index.md"].replace(b"\n", b"\r\n")
    assert pocket.read_bytes() == crlf


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
    assert result.stdout == f"0 files added, 0 updated, {n} already up to date.\n"
    assert git(root, "status", "--porcelain") == ""


def test_every_page_abc_ships_is_in_the_list_of_shipped_versions() -> None:
    """The list must hold today's version of every page, so that a network made by this
    abc can be updated by a later one. ABC_REGENERATE_SITE_VERSIONS=1 adds what is
    missing (after changing a page of site/ or mkdocs.yml)."""
    path = Path(str(data_dir())) / site_pages.VERSIONS_FILE
    text = path.read_text(encoding="utf-8")
    known = read_versions(text)
    pages = shipped_pages()
    split = blocks(pages["mkdocs.yml"].decode("utf-8"))
    assert split is not None
    each = [(rel, fingerprint(rel, data)) for rel, data in pages.items()]
    each += [(key_path(k), digest(b.encode())) for k, b in split[1].items()]
    missing = [f"{value}  {rel}" for rel, value in each if value not in known.get(rel, frozenset())]
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
        "file, move it away and run abc site update again.\n"
        f"0 files added, 0 updated, {n - 1} already up to date; 1 left as it is.\n"
    )
    assert (root / "site" / "calendar.md" / "mine.txt").read_text(encoding="utf-8") == "mine\n"


OLD_WORKFLOW = dedent(
    """\
    name: publish
    on:
      push:
        branches: [main]
    permissions:
      contents: read
      pages: write
      id-token: write
    env:
      # How to install abc here: my own fork.
      ABC_INSTALL: "git+https://example.org/me/abc@0123456"
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - name: Install abc
            run: python -m pip install "$ABC_INSTALL"
          - name: Check the contacts and the settings
            run: abc check
      deploy:
        needs: build
        runs-on: ubuntu-latest
        steps:
          - name: Deploy to GitHub Pages
            uses: actions/deploy-pages@v4
    """
)
NEWS = [
    "  - for the whole workflow, the permissions none",
    "  - the job inbox (permissions: contents: write)",
    "  - in build, the permissions contents: read",
    "  - in build, the step actions/setup-python",
    "  - in build, the step Build the public site (no personal data)",
    "  - in build, the step Build the pocket, encrypted (only if ABC_POCKET_PASSPHRASE is set)",
    "  - in build, the step Build the calendar (names only; each day links to the pocket, if "
    "there is one)",
    "  - in build, the step Put the calendar at its secret address (only if "
    "ABC_CALENDAR_SECRET is set)",
    "  - in build, the step actions/upload-pages-artifact",
    "  - in build, the step Publish to the public repository ABC_DEPLOY_REPOSITORY (only if "
    "it is set)",
    "  - in deploy, the permissions pages: write, id-token: write",
    "  - the actions at other versions: actions/checkout, actions/deploy-pages",
]


@pytest.fixture
def made(tmp_path: Path) -> Path:
    root = tmp_path / "network"
    assert invoke("init", str(root)).exit_code == 0
    return root


def with_versions(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    shipped = data_file(site_pages.VERSIONS_FILE)
    more = "".join(f"{line}\n" for line in lines).encode()
    monkeypatch.setattr(site_pages, "data_file", lambda name: shipped + more)


def test_an_old_workflow_abc_wrote_is_updated_keeping_how_abc_is_installed(
    made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = made / WORKFLOW
    workflow.write_text(OLD_WORKFLOW, encoding="utf-8")
    with_versions(monkeypatch, f"{fingerprint(WORKFLOW, OLD_WORKFLOW.encode())}  {WORKFLOW}")
    result = invoke("-C", str(made), "site", "update", "--no-commit")
    assert result.exit_code == 0, result.output
    n = len(shipped_pages())
    assert result.stdout.splitlines() == [
        f"Updated {WORKFLOW} to abc's version: you had not changed it (its ABC_INSTALL line "
        "and the comment above it stay yours). Read it before you push; beside yours, it has:",
        *NEWS,
        f"0 files added, 1 updated, {n - 1} already up to date.",
    ]
    text = workflow.read_text(encoding="utf-8")
    assert (
        "env:\n  # How to install abc here: my own fork.\n"
        '  ABC_INSTALL: "git+https://example.org/me/abc@0123456"\n\njobs:\n  inbox:\n'
    ) in text
    assert fingerprint(WORKFLOW, text.encode()) == fingerprint(WORKFLOW, shipped_pages()[WORKFLOW])
    assert install_lines(text) == install_lines(OLD_WORKFLOW)


def test_a_workflow_the_user_changed_is_never_replaced_and_what_abcs_adds_is_named(
    made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = made / WORKFLOW
    mine = OLD_WORKFLOW.replace("abc check", "abc check --strict")
    workflow.write_text(mine, encoding="utf-8")
    with_versions(monkeypatch, f"{fingerprint(WORKFLOW, OLD_WORKFLOW.encode())}  {WORKFLOW}")
    result = invoke("-C", str(made), "site", "update", "--no-commit")
    assert result.exit_code == 0, result.output
    n = len(shipped_pages())
    assert result.stdout.splitlines() == [
        f"Left {WORKFLOW}: you changed it, and abc never replaces a workflow you changed. "
        f"abc's version differs: read it with abc site update --show {WORKFLOW} and take by "
        "hand what you want; beside yours, it has:",
        *NEWS,
        f"0 files added, 0 updated, {n - 1} already up to date; 1 left as it is.",
    ]
    assert workflow.read_text(encoding="utf-8") == mine
    shown = invoke("-C", str(made), "site", "update", "--show", "publish.yml")
    assert shown.exit_code == 0, shown.output
    assert install_lines(shown.stdout) == install_lines(OLD_WORKFLOW)
    assert fingerprint(WORKFLOW, shown.stdout_bytes) == fingerprint(
        WORKFLOW, shipped_pages()[WORKFLOW]
    )


def test_a_missing_workflow_is_not_added_and_abcs_can_be_shown(made: Path) -> None:
    (made / WORKFLOW).unlink()
    git(made, "commit", "-q", "-am", "No workflow")
    result = invoke("-C", str(made), "site", "update")
    assert result.exit_code == 0, result.output
    n = len(shipped_pages())
    assert result.stdout.splitlines() == [
        f"Left out {WORKFLOW}: this network has no publish workflow, and abc adds one only "
        "when it creates a network, since a workflow publishes and may write to the "
        f"repository. To add abc's: abc site update --show {WORKFLOW} > {WORKFLOW}",
        f"0 files added, 0 updated, {n - 1} already up to date; 1 left as it is.",
    ]
    assert not (made / WORKFLOW).exists()
    assert git(made, "status", "--porcelain") == ""
    shown = invoke("-C", str(made), "site", "update", "--show", WORKFLOW)
    assert shown.stdout_bytes == shipped_pages()[WORKFLOW]


def test_show_names_what_it_cannot_show(made: Path) -> None:
    result = invoke("-C", str(made), "site", "update", "--show", "abc.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "abc: abc keeps no file at abc.yaml up to date (abc site update --dry-run lists "
        "the ones that differ; a path is relative to the network's folder, e.g. "
        ".github/workflows/publish.yml)\n"
    )
    several = invoke("-C", str(made), "site", "update", "--show", "index.md")
    assert "abc: several of abc's files are named index.md: give one of " in several.stderr


def test_old_schemas_hook_and_readmes_are_updated_and_the_users_own_files_never_touched(
    made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_schema = b'{"title": "an older schema"}\n'
    old_hook = b"# an older hook\n"
    (made / ".abc" / "contact.schema.json").write_bytes(old_schema)
    (made / ".abc" / "mkdocs_hook.py").write_bytes(old_hook)
    (made / "inbox" / "README.md").unlink()
    (made / "abc.yaml").unlink()
    (made / "contacts" / "ada-example.yaml").unlink()
    with_versions(
        monkeypatch,
        f"{digest(old_schema)}  .abc/contact.schema.json",
        f"{digest(old_hook)}  .abc/mkdocs_hook.py",
    )
    result = invoke("-C", str(made), "site", "update", "--no-commit")
    assert result.exit_code == 0, result.output
    n = len(shipped_pages())
    assert result.stdout.splitlines() == [
        "Updated .abc/contact.schema.json to abc's version: you had not changed it.",
        "Updated .abc/mkdocs_hook.py to abc's version: you had not changed it.",
        "Added inbox/README.md: abc ships it and it was missing.",
        f"1 file added, 2 updated, {n - 3} already up to date.",
    ]
    pages = shipped_pages()
    for rel in (".abc/contact.schema.json", ".abc/mkdocs_hook.py", "inbox/README.md"):
        assert (made / rel).read_bytes() == pages[rel]
    assert not (made / "abc.yaml").exists()
    assert not (made / "contacts" / "ada-example.yaml").exists()


def test_a_changed_mkdocs_yml_is_left_naming_the_pages_its_nav_leaves_out(made: Path) -> None:
    config = made / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("site_name: Always Be Connecting", "site_name: Ada's network")
    text = text.replace("      - Notice drift: strategies/notice-drift.md\n", "")
    text = text.replace("  - Pocket: pocket.md\n", "")
    config.write_text(text, encoding="utf-8")
    result = invoke("-C", str(made), "site", "update", "--no-commit")
    assert result.exit_code == 0, result.output
    n = len(shipped_pages())
    assert result.stdout.splitlines() == [
        "Left mkdocs.yml: you changed it, and abc's version differs. To see abc's: abc site "
        "update --show mkdocs.yml; to take it, delete yours (git keeps it) and run abc site "
        "update again; to keep yours, do nothing.",
        "  Left as you changed them: site_name, nav (abc's differ; abc site update --show "
        "mkdocs.yml has them).",
        "  Its nav: leaves out 2 pages of abc's: MkDocs builds them, but no menu leads "
        "there. To list them, add under nav: these lines of abc's:",
        "  - under Strategies: - Notice drift: strategies/notice-drift.md",
        "  - at the top level: - Pocket: pocket.md",
        f"0 files added, 0 updated, {n - 1} already up to date; 1 left as it is.",
    ]
    assert config.read_text(encoding="utf-8") == text


def test_a_changed_mkdocs_yml_takes_abcs_keys_the_user_left_as_abc_wrote_them(
    made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user set site_name and a comment of their own above it, and removed watch:;
    an older abc wrote a nav without notice-drift.md. The nav becomes abc's of today,
    every other line stays the user's, byte for byte; watch: is named, not added."""
    config = made / "mkdocs.yml"
    today = config.read_text(encoding="utf-8")
    nav = today[today.index("\nnav:\n") + 1 :]
    old_nav = nav.replace("      - Notice drift: strategies/notice-drift.md\n", "")
    split = blocks(today)
    assert split is not None
    watch = split[1]["watch"]  # with the comment above it
    assert watch.startswith("# `mkdocs serve`") and watch in today
    mine = today.replace(nav, old_nav).replace(watch, "")
    mine = mine.replace(
        "site_name: Always Be Connecting\n", "# Mine.\nsite_name: 'Ada''s network'\n"
    )
    config.write_text(mine, encoding="utf-8")
    with_versions(monkeypatch, f"{digest(old_nav.encode())}  mkdocs.yml#nav")
    before = every_file(made)
    dry = invoke("-C", str(made), "site", "update", "--dry-run")
    assert every_file(made) == before
    result = invoke("-C", str(made), "site", "update", "--no-commit")
    assert result.exit_code == 0, result.output
    n = len(shipped_pages())
    lines = [
        "Updated in mkdocs.yml the keys you had not changed to abc's: nav.",
        "  Left as you changed them: site_name (abc's differ; abc site update --show "
        "mkdocs.yml has them).",
        "  Yours lacks abc's watch: not added, in case you removed it; abc site update "
        "--show mkdocs.yml has it.",
        f"0 files added, 1 updated, {n - 1} already up to date.",
    ]
    assert result.stdout.splitlines() == lines
    assert dry.stdout.splitlines() == [
        lines[0].replace("Updated", "Would update"),
        *lines[1:3],
        f"0 files to add, 1 to update, {n - 1} already up to date; abc site update without "
        "--dry-run does it.",
    ]
    assert config.read_text(encoding="utf-8") == mine.replace(old_nav, nav)
    again = invoke("-C", str(made), "site", "update", "--no-commit")
    assert again.stdout.splitlines() == [
        "Left mkdocs.yml: you changed it, and abc's version differs. To see abc's: abc site "
        "update --show mkdocs.yml; to take it, delete yours (git keeps it) and run abc site "
        "update again; to keep yours, do nothing.",
        *lines[1:3],
        f"0 files added, 0 updated, {n - 1} already up to date; 1 left as it is.",
    ]
