"""What abc makes from the network: the calendar, the site, a vCard export."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import click

from abcnet.core.words import plural

from .base import (
    NetworkRef,
    commit_option,
    echo,
    load,
    pass_ref,
    resolve_today,
    shown,
    today_option,
    warn,
)
from .commits import Commit


@click.command("calendar")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the calendar. Default: build/abc.ics in the network "
    "(build/abc-private.ics with --private).",
)
@click.option(
    "--private/--names-only",
    default=None,
    help="Put emails, phones and notes in the events, or names only "
    "(default: the `private` setting, which is off).",
)
@click.option(
    "--url",
    "show_url",
    is_flag=True,
    help="Print the secret addresses where the publish workflow puts the calendar "
    "(https:// and webcal://); write nothing.",
)
@click.option(
    "--site-url",
    envvar="ABC_SITE_URL",
    default=None,
    help="The site's address, e.g. https://you.github.io/network (or ABC_SITE_URL).",
)
@click.option(
    "--secret",
    envvar="ABC_CALENDAR_SECRET",
    default=None,
    help="The repository secret ABC_CALENDAR_SECRET's value (or ABC_CALENDAR_SECRET).",
)
@click.option(
    "--pocket-url",
    envvar="ABC_POCKET_URL",
    default=None,
    help="Link each day's event to the pocket at this https:// address (or ABC_POCKET_URL); "
    "the publish workflow sets it when it publishes a pocket.",
)
@today_option
@pass_ref
def calendar_cmd(
    ref: NetworkRef,
    output: Path | None,
    private: bool | None,
    show_url: bool,
    site_url: str | None,
    secret: str | None,
    pocket_url: str | None,
    today: date | None,
) -> None:
    """Write the outreach plan as an .ics calendar to subscribe to.

    One event per day at reminder_time in the settings' time zone, naming the
    people to reach and why, for horizon days ahead (4 weeks by default), plus
    a yearly all-day event for each birthday (setting: birthdays).

    Names only by default. With --private the events also carry emails, phones
    and notes, and the file goes to build/abc-private.ics unless you say
    otherwise, so the published calendar never has them by accident.

    Run it after every change: an event keeps its UID, and its SEQUENCE rises
    only when it changes, so subscribed calendars update instead of duplicating.

    The publish workflow puts the names-only file at a secret address when the
    repository has the secret ABC_CALENDAR_SECRET; --url prints that address.

    \b
    Examples:
      abc calendar
      abc calendar --private -o ~/Calendars/abc.ics
      abc calendar --today 2026-11-25
      ABC_SITE_URL=https://you.github.io/network abc calendar --url
    """
    if show_url:
        _echo_addresses(site_url, secret)
        return
    from abcnet.core.problems import UsageError
    from abcnet.formats import ics
    from abcnet.storage.atomic import read_output
    from abcnet.storage.layout import BUILD_DIR
    from abcnet.storage.lock import write_output

    pocket_url = (pocket_url or "").strip() or None
    if pocket_url is not None and not re.fullmatch(r"https://[^\s\"<>]+", pocket_url):
        raise UsageError(f"--pocket-url must be an https:// address, not {pocket_url!r}")
    day = resolve_today(today, ref)
    network = load(ref, day)
    settings = network.settings
    private = settings.private if private is None else private
    name = "abc-private.ics" if private else "abc.ics"
    path = output if output is not None else ref.root / BUILD_DIR / name
    where = str(output) if output is not None else f"{BUILD_DIR}/{name}"
    feed = ics.network_feed(
        network, day, private=private, previous=read_output(path), pocket=pocket_url
    )
    write_output(path, feed.data)
    echo(ics.written_line(feed, where, birthdays=settings.birthdays))


def _echo_addresses(site_url: str | None, secret: str | None) -> None:
    from abcnet.core.problems import UsageError
    from abcnet.storage.scaffold import calendar_addresses

    missing = []
    if not site_url:
        missing.append("ABC_SITE_URL to the site's address (e.g. https://you.github.io/network)")
    if not secret:
        missing.append("ABC_CALENDAR_SECRET to the value of the repository secret of that name")
    if missing:
        raise UsageError(
            "--url needs the site's address and the calendar secret: set "
            + " and ".join(missing)
            + " (or pass --site-url and --secret)"
        )
    assert site_url and secret
    for address in calendar_addresses(site_url, secret):
        echo(address)
    for line in URL_NOTES:
        echo(line, err=True)


#: What must be true for the addresses `abc calendar --url` prints to work (on standard
#: error, so the addresses alone can be piped or copied).
URL_NOTES = (
    "These work once the publish workflow has run with Pages on and the secret set:",
    "  - Pages on: Settings > Pages > Build and deployment > Source: GitHub Actions (or,",
    "    on the free plan, a second public repository: see site/getting-started.md);",
    "  - the repository secret ABC_CALENDAR_SECRET holds this same value;",
    "  - then a push (or Actions > publish > Run workflow) puts the calendar there.",
    "GitHub never shows a secret again once it is set, so keep this value (in your",
    "password manager, say); lost, set a new one and subscribe again.",
    "More, with each calendar app's steps: site/calendar.md, or Calendar in your site.",
)


@click.command("pocket")
@click.option(
    "--url",
    "show_url",
    is_flag=True,
    help="Print the address where the publish workflow puts the pocket, and what must be "
    "true before it works; write nothing.",
)
@click.option(
    "--site-url",
    envvar="ABC_SITE_URL",
    default=None,
    help="The site's address, e.g. https://you.github.io/network (or ABC_SITE_URL).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the pocket. Default: build/pocket in the network.",
)
@today_option
@pass_ref
def pocket_cmd(
    ref: NetworkRef, show_url: bool, site_url: str | None, output: Path | None, today: date | None
) -> None:
    """Build the pocket for your phone, or print its address (--url).

    Without --url it builds the pocket, as abc site build --pocket does. With
    --url it prints the address where the publish workflow puts it, and what
    must be true before that address works. The site's address is --site-url
    (or ABC_SITE_URL), else, in the workflow, GitHub Pages' address for the
    repository it publishes from.

    \b
    Examples:
      ABC_POCKET_PASSPHRASE=... abc pocket
      ABC_SITE_URL=https://you.github.io/network abc pocket --url
    """
    if not show_url:
        _pocket(ref, False, output, today)
        return
    import os

    from abcnet.core.problems import UsageError
    from abcnet.formats.pocket import pocket_url_lines, site_address
    from abcnet.storage.scaffold import pocket_address

    site_url = site_url or site_address(os.environ)
    if not site_url:
        raise UsageError(
            "--url needs the site's address: set ABC_SITE_URL to it "
            "(e.g. https://you.github.io/network) or pass --site-url"
        )
    echo(pocket_address(site_url))
    for line in pocket_url_lines():
        echo(line, err=True)


@click.group("site")
def site_group() -> None:
    """Build or preview the site: the strategies and your stats.

    The private build (the default) adds a page per person; the public build
    (--public) has no names, emails, phones or notes anywhere.

    \b
    Examples:
      abc site build
      abc site build --public -o public-site
      abc site serve
      abc site update --dry-run
    """


@site_group.command("build")
@click.option(
    "--public", is_flag=True, help="Leave out every person: safe to publish (e.g. GitHub Pages)."
)
@click.option(
    "--pocket",
    is_flag=True,
    help="Build the pocket instead: today, the next days and everyone kept, encrypted "
    "with ABC_POCKET_PASSPHRASE, for a phone (default folder: build/pocket).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site. Default: build/site in the network (build/pocket with "
    "--pocket).",
)
@today_option
@pass_ref
def site_build(
    ref: NetworkRef, public: bool, pocket: bool, output: Path | None, today: date | None
) -> None:
    """Build the site and print where its index.html is.

    Needs mkdocs.yml and site/ beside contacts/ (as in the abc repository).
    Stats are generated from contacts/ as of today; the private build also has
    a page per person and the names-only calendar as abc.ics.

    With --pocket it builds the pocket: one page for a phone with today's people,
    the next 7 days and a card for everyone kept, all of it encrypted (AES-256-GCM,
    the key from the passphrase in ABC_POCKET_PASSPHRASE, at least 16 characters),
    safe to publish. Log it on each person opens GitHub's new-file page for inbox/
    in GITHUB_REPOSITORY (in the workflow) or the repo setting.

    \b
    Examples:
      abc site build
      abc site build --public -o public-site
      abc site build --today 2026-11-25
      ABC_POCKET_PASSPHRASE=... abc site build --pocket
    """
    if pocket:
        _pocket(ref, public, output, today)
        return
    import logging

    from abcnet.web.mkdocs import build as sitebuild

    class OneLine(logging.Formatter):
        """MkDocs' warnings, one line each; abc's own hook already says ``abc:``."""

        def format(self, record: logging.LogRecord) -> str:
            message = record.getMessage()
            return shown(message if message.startswith("abc:") else f"mkdocs: {message}")

    day = resolve_today(today, ref)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(OneLine())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        index = sitebuild.build(ref.root, public=public, today=day, site_dir=output)
    finally:
        logger.removeHandler(handler)
    if public:
        from abcnet.storage.contacts import load_settings

        what = (
            "strategies and aggregate stats"
            if load_settings(ref.root)[0].public_stats
            else ("strategies only")
        )
        echo(f"public build: {what}, no personal data", err=True)
    else:
        echo("private build: it names your contacts; do not publish it", fg="yellow", err=True)
    echo(str(index))


def _pocket(ref: NetworkRef, public: bool, output: Path | None, today: date | None) -> None:
    import os

    from abcnet.core.problems import UsageError
    from abcnet.formats import pocket
    from abcnet.storage import pocket as files
    from abcnet.web.pocket import FILES
    from abcnet.web.pocket import files as pocket_files

    if public:
        raise UsageError("--pocket and --public are two builds; give one of them")
    passphrase = os.environ.get("ABC_POCKET_PASSPHRASE", "")
    why = pocket.passphrase_problem(passphrase)
    if why is not None:
        raise UsageError(why)
    day = resolve_today(today, ref)
    network = load(ref, day)
    repo = pocket.repo_of(os.environ, network.settings.repo)
    if repo is None and network.settings.repo:
        warn(
            f"abc: repo: {network.settings.repo!r} in abc.yaml is not OWNER/NAME or "
            "OWNER/NAME@BRANCH; Log it offers the entries as text"
        )
    data = pocket.bundle(network, day, repo)
    salt, nonce = files.fresh()
    envelope = pocket.seal(
        pocket.plaintext(data), passphrase, salt=salt, nonce=nonce, iterations=pocket.ITERATIONS
    )
    folder = output if output is not None else ref.root / files.POCKET_DIR
    index = files.write(folder, pocket_files(envelope, files.shipped(FILES)))
    echo(pocket.built_line(data, repo), err=True)
    echo(str(index))


@site_group.command("update")
@click.option("--dry-run", "-n", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--show",
    metavar="PATH",
    help="Print abc's version of today of this file (its path, or its name alone), to "
    "compare with yours; write nothing.",
)
@commit_option
@pass_ref
def site_update(ref: NetworkRef, dry_run: bool, show: str | None, commit: bool | None) -> None:
    """Update the files abc init wrote: pages, workflow, schemas, hook.

    abc init writes abc's files into a new network (the pages of site/ and
    mkdocs.yml, the publish workflow, the editor schemas and the MkDocs hook in
    .abc/, README.md, inbox/README.md, .gitignore, .pre-commit-config.yaml),
    which keeps that copy while abc gains pages and fixes. This adds each one the
    network lacks, and replaces each one that is still exactly as some version
    of abc wrote it. A file you changed is never overwritten: it is named, with
    what to do. abc.yaml and your contacts are yours, never touched. A
    mkdocs.yml you changed (site_name, say) is taken key by key: each top-level
    key still as some abc wrote it (nav, with the new pages) becomes abc's, and
    every other line stays yours. The workflow keeps your ABC_INSTALL line and
    the comment above it; one you changed is never replaced, and a missing one
    is not added: abc says what its own adds (jobs, steps, permissions). Each
    file is written atomically; the same network and abc give the same result.

    \b
    Examples:
      abc site update --dry-run
      abc site update
      abc site update --show publish.yml | diff -u .github/workflows/publish.yml -
    """
    from abcnet.formats.site_pages import step_lines, summary
    from abcnet.storage import site_pages
    from abcnet.storage.contacts import load_settings

    if show is not None:
        _path, data = site_pages.abcs_version(ref.root, show)
        click.echo(data, nl=False)
        return
    settings, _problems = load_settings(ref.root)
    committed = Commit(ref, settings, commit, "Bring the files abc init wrote up to date")
    steps = site_pages.update(ref.root, dry_run=dry_run, then=committed.all)
    for step in steps:
        for line in step_lines(step, dry_run=dry_run):
            echo(line)
    committed.report()
    echo(summary(steps, dry_run=dry_run))


@site_group.command("serve")
@click.option("--public", is_flag=True, help="Preview the public build.")
@click.option(
    "-a", "--dev-addr", metavar="IP:PORT", default=None, help="Where to serve (127.0.0.1:8000)."
)
@today_option
@pass_ref
def site_serve(ref: NetworkRef, public: bool, dev_addr: str | None, today: date | None) -> None:
    """Preview the site on this machine, rebuilding when a contact changes.

    Serves on http://127.0.0.1:8000/ until you press Ctrl+C. Editing a file in
    contacts/, abc.yaml or site/ rebuilds the site and reloads the page.

    \b
    Examples:
      abc site serve
      abc site serve --public -a 127.0.0.1:8001
    """
    import logging

    from abcnet.web.mkdocs import build as sitebuild

    class Shown(logging.Formatter):
        """MkDocs' log lines as it prints them, with control characters escaped."""

        def format(self, record: logging.LogRecord) -> str:
            return shown(super().format(record))

    handler = logging.StreamHandler()
    handler.setFormatter(Shown("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    sitebuild.serve(ref.root, public=public, today=today, dev_addr=dev_addr)


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["vcard"]))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: standard output).",
)
@today_option
@pass_ref
def export_cmd(ref: NetworkRef, fmt: str, output: Path | None, today: date | None) -> None:
    """Export every contact as vCard 4.0, in file-name order.

    Carries name, emails, phones, org, role (TITLE), links (URL, with the label
    as TYPE), birthday (with or without a year), tags (CATEGORIES), notes (NOTE)
    and when and how you met (X-ABC-MET-DATE, X-ABC-MET-HOW), so `abc import
    vcard` reads it all back. Not carried: circle, cadence, snooze, archived and
    touches, which are your practice rather than the person's card.

    \b
    Examples:
      abc export vcard -o contacts.vcf
      abc export vcard > contacts.vcf
    """
    from abcnet.formats import vcard
    from abcnet.storage.lock import write_output

    day = resolve_today(today, ref)
    network = load(ref, day)
    text = vcard.cards(network.contacts)
    if output is None:
        echo(text, nl=False)
        return
    write_output(output, text.encode("utf-8"))
    n = len(network.contacts)
    echo(f"wrote {output}: {plural(n, 'card')} (vCard 4.0)", err=True)
