"""Getting the ``stats.json`` a client shares: from a file, a built site's folder or the web.

A source is what the coach writes on the command line or in ``clients.txt``:

- ``https://you.github.io/network`` (a published site: its ``stats.json``) or an
  ``https://`` address ending in ``.json``. Plain ``http://`` only for this machine
  (``localhost``, ``127.0.0.1``, ``::1``): the figures would travel unprotected;
- a folder (a public build: its ``stats.json``) or a file.

Nothing else is read or sent: one GET with abc's name as the user agent, no
cookies, at most :data:`MAX_BYTES`, within :data:`TIMEOUT` seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from abcnet.core.problems import AbcError
from abcnet.formats.shared import FILE

#: The most a stats.json may weigh: it is a few hundred bytes.
MAX_BYTES = 1 << 20
TIMEOUT = 20
LOOPBACK = ("localhost", "127.0.0.1", "::1")


class FetchError(AbcError):
    """A source could not be read; the message names it and says why."""

    exit_code = 1


@dataclass(frozen=True)
class Fetched:
    source: str
    label: str
    """How the coach's site names it: the address without the scheme, or the folder's name."""
    data: bytes


def _url_of(source: str) -> str:
    parts = urlsplit(source)
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise FetchError(f"{source}: use https:// (plain http:// only for this machine)")
    if parts.path.endswith(".json"):
        return source
    return source.rstrip("/") + "/" + FILE


def _label_of_url(source: str) -> str:
    parts = urlsplit(source)
    path = parts.path.removesuffix(FILE).rstrip("/")
    return f"{parts.netloc}{path}"


def _get(url: str) -> bytes:
    import urllib.error
    import urllib.request

    from abcnet import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"abc/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as e:
        hint = " (is it published, with public_stats: true?)" if e.code == 404 else ""
        raise FetchError(f"{url}: HTTP {e.code}{hint}") from None
    except (urllib.error.URLError, OSError, ValueError) as e:
        why = getattr(e, "reason", None) or e
        raise FetchError(f"{url}: cannot fetch ({why})") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"{url}: more than {MAX_BYTES // 1024} KB: not a stats.json")
    return data


def _read(path: Path, source: str) -> bytes:
    target = path / FILE if path.is_dir() else path
    try:
        with target.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        hint = " (build it with abc site build --public, with public_stats: true)"
        raise FetchError(f"{source}: cannot read {target}: {e.strerror}{hint}") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"{source}: more than {MAX_BYTES // 1024} KB: not a stats.json")
    return data


def fetch(source: str, cwd: Path) -> Fetched:
    """The bytes of the stats.json ``source`` names (see the module docstring)."""
    scheme = urlsplit(source).scheme
    if scheme in ("https", "http"):
        return Fetched(source, _label_of_url(source), _get(_url_of(source)))
    if scheme and len(scheme) > 1:  # not a Windows drive letter
        raise FetchError(f"{source}: use an https:// address or a path")
    path = cwd / source
    folder = path if path.is_dir() else path.parent
    label = path.stem if path.is_file() and path.name != FILE else folder.resolve().name
    return Fetched(source, label, _read(path, source))
