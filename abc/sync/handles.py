"""The index that finds the one contact a handle names, by the handles' identity keys.

A handle and a contact's email, phone, LinkedIn URL or alias are the same when
their keys are equal: :mod:`abcnet.core.handle_keys` says how each kind is read
(the one rule ``abc check``, ``add``, ``import`` and ``merge`` use too), with the
region of ``me: region:`` for phones written without a country code. A chat
name (kind ``name``) matches a contact's ``aliases`` only, never the contact's
own name. The one exception is a name LinkedIn gives (the member's own profile
name, in an export whose messages carry no profile URL): it matches the contact
of that name when exactly one connection in ``Connections.csv`` has it and
exactly one contact does, and that contact's LinkedIn profile, if the file has
one, is the connection's. Two connections of one name are namesakes, and a name
alone then says nothing (the rule of :mod:`abcnet.core.identity`). A handle with no key (a short code, a sender name, a national number
without a region) matches nobody.

An identifier that two contacts share is *ambiguous*: it is reported, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from abcnet.core.handle_keys import email_key, key, linkedin_key, name_key, region_code
from abcnet.core.identity import Keys, conflicts, linkedin_keys
from abcnet.core.model import Contact, Settings

from .event import Handle


@lru_cache(maxsize=65536)
def forms(handle: Handle, region: str) -> tuple[str, ...]:
    """A handle's identity key prefixed by its kind (``email:analima@gmail.com``), or
    nothing when it has none.

    >>> forms(Handle("email", "Ana.Lima+crm@GoogleMail.com"), ""), forms(Handle("phone", "61234"), "GB")
    (('email:analima@gmail.com',), ())

    Cached: in a mailbox the same few hundred people write thousands of messages."""
    found = key(handle.kind, handle.value, region)
    return (f"{handle.kind}:{found}",) if found is not None else ()


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
    region = region_code(settings.me.region)
    handles = [Handle("email", e) for e in settings.me.emails]
    handles += [Handle("phone", p) for p in settings.me.phones]
    handles += [Handle("linkedin", settings.me.linkedin)] if settings.me.linkedin else []
    handles += [Handle("name", n) for n in settings.me.names]
    return Me(frozenset(f for h in handles for f in forms(h, region)), region)


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
        self._linkedin: dict[str, tuple[str, ...]] = {}
        for c in contacts:
            for f in sorted(contact_forms(c, region)):
                slugs = self._by.setdefault(f, [])
                if c.slug not in slugs:
                    slugs.append(c.slug)
            self._names.setdefault(name_key(c.name), []).append(c.slug)
            self._linkedin[c.slug] = linkedin_keys(c.links)
        self._bridges = {
            li: email
            for url, email in (bridges or {}).items()
            if (li := linkedin_key(url)) is not None
        }
        self._connections = connections or {}

    def find(self, handle: Handle, *, by_name: bool = False) -> Found:
        """The contacts ``handle`` names; ``by_name``: a LinkedIn name may name one by its name."""
        found: list[str] = []
        hforms = list(forms(handle, self.region))
        if handle.kind == "linkedin" and hforms:
            email = self._bridges.get(hforms[0].removeprefix("linkedin:"))
            found_key = email_key(email) if email else None
            if found_key is not None:
                hforms.append(f"email:{found_key}")
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
        found_key = email_key(email) if email else None
        if found_key is not None:
            by_email = self._by.get(f"email:{found_key}", [])
            if by_email:
                return Found(tuple(sorted(by_email)))
        slugs = self._names.get(key, [])
        connection = Keys((), (url,) if url else (), key)
        if len(slugs) == 1 and conflicts(Keys((), self._linkedin[slugs[0]], key), connection):
            return Found(())  # the contact's profile is another one: a namesake
        return Found(tuple(sorted(slugs)))
