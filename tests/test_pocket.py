"""The pocket: sealed in Python, opened by WebCrypto in a real browser, nothing readable
without the passphrase, and Log it's entry folding back into the contact files."""

from __future__ import annotations

import base64
import json
import re
import shutil
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from click.testing import CliRunner
from conftest import DEMO
from cryptography.exceptions import InvalidTag
from test_browser import LOCAL, TODAY, Quiet, serve

from abcnet.cli import cli
from abcnet.core.inbox import read_entry
from abcnet.core.model import Network
from abcnet.formats import pocket
from abcnet.formats.yamltext import load_text, rt_locator
from abcnet.storage.network import load_network
from abcnet.web.pocket import FILES, files

PASSPHRASE = "a long pocket passphrase for tests"
SALT = bytes(range(16))
NONCE = bytes(range(12))
TOMORROW = TODAY + timedelta(days=1)


def run(root: Path, *args: str, passphrase: str | None = PASSPHRASE, **env: str) -> Any:
    environ = {"NO_COLOR": "1", "ABC_TODAY": TODAY.isoformat(), **env}
    environ["ABC_POCKET_PASSPHRASE"] = passphrase  # type: ignore[assignment]
    for name in ("GITHUB_REPOSITORY", "GITHUB_REF_NAME"):
        environ.setdefault(name, None)  # type: ignore[arg-type]
    return CliRunner().invoke(cli, ["-C", str(root), *args], env=environ)


def demo_network() -> Network:
    network, _ = load_network(DEMO, TODAY)
    return network


def envelope_of(index: Path) -> dict[str, Any]:
    m = re.search(
        r'<script type="application/json" id="abc-sealed">(.*?)</script>', index.read_text()
    )
    assert m is not None
    data: dict[str, Any] = json.loads(m.group(1))
    return data


# --- the bundle and the seal, in Python --------------------------------------------------


def test_the_bundle_has_the_plan_and_every_kept_person_and_nobody_else() -> None:
    network = demo_network()
    data = pocket.bundle(network, TODAY, pocket.Repo("sam/network", "main"))
    kept = sorted(c.slug for c in network.contacts if c.kept)
    assert sorted(p["slug"] for p in data["people"]) == kept
    assert any(not c.kept for c in network.contacts)  # the demo has pool and archived people
    assert [d["date"] for d in data["days"]] == [
        (TODAY + timedelta(days=i)).isoformat() for i in range(8)
    ]
    assert (data["built"], data["until"]) == ("2026-11-25", "2026-12-02")
    assert data["repo"] == {"slug": "sam/network", "branch": "main"}
    first = data["days"][0]["people"][0]
    card = next(p for p in data["people"] if p["slug"] == first["slug"])
    assert first["opener"] and first["reason"]
    assert len(card["touches"]) <= pocket.LAST_TOUCHES
    assert card["touches"] == sorted(card["touches"], key=lambda t: t["date"], reverse=True)


def test_seal_is_deterministic_given_its_bytes_and_opens_only_with_the_passphrase() -> None:
    data = b'{"hello": "pocket"}'
    one = pocket.seal(data, PASSPHRASE, salt=SALT, nonce=NONCE, iterations=1000)
    assert one == pocket.seal(data, PASSPHRASE, salt=SALT, nonce=NONCE, iterations=1000)
    assert one["iterations"] == 1000
    assert pocket.unseal(one, PASSPHRASE) == data
    with pytest.raises(InvalidTag):
        pocket.unseal(one, PASSPHRASE + "!")
    sealed = bytearray(base64.b64decode(one["data"]))
    sealed[3] ^= 1
    with pytest.raises(InvalidTag):
        pocket.unseal({**one, "data": base64.b64encode(sealed).decode()}, PASSPHRASE)
    other = pocket.seal(data, PASSPHRASE, salt=bytes(16), nonce=NONCE, iterations=1000)
    assert other["data"] != one["data"]


