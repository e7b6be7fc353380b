"""What MkDocs made of each generated page, kept in ``.abc-cache/`` by a digest of its input.

Converting a page's Markdown (its HTML, table of contents, title and anchors) and
indexing it for search cost most of a private build, and for a network of
hundreds of people almost every page is the same as at the last build: one
``abc log`` changes one person's page, Today, the stats and the index. So each
generated page's outcome is kept under a digest of everything it depends on: its
Markdown and front matter, its path, the Markdown extensions and their settings,
every file of the site (links are checked against them), and the versions of abc,
MkDocs, Python-Markdown, its extensions and the theme. The next build takes it
from there instead of converting the page again; any change to any of those
converts the page anew. A page whose conversion logged a warning is not kept, so
the warning comes again.

The cache is never the source of truth: a file that cannot be read, or was written
by other code, counts as empty, and one that cannot be written is left as it was.
It is one :mod:`marshal` file, which builds plain values and never runs code, with
only the pages of the last build (it never grows beyond the site).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from abcnet import __version__
from abcnet.storage.atomic import write_file
from abcnet.storage.layout import cache_folder

#: The cache of a build of a kind (``private`` or ``public``), in ``.abc-cache/``.
CACHE_FILE = "site-{}.cache"
#: Bump when what a record holds changes.
FORMAT = 1
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments")

Toc = list[tuple[str, str, int, Any]]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def stamp() -> str:
    """What wrote a cache: this format, abc, Python and the libraries that render."""
    versions = ",".join(f"{n}={_version(n)}" for n in _PACKAGES)
    return f"{FORMAT};abc={__version__};python={sys.version.split()[0]};{versions}"


def site_digest(config: MkDocsConfig, files: Files) -> bytes:
    """Everything outside a page that its conversion depends on."""
    h = hashlib.sha256()
    h.update(repr(config["markdown_extensions"]).encode())
    h.update(repr(sorted((config["mdx_configs"] or {}).items(), key=str)).encode())
    h.update(repr((config.use_directory_urls, config.validation)).encode())
    for f in sorted(files, key=lambda f: f.src_uri):
        h.update(f"{f.src_uri}\0{f.dest_uri}\0{f.inclusion.name}\n".encode())
    return h.digest()


def _toc_out(items: list[AnchorLink]) -> Toc:
    return [(a.title, a.id, a.level, _toc_out(a.children)) for a in items]


def _toc_in(items: Toc) -> list[AnchorLink]:
    out = []
    for title, id_, level, children in items:
        link = AnchorLink(title, id_, level)
        link.children = _toc_in(children)
        out.append(link)
    return out


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs logs, so that a page that caused one is not kept."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PageCache:
    """One build's use of the cache: the records read, and the records this build made."""

    def __init__(self, root: Path, kind: str) -> None:
        self.path = cache_folder(root) / CACHE_FILE.format(kind)
        self.stamp = stamp()
        self.old: dict[str, dict[str, Any]] = self._read()
        self.new: dict[str, dict[str, Any]] = {}
        self.site = b""
        self.warnings = _Warnings()
        self.keys: dict[str, str] = {}
        """The key of each generated page of this build, by path."""
        self._pending: dict[str, tuple[str, int]] = {}

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if not isinstance(data, dict) or data.get("stamp") != self.stamp:
            return {}
        pages = data.get("pages")
        return pages if isinstance(pages, dict) else {}

    def start(self, config: MkDocsConfig, files: Files) -> None:
        self.site = site_digest(config, files)
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def key(self, page: Page, markdown: str) -> str:
        h = hashlib.sha256(self.site)
        meta = sorted(page.meta.items(), key=str)
        h.update(repr((page.file.src_uri, meta)).encode())
        h.update(markdown.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def take(self, page: Page, markdown: str) -> bool:
        """Give ``page`` what MkDocs made of the same input before; False if it must
        be converted (then :meth:`keep` takes the outcome)."""
        key = self.keys[page.file.src_uri] = self.key(page, markdown)
        record = self.old.get(key)
        if record is None:
            self._pending[page.file.src_uri] = (key, self.warnings.count)
            return False
        self.new[key] = record
        setattr(page, "render", _cached_render(page, record))  # noqa: B010
        return True

    def keep(self, page: Page, files: Files) -> None:
        """Keep what MkDocs made of ``page``, unless its conversion logged a warning."""
        pending = self._pending.pop(page.file.src_uri, None)
        if pending is None or self.warnings.count != pending[1]:
            return
        links = {f.src_uri: dict(anchors) for f, anchors in (page.links_to_anchors or {}).items()}
        self.new[pending[0]] = {
            "uri": page.file.src_uri,
            "content": page.content,
            "toc": _toc_out(list(page.toc)),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": links,
        }

    def index(self, page: Page, add: Callable[[Page], None], entries: list[Any]) -> None:
        """Index ``page`` for search with ``add`` (which appends to ``entries``), or
        give it the entries its same content had."""
        key = self.keys.get(page.file.src_uri)
        record = self.new.get(key) if key else None
        if record is None or record.get("content") != page.content:
            add(page)
            return
        if "search" in record and record.get("url") == page.url:
            entries.extend(dict(e) for e in record["search"])
            return
        before = len(entries)
        add(page)
        record["search"] = [dict(e) for e in entries[before:]]
        record["url"] = page.url

    def save(self, unchanged: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        """Write the records of this build, and those of the ``unchanged`` pages, which a
        dirty build (``abc site serve``) did not convert again."""
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        have = {r.get("uri") for r in self.new.values()}
        for key, record in self.old.items():
            uri = record.get("uri")
            if uri in unchanged and uri not in have:
                self.new[key] = record
        data = marshal.dumps({"stamp": self.stamp, "pages": self.new})
        with contextlib.suppress(Exception):
            write_file(self.path, data, sync=False)  # a cache: no fsync


def _cached_render(page: Page, record: dict[str, Any]) -> Callable[[MkDocsConfig, Files], None]:
    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = record["content"]
        page.toc = TableOfContents(_toc_in(record["toc"]))
        page._title_from_render = record["title"]
        page.present_anchor_ids = set(record["anchors"])
        by_uri = {f.src_uri: f for f in files}
        links: dict[File, dict[str, str]] = {}
        for uri, anchors in record["links"].items():
            if uri in by_uri:
                links[by_uri[uri]] = dict(anchors)
        page.links_to_anchors = links

    return render


class _InMemory(BytecodeCache):
    """Compiled templates kept in this process only."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _user_cache() -> BytecodeCache:
    """Jinja's own cache of compiled templates: a folder of this user's alone (Jinja
    checks its owner and permissions), never in the network's folder, where a
    repository could bring code to run; in memory where there is no such folder."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return _InMemory()


#: The theme's compiled templates, made once per process.
_templates: dict[str, BytecodeCache] = {}


def with_template_cache(env: Environment) -> Environment:
    """``env`` with the templates compiled before (Jinja checks each against its source)."""
    if "cache" not in _templates:
        _templates["cache"] = _user_cache()
    env.bytecode_cache = _templates["cache"]
    return env


# Serving: only the pages that changed -----------------------------------------------

#: True while ``abc site serve`` runs: its rebuilds are dirty, and build only the pages
#: whose input changed since the last one (set by :func:`abcnet.web.mkdocs.build.serve`).
serving = {"dirty": False}

#: What the last dirty build of this process built from: its signature, and a digest of
#: each generated file; and the same for the build under way, until it is done.
_served: dict[str, dict[str, Any]] = {"last": {}, "now": {}}


def _signature(config: MkDocsConfig) -> str:
    """What every page depends on: the configuration file and the navigation."""
    h = hashlib.sha256(Path(config.config_file_path or "").read_bytes())
    h.update(repr((config.nav, config.site_dir, stamp())).encode())
    return h.hexdigest()


def mark_unchanged(
    config: MkDocsConfig, files: Files, generated: dict[str, str | bytes]
) -> set[str]:
    """In a dirty build, tell MkDocs which generated files are as the last build made
    them (it then leaves their pages as they are); every file, when the configuration
    or the navigation changed. Returns the paths of the generated files left as they are."""
    last = _served["last"]
    digests = {
        path: hashlib.sha256(
            c.encode("utf-8", "surrogatepass") if isinstance(c, str) else c
        ).hexdigest()
        for path, c in generated.items()
    }
    signature = _signature(config)
    _served["now"] = {"signature": signature, "digests": digests}
    same = last.get("signature") == signature and Path(config.site_dir).is_dir()
    unchanged: set[str] = set()
    for f in files:
        if not same:
            setattr(f, "is_modified", _always(True))  # noqa: B010
        elif f.src_uri in digests and last["digests"].get(f.src_uri) == digests[f.src_uri]:
            setattr(f, "is_modified", _always(False))  # noqa: B010
            unchanged.add(f.src_uri)
    return unchanged


def _always(value: bool) -> Callable[[], bool]:
    return lambda: value


def served(config: MkDocsConfig, files: Files) -> None:
    """A dirty build is done: remember what it built from, and drop from the search
    index of the last build the pages this one indexed again, or that are gone
    (the theme's own merge expects a single page changed)."""
    _served["last"] = _served["now"]
    urls = {f.url for f in files.documentation_pages()}
    for plugin in config.plugins.values():
        prev = getattr(plugin, "search_index_prev", None)
        now = getattr(plugin, "search_index", None)
        if prev is None or now is None:
            continue
        again = {e["location"].partition("#")[0] for e in now.entries}
        prev.entries = [
            e
            for e in prev.entries
            if (page := e["location"].partition("#")[0]) in urls and page not in again
        ]
