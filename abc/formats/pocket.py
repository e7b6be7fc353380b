"""The pocket's bundle: the daily practice as one JSON document, and that document sealed.

The bundle holds what the phone needs and nothing more: today and the next
:data:`NEXT_DAYS` days of the plan (who, why, when you last spoke, the opener for
that day), and a card for every kept person (details, notes, the last touches);
nobody in the pool, nobody archived. Where Log it sends its entry (``repo``) is in
it too.

Sealed, it is AES-256-GCM under a key derived from the passphrase by
PBKDF2-HMAC-SHA256 (:data:`ITERATIONS` rounds, the OWASP 2023 floor), with the
salt and nonce given: they are random, and randomness is I/O, so the caller
(:mod:`abcnet.storage.pocket`) draws them and this stays deterministic for tests.
The envelope is JSON of the parameters and the base64 ciphertext, the GCM tag at its
end, as WebCrypto's ``decrypt`` expects. Nothing in the envelope but the ciphertext
depends on the network.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from abcnet.core.handle_keys import is_linkedin
from abcnet.core.model import CHANNELS, DIRECTIONS, TOUCH_KINDS, Contact, Network
from abcnet.core.plan import Entry, plan

from .opener import opener
from .people import touch_json

#: How many days after today the pocket carries the plan for.
NEXT_DAYS = 7
#: PBKDF2 rounds for every real build: OWASP's 2023 recommendation for HMAC-SHA256.
ITERATIONS = 600_000
#: The shortest passphrase the build accepts.
MIN_PASSPHRASE = 16
#: How many of each person's latest touches their card shows.
LAST_TOUCHES = 5
#: Bound to the ciphertext (GCM's additional data): the format, so another use of the
#: same key cannot pass for a pocket.
AAD = b"abc-pocket-1"
SALT_BYTES = 16
NONCE_BYTES = 12


@dataclass(frozen=True)
class Repo:
    """Where Log it puts an entry: ``owner/name`` on GitHub, and the branch."""

    slug: str
    branch: str


_REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$")
_BRANCH_RE = re.compile(r"^(?!.*\.\.)(?!/)[A-Za-z0-9._/-]+(?<!/)$")


def parse_repo(text: str) -> Repo | None:
    """``owner/name`` (the branch ``main``) or ``owner/name@branch``; None if it is neither."""
    slug, _, branch = text.strip().partition("@")
    branch = branch or "main"
    if _REPO_RE.match(slug) and _BRANCH_RE.match(branch):
        return Repo(slug, branch)
    return None


def repo_of(environ: Mapping[str, str], setting: str | None) -> Repo | None:
    """Where Log it sends entries: the repository and branch a GitHub Actions run builds
    (``GITHUB_REPOSITORY``, ``GITHUB_REF_NAME``), else the ``repo`` setting, else None."""
    slug, branch = environ.get("GITHUB_REPOSITORY", ""), environ.get("GITHUB_REF_NAME", "")
    if slug and branch:
        found = parse_repo(f"{slug}@{branch}")
        if found is not None:
            return found
    return parse_repo(setting) if setting else None


def _reach(c: Contact) -> list[dict[str, str]]:
    """Each way to reach someone, as the page turns it into links: ``email`` (mailto),
    ``phone`` (tel, sms, and WhatsApp when the number has its country code),
    ``linkedin``."""
    out = [{"kind": "email", "to": e.strip()} for e in c.emails if "@" in e]
    for p in c.phones:
        digits = "".join(ch for ch in p if ch.isdigit())
        if digits:
            plus = p.strip().startswith("+")
            phone = {"kind": "phone", "label": p.strip(), "tel": ("+" if plus else "") + digits}
            if plus:
                phone["wa"] = digits
            out.append(phone)
    out += [
        {"kind": "linkedin", "url": url}
        for _label, url in c.links
        if is_linkedin(url) and url.lower().startswith("https://")
    ]
    return out


def _card(c: Contact, today: date, next_day: date | None) -> dict[str, Any]:
    touches = [t for t in c.touches if t.date <= today][-LAST_TOUCHES:]
    return {
        "slug": c.slug,
        "name": c.name,
        "org": c.org,
        "role": c.role,
        "circle": c.circle,
        "tags": list(c.tags),
        "reach": _reach(c),
        "links": [[label, url] for label, url in c.links if url.lower().startswith("https://")],
        "notes": c.notes,
        "birthday": None if c.birthday is None else str(c.birthday),
        "touches": [touch_json(t) for t in reversed(touches)],
        "next": None if next_day is None else next_day.isoformat(),
        "opener": opener(c, touches[-1] if touches else None, today),
    }


def _planned(e: Entry) -> dict[str, Any]:
    return {
        "slug": e.contact.slug,
        "reason": e.reason,
        "last": None if e.last is None else touch_json(e.last),
        "opener": opener(e.contact, e.last, e.day),
    }


def bundle(network: Network, today: date, repo: Repo | None) -> dict[str, Any]:
    """Everything the pocket shows, as JSON-ready data, for ``today`` and the next days."""
    p = plan(network.contacts, network.settings, today, days=NEXT_DAYS + 1)
    first: dict[str, date] = {}
    for d in p.days:
        for e in d.entries:
            first.setdefault(e.contact.slug, d.day)
    kept = sorted((c for c in network.contacts if c.kept), key=lambda c: (c.name, c.slug))
    return {
        "version": 1,
        "built": today.isoformat(),
        "until": p.days[-1].day.isoformat() if p.days else today.isoformat(),
        "minutes": network.settings.minutes,
        "repo": None if repo is None else {"slug": repo.slug, "branch": repo.branch},
        "choices": {"channel": CHANNELS, "kind": TOUCH_KINDS, "direction": DIRECTIONS},
        "days": [
            {"date": d.day.isoformat(), "people": [_planned(e) for e in d.entries]} for d in p.days
        ],
        "people": [_card(c, today, first.get(c.slug)) for c in kept],
    }


def plaintext(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def key(passphrase: str, salt: bytes, iterations: int) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    return kdf.derive(passphrase.encode("utf-8"))


def seal(
    data: bytes, passphrase: str, *, salt: bytes, nonce: bytes, iterations: int
) -> dict[str, Any]:
    """``data`` encrypted, as the envelope the page reads (JSON-ready)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(salt) != SALT_BYTES or len(nonce) != NONCE_BYTES:
        raise ValueError("the salt is 16 bytes and the nonce 12")
    sealed = AESGCM(key(passphrase, salt, iterations)).encrypt(nonce, data, AAD)
    return {
        "format": AAD.decode("ascii"),
        "cipher": "AES-256-GCM",
        "kdf": "PBKDF2-HMAC-SHA256",
        "iterations": iterations,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "data": _b64(sealed),
    }


