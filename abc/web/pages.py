"""Pure site generation: stats and contacts → every generated page, by its path.

Nothing here reads files or the clock. The MkDocs hook (``hook.py``) loads the
network and adds what :func:`pages` returns to the build, in memory.

- The public build gets the stats page only, which holds aggregate numbers and
  nothing about any one person. The private build adds ``people/index.md`` (a
  table) and one page per person who is not in the pool (the pool has rows in the
  table, under a heading of its own); they are never put in the navigation, because
  every page would then carry every name and the build would slow down
  quadratically.
- The pages are built by :mod:`.stats_page` and :mod:`.people_pages`, from the
  text helpers of :mod:`.markup` and the charts of :mod:`.svg`; the names other
  modules and the tests use are importable from here too.
"""

from __future__ import annotations

from datetime import date

from abcnet.core.model import Network
from abcnet.core.stats import compute

from .markup import esc
from .people_pages import PEOPLE_DIR, has_page, page_name, page_names, people_index, person_page
from .stats_page import ANCHORS, STATS_PAGE, stats_page
from .svg import hbars, heat_level, heat_ranges

__all__ = [
    "ANCHORS",
    "PEOPLE_DIR",
    "STATS_PAGE",
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
    "stats_page",
]


def pages(network: Network, today: date, *, public: bool) -> dict[str, str]:
    """Every generated page, by its path under the docs folder.

    The public build gets the stats page only; the private build adds the people.
    """
    result = {
        STATS_PAGE: stats_page(compute(network.contacts, network.settings, today), public=public)
    }
    if public:
        return result
    result[f"{PEOPLE_DIR}/index.md"] = people_index(network.contacts, network.settings, today)
    for c in network.contacts:
        if has_page(c):
            result[f"{PEOPLE_DIR}/{page_name(c.slug)}.md"] = person_page(c, network.settings, today)
    return result