@pytest.mark.parametrize(
    ("passphrase", "start"),
    [
        (None, "abc: the pocket needs a passphrase in ABC_POCKET_PASSPHRASE: make a strong one"),
        ("", "abc: the pocket needs a passphrase in ABC_POCKET_PASSPHRASE: make a strong one"),
        (
            "fifteen chars!!",
            "abc: ABC_POCKET_PASSPHRASE has 15 characters; it needs at least 16: make a strong one",
        ),
    ],
)
def test_the_build_refuses_a_missing_or_short_passphrase(
    tmp_path: Path, passphrase: str | None, start: str
) -> None:
    root = tmp_path / "net"
    shutil.copytree(DEMO, root)
    result = run(root, "site", "build", "--pocket", passphrase=passphrase)
    assert result.exit_code == 2
    assert result.stderr.startswith(start)
    assert "secrets.token_urlsafe" in result.stderr
    assert not (root / "build" / "pocket").exists()


def test_repo_comes_from_the_workflow_then_the_setting() -> None:
    env = {"GITHUB_REPOSITORY": "sam/network", "GITHUB_REF_NAME": "trunk"}
    assert pocket.repo_of(env, "other/place") == pocket.Repo("sam/network", "trunk")
    assert pocket.repo_of({}, "other/place") == pocket.Repo("other/place", "main")
    assert pocket.repo_of({}, "other/place@dev") == pocket.Repo("other/place", "dev")
    assert pocket.repo_of({}, "not a repo") is None
    assert pocket.repo_of({}, None) is None


# --- the built pocket -------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's pocket, built by the CLI as the workflow would (600,000 rounds)."""
    root = tmp_path_factory.mktemp("pocket") / "net"
    shutil.copytree(DEMO, root)
    env = {"GITHUB_REPOSITORY": "sam-rivera/network", "GITHUB_REF_NAME": "main"}
    result = run(root, "site", "build", "--pocket", **env)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{root / 'build' / 'pocket' / 'index.html'}\n"
    assert result.stderr == (
        "pocket: 39 people, 2026-11-25 to 2026-12-02, encrypted; "
        "Log it opens sam-rivera/network (main)\n"
    )
    return root / "build" / "pocket"


def test_the_cli_seals_with_600000_rounds_and_a_fresh_salt_each_build(
    built: Path, tmp_path: Path
) -> None:
    envelope = envelope_of(built / "index.html")
    assert envelope["iterations"] == pocket.ITERATIONS == 600_000
    assert sorted(p.name for p in built.iterdir()) == sorted(FILES)
    data = json.loads(pocket.unseal(envelope, PASSPHRASE))
    assert data["built"] == TODAY.isoformat()
    root = tmp_path / "net"
    shutil.copytree(DEMO, root)
    assert run(root, "site", "build", "--pocket", "-o", str(tmp_path / "again")).exit_code == 0
    again = envelope_of(tmp_path / "again" / "index.html")
    assert again["salt"] != envelope["salt"] and again["nonce"] != envelope["nonce"]


def personal_values(network: Network) -> set[str]:
    """Every value of every person that must not be readable: names and their words,
    slugs, emails, phones (as written and as digits), orgs, roles, aliases, notes,
    touch notes, links. (Not tags: ``data`` is a tag in the demo, and a word of any
    script.)"""
    values: set[str] = set()
    for c in network.contacts:
        values |= {c.slug, c.name, *c.name.split(), *c.emails, *c.phones, *c.aliases}
        values |= {"".join(ch for ch in p if ch.isdigit()) for p in c.phones}
        values |= {v for v in (c.org, c.role, c.notes, c.met_how) if v}
        values |= {url for _, url in c.links}
        values |= {t.note for t in c.touches if t.note}
    return {v.strip() for v in values if len(v.strip()) >= 3}


def test_no_personal_value_in_any_byte_or_file_name(built: Path) -> None:
    values = personal_values(demo_network())
    assert len(values) > 200
    index = (built / "index.html").read_text()
    envelope = envelope_of(built / "index.html")
    outside = index.replace(envelope["data"], "")  # the ciphertext is scanned below
    texts = [p.read_text() for p in built.iterdir() if p.name != "index.html"] + [outside]
    texts += [p.name for p in built.rglob("*")]

    def seen(value: str) -> bool:  # a name as a word: "Ines" is not in "lines"
        pattern = re.compile(rf"(?<![\w@.+-]){re.escape(value)}(?![\w@.-])", re.IGNORECASE)
        return any(pattern.search(t) for t in texts)

    assert sorted(v for v in values if seen(v)) == []
    # The ciphertext is base64 of random-looking bytes: no value of 8 characters or more
    # in it (a shorter one could come up by chance in 100 kB of base64).
    assert re.fullmatch(r"[A-Za-z0-9+/]+=*", envelope["data"])
    assert [v for v in values if len(v) >= 8 and v in envelope["data"]] == []


