"""The publish workflow `abc init` writes: it installs abc the way this abc was installed,
passes actionlint and zizmor, and its shell steps, run as the runner would, publish the
calendar only at the secret address; `abc calendar --url` prints that address."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import DEMO
from ruamel.yaml import YAML

from abcnet.cli import cli
from abcnet.storage.install import Install, from_direct_url, reachable_url
from abcnet.storage.scaffold import WORKFLOW, create_network, network_files

TODAY = "2026-11-25"
SECRET = "0123456789abcdef0123456789abcdef"
CI = os.environ.get("CI") == "true"
BIN = Path(sys.executable).parent


def invoke(*args: str, **env: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"NO_COLOR": "1", "ABC_TODAY": TODAY, **env})


def network(tmp_path: Path, install: Install | None = None) -> Path:
    root = tmp_path / "network"
    create_network(root, network_files(date(2026, 11, 25), "0.1.0", install))
    return root


def workflow(root: Path) -> dict[str, Any]:
    flow: dict[str, Any] = YAML(typ="safe").load((root / WORKFLOW).read_text())
    return flow


# How this abc was installed → how the workflow installs it.


def no_git(folder: Path) -> tuple[str, str] | None:
    return None


def checkout(remote: str) -> Any:
    return lambda folder: (remote, "c0ffee" * 6 + "abcd") if folder == Path("/src/abc") else None


@pytest.mark.parametrize(
    ("text", "git", "expected"),
    [
        (None, no_git, Install("abc-connect==1.2.3")),
        (
            '{"url": "https://github.com/o/abc.git", '
            '"vcs_info": {"vcs": "git", "commit_id": "1234abcd", "requested_revision": "main"}}',
            no_git,
            Install("git+https://github.com/o/abc.git@1234abcd"),
        ),
        (
            '{"url": "ssh://git@github.com/o/abc.git", "vcs_info": {"vcs": "git", "commit_id": "ab12"}}',
            no_git,
            Install("git+https://github.com/o/abc.git@ab12"),
        ),
        (
            '{"url": "file:///src/abc", "dir_info": {"editable": true}}',
            checkout("git@github.com:o/abc.git"),
            Install("git+https://github.com/o/abc.git@" + "c0ffee" * 6 + "abcd"),
        ),
        (
            '{"url": "file:///src/abc", "dir_info": {}}',
            checkout("https://user:token@github.com/o/abc"),
            Install("git+https://github.com/o/abc@" + "c0ffee" * 6 + "abcd"),
        ),
        (
            '{"url": "file:///src/abc", "dir_info": {"editable": true}}',
            no_git,
            Install("abc-connect==1.2.3", by_hand=True),
        ),
        (
            '{"url": "file:///src/abc", "dir_info": {}}',
            checkout("/home/me/abc.git"),
            Install("abc-connect==1.2.3", by_hand=True),
        ),
        (
            '{"url": "https://example.org/abc-1.2.3.tar.gz", "archive_info": {}}',
            no_git,
            Install("https://example.org/abc-1.2.3.tar.gz"),
        ),
        ("not json", no_git, Install("abc-connect==1.2.3", by_hand=True)),
    ],
)
def test_the_install_follows_the_installers_record(
    text: str | None, git: Any, expected: Install
) -> None:
    assert from_direct_url(text, "1.2.3", git) == expected


def test_remote_urls_become_what_a_runner_can_clone() -> None:
    assert [
        reachable_url(u)
        for u in (
            "git@github.com:o/abc.git",
            "https://x-access-token:secret@github.com/o/abc.git",
            "ssh://git@gitlab.com:2222/o/abc",
            "file:///srv/abc.git",
            "../abc",
        )
    ] == [
        "https://github.com/o/abc.git",
        "https://github.com/o/abc.git",
        "https://gitlab.com/o/abc",
        None,
        None,
    ]


def test_the_workflow_says_how_it_installs_abc(tmp_path: Path) -> None:
    flow = workflow(network(tmp_path / "a", Install("git+https://github.com/o/abc@ab12")))
    assert flow["env"] == {"ABC_INSTALL": "git+https://github.com/o/abc@ab12"}
    text = (
        network(tmp_path / "b", Install("abc-connect==0.1.0", by_hand=True)) / WORKFLOW
    ).read_text()
    assert "  # SET ABC_INSTALL BY HAND: the abc that created this repository was not\n" in text
    assert '  ABC_INSTALL: "abc-connect==0.1.0"\n' in text


# The workflow as written: pinned, least privilege, linted.


def test_every_action_is_pinned_and_each_job_has_only_the_permissions_it_needs(
    tmp_path: Path,
) -> None:
    root = network(tmp_path)
    flow = workflow(root)
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert jobs["inbox"]["permissions"] == {"contents": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert list(jobs) == ["inbox", "build", "deploy"]
    uses = re.findall(r"uses: (\S+)@(\S+) # (\S+)", (root / WORKFLOW).read_text())
    checkout = [
        ("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
        ("actions/setup-python", "5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    ]
    assert uses == [
        *checkout,
        *checkout,
        ("actions/upload-pages-artifact", "fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
        ("actions/deploy-pages", "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
    ]
    assert jobs["inbox"]["steps"][0]["with"] == {"persist-credentials": False}
    assert jobs["build"]["steps"][0]["with"] == {
        "ref": "${{ needs.inbox.outputs.commit }}",
        "persist-credentials": False,
    }
    assert "PUBLISH_CALENDAR" not in (root / WORKFLOW).read_text()


def linter(name: str) -> str:
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        if CI:
            pytest.fail(f"{name} is missing: pip install -e '.[test]'")
        pytest.skip(f"{name} is not installed")
    return found


@pytest.mark.parametrize(
    "command",
    [["actionlint", "-no-color"], ["zizmor", "--offline", "--no-progress", "--color=never"]],
)
@pytest.mark.slow
def test_the_workflow_passes_the_linters(tmp_path: Path, command: list[str]) -> None:
    root = network(tmp_path)
    done = subprocess.run(
        [linter(command[0]), *command[1:], WORKFLOW], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


# The shell steps, run the way the runner runs them.


def run_steps(root: Path, secret: str, passphrase: str = "") -> list[str]:
    """The build job's shell steps for Pages of the repository itself (no
    ABC_DEPLOY_REPOSITORY), run in order; their standard outputs."""
    outputs = []
    for step in workflow(root)["jobs"]["build"]["steps"]:
        if "run" not in step or step.get("if") == "vars.ABC_DEPLOY_REPOSITORY != ''":
            continue
        script = step["run"]
        if "pip install" in script:
            script = "echo 'abc is already installed'"
        values = {
            "${{ secrets.ABC_CALENDAR_SECRET }}": secret,
            "${{ secrets.ABC_POCKET_PASSPHRASE }}": passphrase,
        }
        env = {k: values.get(v, v) for k, v in step.get("env", {}).items()}
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-c", script],
            cwd=root,
            capture_output=True,
            text=True,
            env={
                **os.environ,
                "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
                "ABC_TODAY": TODAY,
                "NO_COLOR": "1",
                **env,
            },
        )
        assert done.returncode == 0, done.stdout + done.stderr
        outputs.append(done.stdout)
    return outputs


def site_files(root: Path) -> dict[str, bytes]:
    site = root / "build" / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_the_steps_publish_the_calendar_only_at_the_secret_address(tmp_path: Path) -> None:
    root = network(tmp_path / "with")
    outputs = run_steps(root, SECRET)
    assert outputs[-3:] == [
        "No ABC_POCKET_PASSPHRASE: the pocket is not published.\n",
        "wrote build/abc.ics: 3 events (1 outreach, 1 birthday, 1 not-updated warning on "
        "2026-11-28; 3 new or changed), names only (private details left out)\n",
        "The calendar is published at its secret address.\n",
    ]
    assert SECRET not in "".join(outputs)
    files = site_files(root)
    assert files[f"{SECRET}/abc.ics"] == (root / "build" / "abc.ics").read_bytes()
    assert [name for name, data in files.items() if SECRET.encode() in data] == []
    assert [name for name in files if name.endswith(".ics")] == [f"{SECRET}/abc.ics"]

    root = network(tmp_path / "without")
    outputs = run_steps(root, "")
    assert outputs[-1] == "No ABC_CALENDAR_SECRET: the calendar is not published.\n"
    assert [name for name in site_files(root) if name.endswith(".ics")] == []


def test_a_weak_secret_stops_the_run_without_showing_it(tmp_path: Path) -> None:
    root = network(tmp_path)
    (step,) = [
        s
        for s in workflow(root)["jobs"]["build"]["steps"]
        if "ABC_CALENDAR_SECRET" in s.get("env", {})
    ]
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "ABC_CALENDAR_SECRET": "../../short"},
    )
    assert (done.returncode, done.stdout) == (
        1,
        "ABC_CALENDAR_SECRET must be 32 or more letters, digits, - or _; "
        'make one with: python3 -c "import secrets; print(secrets.token_hex(16))"\n',
    )
    assert not (root / "build").exists()


@pytest.mark.slow
def test_the_public_build_of_the_demo_has_no_calendar_and_no_link_to_one(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = invoke("-C", str(DEMO), "site", "build", "--public", "-o", str(out))
    assert result.exit_code == 0, result.output
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert [name for name in files if name.endswith(".ics")] == []
    links = re.compile(rb"""(?:href|src)=["']?(?:webcal:|[^"'\s>]*\.ics\b)""")
    assert [name for name, data in files.items() if links.search(data)] == []


# abc calendar --url


def test_calendar_url_prints_both_addresses_and_writes_nothing(tmp_path: Path) -> None:
    root = network(tmp_path)
    result = invoke(
        "-C",
        str(root),
        "calendar",
        "--url",
        ABC_SITE_URL="https://you.github.io/network/",
        ABC_CALENDAR_SECRET=SECRET,
    )
    assert (result.exit_code, result.stdout) == (
        0,
        f"https://you.github.io/network/{SECRET}/abc.ics\n"
        f"webcal://you.github.io/network/{SECRET}/abc.ics\n",
    )
    # Issue 25: what must be true for them to work, on standard error.
    assert result.stderr == (
        "These work once the publish workflow has run with Pages on and the secret set:\n"
        "  - Pages on: Settings > Pages > Build and deployment > Source: GitHub Actions (or,\n"
        "    on the free plan, a second public repository: see site/getting-started.md);\n"
        "  - the repository secret ABC_CALENDAR_SECRET holds this same value;\n"
        "  - then a push (or Actions > publish > Run workflow) puts the calendar there.\n"
        "GitHub never shows a secret again once it is set, so keep this value (in your\n"
        "password manager, say); lost, set a new one and subscribe again.\n"
        "More, with each calendar app's steps: site/calendar.md, or Calendar in your site.\n"
    )
    result = invoke(
        "-C", str(root), "calendar", "--url", "--site-url", "https://me.example", "--secret", SECRET
    )
    assert (
        result.stdout
        == f"https://me.example/{SECRET}/abc.ics\nwebcal://me.example/{SECRET}/abc.ics\n"
    )
    assert not (root / "build").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [],
            "abc: --url needs the site's address and the calendar secret: set ABC_SITE_URL to "
            "the site's address (e.g. https://you.github.io/network) and ABC_CALENDAR_SECRET to "
            "the value of the repository secret of that name (or pass --site-url and --secret)\n",
        ),
        (
            ["--secret", SECRET],
            "abc: --url needs the site's address and the calendar secret: set ABC_SITE_URL to "
            "the site's address (e.g. https://you.github.io/network) (or pass --site-url and "
            "--secret)\n",
        ),
        (
            ["--site-url", "https://you.github.io/network"],
            "abc: --url needs the site's address and the calendar secret: set "
            "ABC_CALENDAR_SECRET to the value of the repository secret of that name (or pass "
            "--site-url and --secret)\n",
        ),
        (
            ["--site-url", "http://you.github.io/network", "--secret", SECRET],
            "abc: the site address must start with https:// (e.g. https://you.github.io/network), "
            "not 'http://you.github.io/network'\n",
        ),
        (
            ["--site-url", "https://you.github.io/network", "--secret", "short"],
            "abc: ABC_CALENDAR_SECRET must be 32 or more letters, digits, - or _ (the workflow "
            "publishes nothing otherwise)\n",
        ),
    ],
)
def test_calendar_url_says_what_to_set(tmp_path: Path, args: list[str], message: str) -> None:
    root = network(tmp_path)
    result = invoke("-C", str(root), "calendar", "--url", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert not (root / "build").exists()


# The inbox job, the pocket and the second repository, run the way the runner runs them.


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def step_named(root: Path, job: str, start: str) -> dict[str, Any]:
    (step,) = [
        s for s in workflow(root)["jobs"][job]["steps"] if s.get("name", "").startswith(start)
    ]
    return step


def run_script(root: Path, script: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "ABC_TODAY": TODAY,
            "NO_COLOR": "1",
            **env,
        },
    )