def unseal(envelope: dict[str, Any], passphrase: str) -> bytes:
    """The bundle's bytes back (for tests and checks); ``InvalidTag`` when the passphrase
    is wrong or a byte changed."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = base64.b64decode(envelope["salt"])
    k = key(passphrase, salt, int(envelope["iterations"]))
    nonce = base64.b64decode(envelope["nonce"])
    return AESGCM(k).decrypt(nonce, base64.b64decode(envelope["data"]), AAD)


def passphrase_problem(passphrase: str | None) -> str | None:
    """Why the passphrase cannot seal a pocket, or None when it can."""
    how = (
        "make a strong one, such as 24 random characters from "
        '`python3 -c "import secrets; print(secrets.token_urlsafe(18))"` or five random '
        "words, keep it in your password manager, and set it as a repository secret of "
        "that name for the workflow"
    )
    if not passphrase:
        return f"the pocket needs a passphrase in ABC_POCKET_PASSPHRASE: {how}"
    if len(passphrase) < MIN_PASSPHRASE:
        return (
            f"ABC_POCKET_PASSPHRASE has {len(passphrase)} characters; it needs at least "
            f"{MIN_PASSPHRASE}: {how}"
        )
    return None


def built_line(data: dict[str, Any], repo: Repo | None) -> str:
    """What ``abc site build --pocket`` says it made."""
    n = len(data["people"])
    where = (
        f"Log it opens {repo.slug} ({repo.branch})"
        if repo is not None
        else "Log it offers the entry as text (set repo: in abc.yaml for GitHub)"
    )
    return (
        f"pocket: {n} {'person' if n == 1 else 'people'}, {data['built']} to {data['until']}, "
        f"encrypted; {where}"
    )


def pocket_url_lines() -> list[str]:
    """What must be true before the pocket's address works, as lines for the terminal."""
    return [
        "This address works once:",
        "  - the repository secret ABC_POCKET_PASSPHRASE is set (16 characters or more);",
        "  - the workflow publishes somewhere: GitHub Pages of this repository (Settings >",
        "    Pages > Source: GitHub Actions; a private repository needs a paid plan), or a",
        "    second, public repository named by the repository variable ABC_DEPLOY_REPOSITORY,",
        "    with its deploy key in the secret ABC_DEPLOY_KEY and its Pages serving gh-pages;",
        "  - the workflow has run since (Actions > publish > Run workflow, or any push).",
        "Log it then opens GitHub in the phone's browser, which must be signed in to GitHub.",
    ]


def site_address(environ: Mapping[str, str]) -> str | None:
    """The published site's address: ``ABC_SITE_URL``, else GitHub Pages' address for the
    repository it is published from (``ABC_DEPLOY_REPOSITORY``, else ``GITHUB_REPOSITORY``):
    ``https://owner.github.io/name/``, or ``https://owner.github.io/`` for the repository
    ``owner.github.io`` itself. None when neither is known."""
    url = environ.get("ABC_SITE_URL", "").strip()
    if url:
        return url
    repo = (
        environ.get("ABC_DEPLOY_REPOSITORY", "").strip()
        or environ.get("GITHUB_REPOSITORY", "").strip()
    )
    if not _REPO_RE.match(repo):
        return None
    owner, name = repo.split("/")
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"