def test_the_page_builder_is_pure() -> None:
    envelope = pocket.seal(b"{}", PASSPHRASE, salt=SALT, nonce=NONCE, iterations=1000)
    shipped = {name: f"<{name}>".encode() for name in FILES} | {
        "index.html": b"<script>@SEALED@</script>"
    }
    out = files(envelope, shipped)
    assert out["pocket.js"] == b"<pocket.js>"
    assert (
        out["index.html"]
        == b"<script>"
        + json.dumps(envelope, sort_keys=True, separators=(",", ":")).encode()
        + b"</script>"
    )


# --- in the browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Any:
    """The module's headless Chromium (conftest)."""
    return chromium


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    with serve(built) as url:
        yield url


@pytest.fixture(params=["http", "file"])
def base(request: pytest.FixtureRequest, built: Path) -> str:
    if request.param == "http":
        return str(request.getfixturevalue("server"))
    return built.as_uri() + "/"


def open_page(browser: Any, url: str, day: date = TODAY, width: int = 390, **kw: Any) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 844}, **kw)
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.clock.set_fixed_time(f"{day.isoformat()}T09:30:00")
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.requests = requests
    tab.goto(url)
    return tab


def unlock(tab: Any, passphrase: str = PASSPHRASE, remember: bool = False) -> None:
    tab.fill("#passphrase", passphrase)
    if remember:
        tab.check("#remember")
    tab.click("#open")
    tab.wait_for_function(
        "() => !document.getElementById('app').hidden || "
        "document.getElementById('message').textContent"
    )


def planned_names(day: date) -> list[str]:
    network = demo_network()
    by_slug = network.by_slug()
    data = pocket.bundle(network, TODAY, None)
    entry = next(d for d in data["days"] if d["date"] == day.isoformat())
    return [by_slug[p["slug"]].name for p in entry["people"]]


def test_the_browser_opens_what_python_sealed(browser: Any, base: str) -> None:
    tab = open_page(browser, base + "index.html")
    try:
        assert tab.locator("#app").is_hidden()
        unlock(tab)
        assert tab.locator("#message").text_content() == ""
        cards = tab.locator("article.card h3").all_text_contents()
        names = planned_names(TODAY)
        assert [re.sub(r"^\d+\. ", "", c) for c in cards] == names and names
        assert tab.locator("#app h2").first.text_content() == "Today, Wed 25 Nov 2026"
        assert tab.locator(".person").count() == 39
        assert [u for u in tab.requests if not u.startswith(LOCAL)] == []
        # 390 px: nothing scrolls sideways
        assert tab.evaluate("document.scrollingElement.scrollWidth") <= 390
    finally:
        tab.context.close()


def test_today_follows_the_phones_date_and_says_when_the_plan_is_over(
    browser: Any, server: str
) -> None:
    tab = open_page(browser, server + "index.html", day=TOMORROW)
    try:
        unlock(tab)
        cards = [
            re.sub(r"^\d+\. ", "", c) for c in tab.locator("article.card h3").all_text_contents()
        ]
        assert cards == planned_names(TOMORROW)
        assert tab.locator("#app h2").first.text_content() == "Today, Thu 26 Nov 2026"
    finally:
        tab.context.close()
    tab = open_page(browser, server + "index.html", day=TODAY + timedelta(days=8))
    try:
        unlock(tab)
        assert tab.locator("article.card").count() == 0
        assert tab.locator(".stale").text_content() == (
            "This pocket is older than its plan: it was made on Wed 25 Nov 2026 and plans "
            "until Wed 2 Dec 2026, and today is Thu 3 Dec 2026. Build it again (the workflow "
            "does so every day: check that it ran)."
        )
        assert tab.locator(".person").count() == 39
    finally:
        tab.context.close()


