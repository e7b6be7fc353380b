"""Pure site generation: stats and contacts → every generated page, by its path.

Nothing here reads files or the clock. The MkDocs hook (``mkdocs/hook.py``) loads the
network and adds what :func:`pages` returns to the build, in memory.

- The public build gets one page, ``stats.md``: what each number means, and, only
  when the settings say ``public_stats: true``, aggregate figures (the rule is in
  :mod:`abcnet.core.publish`, the page in :mod:`.public_stats`), with the same kind
  of figures as ``stats.json`` beside it, for a coach. Nothing in either is about any
  one person, or dated but for the day of the build.
- The private build gets the Today page as its landing page (``index.md``, in
  place of the essay, which the hook keeps as ``about-abc.md``), the full stats
  page, ``people/index.md`` (a table), ``people/pool.md`` when anyone is in the
  pool (one line each, most promising first: they get no page of their own) and one
  page per person who is not in the pool; the person pages are never put in the
  navigation, because every page would then carry every
  name and the build would slow down quadratically.
- The pages are built by :mod:`.today_page`, :mod:`.stats_page`, :mod:`.public_stats` and
  :mod:`.people_pages`, from the text helpers of :mod:`.markup` and the charts of
  :mod:`.svg`; the names other modules and the tests use are importable from here too.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from abcnet.core.history import History
from abcnet.core.model import Network
from abcnet.core.publish import shared_figures
from abcnet.core.stats import compute
from abcnet.formats.shared import FILE as SHARED_FILE
from abcnet.formats.shared import shared_of, to_json

from .markup import esc, unlink_missing
from .people_pages import (
    PEOPLE_DIR,
    POOL_PAGE,
    has_page,
    page_name,
    page_names,
    people_index,
    person_page,
    pool_page,
)
from .public_stats import public_page
from .stats_page import ANCHORS, STATS_PAGE, stats_page
from .svg import hbars, heat_level, heat_ranges
from .today_page import TODAY_PAGE, today_page

#: Where the private build keeps the essay that is the public build's home page.
ESSAY_PAGE = "about-abc.md"

__all__ = [
    "ANCHORS",
    "ESSAY_PAGE",
    "PEOPLE_DIR",
    "POOL_PAGE",
    "STATS_PAGE",
    "TODAY_PAGE",
    "esc",
    "has_page",
    "hbars",
    "heat_level",
    "heat_ranges",
    "page_name",
    "page_names",
    "pages",
    "people_index",
    "person_page",
    "pool_page",
    "public_page",
    "stats_page",
    "today_page",
]


def pages(
    network: Network,
    today: date,
    *,
    public: bool,
    history: History | None = None,
    inbox: int = 0,
    docs: Collection[str] | None = None,
) -> dict[str, str]:
    """Every generated page, by its path under the docs folder.

    Public: the stats page only, with figures when ``public_stats`` is set, and then
    also ``stats.json`` (:mod:`abcnet.formats.shared`), for a coach. Private: Today
    (saying so when ``inbox`` entries wait in ``inbox/``), the full stats page (with
    ``history``, month by month) and the people.

    ``docs``, the pages of the network's docs folder (``site/``) when known: a link
    from the Today or the stats page to a page that is neither there nor generated is
    left as its text (a network made by an older abc may lack a newer strategy page;
    ``abc site update`` adds it).
    """
    result = _pages(network, today, public=public, history=history, inbox=inbox)
    if docs is not None:
        known = {*docs, *result}
        for path in (TODAY_PAGE, STATS_PAGE):
            if path in result:
                result[path] = unlink_missing(result[path], path, known)
    return result


def _pages(
    network: Network, today: date, *, public: bool, history: History | None, inbox: int
) -> dict[str, str]:
    stats = compute(network.contacts, network.settings, today)
    if public:
        if not network.settings.public_stats:
            return {STATS_PAGE: public_page(None)}
        shared = to_json(shared_of(shared_figures(stats), today))
        return {STATS_PAGE: public_page(stats), SHARED_FILE: shared}
    stats = replace(stats, history=history)
    result = {TODAY_PAGE: today_page(network, today, inbox), STATS_PAGE: stats_page(stats)}
    result[f"{PEOPLE_DIR}/index.md"] = people_index(network.contacts, network.settings, today)
    if any(c.in_pool and not c.archived for c in network.contacts):
        result[f"{PEOPLE_DIR}/{POOL_PAGE}.md"] = pool_page(network.contacts, today)
    for c in network.contacts:
        if has_page(c):
            result[f"{PEOPLE_DIR}/{page_name(c.slug)}.md"] = person_page(c, network.settings, today)
    return result
