"""Starting out and moving data in: init and import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from abcnet.core.model import CIRCLE_CHOICES, POOL

from .base import (
    NetworkRef,
    Progress,
    echo,
    echo_lines,
    json_option,
    pass_ref,
    print_json,
    resolve_today,
    today_option,
    warn,
)


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--no-git", is_flag=True, help="Do not make the folder a git repository.")
@today_option
def init_cmd(folder: Path, no_git: bool, today: date | None) -> None:
    """Create a new, private network repository in FOLDER.

    Writes contacts/ with one example person, abc.yaml (settings), inbox/ for
    the pocket's Log it, the strategy pages and mkdocs.yml for `abc site build`,
    editor schemas in .abc/, a .gitignore, a .pre-commit-config.yaml that runs
    `abc check`, and a GitHub Actions workflow that logs what inbox/ holds, then
    publishes the public site, the calendar and the encrypted pocket (to GitHub
    Pages, or to a second public repository); then makes it a git repository
    with a first commit. FOLDER must be new or empty: nothing is ever
    overwritten.

    \b
    Examples:
      abc init ~/network
      abc init ~/network --no-git
    """
    from abcnet import __version__
    from abcnet.storage import scaffold
    from abcnet.storage.git import git_init
    from abcnet.storage.install import how_installed
    from abcnet.storage.layout import SCHEMA_DIR

    day = resolve_today(today, None)
    install = how_installed(__version__)
    files = scaffold.network_files(day, __version__, install)
    scaffold.create_network(folder, files)
    echo(f"Created a new network in {folder}:")
    rows = [
        ("contacts/", f"one example person ({scaffold.EXAMPLE_SLUG}.yaml): edit or delete it"),
        ("abc.yaml", "settings: set your timezone"),
        ("inbox/", "where the pocket's Log it puts touches for abc inbox"),
        ("site/, mkdocs.yml", "strategy pages for abc site build"),
        (f"{SCHEMA_DIR}/", "schemas so editors complete and check the YAML files"),
        (".pre-commit-config.yaml", "runs abc check before each commit (pre-commit install)"),
        (scaffold.WORKFLOW, "logs inbox/, publishes the public site, calendar and pocket"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, what in rows:
        echo(f"  {name:<{width}}  {what}")
    if no_git:
        echo("Not a git repository yet (--no-git).")
    else:
        why = git_init(folder, "Start a network with abc")
        if why:
            warn(f"abc: git: {why}; commit the files yourself (git add -A && git commit)")
        else:
            echo("Made it a git repository, with a first commit.")
    if install.by_hand:
        line = scaffold.install_line(files[scaffold.WORKFLOW])
        warn(
            "abc: the publish workflow cannot tell how to install this abc (it runs from a "
            "folder with no git remote a runner can reach, and may not be on PyPI): before "
            f"you push, set ABC_INSTALL in {scaffold.WORKFLOW}:{line} to a pip requirement, "
            "e.g. git+https://github.com/OWNER/abc@COMMIT"
        )
    echo("")
    echo(
        "Keep this repository private: it will hold names, emails, phones and notes.",
        fg="yellow",
    )
    echo(
        "GitHub Pages sites are public, even from a private repository: the workflow "
        "publishes only abc site build --public (strategies and aggregate stats; no names, "
        "emails, phones or notes), and, once you set their secrets, the calendar (names "
        "only) at a secret address and the pocket, encrypted.",
        fg="yellow",
    )
    echo("")
    _publish_steps()
    echo("")
    echo("Next:")
    echo(f"  cd {folder}")
    echo("  abc import linkedin ~/Downloads/Connections.csv   (--dry-run to see first)")
    echo("  abc today")


def _publish_steps() -> None:
    """What to set on GitHub for the workflow to publish, as site/getting-started.md
    (step 9) says it."""
    for line in (
        "To publish (site/getting-started.md, step 9, has each step), push it to a",
        "private repository (gh repo create network --private --source . --push), then",
        "choose where the workflow deploys, one of:",
        "  - GitHub Pages of this repository (a paid plan for a private one): Settings ›",
        "    Pages › Build and deployment › Source: GitHub Actions;",
        "  - a second, public repository that receives only the output (the free plan):",
        "    gh variable set ABC_DEPLOY_REPOSITORY --body you/network-site, and the private",
        "    half of a deploy key with write access there as the secret ABC_DEPLOY_KEY.",
        "The calendar (names only) at a secret address, once:",
        '  python3 -c "import secrets; print(secrets.token_hex(16))"',
        "  gh secret set ABC_CALENDAR_SECRET   (paste that value; or on GitHub: Settings ›",
        "    Secrets and variables › Actions › New repository secret)",
        "  ABC_SITE_URL=https://you.github.io/REPO ABC_CALENDAR_SECRET=... abc calendar --url",
        "    prints the address to subscribe to. No page links to it; anyone with it can",
        "    read the names. To change it, set a new value: the next run publishes the new",
        "    address, and the old one is gone (each deploy replaces the whole site).",
        "The pocket (today's people and Log it, on your phone), encrypted, once:",
        '  python3 -c "import secrets; print(secrets.token_urlsafe(18))"',
        "  gh secret set ABC_POCKET_PASSPHRASE   (paste it; 16 characters or more; keep it",
        "    in your password manager: it is what you type on the phone)",
        "  abc pocket --url prints its address and what must be true before it works.",
    ):
        echo(line)


@click.command("import")
@click.argument("source", type=click.Choice(["linkedin", "google", "vcard"]))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", "-n", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--circle",
    type=click.Choice(CIRCLE_CHOICES),
    default=POOL,
    show_default=True,
    help="Where new people go: the pool (planned by no one until abc triage or abc keep "
    "puts them in a circle), or straight into inner, core or wide. People already in "
    "the network stay where they are.",
)
@click.option(
    "--accept-name-matches",
    is_flag=True,
    help="Treat someone with the same name as a person already here, and no shared email, "
    "LinkedIn URL or phone, as that person: fill only what their file lacks. Without it "
    "they get a new file and the report lists them as possible duplicates.",
)
@json_option
@today_option
@pass_ref
def import_cmd(
    ref: NetworkRef,
    source: str,
    file: Path,
    dry_run: bool,
    circle: str,
    accept_name_matches: bool,
    as_json: bool,
    today: date | None,
) -> None:
    """Import people from LinkedIn, Google Contacts or vCard.

    \b
    SOURCE is one of:
      linkedin  Connections.csv from LinkedIn's data export
      google    a Google Contacts CSV export (current or legacy layout)
      vcard     a .vcf file with one or more cards (vCard 2.1, 3.0 or 4.0)

    Never overwrites anything. People already in the network (the same email,
    LinkedIn URL or phone, and no other LinkedIn URL) only get the fields their
    file lacks and stay in their circle; new people get a file in the pool
    (`circle: pool`: not planned until `abc triage` or `abc keep` keeps them), or
    in --circle. A LinkedIn connection date becomes `met`, not a touch. The whole file is read first: if
    it is malformed, nothing is written. Running the same import again changes
    nothing.

    A name alone is not enough: someone with only the name of a person already
    here gets a new file, listed as a possible duplicate (merge with abc merge
    if they are one person), unless --accept-name-matches. Rows with different
    LinkedIn URLs are different people (john-smith, john-smith-2); rows for the
    same person are merged. The report accounts for every row read.

    \b
    Examples:
      abc import linkedin ~/Downloads/Connections.csv --dry-run
      abc import google contacts.csv --circle core
      abc import vcard contacts.vcf --json
    """
    from abcnet.formats.import_report import plan_json, report_lines
    from abcnet.storage.importing import import_file

    done = import_file(
        ref.root,
        source,
        file,
        resolve_today(today, ref),
        circle=circle,
        accept_name_matches=accept_name_matches,
        dry_run=dry_run,
        progress=Progress("importing", in_bytes=False, lines=True).each,
        notice=warn,
    )
    if as_json:
        print_json(plan_json(done.parsed, done.plan, dry_run=dry_run))
    else:
        echo_lines(report_lines(done.parsed, done.plan, dry_run=dry_run, circle=circle))