def test_a_wrong_passphrase_shows_nothing(browser: Any, server: str) -> None:
    tab = open_page(browser, server + "index.html")
    try:
        unlock(tab, "not the passphrase at all")
        assert tab.locator("#message").text_content() == (
            "That passphrase does not open this pocket, or its files were changed. "
            "Nothing is shown."
        )
        assert tab.locator("#app").is_hidden()
        assert tab.locator("#app").inner_html() == ""
    finally:
        tab.context.close()


def test_namesakes_are_told_apart_by_their_work_or_file_name(browser: Any, tmp_path: Path) -> None:
    root = tmp_path / "net"
    shutil.copytree(DEMO, root)
    old = "touches:\n  - date: 2024-01-02\n    channel: email\n"
    (root / "contacts" / "maren-holt.yaml").write_text(
        f"name: Maren Holt\ncircle: inner\norg: Fabrikam\n{old}", encoding="utf-8"
    )
    (root / "contacts" / "maren-holt-2.yaml").write_text(
        f"name: Maren Holt\ncircle: inner\n{old}", encoding="utf-8"
    )
    assert run(root, "site", "build", "--pocket").exit_code == 0
    tab = open_page(browser, (root / "build" / "pocket" / "index.html").as_uri())
    try:
        unlock(tab)
        cards = tab.locator("article.card")
        assert [c.locator("h3").text_content() for c in cards.all()] == [
            "1. Maren Holt",
            "2. Maren Holt",
        ]
        reasons = [c.locator("p.reason").text_content() for c in cards.all()]
        assert sorted(r.rsplit(" · ", 1)[1] for r in reasons) == ["Fabrikam", "maren-holt-2"]
        tab.fill("#search", "maren")
        shown = tab.locator("details.person:not([hidden]) summary")
        assert sorted(s.text_content() for s in shown.all()) == [
            "Maren Holt Fabrikam",
            "Maren Holt maren-holt-2",
        ]
        first = tab.locator("ul.days > li").first.locator("li").first.text_content()
        assert re.fullmatch(r"[^,]+ \((overdue|due|never).*\)", first), first
    finally:
        tab.context.close()


def test_a_page_cut_off_inside_the_bundle_says_so_and_shows_nothing(
    browser: Any, built: Path, tmp_path: Path
) -> None:
    shutil.copytree(built, tmp_path / "p")
    index = tmp_path / "p" / "index.html"
    text = index.read_text()
    index.write_text(text[: text.index(envelope_of(index)["data"]) + 1000])
    tab = open_page(browser, index.as_uri())
    try:
        unlock(tab)
        assert tab.locator("#message").text_content() == (
            "That passphrase does not open this pocket, or its files were changed. "
            "Nothing is shown."
        )
        assert tab.locator("#app").inner_html() == ""
    finally:
        tab.context.close()


class HeldScript(Quiet):
    """Serves the pocket, holding pocket.js back until ``release`` is set; records paths."""

    release = threading.Event()
    paths: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.paths.append(self.path)
        if self.path.startswith("/pocket.js"):
            self.release.wait(20)
        super().do_GET()


def test_the_passphrase_never_goes_into_the_address_before_the_script_runs(
    browser: Any, built: Path
) -> None:
    # A phone shows the form while the page (a megabyte for 500 people) and its script
    # still load; Enter or Unlock then must not submit the form as a GET of index.html.
    HeldScript.release.clear()
    HeldScript.paths.clear()
    with serve(built, HeldScript) as url:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        tab = context.new_page()
        try:
            tab.clock.set_fixed_time(f"{TODAY.isoformat()}T09:30:00")
            tab.goto(url + "index.html", wait_until="commit")
            tab.wait_for_selector("#passphrase")
            tab.fill("#passphrase", PASSPHRASE)
            tab.press("#passphrase", "Enter")
            assert tab.locator("#open").is_disabled()
            tab.locator("#open").click(force=True)
            tab.wait_for_timeout(300)
            assert tab.url == url + "index.html"
            HeldScript.release.set()
            tab.wait_for_function("() => !document.getElementById('open').disabled")
            unlock(tab)
            assert tab.locator("article.card").count() == 2
            assert tab.url == url + "index.html"
        finally:
            HeldScript.release.set()
            context.close()
    assert [p for p in HeldScript.paths if "?" in p or "password" in p] == []