def pushed_network(tmp_path: Path) -> tuple[Path, Path]:
    """A network committed and pushed to a bare repository standing in for GitHub."""
    root = network(tmp_path)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A")
    git(
        root,
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.org",
        "commit",
        "-qm",
        "x",
        "--allow-empty",
    )
    git(root, "push", "-q", str(remote), "HEAD:main")
    return root, remote


@pytest.mark.slow
def test_the_inbox_job_logs_the_entries_commits_and_pushes(tmp_path: Path) -> None:
    root, remote = pushed_network(tmp_path)  # abc init made inbox/, with its README.md
    (root / "inbox" / "2026-11-25-ada-example-ab12.yaml").write_text(
        'person: "ada-example"\ndate: 2026-11-25\nchannel: call\nnote: "From the train"\n'
    )
    (root / "inbox" / "2026-11-25-nobody-cd34.yaml").write_text(
        'person: "nobody"\ndate: 2026-11-25\nchannel: call\n'
    )
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "phone")
    git(root, "push", "-q", str(remote), "HEAD:main")
    script = step_named(root, "inbox", "Log the touches")["run"]
    script = script.replace(
        'remote="https://x-access-token:${GITHUB_TOKEN}@github.com/${GITHUB_REPOSITORY}.git"',
        f'remote="{remote}"',
    )
    output = tmp_path / "output"
    done = run_script(
        root, script, GITHUB_OUTPUT=str(output), GITHUB_REF_NAME="main", GITHUB_TOKEN="t"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::warning title=abc inbox::Some entries in inbox/ could not be logged" in done.stdout
    head = git(remote, "rev-parse", "main").strip()
    assert output.read_text() == f"commit={head}\n"
    assert git(remote, "log", "-1", "--format=%s", "main") == (
        "abc inbox: log the touches from the pocket\n"
    )
    changed = git(remote, "show", "--name-status", "--format=", "main").split()
    assert changed == [
        "M", "contacts/ada-example.yaml", "D", "inbox/2026-11-25-ada-example-ab12.yaml",
    ]  # fmt: skip
    assert "note: From the train" in git(remote, "show", "main:contacts/ada-example.yaml")
    assert git(remote, "ls-tree", "--name-only", "main", "inbox/").split() == [
        "inbox/2026-11-25-nobody-cd34.yaml", "inbox/README.md",
    ]  # fmt: skip
    # Nothing new: no commit, no push, the same commit for the build.
    again = run_script(root, script, GITHUB_OUTPUT=str(output), GITHUB_REF_NAME="main")
    assert again.returncode == 0
    assert git(remote, "rev-parse", "main").strip() == head
    assert output.read_text().endswith(f"commit={head}\n")


@pytest.mark.slow
def test_the_pocket_step_publishes_the_pocket_only_with_a_passphrase(tmp_path: Path) -> None:
    root = network(tmp_path)
    step = step_named(root, "build", "Build the pocket")
    done = run_script(root, step["run"], ABC_POCKET_PASSPHRASE="")
    assert done.stdout == "No ABC_POCKET_PASSPHRASE: the pocket is not published.\n"
    assert not (root / "build").exists()
    done = run_script(
        root,
        step["run"],
        ABC_POCKET_PASSPHRASE="sixteen or more characters",
        GITHUB_REPOSITORY="you/network",
        GITHUB_REF_NAME="main",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("The pocket is published, encrypted.\n")
    assert sorted(p.name for p in (root / "build" / "site" / "pocket").iterdir()) == [
        "index.html", "pocket.css", "pocket.js", "sw.js",
    ]  # fmt: skip
    assert "Log it opens you/network (main)" in done.stderr


@pytest.mark.slow
def test_the_second_repository_gets_only_the_public_output_in_one_commit(tmp_path: Path) -> None:
    root = network(tmp_path / "net")
    site = root / "build" / "site"
    (site / "pocket").mkdir(parents=True)
    (site / "index.html").write_text("public")
    (site / "pocket" / "index.html").write_text("sealed")
    public = tmp_path / "public.git"
    git(tmp_path, "init", "-q", "--bare", str(public))
    step = step_named(root, "build", "Publish to the public repository")
    assert step["if"] == "vars.ABC_DEPLOY_REPOSITORY != ''"
    script = step["run"].replace('"git@github.com:${ABC_DEPLOY_REPOSITORY}.git"', f'"{public}"')
    env = {"ABC_DEPLOY_REPOSITORY": "you/you.github.io", "RUNNER_TEMP": str(tmp_path)}
    for _ in range(2):
        done = run_script(root, script, ABC_DEPLOY_KEY="-----BEGIN KEY-----", **env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout == "Published to you/you.github.io (gh-pages).\n"
    assert git(public, "rev-list", "--count", "gh-pages") == "1\n"  # replaced, not piled up
    assert git(public, "ls-tree", "-r", "--name-only", "gh-pages").split() == [
        ".nojekyll", "index.html", "pocket/index.html",
    ]  # fmt: skip
    assert not (tmp_path / "abc-deploy").exists()
    missing = run_script(root, script, ABC_DEPLOY_KEY="", **env)
    assert missing.returncode == 1
    assert missing.stdout.startswith("ABC_DEPLOY_REPOSITORY is set but the secret ABC_DEPLOY_KEY")


def test_pocket_url_prints_the_address_and_what_must_be_true(tmp_path: Path) -> None:
    root = network(tmp_path)
    result = invoke("-C", str(root), "pocket", "--url", ABC_SITE_URL="https://you.github.io/net/")
    assert (result.exit_code, result.stdout) == (0, "https://you.github.io/net/pocket/\n")
    assert result.stderr == (
        "This address works once:\n"
        "  - the repository secret ABC_POCKET_PASSPHRASE is set (16 characters or more);\n"
        "  - the workflow publishes somewhere: GitHub Pages of this repository (Settings >\n"
        "    Pages > Source: GitHub Actions; a private repository needs a paid plan), or a\n"
        "    second, public repository named by the repository variable ABC_DEPLOY_REPOSITORY,\n"
        "    with its deploy key in the secret ABC_DEPLOY_KEY and its Pages serving gh-pages;\n"
        "  - the workflow has run since (Actions > publish > Run workflow, or any push).\n"
        "Log it then opens GitHub in the phone's browser, which must be signed in to GitHub.\n"
    )
    missing = invoke("-C", str(root), "pocket", "--url")
    assert (missing.exit_code, missing.stderr) == (
        2,
        "abc: --url needs the site's address: set ABC_SITE_URL to it "
        "(e.g. https://you.github.io/network) or pass --site-url\n",
    )
    assert not (root / "build").exists()


@pytest.mark.slow
def test_with_a_pocket_each_day_of_the_calendar_links_to_it(tmp_path: Path) -> None:
    root = network(tmp_path)
    env = {
        "ABC_POCKET_PASSPHRASE": "sixteen or more characters",
        "GITHUB_REPOSITORY": "you/network",
        "ABC_DEPLOY_REPOSITORY": "you/you.github.io",
        "ABC_SITE_URL": "",
        "GITHUB_REF_NAME": "main",
    }
    for start in ("Build the pocket", "Build the calendar"):
        done = run_script(root, step_named(root, "build", start)["run"], **env)
        assert done.returncode == 0, done.stdout + done.stderr
    ics = (root / "build" / "abc.ics").read_bytes().decode().replace("\r\n ", "")
    events = ics.split("BEGIN:VEVENT")[1:]
    urls = [re.findall(r"^URL:(.*)\r$", e, re.MULTILINE) for e in events]
    outreach = [u for e, u in zip(events, urls, strict=True) if "\r\nUID:outreach-" in e]
    assert outreach and all(u == ["https://you.github.io/pocket/"] for u in outreach)
    others = [u for e, u in zip(events, urls, strict=True) if "\r\nUID:outreach-" not in e]
    assert others == [[], []]  # the birthday and the not-updated warning
    assert "In your pocket (openers\\, links\\, Log it): https://you.github.io/pocket/" in ics


@pytest.mark.slow
def test_the_inbox_job_with_no_inbox_changes_nothing(tmp_path: Path) -> None:
    root, remote = pushed_network(tmp_path)
    head = git(remote, "rev-parse", "main").strip()
    script = step_named(root, "inbox", "Log the touches")["run"]
    output = tmp_path / "output"
    done = run_script(root, script, GITHUB_OUTPUT=str(output), GITHUB_REF_NAME="main")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "Nothing waits in inbox/.\n"
    assert output.read_text() == f"commit={head}\n"
    assert git(root, "status", "--porcelain") == ""
