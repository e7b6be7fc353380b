"""How generated pages reach MkDocs: raw HTML kept out of Markdown's way, what MkDocs made
of a page taken from the cache, and the dirty rebuilds of ``abc site serve``. Each must
give the very bytes a plain build gives."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from textwrap import dedent

import markdown
import pytest
from conftest import DEMO
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.pages import Page

from abcnet.web.mkdocs import build as site
from abcnet.web.mkdocs import pagecache
from abcnet.web.mkdocs.rawhtml import PLACEHOLDER, anchor_ids, stash, unstash

TODAY = date(2026, 11, 25)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.superfences", "toc"]

PAGE = dedent(
    """\
    # Ada

    <table class="abc-facts"><tr><th>work</th><td>Fabrikam &amp; co</td></tr></table>

    Some *Markdown* in between.

    <div class="abc-table" markdown>

    <table id="inner"><tr><td>in a Markdown container</td></tr></table>

    </div>

    ```html

    <p>in a fence</p>

    ```

    <table id="abc-people" markdown="1"><tr><th markdown="span">[Ada](ada.md)</th></tr></table>

    <div>one</div> and <div>two</div>

    <p class="abc-reach"><a href="mailto:ada@example.org" id="reach">mail</a></p>
    """
)


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_stash_takes_only_the_blocks_markdown_passes_through():
    text, blocks = stash(PAGE)
    assert blocks == [
        '<table class="abc-facts"><tr><th>work</th><td>Fabrikam &amp; co</td></tr></table>',
        '<p class="abc-reach"><a href="mailto:ada@example.org" id="reach">mail</a></p>',
    ]
    assert PLACEHOLDER.format(0) in text and PLACEHOLDER.format(1) in text
    # In a Markdown container, in a fence, asking for Markdown, or two blocks: left.
    for kept in ('<table id="inner">', "<p>in a fence</p>", 'markdown="1"', "<div>two</div>"):
        assert kept in text


def test_a_stashed_page_converts_to_the_same_html():
    text, blocks = stash(PAGE)
    assert unstash(convert(text), blocks) == convert(PAGE)


def test_unstash_refuses_html_that_lost_a_placeholder():
    text, blocks = stash(PAGE)
    html = convert(text)
    assert unstash(html.replace(PLACEHOLDER.format(1), ""), blocks) is None
    assert unstash(html + PLACEHOLDER.format(0), blocks) is None


def test_anchor_ids_of_stashed_blocks():
    blocks = ['<p id="a&amp;b"><a name="n" href="#x">x</a><span name="not">y</span></p>']
    assert anchor_ids(blocks) == {"a&b", "n"}


def every_file(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def net(tmp_path: Path) -> Path:
    root = tmp_path / "net"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".abc-cache", "build"))
    return root


def count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    real = Page.render

    def render(self: Page, config: object, files: object) -> None:
        rendered.append(self.file.src_uri)
        real(self, config, files)  # type: ignore[arg-type]

    monkeypatch.setattr(Page, "render", render)
    return rendered


@pytest.mark.slow
def test_a_build_from_the_cache_is_the_same_site(net, tmp_path, monkeypatch):
    cache = net / ".abc-cache" / "site-private.cache"
    site.build(net, public=False, today=TODAY, site_dir=tmp_path / "one")
    assert cache.is_file()
    rendered = count_renders(monkeypatch)
    site.build(net, public=False, today=TODAY, site_dir=tmp_path / "two")
    assert every_file(tmp_path / "one") == every_file(tmp_path / "two")
    # The generated pages came from the cache; the hand-written ones were converted.
    assert "people/ada-okafor.md" not in rendered and "stats.md" not in rendered
    assert "getting-started.md" in rendered
    # A changed person is converted again, the others are not.
    path = net / "contacts" / "ada-okafor.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Ada Okafor", "Ada Okafor-Lee"))
    rendered.clear()
    site.build(net, public=False, today=TODAY, site_dir=tmp_path / "three")
    generated = [r for r in rendered if r.startswith("people/")]
    assert sorted(generated) == ["people/ada-okafor.md", "people/index.md"]
    assert "Ada Okafor-Lee" in (tmp_path / "three" / "people" / "ada-okafor.html").read_text()


@pytest.mark.slow
def test_a_cache_written_by_other_code_is_not_read(net, tmp_path):
    cache = net / ".abc-cache" / "site-private.cache"
    site.build(net, public=False, today=TODAY, site_dir=tmp_path / "one")
    cache.write_bytes(b"\x00not marshal at all")
    site.build(net, public=False, today=TODAY, site_dir=tmp_path / "two")
    assert every_file(tmp_path / "one") == every_file(tmp_path / "two")


@pytest.mark.slow
def test_a_dirty_rebuild_builds_only_what_changed_and_the_same_pages(net, tmp_path, monkeypatch):
    monkeypatch.setitem(pagecache.serving, "dirty", True)
    monkeypatch.setitem(pagecache._served, "last", {})
    monkeypatch.setenv("ABC_TODAY", TODAY.isoformat())
    out = tmp_path / "served"

    def rebuild() -> None:
        config = load_config(
            config_file=str(net / "mkdocs.yml"), site_dir=str(out), hooks=[site.HOOK]
        )
        mkdocs_build(config, dirty=True)

    rebuild()
    path = net / "contacts" / "ada-okafor.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Ada Okafor", "Ada Okafor-Lee"))
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    rendered = count_renders(monkeypatch)
    rebuild()
    written = sorted(
        p.relative_to(out).as_posix() for p in before if p.stat().st_mtime_ns != before[p]
    )
    assert "people/ada-okafor.html" in written and "people/index.html" in written
    assert out / "people" / "grace-achieng.html" in before
    assert "people/grace-achieng.html" not in written and "getting-started.html" not in written
    assert sorted(r for r in rendered if r.startswith("people/")) == [
        "people/ada-okafor.md",
        "people/index.md",
    ]
    # Every page is what a full build of the same data gives.
    monkeypatch.setitem(pagecache.serving, "dirty", False)
    site.build(net, public=False, today=TODAY, site_dir=tmp_path / "full")
    served, full = every_file(out), every_file(tmp_path / "full")
    pages = [k for k in full if k.endswith(".html")]
    assert {k: served[k] for k in pages} == {k: full[k] for k in pages}


def _rebuild_wanted(server: LiveReloadServer, timeout: float = 10.0) -> bool:
    """Whether the server is asked for a rebuild within ``timeout`` seconds (then it
    is no longer asked)."""
    import time

    end = time.monotonic() + timeout
    with server._rebuild_cond:
        while not server._want_rebuild:
            left = end - time.monotonic()
            if left <= 0:
                return False
            server._rebuild_cond.wait(left)
        server._want_rebuild = False
    return True


def test_the_server_watches_with_the_system_watcher_and_still_sees_each_change(tmp_path):
    """A change in a watched folder (contacts/) and to a watched file (abc.yaml) each
    ask for a rebuild, told by the system's watcher, not found by MkDocs' polling; a
    path watched twice stays watched twice."""
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    if Observer is PollingObserver:
        pytest.skip("this system has no file watcher of its own")
    contacts, settings = tmp_path / "contacts", tmp_path / "abc.yaml"
    contacts.mkdir()
    (contacts / "ada.yaml").write_text("name: Ada\n")
    settings.write_text("daily_quota: 2\n")
    server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path / "out"))
    server.watch(str(contacts))
    server.watch(str(contacts))
    server.watch(str(settings))
    assert site.native_watcher(server)
    assert not isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(contacts): 2, str(settings): 1}
    server.observer.start()
    try:
        (contacts / "ada.yaml").write_text("name: Ada Lovelace\n")
        assert _rebuild_wanted(server)
        settings.write_text("daily_quota: 3\n")
        assert _rebuild_wanted(server)
    finally:
        server.observer.stop()
        server.observer.join(timeout=5)


def test_without_a_system_watcher_the_server_keeps_polling(tmp_path, monkeypatch):
    from watchdog.observers.polling import PollingObserver

    server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path))
    server.watch(str(tmp_path))
    polling = server.observer
    monkeypatch.setattr(site, "_starts", lambda observer, paths: False)
    assert not site.native_watcher(server)
    assert server.observer is polling and isinstance(polling, PollingObserver)
    assert server._watched_paths == {str(tmp_path): 1}


def test_abc_serve_poll_keeps_the_polling(tmp_path, monkeypatch):
    from watchdog.observers.polling import PollingObserver

    server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path))
    server.watch(str(tmp_path))
    monkeypatch.setenv("ABC_SERVE_POLL", "1")
    assert not site.native_watcher(server)
    assert isinstance(server.observer, PollingObserver)