def test_a_flipped_ciphertext_character_shows_nothing(
    browser: Any, built: Path, tmp_path: Path
) -> None:
    shutil.copytree(built, tmp_path / "p")
    index = tmp_path / "p" / "index.html"
    envelope = envelope_of(index)
    data = envelope["data"]
    i = len(data) // 2
    flipped = data[:i] + ("A" if data[i] != "A" else "B") + data[i + 1 :]
    index.write_text(index.read_text().replace(data, flipped))
    tab = open_page(browser, index.as_uri())
    try:
        unlock(tab)
        assert (
            tab.locator("#message")
            .text_content()
            .startswith("That passphrase does not open this pocket, or its files were changed.")
        )
        assert tab.locator("#app").inner_html() == ""
    finally:
        tab.context.close()


def test_links_carry_the_opener_and_tap_targets_are_44_px(browser: Any, server: str) -> None:
    tab = open_page(browser, server + "index.html")
    try:
        unlock(tab)
        card = tab.locator("article.card").first
        opener = card.locator("blockquote").text_content()
        hrefs = card.locator(".reach a").evaluate_all("els => els.map(e => e.href)")
        mail = [h for h in hrefs if h.startswith("mailto:")]
        assert mail and all(unquote(h.split("body=")[1]) == opener for h in mail)
        for h in hrefs:
            assert h.startswith(
                ("mailto:", "tel:", "sms:", "https://wa.me/", "https://www.linkedin.com/")
            )
            if h.startswith(("sms:", "https://wa.me/")):
                assert unquote(re.split(r"body=|text=", h)[1]) == opener
        small = tab.evaluate(
            """() => [...document.querySelectorAll('a, button, summary, input, select')]
              .filter(e => e.getClientRects().length)
              .filter(e => { const r = e.getBoundingClientRect();
                             return r.height < 44 || (e.type !== 'checkbox' && r.width < 44); })
              .map(e => e.outerHTML.slice(0, 80))"""
        )
        assert small == []
    finally:
        tab.context.close()


def test_remember_keeps_the_passphrase_only_when_asked(browser: Any, server: str) -> None:
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(server + "index.html")
        unlock(tab)
        assert tab.evaluate("localStorage.length") == 0
        tab.reload()
        assert tab.locator("#app").is_hidden()
        unlock(tab, remember=True)
        tab.reload()
        tab.wait_for_selector("article.card, .stale")
        tab.click("#lock")
        assert tab.evaluate("localStorage.length") == 0
        assert tab.locator("#app").is_hidden()
    finally:
        context.close()


def log_it_entry(tab: Any, channel: str, note: str) -> tuple[str, str, str]:
    """Log it on the first of today's people: (the URL's path, file name, entry text)."""
    card = tab.locator("article.card").first
    card.locator("summary", has_text="Log it").click()
    card.locator("select[name=channel]").select_option(channel)
    card.locator("select[name=kind]").select_option("give")
    card.locator("input[name=note]").fill(note)
    href = card.locator("a[data-log]").get_attribute("href")
    url = urlsplit(href)
    query = parse_qs(url.query)
    return f"{url.scheme}://{url.netloc}{url.path}", query["filename"][0], query["value"][0]


def test_log_it_opens_github_prefilled_with_an_inbox_entry(browser: Any, server: str) -> None:
    tab = open_page(browser, server + "index.html")
    try:
        unlock(tab)
        slug = pocket.bundle(demo_network(), TODAY, None)["days"][0]["people"][0]["slug"]
        where, name, text = log_it_entry(tab, "call", 'Sent "the article": #1 & more')
        href = tab.locator("article.card a[data-log]").first.get_attribute("href")
    finally:
        tab.context.close()
    assert where == "https://github.com/sam-rivera/network/new/main/inbox"
    assert re.fullmatch(rf"2026-11-25-{slug}-[a-z0-9]{{4}}\.yaml", name)
    assert len(href) < 1000
    assert text == (
        f'person: "{slug}"\ndate: 2026-11-25\nchannel: call\nkind: give\n'
        'note: "Sent \\"the article\\": #1 & more"\n'
    )
    data, problems = load_text(text, f"inbox/{name}", "rt")
    entry, problems = read_entry(data, f"inbox/{name}", TODAY, rt_locator(data))
    assert problems == [] and entry is not None
    assert (entry.person, entry.touch.channel, entry.touch.kind) == (slug, "call", "give")
    assert entry.touch.note == 'Sent "the article": #1 & more'


