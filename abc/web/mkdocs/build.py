"""Driving MkDocs for `abc site build` and `abc site serve`: the edge between abc and MkDocs.

The pages themselves come from ``pages`` through the hook; this module finds
``mkdocs.yml``, passes the build's choices (public or private, today, where to
write) to the hook through ``config.extra``, and runs MkDocs the way its own
command line does. The hook is always this package's own ``web/mkdocs/hook.py``
(replacing the ``hooks:`` entry of ``mkdocs.yml``), so a network that copied
``mkdocs.yml`` and ``site/`` without the ``abc/`` folder builds too.
"""

from __future__ import annotations

import calendar
import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from abcnet.core.problems import AbcError

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.api import BaseObserver

CONFIG_FILE = "mkdocs.yml"
HOOK = str(Path(__file__).resolve().with_name("hook.py"))


class SiteError(AbcError):
    """The site cannot be built (no mkdocs.yml, or MkDocs refused)."""


def config_file(root: Path) -> Path:
    path = root / CONFIG_FILE
    if not path.is_file():
        raise SiteError(
            f"no {CONFIG_FILE} in {root}; the site needs mkdocs.yml and site/ beside "
            "contacts/ (copy them from the abc repository)"
        )
    return path


@contextlib.contextmanager
def _build_date(today: date) -> Iterator[None]:
    """Date the build ``today`` (the sitemap's lastmod, the gzip header), so the same
    data and day give the same bytes; a SOURCE_DATE_EPOCH already set wins."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(today.timetuple()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def build(root: Path, *, public: bool, today: date, site_dir: Path | None = None) -> Path:
    """Build the site; return the path of its ``index.html``."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out: Path | None = None
    try:
        config = load_config(
            config_file=str(config_file(root)),
            site_dir=str(site_dir.resolve()) if site_dir is not None else None,
            hooks=[HOOK],
        )
        out = Path(config.site_dir)
        _check_writable(out, root)
        config.extra["abc_public"] = public or config.extra.get("abc_public", False)
        config.extra["abc_today"] = today.isoformat()
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with _build_date(today):
                mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as e:
        raise SiteError(f"the site build failed: {e}") from e
    except OSError as e:
        raise _os_error(e, root, out) from None
    return out / "index.html"


def _check_writable(out: Path, root: Path) -> None:
    """WriteError now, before MkDocs starts, if nothing can be written in ``out``."""
    import tempfile

    from abcnet.storage.atomic import shown_path, write_error

    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".abc-probe.", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        shown = shown_path(out, root).rstrip("/") + "/"
        raise write_error(e, shown, outcome="the site was not built") from None


def _os_error(e: OSError, root: Path, out: Path | None) -> AbcError:
    """What an OSError in the middle of the build means: a file that cannot be written
    in the output folder (WriteError), or one that cannot be read (SiteError)."""
    from abcnet.storage.atomic import shown_path, write_error
    from abcnet.storage.layout import reason

    if out is not None and isinstance(e.filename, str) and Path(e.filename).is_relative_to(out):
        shown = shown_path(out, root).rstrip("/") + "/"
        return write_error(e, shown, outcome="the site build stopped part of the way")
    where = f" {shown_path(Path(e.filename), root)}" if isinstance(e.filename, str) else ""
    return SiteError(f"the site build failed: cannot read{where}: {reason(e)}")


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns at each dirty build that its navigation may be stale; abc's is not
    (a change to the configuration or the navigation rebuilds every page)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def serve(root: Path, *, public: bool, today: date | None, dev_addr: str | None) -> None:
    """Serve the site with live reload until interrupted.

    MkDocs reloads the configuration on every rebuild, so the choices go to the
    hook through the environment of this process, which ends with the server.
    Each rebuild after the first is dirty: it builds only the pages whose input
    changed (see :mod:`.pagecache`), so an ``abc log`` shows in a moment.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    from .pagecache import serving

    serving["dirty"] = True
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    if public:
        os.environ["ABC_SITE_PUBLIC"] = "1"
    if today is not None:
        os.environ["ABC_TODAY"] = today.isoformat()
    try:
        mkdocs_serve(
            config_file=str(config_file(root)),
            livereload=True,
            build_type="dirty",
            dev_addr=dev_addr,
            hooks=[HOOK],
        )
    except MkDocsException as e:
        raise SiteError(f"the site server failed: {e}") from e


def native_watcher(server: LiveReloadServer) -> bool:
    """Have ``server`` watch its paths with the system's own file watcher (inotify,
    FSEvents, ReadDirectoryChangesW) instead of MkDocs' polling; True if it does.

    MkDocs polls every watched folder twice a second, contacts/ with all its files
    included, and a change waits for the next poll: at 5,500 contact files the polls
    take about a sixth of the server's CPU while it rebuilds after an ``abc log``,
    and the rebuild starts a quarter of a second later on average. Where the system
    has no watcher of its own, or it cannot start one (no inotify watches left, say),
    or MkDocs keeps its watches otherwise than this expects, the polling stays; and
    it stays when ``ABC_SERVE_POLL`` is set, for a network on a network file system,
    whose changes made elsewhere the system's watcher may not see.
    """
    if os.environ.get("ABC_SERVE_POLL"):
        return False
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    watched = getattr(server, "_watched_paths", None)
    if Observer is PollingObserver or not isinstance(watched, dict) or server.observer.is_alive():
        return False
    paths = {str(path): int(count) for path, count in watched.items()}
    if not _starts(Observer, list(paths)):
        return False
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = Observer()  # type: ignore[assignment]  # MkDocs types it as polling
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
    return True


def _starts(observer: Callable[[], BaseObserver], paths: list[str]) -> bool:
    """Whether a watcher of this kind starts on ``paths``."""
    from watchdog.events import FileSystemEventHandler

    trial = observer()
    try:
        for path in paths:
            trial.schedule(FileSystemEventHandler(), path, recursive=True)
        trial.start()
    except OSError:
        return False
    finally:
        with contextlib.suppress(Exception):
            trial.stop()
            trial.join(timeout=2)
    return True
