"""`coach`: a coach's view of several people's practice, from what their public sites share."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .base import echo, resolve_today, today_option, warn


@click.group("coach")
def coach_group() -> None:
    """Follow several people's practice without seeing a name.

    Each client publishes the public build of their site with public_stats: true;
    it then holds stats.json, aggregate figures of the kind its public stats page
    shows (shares of at least 10, the network's size as a range, no names). The
    coach builds one page comparing them, from their addresses or local copies.

    \b
    Examples:
      abc coach init
      abc coach build https://lena.example.org/network ./ravi-site -o coach-site
    """


@coach_group.command("build")
@click.argument("sources", nargs=-1, metavar="SITE_OR_STATS_JSON...")
@click.option(
    "--from",
    "from_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also read the sources listed in this file, one a line (# starts a comment).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("coach-site"),
    show_default=True,
    help="Where to write the site (its index.html).",
)
@click.option(
    "--strict", is_flag=True, help="Exit with 1 when any source cannot be read, not only all."
)
@today_option
def coach_build(
    sources: tuple[str, ...],
    from_file: Path | None,
    output: Path,
    strict: bool,
    today: date | None,
) -> None:
    """Build a page comparing several people's shared figures.

    Each source is a public site (https://..., or its folder on this machine), or
    a stats.json itself (an https:// address or a file). A source that cannot be
    read (a client who stopped sharing, say) is named on the page and on standard
    error, and the others still make the page. The exit code is 1 when none could
    be read, or with --strict when any could not.

    \b
    Examples:
      abc coach build https://lena.example.org/network https://ravi.example.net
      abc coach build --from clients.txt -o coach-site
      abc coach build ./build/site/stats.json
    """
    from abcnet.core.problems import UsageError
    from abcnet.storage.coaching import read_clients
    from abcnet.storage.lock import write_output
    from abcnet.web.coach import INDEX, page

    listed = list(sources)
    if from_file is not None:
        from abcnet.storage.coaching import read_sources

        listed += read_sources(from_file)
    if not listed:
        raise UsageError("no source: name public sites or stats.json files, or --from FILE")
    day = resolve_today(today, None)
    clients, problems = read_clients(listed, Path.cwd())
    index = output / INDEX
    write_output(index, page(clients, problems, day).encode("utf-8"))
    for problem in problems:
        warn(f"abc: {problem}")
    echo(f"wrote {index}: {len(clients)} of {len(listed)} read", err=True)
    if problems and (strict or not clients):
        raise SystemExit(1)


@coach_group.command("init")
@click.argument(
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    required=False,
)
def coach_init(folder: Path) -> None:
    """Write the coach's repository files: a daily workflow and the list of clients.

    The workflow (.github/workflows/coach.yml) installs abc, builds the page from
    the sources in clients.txt every day and deploys it to GitHub Pages. A file
    already there is left as it is.

    \b
    Examples:
      abc coach init
      abc coach init ~/coaching
    """
    from abcnet import __version__
    from abcnet.storage.scaffold import coach_files, write_new

    written = write_new(folder, coach_files(__version__))
    for rel in written:
        echo(f"wrote {rel}")
    if not written:
        echo("nothing to write: the workflow and clients.txt are already there")
    else:
        echo("next: list your clients' sites in clients.txt, commit, and turn on Pages")