def test_each_log_it_gets_a_file_name_of_its_own(browser: Any, server: str) -> None:
    """A second Log it for the same person from the same page (a second call that day):
    GitHub refuses a new file at a path that is taken, and the first entry may still wait
    in inbox/, so once a link is followed the next one names a new file."""
    tab = open_page(browser, server + "index.html")
    try:
        tab.context.route("https://github.com/**", lambda route: route.abort())
        unlock(tab)
        _, first, _ = log_it_entry(tab, "call", "Morning: the offer")
        card = tab.locator("article.card").first
        again = parse_qs(urlsplit(card.locator("a[data-log]").get_attribute("href")).query)
        card.locator("a[data-log]").dispatch_event("click")
        card.locator("input[name=note]").fill("Evening: she accepted")
        query = parse_qs(urlsplit(card.locator("a[data-log]").get_attribute("href")).query)
    finally:
        tab.context.close()
    second, text = query["filename"][0], query["value"][0]
    assert again["filename"][0] == first  # the same until it is followed
    assert first != second
    assert first[: -len("-abcd.yaml")] == second[: -len("-abcd.yaml")]
    assert text.endswith('note: "Evening: she accepted"\n')


def test_without_a_repository_log_it_offers_the_entry_as_text(browser: Any, tmp_path: Path) -> None:
    root = tmp_path / "net"
    shutil.copytree(DEMO, root)
    result = run(root, "site", "build", "--pocket")
    assert result.exit_code == 0
    assert result.stderr.endswith(
        "Log it offers the entry as text (set repo: in abc.yaml for GitHub)\n"
    )
    tab = open_page(browser, (root / "build" / "pocket" / "index.html").as_uri())
    try:
        unlock(tab)
        card = tab.locator("article.card").first
        card.locator("summary", has_text="Log it").click()
        assert card.locator("a[data-log]").count() == 0
        text = card.locator("pre.entry").text_content()
        assert text.startswith('person: "') and "\ndate: 2026-11-25\nchannel: " in text
        assert "repo: owner/name in abc.yaml" in card.locator(".log-out p").text_content()
    finally:
        tab.context.close()


