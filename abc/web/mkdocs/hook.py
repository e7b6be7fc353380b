"""The MkDocs hook: adds the generated pages to the build, in memory. Thin on purpose.

Referenced from ``mkdocs.yml`` as ``hooks: [abc/web/mkdocs/hook.py]``. MkDocs loads this
file by its path, so it imports the package by its installed name, ``abcnet``.

- The network is the folder that holds ``mkdocs.yml``; today is ``extra.abc_today``
  (set by ``abc site build --today``), else ``ABC_TODAY``, else today in the
  network's time zone (its ``timezone`` setting, UTC by default).
- The build is public when ``extra.abc_public`` is true (``abc site build --public``
  sets it) or ``ABC_SITE_PUBLIC`` is 1/true/yes. A public build never generates a
  page about a person, so nothing has to be excluded afterwards.
- A private build also publishes the outreach calendar (names only) as ``abc.ics``
  at the top of the site, and its stats page goes month by month through the git
  history of ``contacts/``. A public build has neither: the calendar names people.
  With ``public_stats: true`` it has ``stats.json`` beside its stats page.
- The navigation follows the build. Private: *Today* (the generated ``index.md``),
  *People* and *Stats*, the pages used every day, then *Guide* with everything else
  the configured navigation has, the essay Today replaces first, as *About ABC*
  (``about-abc.md``). Public: the *Stats*
  entry goes unless the settings say ``public_stats: true``; the page itself is
  still built, saying what each number means, because the strategy pages link to
  its sections. So no page links to a file the build leaves out.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from abcnet.core.model import Network, check_year
from abcnet.core.problems import AbcError
from abcnet.core.words import files_have
from abcnet.storage import clock
from abcnet.storage.contacts import load_settings
from abcnet.storage.gitlog import network_history
from abcnet.storage.layout import SETTINGS_FILE, waiting
from abcnet.storage.network import load_network, without_broken
from abcnet.web import pages
from abcnet.web.mkdocs import build, pagecache, rawhtml
from abcnet.web.mkdocs.pagecache import PageCache

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.hooks.abc")

TRUE = ("1", "true", "yes", "on")
CALENDAR_FILE = "abc.ics"

#: The previous calendar, read by on_pre_build for on_files of the same build.
_loaded: dict[str, bytes | None] = {}
#: The pages this build generates, by path; while one is converted, its Markdown (after
#: the front matter) and the raw HTML blocks taken out of it (see :mod:`.rawhtml`).
_generated: set[str] = set()
_stashed: dict[str, tuple[str, list[str]]] = {}
#: What MkDocs made of the generated pages at the last build (see :mod:`.pagecache`).
_cache: dict[str, PageCache] = {}
#: The generated files a dirty build (``abc site serve``) leaves as they are.
_unchanged: set[str] = set()
#: The files of the build under way, for on_post_build.
_files: dict[str, Files] = {}


def is_public(config: MkDocsConfig) -> bool:
    flag = config.extra.get("abc_public")
    env = os.environ.get("ABC_SITE_PUBLIC", "").strip().lower()
    return flag is True or str(flag).lower() in TRUE or env in TRUE


def today_of(config: MkDocsConfig) -> date:
    """``extra.abc_today``, else ``ABC_TODAY``, else the network's today (its ``shown_as_of``,
    or the date in its time zone)."""
    text = config.extra.get("abc_today") or os.environ.get("ABC_TODAY")
    if not text:
        try:
            return clock.network_today(root_of(config))
        except AbcError as e:
            raise PluginError(f"abc: {e.message}") from e
    try:
        day = date.fromisoformat(str(text).strip())
    except ValueError as e:
        raise PluginError(f"abc: {text!r} is not a date; use YYYY-MM-DD") from e
    out_of_range = check_year(day)
    if out_of_range is not None:
        raise PluginError(f"abc: {out_of_range}")
    return day


def root_of(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


NavItem = str | dict[str, object]


def _target(item: NavItem) -> object:
    return next(iter(item.values())) if isinstance(item, dict) else item


def private_nav(nav: list[NavItem], *, essay: bool = True) -> list[NavItem]:
    """Today · People · Stats · Guide: the private build is a tool first, so the three
    pages used every day come first and every other entry of ``nav`` (the strategies,
    the reference, the essay first when there is one) goes under Guide.

    >>> nav = private_nav([{"Home": "index.md"}, {"Stats": "stats.md"}, {"Sync": "sync.md"}])
    >>> nav[:3]
    [{'Today': 'index.md'}, {'People': 'people/index.md'}, {'Stats': 'stats.md'}]
    >>> nav[3]
    {'Guide': [{'About ABC': 'about-abc.md'}, {'Sync': 'sync.md'}]}
    """
    daily = (pages.TODAY_PAGE, pages.STATS_PAGE)
    guide: list[NavItem] = [{"About ABC": pages.ESSAY_PAGE}] if essay else []
    guide += [item for item in nav if _target(item) not in daily]
    top: list[NavItem] = [
        {"Today": pages.TODAY_PAGE},
        {"People": f"{pages.PEOPLE_DIR}/index.md"},
        {"Stats": pages.STATS_PAGE},
    ]
    return [*top, {"Guide": guide}] if guide else top


def public_nav(nav: list[NavItem], *, public_stats: bool) -> list[NavItem]:
    """Without public stats, no Stats entry (the page is there, for the links)."""
    if public_stats:
        return nav
    return [item for item in nav if _target(item) != pages.STATS_PAGE]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if config.nav is None:
        return config
    if not is_public(config):
        essay = (Path(config.docs_dir) / pages.TODAY_PAGE).is_file()
        config.nav = private_nav(config.nav, essay=essay)
    else:
        settings, _problems = load_settings(root_of(config))
        config.nav = public_nav(config.nav, public_stats=settings.public_stats)
    return config


def on_serve(
    server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
) -> LiveReloadServer:
    # contacts/ is in mkdocs.yml's watch list; the settings file is optional, and a
    # watch entry that does not exist is a configuration error, so it is added here.
    settings = root_of(config) / SETTINGS_FILE
    if settings.is_file():
        server.watch(str(settings))
    build.native_watcher(server)
    return server


def on_pre_build(*, config: MkDocsConfig) -> None:
    # Read the calendar of the last build before the site folder is cleaned, so
    # unchanged events keep their stamps and sequence numbers.
    path = Path(config.site_dir) / CALENDAR_FILE
    _loaded["previous_ics"] = path.read_bytes() if path.is_file() else None


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    root = root_of(config)
    today = today_of(config)
    public = is_public(config)
    network, bad = without_broken(*load_network(root, today))
    if bad:
        log.warning(f"abc: {files_have(len(bad))} problems (run abc check); they were left out")
    # The private stats page goes month by month through git; the public one never does.
    history = None if public else network_history(root, network, today)
    inbox = 0 if public else waiting(root)
    docs = {f.src_uri for f in files}
    generated = pages.pages(network, today, public=public, history=history, inbox=inbox, docs=docs)
    essay = files.get_file_from_path(pages.TODAY_PAGE)
    if not public and essay is not None:
        generated[pages.ESSAY_PAGE] = essay.content_string
    out_of_nav = public and not network.settings.public_stats
    _generated.clear()
    _generated.update(generated)
    _cache["pages"] = PageCache(root, "public" if public else "private")
    for path, content in generated.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        inclusion = (
            InclusionLevel.NOT_IN_NAV
            if path.startswith(f"{pages.PEOPLE_DIR}/") or out_of_nav
            else InclusionLevel.UNDEFINED
        )
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    contents: dict[str, str | bytes] = dict(generated)
    if not public:
        data = calendar_bytes(network, today, _loaded.pop("previous_ics", None))
        files.append(File.generated(config, CALENDAR_FILE, content=data))
        contents[CALENDAR_FILE] = data
    _unchanged.clear()
    if pagecache.serving["dirty"]:
        _unchanged.update(pagecache.mark_unchanged(config, files, contents))
    return files


def calendar_bytes(network: Network, today: date, previous: bytes | None) -> bytes:
    """The names-only calendar of the plan from ``today``."""
    from abcnet.formats import ics

    return ics.network_feed(network, today, private=False, previous=previous).data


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    _files["files"] = files
    cache = _cache.get("pages")
    if cache is not None:
        cache.start(config, files)
        _index_through(cache, config)
    return nav


def _index_through(cache: PageCache, config: MkDocsConfig) -> None:
    """Have the search plugin index a generated page through the cache."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        add = getattr(index, "add_entry_from_context", None)
        if isinstance(entries, list) and callable(add):
            indexed = _indexer(cache, add, entries)
            setattr(index, "add_entry_from_context", indexed)  # noqa: B010
            return


