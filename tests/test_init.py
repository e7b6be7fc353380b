"""`abc init`: a new network repository, the newcomer's three commands from the README, and
the copies of site/, mkdocs.yml and the schemas that the package ships."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import REPO
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from abcnet import __version__
from abcnet.cli import cli
from abcnet.formats.yamltext import load_text
from abcnet.storage import install
from abcnet.storage.install import Install, from_checkout, source_checkout
from abcnet.storage.layout import BUILD_DIR
from abcnet.storage.scaffold import data_dir, data_file, data_tree, network_files

DATA = Path(__file__).parent / "data" / "imports"
TODAY = "2026-11-25"
#: abc/data/site and abc/data/mkdocs.yml are symbolic links to site/ and mkdocs.yml, and
#: .abc/*.schema.json links to abc/data/, so there is nothing to keep in step by hand.
REFRESH = (
    "abc/data/site, abc/data/mkdocs.yml and .abc/*.schema.json should be symbolic links: "
    "ln -s ../../site abc/data/site; ln -s ../../mkdocs.yml abc/data/mkdocs.yml; "
    "ln -s ../abc/data/contact.schema.json ../abc/data/settings.schema.json .abc/"
)
FILES = [
    ".abc/contact.schema.json",
    ".abc/mkdocs_hook.py",
    ".abc/settings.schema.json",
    ".github/workflows/publish.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "abc.yaml",
    "contacts/ada-example.yaml",
    "inbox/README.md",
    "mkdocs.yml",
]


#: How the tests' abc says it was installed, whatever this checkout's remotes are.
PINNED = Install("git+https://github.com/o/abc@" + "ab12" * 10)


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """A git identity for the first commit, whatever the machine's git config says; and
    how abc was installed, whatever this checkout's remotes are."""
    for kind in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{kind}_NAME", "Test Person")
        monkeypatch.setenv(f"GIT_{kind}_EMAIL", "test@example.org")
    monkeypatch.setattr(install, "how_installed", lambda version: PINNED)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"NO_COLOR": "1", "ABC_TODAY": TODAY})


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


def site_files() -> list[str]:
    return [f"site/{rel}" for rel in data_tree("site")]


PUBLISH_STEPS = """\
To publish (site/getting-started.md, step 9, has each step), push it to a
private repository (gh repo create network --private --source . --push), then
choose where the workflow deploys, one of:
  - GitHub Pages of this repository (a paid plan for a private one): Settings ›
    Pages › Build and deployment › Source: GitHub Actions;
  - a second, public repository that receives only the output (the free plan):
    gh variable set ABC_DEPLOY_REPOSITORY --body you/network-site, and the private
    half of a deploy key with write access there as the secret ABC_DEPLOY_KEY.
The calendar (names only) at a secret address, once:
  python3 -c "import secrets; print(secrets.token_hex(16))"
  gh secret set ABC_CALENDAR_SECRET   (paste that value; or on GitHub: Settings ›
    Secrets and variables › Actions › New repository secret)
  ABC_SITE_URL=https://you.github.io/REPO ABC_CALENDAR_SECRET=... abc calendar --url
    prints the address to subscribe to. No page links to it; anyone with it can
    read the names. To change it, set a new value: the next run publishes the new
    address, and the old one is gone (each deploy replaces the whole site).
The pocket (today's people and Log it, on your phone), encrypted, once:
  python3 -c "import secrets; print(secrets.token_urlsafe(18))"
  gh secret set ABC_POCKET_PASSPHRASE   (paste it; 16 characters or more; keep it
    in your password manager: it is what you type on the phone)
  abc pocket --url prints its address and what must be true before it works.
"""