def test_log_it_then_abc_inbox_then_tomorrow_no_longer_names_them(
    browser: Any, server: str, tmp_path: Path
) -> None:
    root = tmp_path / "net"
    shutil.copytree(DEMO, root)
    tomorrow = ["--today", TOMORROW.isoformat()]

    def plan_tomorrow() -> str:
        result = run(root, "plan", "--days", "1", *tomorrow)
        assert result.exit_code == 0
        return str(result.stdout)

    tab = open_page(browser, server + "index.html")
    try:
        unlock(tab)
        name = tab.locator("article.card h3").first.text_content().split(". ", 1)[1]
        _, filename, text = log_it_entry(tab, "email", "Sent the notes")
    finally:
        tab.context.close()
    assert name in plan_tomorrow()
    (root / "inbox").mkdir()
    (root / "inbox" / filename).write_text(text, encoding="utf-8")
    result = run(root, "inbox", "--apply")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Logged email with {name} on 2026-11-25 (inbox/{filename}")
    assert name not in plan_tomorrow()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_locked_or_unlocked(
    browser: Any, server: str, scheme: str, width: int
) -> None:
    from test_a11y import AXE_RUN, axe_path

    axe = axe_path().read_text(encoding="utf-8")
    tab = open_page(browser, server + "index.html", width=width, color_scheme=scheme)
    try:
        tab.add_script_tag(content=axe)
        assert tab.evaluate(AXE_RUN) == []
        unlock(tab, "a wrong passphrase, to see the message")
        assert tab.evaluate(AXE_RUN) == []
        unlock(tab)
        tab.locator("article.card summary").first.click()
        tab.locator(".person summary").first.click()
        tab.fill("#search", "a")
        assert tab.evaluate(AXE_RUN) == []
        assert tab.evaluate("document.scrollingElement.scrollWidth") <= width
        background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(21, 22, 26)")
    finally:
        tab.context.close()


def test_the_site_address_is_set_or_that_of_github_pages() -> None:
    assert pocket.site_address({"ABC_SITE_URL": "https://me.example/"}) == "https://me.example/"
    assert pocket.site_address({"GITHUB_REPOSITORY": "Sam/network"}) == (
        "https://sam.github.io/network/"
    )
    both = {"GITHUB_REPOSITORY": "sam/network", "ABC_DEPLOY_REPOSITORY": "sam/sam.github.io"}
    assert pocket.site_address(both) == "https://sam.github.io/"
    assert pocket.site_address({}) is None


def test_the_calendar_links_each_day_to_the_pocket_and_checks_the_address(
    tmp_path: Path,
) -> None:
    root = tmp_path / "net"
    shutil.copytree(DEMO, root)
    out = tmp_path / "abc.ics"
    result = run(
        root, "calendar", "-o", str(out), "--pocket-url", "https://sam.github.io/n/pocket/"
    )
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode().replace("\r\n ", "")
    events = text.split("BEGIN:VEVENT")[1:]
    timed = [e for e in events if "\r\nUID:outreach-" in e]
    assert timed and all("\r\nURL:https://sam.github.io/n/pocket/\r\n" in e for e in timed)
    assert len(timed) < len(events)  # birthdays and the not-updated warning: no link
    assert not any("URL:" in e for e in events if "\r\nUID:outreach-" not in e)
    bad = run(root, "calendar", "-o", str(out), "--pocket-url", "http://sam.github.io/pocket/")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "abc: --pocket-url must be an https:// address, not 'http://sam.github.io/pocket/'\n",
    )


def test_once_loaded_it_opens_offline_and_copies_the_opener(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    try:
        tab = context.new_page()
        tab.clock.set_fixed_time(f"{TODAY.isoformat()}T09:30:00")
        tab.goto(server + "index.html")
        tab.evaluate("navigator.serviceWorker.ready.then(() => true)")
        tab.reload()  # now under the service worker, which keeps the files
        tab.evaluate("navigator.serviceWorker.ready.then(() => true)")
        context.set_offline(True)
        tab.reload()
        unlock(tab)
        card = tab.locator("article.card").first
        card.get_by_role("button", name="Copy the opener").click()
        card.get_by_role("button", name="Copied").wait_for()
        assert tab.evaluate("navigator.clipboard.readText()") == (
            card.locator("blockquote").text_content()
        )
    finally:
        context.close()


def test_without_the_workflow_the_repo_setting_says_where_log_it_goes(tmp_path: Path) -> None:
    root = tmp_path / "net"
    shutil.copytree(DEMO, root)
    settings = root / "abc.yaml"
    base = settings.read_text()
    settings.write_text(base + "repo: sam-rivera/network@trunk\n")
    result = run(root, "site", "build", "--pocket")
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith("Log it opens sam-rivera/network (trunk)\n")
    data = json.loads(pocket.unseal(envelope_of(root / "build/pocket/index.html"), PASSPHRASE))
    assert data["repo"] == {"slug": "sam-rivera/network", "branch": "trunk"}
    settings.write_text(base + "repo: not a repository\n")
    result = run(root, "site", "build", "--pocket")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "abc: repo: 'not a repository' in abc.yaml is not OWNER/NAME or OWNER/NAME@BRANCH; "
        "Log it offers the entries as text\n"
    )


def test_a_name_in_the_next_days_opens_that_persons_card(browser: Any, server: str) -> None:
    tab = open_page(browser, server + "index.html")
    try:
        unlock(tab)
        link = tab.locator(".days a").first
        name = link.text_content()
        card = tab.locator(link.get_attribute("href"))
        assert card.evaluate("c => c.open") is False
        assert card.locator(".reach, .muted").count() <= 1  # only the summary so far
        link.click()
        assert card.evaluate("c => c.open") is True
        assert card.locator("summary .name").text_content() == name
        assert card.locator("h3", has_text="Last touches").count() == 1
    finally:
        tab.context.close()
