"""The daily practice: check, today, plan and stats."""

from __future__ import annotations

from datetime import date

import click

from .base import (
    NetworkRef,
    echo_lines,
    json_option,
    load,
    pass_ref,
    print_json,
    resolve_today,
    today_option,
)


@click.command()
@click.option("--strict", is_flag=True, help="Also fail (exit 1) when someone is overdue.")
@click.option(
    "--all", "show_all", is_flag=True, help="List everyone, not the first 10 of each list."
)
@json_option
@today_option
@pass_ref
def check(ref: NetworkRef, strict: bool, show_all: bool, as_json: bool, today: date | None) -> None:
    """Check every contact file and report the cadence.

    Reports every problem in every file as FILE:LINE: FIELD: MESSAGE, then who is
    overdue, who is due in the next 7 days, who was never contacted and who is
    snoozed (each list with its count and the first 10, or everyone with --all),
    how many wait in the pool, and whether the daily quota can keep everyone within
    cadence; when it cannot, how many it can and the moves that choose who.

    Exits 0 when the data is valid, 1 when a file has problems (or, with --strict,
    when someone is overdue).

    \b
    Examples:
      abc check
      abc check --strict --today 2026-01-31
      abc check --all
      abc check --json
    """
    from .quick import check_network

    code = check_network(ref, strict=strict, show_all=show_all, as_json=as_json, today=today)
    if code:
        click.get_current_context().exit(code)


@click.command()
@json_option
@today_option
@pass_ref
def today(ref: NetworkRef, as_json: bool, today: date | None) -> None:
    """Who to reach out to today, and why.

    Shows today's people (the daily quota, 2 by default): why each is due, how to
    reach them, the last touch and a one-line opener that fits the history.
    People you already reached out to today count against the quota.

    \b
    Examples:
      abc today
      abc today --json
    """
    from abcnet.core.plan import plan
    from abcnet.formats.opener import opener
    from abcnet.formats.report import today_json, today_lines

    day = resolve_today(today, ref)
    network = load(ref, day)
    p = plan(network.contacts, network.settings, day, days=30)
    openers = [opener(e.contact, e.last, day) for e in p.days[0].entries]
    if as_json:
        print_json(today_json(p, openers))
    else:
        echo_lines(today_lines(p, openers, network.settings.minutes))


@click.command("plan")
@click.option(
    "--days",
    "-n",
    type=click.IntRange(1, 3660),
    default=14,
    show_default=True,
    help="How many days ahead, today included.",
)
@json_option
@today_option
@pass_ref
def plan_cmd(ref: NetworkRef, days: int, as_json: bool, today: date | None) -> None:
    """The outreach plan for the days ahead.

    Each day gets at most the daily quota of people: first whoever is furthest
    behind for their cadence (the closer circle first among equals; someone never
    contacted counts as half a cadence behind at most), then whoever falls due
    soonest, so nobody goes overdue when the quota allows it. People in the pool
    are never planned.

    \b
    Examples:
      abc plan
      abc plan --days 28 --json
    """
    from abcnet.core.plan import plan
    from abcnet.formats.report import plan_json, plan_lines

    day = resolve_today(today, ref)
    network = load(ref, day)
    p = plan(network.contacts, network.settings, day, days=days)
    if as_json:
        print_json(plan_json(p))
    else:
        echo_lines(plan_lines(p))


@click.command("stats")
@json_option
@today_option
@pass_ref
def stats_cmd(ref: NetworkRef, as_json: bool, today: date | None) -> None:
    """The headline numbers of your practice, as on the site's stats page.

    Network size by circle, coverage (the share of people within their cadence),
    overdue and never-contacted counts, the daily-quota streak, gives and asks,
    how often you were one step ahead, and the burstiness flag. "The year" is the
    365 days up to today.

    \b
    Examples:
      abc stats
      abc stats --json
      abc stats --today 2026-06-30
    """
    from abcnet.core.stats import compute
    from abcnet.formats import stats

    day = resolve_today(today, ref)
    network = load(ref, day)
    result = compute(network.contacts, network.settings, day)
    if as_json:
        print_json(stats.as_json(result))
    else:
        echo_lines(stats.summary_lines(result))