def test_init_creates_a_private_network_with_a_first_commit(tmp_path: Path) -> None:
    target = tmp_path / "network"
    result = invoke("init", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == (
        f"Created a new network in {target}:\n"
        "  contacts/                      one example person (ada-example.yaml): edit or delete it\n"
        "  abc.yaml                       settings: set your timezone\n"
        "  inbox/                         where the pocket's Log it puts touches for abc inbox\n"
        "  site/, mkdocs.yml              strategy pages for abc site build\n"
        "  .abc/                          schemas so editors complete and check the YAML files\n"
        "  .pre-commit-config.yaml        runs abc check before each commit (pre-commit install)\n"
        "  .github/workflows/publish.yml  logs inbox/, publishes the public site, calendar and "
        "pocket\n"
        "Made it a git repository, with a first commit.\n"
        "\n"
        "Keep this repository private: it will hold names, emails, phones and notes.\n"
        "GitHub Pages sites are public, even from a private repository: the workflow "
        "publishes only abc site build --public (strategies and aggregate stats; no names, "
        "emails, phones or notes), and, once you set their secrets, the calendar (names "
        "only) at a secret address and the pocket, encrypted.\n"
        "\n"
        f"{PUBLISH_STEPS}"
        "\n"
        "Next:\n"
        f"  cd {target}\n"
        "  abc import linkedin ~/Downloads/Connections.csv   (--dry-run to see first)\n"
        "  abc today\n"
    )
    committed = git(target, "ls-files").splitlines()
    assert committed == sorted(FILES + site_files())
    assert git(target, "log", "--format=%s").splitlines() == ["Start a network with abc"]
    assert git(target, "status", "--porcelain") == ""
    assert git(target, "branch", "--show-current").strip() == "main"

    # The new network is valid as it stands, and abc finds it from inside.
    check = CliRunner().invoke(cli, ["-C", str(target), "check"], env={"ABC_TODAY": TODAY})
    assert check.exit_code == 0
    assert check.stderr == "The one contact file is valid.\n"
    assert "Never contacted (1):\n  Ada Example  contacts/ada-example.yaml\n" in check.stdout


def test_the_inbox_folder_is_there_before_the_first_log_it_and_its_readme_is_no_entry(
    tmp_path: Path,
) -> None:
    target = tmp_path / "network"
    assert invoke("init", str(target)).exit_code == 0
    readme = (target / "inbox" / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# inbox/\n\nThe pocket's **Log it** button adds a small file")
    assert "Only the `.yaml` and `.yml` files here, or in a folder inside this one" in readme
    assert "inbox/README.md" in git(target, "ls-files").splitlines()
    for args in (["inbox"], ["inbox", "--apply"]):
        result = CliRunner().invoke(cli, ["-C", str(target), *args], env={"ABC_TODAY": TODAY})
        assert (result.exit_code, result.output) == (0, "Nothing waits in inbox/.\n"), args
    check = CliRunner().invoke(cli, ["-C", str(target), "check"], env={"ABC_TODAY": TODAY})
    assert check.exit_code == 0
    assert "inbox" not in check.output
    checked = CliRunner().invoke(
        cli, ["-C", str(target), "check", "--json"], env={"ABC_TODAY": TODAY}
    )
    assert '"inbox": 0,' in checked.stdout
    assert git(target, "status", "--porcelain") == ""


def test_the_example_contact_and_the_settings_point_at_their_schemas(tmp_path: Path) -> None:
    files = network_files(date(2026, 11, 25), __version__)
    example = files["contacts/ada-example.yaml"].decode()
    settings = files["abc.yaml"].decode()
    assert example.splitlines()[0] == "# yaml-language-server: $schema=../.abc/contact.schema.json"
    assert settings.splitlines()[0] == "# yaml-language-server: $schema=.abc/settings.schema.json"
    assert "  date: 2026-11-25\n" in example
    for text, name in ((example, "contact"), (settings, "settings")):
        schema = json.loads(files[f".abc/{name}.schema.json"])
        data, problems = load_text(text, name, "safe")
        assert problems == []
        assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert (
        files[".gitignore"]
        == b"# generated by abc: the calendar and the site (abc calendar, abc site build)\n/build/\n# abc's parse cache\n/.abc-cache/\n"
    )


def test_the_secrets_and_variables_init_names_are_the_workflows_and_the_guides() -> None:
    """Each secret and variable the next steps name is one the workflow reads and step 9
    of the getting-started guide explains, and the workflow reads no other."""
    import re

    from abcnet.storage.scaffold import data_file

    workflow = data_file("init/publish.yml").decode("utf-8")
    guide = data_file("site/getting-started.md").decode("utf-8")
    named = set(re.findall(r"\b(ABC_[A-Z_]+)\b", PUBLISH_STEPS))
    assert named == {
        "ABC_DEPLOY_REPOSITORY",
        "ABC_DEPLOY_KEY",
        "ABC_CALENDAR_SECRET",
        "ABC_SITE_URL",
        "ABC_POCKET_PASSPHRASE",
    }
    read = set(re.findall(r"\$\{\{ (?:secrets|vars)\.(ABC_[A-Z_]+) \}\}", workflow))
    # ABC_DEPLOY_BRANCH has a default, and the guide names it; the steps need not.
    assert read == named | {"ABC_DEPLOY_BRANCH"}
    for name in named:
        assert name in guide, name
    for secret in ("ABC_DEPLOY_KEY", "ABC_CALENDAR_SECRET", "ABC_POCKET_PASSPHRASE"):
        assert f"secrets.{secret}" in workflow, secret
        assert re.search(rf"(secret|gh secret set) {secret}\b", PUBLISH_STEPS), secret
    assert "vars.ABC_DEPLOY_REPOSITORY" in workflow


def test_init_never_writes_into_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    result = invoke("init", str(tmp_path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"abc: {tmp_path} is not empty; abc init only creates a new network in a new or empty "
        "folder (nothing was written)\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    path = tmp_path / "network"
    path.write_text("")
    result = invoke("init", str(path))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for 'FOLDER': Directory '{path}' is a file.\n"
    )
    assert path.read_text() == ""


def test_init_into_an_empty_folder_and_without_git(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path), "--no-git")
    assert result.exit_code == 0, result.output
    assert "Not a git repository yet (--no-git).\n" in result.stdout
    assert not (tmp_path / ".git").exists()
    assert (tmp_path / "contacts" / "ada-example.yaml").is_file()


def test_init_without_git_installed_still_writes_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = invoke("init", str(tmp_path / "network"))
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "abc: git: git is not available (No such file or directory); commit the files "
        "yourself (git add -A && git commit)\n"
    )
    assert (tmp_path / "network" / "abc.yaml").is_file()


def test_the_publish_workflow_publishes_only_the_public_build(tmp_path: Path) -> None:
    invoke("init", str(tmp_path), "--no-git")
    text = (tmp_path / ".github" / "workflows" / "publish.yml").read_text()
    comments = " ".join(
        line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")
    )
    assert (
        "WARNING: a GitHub Pages site is public on the internet, even when this repository "
        "is private." in comments
    )
    assert (
        "The public build leaves out every name, email address, phone number, note and touch, "
        "the people index and the page of each person." in comments
    )
    flow = YAML(typ="safe").load(text)
    assert flow["permissions"] == {}
    assert flow["env"]["ABC_INSTALL"] == PINNED.spec
    steps = flow["jobs"]["build"]["steps"]
    runs = [s for s in steps if "run" in s]
    assert [s["run"] for s in runs[:3]] == [
        'python -m pip install "$ABC_INSTALL"',
        "abc check",
        "abc site build --public",
    ]  # then the pocket, the calendar, its secret address, the second repository:
    # tests/test_workflow.py runs them
    assert [s.get("env") for s in runs[3:6]] == [
        {"ABC_POCKET_PASSPHRASE": "${{ secrets.ABC_POCKET_PASSPHRASE }}"},
        {
            "ABC_SITE_URL": "${{ vars.ABC_SITE_URL }}",
            "ABC_DEPLOY_REPOSITORY": "${{ vars.ABC_DEPLOY_REPOSITORY }}",
        },
        {"ABC_CALENDAR_SECRET": "${{ secrets.ABC_CALENDAR_SECRET }}"},
    ]
    assert "abc site build --pocket -o build/site/pocket\n" in runs[3]["run"]
    assert runs[4]["run"].endswith("\nabc calendar\n")
    (upload,) = [s for s in steps if "upload-pages-artifact" in s.get("uses", "")]
    assert upload["with"] == {"path": "build/site"}
    assert BUILD_DIR == "build"
    assert "abc site build\n" not in text.replace("abc site build --public", "")


def hook_matches(pattern: str) -> list[str]:
    paths = ["contacts/ada.yaml", "abc.yaml", "README.md", "site/index.md", "x/contacts/a.yaml"]
    return [p for p in paths if re.search(pattern, p)]


def test_the_pre_commit_hooks_run_abc_check(tmp_path: Path) -> None:
    invoke("init", str(tmp_path), "--no-git")
    config = YAML(typ="safe").load((tmp_path / ".pre-commit-config.yaml").read_text())
    (hook,) = config["repos"][0]["hooks"]
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "abc-check",
        "abc check",
        "system",
        False,
    )
    assert hook_matches(hook["files"]) == ["contacts/ada.yaml", "abc.yaml"]
    # And this repository offers the same check to any repository, as a pre-commit hook.
    (offered,) = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert offered == {
        "id": "abc-check",
        "name": "abc check",
        "description": "Check the contact files and abc.yaml of an abc network.",
        "entry": "abc check",
        "language": "python",
        "pass_filenames": False,
        "files": r"^(contacts/|abc\.yaml)",
    }
    assert hook_matches(offered["files"]) == ["contacts/ada.yaml", "abc.yaml"]


