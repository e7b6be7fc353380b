"""One rule for "is this the same person", used by the duplicate check, `abc add` and imports.

Two records are the same person when they share an email address (case aside),
a LinkedIn profile URL (scheme, ``www.``, query and trailing slash aside), or a
name (accents and case aside). The duplicate check across files looks at emails
and LinkedIn URLs only: two files may well hold two people of the same name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlsplit, urlunsplit

from .checks import is_web_address
from .model import Contact
from .problems import Problem

T = TypeVar("T")


def fold(text: str) -> str:
    """Lower case without accents, for matching: ``Lucía`` → ``lucia``."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()


def normalise_url(url: str) -> str:
    """A LinkedIn URL in a comparable form: no scheme, no www, no query, no trailing slash."""
    u = url.strip().lower()
    for prefix in ("https://", "http://"):
        if u.startswith(prefix):
            u = u[len(prefix) :]
    if u.startswith("www."):
        u = u[4:]
    return u.split("?")[0].split("#")[0].rstrip("/")


_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+-]*:", re.IGNORECASE)  # no dot: host:port is a host
_HOST_RE = re.compile(r"^(?!-)[^\s/?#@:.]+(\.[^\s/?#@:.]+)+$")


def web_address(typed: str) -> str | None:
    """A web address as a person types it, written the way a contact file keeps it.

    Without a scheme it gets ``https://``; a LinkedIn address becomes
    ``https://www.linkedin.com/...`` with no query and no trailing slash, so
    ``linkedin.com/in/x`` and ``www.linkedin.com/in/x/`` both become
    ``https://www.linkedin.com/in/x``. None when it is not a web address at all
    (spaces, no host with a dot, a scheme other than http or https).
    """
    text = typed.strip()
    if not text or any(ch.isspace() or not ch.isprintable() for ch in text):
        return None
    if not _SCHEME_RE.match(text):
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not _HOST_RE.match(host):
        return None
    if is_linkedin(text):
        host = "www.linkedin.com" if host == "linkedin.com" else host
        url = urlunsplit(("https", host, parts.path.rstrip("/"), "", ""))
    else:
        url = urlunsplit(
            (parts.scheme.lower(), parts.netloc, parts.path, parts.query, parts.fragment)
        )
    return url if is_web_address(url) else None


def is_linkedin(url: str) -> bool:
    """Whether a web address is on LinkedIn."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return False
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def email_key(email: str) -> str:
    return email.strip().lower()


def linkedin_keys(links: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The comparable form of each link that is a LinkedIn profile (by label or by host)."""
    return tuple(
        dict.fromkeys(
            normalise_url(url) for label, url in links if label == "linkedin" or is_linkedin(url)
        )
    )


@dataclass(frozen=True)
class Keys:
    """What identifies a person: emails, LinkedIn URLs and name, each in comparable form."""

    emails: tuple[str, ...]
    linkedins: tuple[str, ...]
    name: str


def keys(name: str, emails: Iterable[str] = (), links: Iterable[tuple[str, str]] = ()) -> Keys:
    return Keys(
        tuple(dict.fromkeys(email_key(e) for e in emails)), linkedin_keys(links), fold(name)
    )


def keys_of(contact: Contact) -> Keys:
    return keys(contact.name, contact.emails, contact.links)


def same_person(a: Keys, b: Keys) -> bool:
    """The rule: a shared email, a shared LinkedIn URL, or the same name."""
    return (
        bool(set(a.emails) & set(b.emails))
        or bool(set(a.linkedins) & set(b.linkedins))
        or (bool(a.name) and a.name == b.name)
    )


class Index(Generic[T]):
    """Records by their keys, to find everyone :func:`same_person` pairs with a person."""

    def __init__(self) -> None:
        self._by_email: dict[str, T] = {}
        self._by_linkedin: dict[str, T] = {}
        self._by_name: dict[str, list[T]] = {}

    def add(self, item: T, k: Keys) -> None:
        """Index ``item``; for an email or URL already taken, the first record keeps it."""
        for e in k.emails:
            self._by_email.setdefault(e, item)
        for u in k.linkedins:
            self._by_linkedin.setdefault(u, item)
        if k.name:
            self._by_name.setdefault(k.name, []).append(item)

    def find(self, k: Keys) -> list[T]:
        """Everyone the person with keys ``k`` matches: by email, then URL, then name."""
        found: list[T] = []
        for item in (
            [self._by_email.get(e) for e in k.emails]
            + [self._by_linkedin.get(u) for u in k.linkedins]
            + list(self._by_name.get(k.name, []))
        ):
            if item is not None and all(item is not f for f in found):
                found.append(item)
        return found


def first_same(contacts: Iterable[Contact], k: Keys) -> Contact | None:
    """The first of ``contacts`` who is the same person as ``k``, if any."""
    return next((c for c in contacts if same_person(keys_of(c), k)), None)


def duplicate_problems(
    contacts: Iterable[Contact], line_of: Callable[[Contact, str, str], int]
) -> list[Problem]:
    """Emails and LinkedIn URLs that appear in more than one file.

    ``line_of(contact, field, value)`` finds the line of a value in the contact's file.
    Each later file is reported, naming the first one.
    """
    first: dict[tuple[str, str], Contact] = {}
    problems = []
    for c in sorted(contacts, key=lambda c: c.source.path):
        found = [("email", email_key(e), e) for e in c.emails]
        linkedin = c.link("linkedin")
        if linkedin:
            found.append(("links.linkedin", normalise_url(linkedin), linkedin))
        for field, key, value in found:
            other = first.setdefault((field, key), c)
            if other is c:
                continue
            what = "email" if field == "email" else "LinkedIn URL"
            problems.append(
                Problem(
                    c.source.path,
                    line_of(c, field, value),
                    field,
                    f"{value} is also the {what} of {other.name} ({other.source.path}); "
                    "keep one file per person, or merge them",
                )
            )
    return problems
