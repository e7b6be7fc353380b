"""Handles in comparable form, and the index that finds the one contact a handle names.

- **Email**: case folded; a ``+tag`` in the local part dropped; for ``gmail.com``
  and ``googlemail.com`` only, dots in the local part dropped too (Gmail ignores
  them; other providers, Google Workspace domains included, do not). A contact
  matches on the address as written or in this form.
- **Phone**: E.164 through ``phonenumbers``, with ``me.region`` for numbers written
  without a country code. A number that cannot be read that way (no region and no
  ``+``, a short code, a sender name like ``Vodafone``) matches nobody: guessing a
  country turns ``(415) 555-2671`` into a valid German number.
- **LinkedIn**: ``linkedin.com/in/<slug>``, lower case, percent-decoding, with the
  scheme, ``www.`` or a country subdomain, query, fragment and trailing slash gone.
  LinkedIn's opaque member ids (``/in/ACoAA…``) are kept as they are and match only
  the same id.
- **Name** (chat apps): folded (case and accents aside, spaces as one); matches a
  contact's ``aliases`` only, never the contact's own name. The one exception is a
  name LinkedIn gives (the member's own profile name, in an export whose messages
  carry no profile URL): it matches the contact of that name when exactly one
  connection in ``Connections.csv`` has it and exactly one contact does, and that
  contact's LinkedIn profile, if the file has one, is the connection's. Two
  connections of one name are namesakes, and a name alone then says nothing (the
  rule of :mod:`abcnet.core.identity`).

An identifier that two contacts share is *ambiguous*: it is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import phonenumbers

from abcnet.core.identity import name_key
from abcnet.core.model import Contact, Settings

from .event import Handle

_GMAIL = ("gmail.com", "googlemail.com")
_LINKEDIN_PATH = re.compile(r"^/(in|pub)/([^/]+)")


def email_forms(address: str) -> tuple[str, ...]:
    """The address as written (case folded) and in its normalised form, without repeats.

    >>> email_forms("Ana.Lima+crm@GoogleMail.com")
    ('ana.lima+crm@googlemail.com', 'analima@gmail.com')
    >>> email_forms("ana.lima+crm@work.example")
    ('ana.lima+crm@work.example', 'ana.lima@work.example')
    """
    raw = address.strip().strip("<>").casefold()
    local, at, domain = raw.rpartition("@")
    if not at or not local or not domain:
        return (raw,) if raw else ()
    local = local.split("+", 1)[0] or local
    if domain in _GMAIL:
        local, domain = local.replace(".", ""), "gmail.com"
    norm = f"{local}@{domain}"
    return (raw,) if norm == raw else (raw, norm)


def phone_form(number: str, region: str) -> str | None:
    """E.164 (``+447700900123``), or None when the number cannot be read for sure.

    >>> phone_form("07700 900123", "GB"), phone_form("+44 7700 900123", "")
    ('+447700900123', '+447700900123')
    >>> phone_form("07700 900123", ""), phone_form("Vodafone", "GB"), phone_form("61234", "GB")
    (None, None, None)
    """
    text = number.strip()
    if not any(ch.isdigit() for ch in text) or any(ch.isalpha() for ch in text):
        return None
    try:
        parsed = phonenumbers.parse(text, (region or None) if not text.startswith("+") else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def linkedin_form(url: str) -> str | None:
    """``linkedin.com/in/<slug>``, or None when it is not a LinkedIn profile address.

    >>> linkedin_form("https://uk.linkedin.com/in/Ana-Lima%C3%A9/?trk=x")
    'linkedin.com/in/ana-limaé'
    >>> linkedin_form("www.linkedin.com/in/ana-lima"), linkedin_form("https://example.org/in/x")
    ('linkedin.com/in/ana-lima', None)
    """
    text = url.strip()
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return None
    m = _LINKEDIN_PATH.match(unquote(parts.path))
    if not m:
        return None
    return f"linkedin.com/{m.group(1).lower()}/{m.group(2).lower()}"


@lru_cache(maxsize=65536)
def forms(handle: Handle, region: str) -> tuple[str, ...]:
    """Every comparable form of a handle, each prefixed by its kind (``email:…``).

    Cached: in a mailbox the same few hundred people write thousands of messages."""
    if handle.kind == "email":
        return tuple(f"email:{f}" for f in email_forms(handle.value))
    if handle.kind == "phone":
        e164 = phone_form(handle.value, region)
        return (f"phone:{e164}",) if e164 else ()
    if handle.kind == "linkedin":
        li = linkedin_form(handle.value)
        return (f"linkedin:{li}",) if li else ()
    if handle.kind == "name":
        key = name_key(handle.value)
        return (f"name:{key}",) if key else ()
    return ()


def contact_forms(c: Contact, region: str) -> set[str]:
    """Every form under which ``c`` can be found: emails, phones, LinkedIn URLs, aliases."""
    handles = [Handle("email", e) for e in c.emails]
    handles += [Handle("phone", p) for p in c.phones]
    handles += [Handle("linkedin", url) for _label, url in c.links]
    handles += [Handle("name", a) for a in c.aliases]
    return {f for h in handles for f in forms(h, region)}


@dataclass(frozen=True)
class Me:
    """The user's own forms, from ``me:`` in the settings."""

    forms: frozenset[str]
    region: str

    def __contains__(self, handle: object) -> bool:
        if not isinstance(handle, Handle):
            return False
        return any(f in self.forms for f in forms(handle, self.region))

    @property
    def empty(self) -> bool:
        return not self.forms