def test_the_package_carries_this_repositorys_site_and_mkdocs_yml() -> None:
    ours = {
        p.relative_to(REPO / "site").as_posix(): p.read_bytes()
        for p in sorted((REPO / "site").rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }
    assert data_tree("site") == ours, REFRESH
    assert data_file("mkdocs.yml") == (REPO / "mkdocs.yml").read_bytes(), REFRESH
    for name in ("contact.schema.json", "settings.schema.json"):
        assert (REPO / ".abc" / name).read_bytes() == data_file(name), REFRESH
    assert Path(str(data_dir())).resolve() == (REPO / "abc" / "data").resolve()


def test_a_new_networks_mkdocs_yml_uses_its_own_hook(tmp_path: Path) -> None:
    invoke("init", str(tmp_path), "--no-git")
    config = YAML(typ="safe").load((tmp_path / "mkdocs.yml").read_text())
    assert config["hooks"] == [".abc/mkdocs_hook.py"]
    assert config["docs_dir"] == "site"
    assert config["site_dir"] == "build/site"
    for page in ("strategies/help-first.md", "getting-started.md", "index.md"):
        assert (tmp_path / "site" / page).is_file()


# --- the README's three commands, run as written --------------------------------------


def readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Start your own network", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [cmd.strip() for line in block.splitlines() for cmd in line.split("&&")]


def test_the_readme_shows_three_commands() -> None:
    assert readme_commands() == [
        "abc init ~/network",
        "cd ~/network",
        "abc import linkedin ~/Downloads/Connections.csv",
        "abc calendar",
        "abc site build",
    ]


@pytest.mark.slow
def test_a_newcomer_from_a_linkedin_export_to_a_calendar_and_a_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    (home / "Downloads" / "Connections.csv").write_bytes((DATA / "Connections.csv").read_bytes())
    monkeypatch.chdir(home)
    outputs = []
    for command in readme_commands():
        words = [w.replace("~", str(home)) for w in command.split()]
        if words[0] == "cd":
            monkeypatch.chdir(words[1])
            continue
        assert words[0] == "abc"
        result = invoke(*words[1:])
        assert result.exit_code == 0, (command, result.output)
        outputs.append(result)
    network = home / "network"
    _, imported, calendar, site = outputs
    assert imported.stdout.splitlines()[-1] == (
        "Done: 7 created, 0 updated, 0 unchanged, 3 skipped, 0 merged; 10 rows."
    )
    assert (
        (network / "contacts" / "tomas-ferreira.yaml")
        .read_text()
        .startswith(
            "# yaml-language-server: $schema=../.abc/contact.schema.json\nname: Tomás Ferreira\n"
        )
    )
    assert calendar.stdout.startswith("wrote build/abc.ics: ")
    ics = (network / "build" / "abc.ics").read_text()
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "Ada Example" in ics
    index = network / "build" / "site" / "index.html"
    assert index.is_file()
    assert str(index) in site.stdout
    assert (network / "build" / "site" / "strategies" / "help-first.html").is_file()
    # Everyone imported is in the (private) site's pool page, which People links to.
    people = (network / "build" / "site" / "people" / "index.html").read_text()
    assert 'href="pool.html"' in people
    pool = (network / "build" / "site" / "people" / "pool.html").read_text()
    assert "Tomás Ferreira" in pool
    # And the network is still valid after every step.
    check = invoke("check")
    assert check.exit_code == 0
    assert check.stderr == "All 8 contact files are valid.\n"


# Issue 25: the workflow's first run installs the abc that made it.


def test_abc_run_from_a_clone_pins_its_remote_and_commit(tmp_path: Path) -> None:
    clone = tmp_path / "abc"
    (clone / "abc").mkdir(parents=True)
    (clone / ".git").mkdir()
    (clone / "pyproject.toml").write_text('[project]\nname = "abc-connect"\n', encoding="utf-8")
    assert source_checkout(clone / "abc") == clone
    assert source_checkout(tmp_path / "site-packages" / "abcnet") is None
    (clone / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    assert source_checkout(clone / "abc") is None

    def remote(url: str) -> install.GitLookup:
        return lambda folder: (url, "c0ffee" * 6 + "abcd") if folder == clone else None

    assert from_checkout("0.1.0", clone, remote("git@github.com:me/abc.git")) == Install(
        "git+https://github.com/me/abc.git@" + "c0ffee" * 6 + "abcd"
    )
    assert from_checkout("0.1.0", clone, remote("/home/me/abc")) == Install(
        "abc-connect==0.1.0", by_hand=True
    )
    assert from_checkout("0.1.0", tmp_path, remote("git@github.com:me/abc.git")).by_hand


def test_init_says_when_it_cannot_tell_how_to_install_abc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        install, "how_installed", lambda version: Install("abc-connect==0.1.0", by_hand=True)
    )
    target = tmp_path / "network"
    result = invoke("init", str(target), "--no-git")
    assert result.exit_code == 0
    lines = (target / ".github/workflows/publish.yml").read_text().splitlines()
    n = next(i for i, line in enumerate(lines, 1) if "ABC_INSTALL:" in line)
    assert lines[n - 1] == '  ABC_INSTALL: "abc-connect==0.1.0"'
    assert result.stderr == (
        "abc: the publish workflow cannot tell how to install this abc (it runs from a folder "
        "with no git remote a runner can reach, and may not be on PyPI): before you push, set "
        f"ABC_INSTALL in .github/workflows/publish.yml:{n} to a pip requirement, e.g. "
        "git+https://github.com/OWNER/abc@COMMIT\n"
    )