def _indexer(
    cache: PageCache, add: Callable[[Page], None], entries: list[object]
) -> Callable[[Page], None]:
    return lambda page: cache.index(page, add, entries)


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A generated page is what it was at the last build, or goes to Markdown without
    its raw HTML blocks, which it would only pass through (:func:`on_page_content`
    puts them back)."""
    if page.file.src_uri not in _generated:
        return markdown
    cache = _cache.get("pages")
    if cache is not None and cache.take(page, markdown):
        return markdown
    text, blocks = rawhtml.stash(markdown)
    _stashed[page.file.src_uri] = (markdown, blocks)
    return text


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    stashed = _stashed.pop(page.file.src_uri, None)
    if stashed is None:
        return html
    markdown, blocks = stashed
    whole = rawhtml.unstash(html, blocks)
    if whole is not None:
        page.present_anchor_ids = (page.present_anchor_ids or set()) | rawhtml.anchor_ids(blocks)
    else:
        # A placeholder did not come through as it went in: convert the page as it is.
        page.markdown = markdown
        page.render(config, files)
        whole = page.content or ""
    page.content = whole
    cache = _cache.get("pages")
    if cache is not None:
        cache.keep(page, files)
    return whole


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    """The theme's templates compiled once in a process (``abc site serve``)."""
    return pagecache.with_template_cache(env)


@event_priority(100)  # before the search plugin writes its index
def on_post_build(*, config: MkDocsConfig) -> None:
    cache = _cache.pop("pages", None)
    if cache is not None:
        cache.save(_unchanged)
    files = _files.pop("files", None)
    if pagecache.serving["dirty"] and files is not None:
        pagecache.served(config, files)