def me_of(settings: Settings) -> Me:
    region = settings.me_region.strip().upper()
    handles = [Handle("email", e) for e in settings.me_emails]
    handles += [Handle("phone", p) for p in settings.me_phones]
    handles += [Handle("linkedin", settings.me_linkedin)] if settings.me_linkedin else []
    handles += [Handle("name", n) for n in settings.me_names]
    return Me(frozenset(f for h in handles for f in forms(h, region)), region)


def valid_region(region: str) -> bool:
    """Whether ``region`` is a region phonenumbers knows (``GB``, ``US``, ``DE``...)."""
    return region.strip().upper() in phonenumbers.SUPPORTED_REGIONS


@dataclass(frozen=True)
class Found:
    """What a handle names: one contact's slug, several (ambiguous), or nobody."""

    slugs: tuple[str, ...]

    @property
    def one(self) -> str | None:
        return self.slugs[0] if len(self.slugs) == 1 else None


class Index:
    """Contacts by every form of their handles; LinkedIn handles also through emails
    that LinkedIn's ``Connections.csv`` gives for a profile (``bridges``), and LinkedIn
    names through the connections of that name (``connections``, see the module)."""

    def __init__(
        self,
        contacts: Iterable[Contact],
        region: str,
        bridges: Mapping[str, str] | None = None,
        connections: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    ) -> None:
        self.region = region
        self._by: dict[str, list[str]] = {}
        self._names: dict[str, list[str]] = {}
        self._linkedin: dict[str, set[str]] = {}
        for c in contacts:
            for f in sorted(contact_forms(c, region)):
                slugs = self._by.setdefault(f, [])
                if c.slug not in slugs:
                    slugs.append(c.slug)
            self._names.setdefault(name_key(c.name), []).append(c.slug)
            self._linkedin[c.slug] = {
                li for _label, url in c.links if (li := linkedin_form(url)) is not None
            }
        self._bridges = {
            li: email
            for url, email in (bridges or {}).items()
            if (li := linkedin_form(url)) is not None
        }
        self._connections = connections or {}

    def find(self, handle: Handle, *, by_name: bool = False) -> Found:
        """The contacts ``handle`` names; ``by_name``: a LinkedIn name may name one by its name."""
        found: list[str] = []
        hforms = list(forms(handle, self.region))
        if handle.kind == "linkedin" and hforms:
            email = self._bridges.get(hforms[0].removeprefix("linkedin:"))
            if email:
                hforms += [f"email:{f}" for f in email_forms(email)]
        for f in hforms:
            for slug in self._by.get(f, ()):
                if slug not in found:
                    found.append(slug)
        if not found and by_name and handle.kind == "name":
            return self._by_name(name_key(handle.value))
        return Found(tuple(sorted(found)))

    def _by_name(self, key: str) -> Found:
        """A LinkedIn member named only: the one connection of that name, as the one contact."""
        people = self._connections.get(key, ())
        if len(people) != 1:
            return Found(())  # not a connection, or namesakes: the name says nothing
        url, email = people[0]
        if email:
            by_email = {s for f in email_forms(email) for s in self._by.get(f"email:{f}", ())}
            if by_email:
                return Found(tuple(sorted(by_email)))
        slugs = self._names.get(key, [])
        if len(slugs) == 1 and url and self._linkedin[slugs[0]] - {url}:
            return Found(())  # the contact's profile is another one: a namesake
        return Found(tuple(sorted(slugs)))
