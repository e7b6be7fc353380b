"""One rule for "is this the same person", used by the duplicate check, `abc add` and imports.

The rule: two records are the same person when an identifier agrees and none
conflicts.

- The identifiers are emails, LinkedIn profiles and phones, each compared by its
  identity key (:mod:`abcnet.core.handle_keys`, the same keys `abc sync` finds
  people by): an email with case, a ``+tag`` and, at Gmail, dots aside
  (``analima+work@googlemail.com`` is ``ana.lima@gmail.com``); a LinkedIn profile
  in any of its address forms (``uk.linkedin.com/in/Cleo-Park/`` is
  ``www.linkedin.com/in/cleo-park``); a phone in E.164, a number without a
  country code read in the region of ``me: region:`` (``07700 900123`` is
  ``+44 7700 900123`` in ``GB``; without a region it matches nothing, and a short
  code is no phone).
- A conflict is two LinkedIn profiles: both records have LinkedIn URLs and none
  of them is shared. Those are two people, whatever else agrees (a team inbox,
  an office phone, the same name).

A name alone is never enough. Two records with the same name (accents, case and
spacing aside) and no identifier in common are a *possible duplicate*: as often
a namesake as the same person (an export of 1,500 LinkedIn connections holds
several John Smiths, each with a profile of their own). What each user of the
rule does with one:

- **An import creates it as a new person** and its report names the file it may
  duplicate (``possible duplicate of contacts/john-smith.yaml (same name, no
  shared email, URL or phone): created as contacts/john-smith-2.yaml``). Created
  rather than skipped, because in a LinkedIn export the row carries a profile the
  existing file does not have, and most same-name rows are namesakes: a skipped
  row would be a real connection lost unless the user acted, while a created file
  is visible, the friend's file stays untouched, ``abc check`` keeps pointing at
  the pair, and ``abc merge`` joins the two in one step if they are one person.
  ``abc import --accept-name-matches`` instead treats a name-only match as the
  same person and fills only the fields the file lacks.
- **`abc add` refuses it**: the user is typing a name they already have
  (:func:`refusal` says so in these same terms).
- **`abc check` warns** about two files with the same name and no conflict, or a
  shared phone (families and offices share phones, so not an error); emails and
  LinkedIn URLs shared by two files stay errors. Either way one line names both
  files, and the other file's spelling when the two differ in more than case (for
  a URL: case, scheme, ``www.``, query and trailing slash).

The region is a value every user passes in (from ``Settings.me.region``): the rule
reads nothing itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar
from urllib.parse import urlsplit, urlunsplit

from .checks import is_web_address
from .handle_keys import (
    email_key,
    is_linkedin,
    is_national,
    linkedin_key,
    name_key,
    phone_key,
    phone_region,
)
from .model import Contact, Settings
from .problems import Problem
from .words import plural

T = TypeVar("T")

#: What a name-only match is, in the words every user of the rule prints.
SAME_NAME_ONLY = "same name, no shared email, URL or phone"


def normalise_url(url: str) -> str:
    """A web address in a comparable form: no scheme, no www, no query, no trailing slash,
    lower case (``abc merge`` compares links with it; LinkedIn profiles compare by
    :func:`~abcnet.core.handle_keys.linkedin_key`)."""
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


def linkedin_keys(links: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The key of each link that is a LinkedIn profile, whatever its label."""
    return tuple(dict.fromkeys(k for _, url in links if (k := linkedin_key(url)) is not None))


@dataclass(frozen=True)
class Keys:
    """What identifies a person: emails, LinkedIn URLs, phones and name, in comparable form."""

    emails: tuple[str, ...]
    linkedins: tuple[str, ...]
    name: str
    phones: tuple[str, ...] = ()

    def identifiers(self) -> list[tuple[str, str]]:
        """(kind, key) for each identifier: ``email``, ``LinkedIn URL``, ``phone``."""
        return (
            [("email", e) for e in self.emails]
            + [("LinkedIn URL", u) for u in self.linkedins]
            + [("phone", p) for p in self.phones]
        )

    def union(self, other: Keys) -> Keys:
        """Everything either record has, the first record's name kept."""
        return Keys(
            tuple(dict.fromkeys(self.emails + other.emails)),
            tuple(dict.fromkeys(self.linkedins + other.linkedins)),
            self.name or other.name,
            tuple(dict.fromkeys(self.phones + other.phones)),
        )


def keys(
    name: str,
    emails: Iterable[str] = (),
    links: Iterable[tuple[str, str]] = (),
    phones: Iterable[str] = (),
    *,
    region: str,
) -> Keys:
    """A person's keys; ``region`` (``me: region:``) reads phones without a country code."""
    return Keys(
        tuple(dict.fromkeys(k for e in emails if (k := email_key(e)) is not None)),
        linkedin_keys(links),
        name_key(name),
        tuple(dict.fromkeys(k for p in phones if (k := phone_key(p, region)) is not None)),
    )


def keys_of(contact: Contact, *, region: str) -> Keys:
    return keys(contact.name, contact.emails, contact.links, contact.phones, region=region)


def conflicts(a: Keys, b: Keys) -> bool:
    """Two LinkedIn profiles: both have LinkedIn URLs and share none. Different people."""
    return bool(a.linkedins) and bool(b.linkedins) and not set(a.linkedins) & set(b.linkedins)


def shared(a: Keys, b: Keys) -> list[tuple[str, str]]:
    """The identifiers both records have, as (kind, key), in the order of ``a``."""
    theirs = set(b.identifiers())
    return [pair for pair in a.identifiers() if pair in theirs]


def same_person(a: Keys, b: Keys) -> bool:
    """The rule: an identifier agrees and none conflicts."""
    return bool(shared(a, b)) and not conflicts(a, b)


def possible_duplicate(a: Keys, b: Keys) -> bool:
    """The same name, no identifier in common, no conflict: maybe one person, maybe two."""
    return bool(a.name) and a.name == b.name and not shared(a, b) and not conflicts(a, b)


@dataclass(frozen=True)
class Found(Generic[T]):
    """What an :class:`Index` holds for one person's keys, by the rule."""

    same: tuple[T, ...]
    """The same person: an identifier agrees, none conflicts."""
    clash: tuple[tuple[T, str], ...]
    """Another LinkedIn profile with the same email (each with that email): two people
    who cannot both keep the address, since one email is one file."""
    names: tuple[T, ...]
    """Possible duplicates: the same name and nothing else in common."""


class Index(Generic[T]):
    """Records by their keys, to find who the rule pairs with a person.

    Adding the same record again with more keys (a later row merged into it) makes
    it known by those too.
    """

    def __init__(self) -> None:
        self._keys: dict[int, Keys] = {}
        self._by_id: dict[tuple[str, str], list[T]] = {}
        self._by_name: dict[str, list[T]] = {}

    def add(self, item: T, k: Keys) -> None:
        old = self._keys.get(id(item))
        self._keys[id(item)] = k if old is None else old.union(k)
        for pair in k.identifiers():
            _append(self._by_id.setdefault(pair, []), item)
        if k.name and old is None:
            self._by_name.setdefault(k.name, []).append(item)

    def keys(self, item: T) -> Keys:
        return self._keys[id(item)]

    def find(self, k: Keys) -> Found[T]:
        """Who ``k`` is the same person as, clashes with, or may duplicate; in the
        order they were first added."""
        sharing: list[T] = []
        for pair in k.identifiers():
            for item in self._by_id.get(pair, ()):
                _append(sharing, item)
        same = [t for t in sharing if not conflicts(self.keys(t), k)]
        clash = []
        for t in sharing:
            if conflicts(self.keys(t), k):
                emails = [e for e in k.emails if e in self.keys(t).emails]
                if emails:
                    clash.append((t, emails[0]))
        named = self._by_name.get(k.name, []) if k.name else []
        names = [
            t for t in named if all(t is not s for s in sharing) and not conflicts(self.keys(t), k)
        ]
        return Found(tuple(same), tuple(clash), tuple(names))


def _append(items: list[T], item: T) -> None:
    if all(item is not other for other in items):
        items.append(item)


def refusal(
    name: str, contacts: Iterable[Contact], k: Keys, *, region: str, namesake: bool = False
) -> str | None:
    """Why `abc add` will not add ``name`` with keys ``k``, or None when it may.

    It refuses the same person by the rule, anyone with the same email or LinkedIn
    URL (two files may not share one, whatever else differs), and the same name:
    the user is typing a name they already have, unless ``namesake`` says this is
    another person of that name (``abc add --new``).
    """
    found = _already_here(contacts, k, region)
    if found is None or (namesake and not found[1]):
        return None
    other, kind = found
    path = other.source.path
    if kind:
        return (
            f"{name} is already here: {other.name} ({path}) has the same {kind}; "
            "nothing was written (edit that file)"
        )
    return (
        f"{name} is a possible duplicate of {path} ({SAME_NAME_ONLY}); nothing was written "
        "(edit that file; or, if this is someone else of the same name, add them with --new)"
    )


def _already_here(contacts: Iterable[Contact], k: Keys, region: str) -> tuple[Contact, str] | None:
    """The first contact `abc add` refuses to add ``k`` beside, and the kind of
    identifier they share ("" for the same name only)."""
    by_name = None
    for c in contacts:
        theirs = keys_of(c, region=region)
        common = [kind for kind, _ in shared(k, theirs)]
        strong = [kind for kind in common if kind != "phone"]
        if strong or (common and not conflicts(k, theirs)):
            return c, (strong or common)[0]
        if by_name is None and k.name and k.name == theirs.name:
            by_name = c
    return (by_name, "") if by_name is not None else None


def duplicate_problems(
    contacts: Iterable[Contact], line_of: Callable[[Contact, str, str], int], *, region: str
) -> list[Problem]:
    """Emails and LinkedIn URLs in more than one file (errors), and files that look
    like the same person (warnings), every one compared by its key.

    ``line_of(contact, field, value)`` finds the line of a value in the contact's file.
    Each later file (by :func:`file_order`) is reported, naming the first one.
    """
    by_path = {c.source.path: c for c in contacts}
    found = [duplicate_keys(c, region=region) for c in by_path.values()]
    return duplicates_among(found, lambda path, f, v: line_of(by_path[path], f, v))


class DuplicateKeys(NamedTuple):
    """What the duplicate check compares of one contact file, each identifier with
    its key: made once a file (the parse cache keeps it), so that a check after one
    file changed computes one file's keys again, not every file's."""

    path: str
    name: str
    name_key: str
    emails: tuple[tuple[str, str], ...]
    """Each email that has a key, as written and as its key."""
    linkedin: tuple[str, str] | None
    """The link labelled ``linkedin``, as written and as its key, when it has one."""
    profiles: tuple[str, ...]
    """The key of every link that is a LinkedIn profile, whatever its label."""
    phones: tuple[tuple[str, str], ...]
    """Each phone that has a key in the region, as written and as its key."""
    national: int
    """How many phones are written without a country code and have no key, as no region
    is set (0 with a region): the hint of :func:`region_hint` counts them."""


def duplicate_keys(contact: Contact, *, region: str) -> DuplicateKeys:
    """The keys of one contact the duplicate check compares; ``region`` reads phones."""
    linkedin = contact.link("linkedin")
    linkedin_pair = None
    if linkedin and (key := linkedin_key(linkedin)) is not None:
        linkedin_pair = (linkedin, key)
    return DuplicateKeys(
        contact.source.path,
        contact.name,
        name_key(contact.name),
        tuple((e, k) for e in contact.emails if (k := email_key(e)) is not None),
        linkedin_pair,
        linkedin_keys(contact.links),
        tuple((p, k) for p in contact.phones if (k := phone_key(p, region)) is not None),
        0 if region else sum(map(is_national, contact.phones)),
    )


def duplicates_among(
    found: Iterable[DuplicateKeys], line_of: Callable[[str, str, str], int]
) -> list[Problem]:
    """:func:`duplicate_problems` over each file's keys, made before.

    ``line_of(path, field, value)`` finds the line of a value in a contact file. With
    them, the one :func:`region_hint`, if any: it is made of the same keys, and kept
    with these problems.
    """
    ordered = sorted(found, key=lambda k: file_order(k.path))
    problems, pairs = _shared_identifiers(ordered, line_of)
    return problems + _look_alikes(ordered, line_of, pairs) + region_hint(ordered)


#: Where the hint of :func:`region_hint` points: the settings file.
_SETTINGS_PATH = Settings().source.path


def region_hint(found: Iterable[DuplicateKeys]) -> list[Problem]:
    """One warning, on the settings, when phones are written without a country code and
    no ``me: region:`` reads them: they match nothing, so duplicates go unflagged and
    ``abc sync`` cannot tell whose messages are theirs. It says how many, and the region
    to add: the one most of the numbers written with a country code are in, if any."""
    from collections import Counter

    found = list(found)
    unread = sum(k.national for k in found)
    if not unread:
        return []
    regions = Counter(r for k in found for _, key in k.phones if (r := phone_region(key)))
    if regions:
        region = min(regions.items(), key=lambda rc: (-rc[1], rc[0]))[0]
        add = (
            f"add region: {region} under me: in {_SETTINGS_PATH} (the country of most of "
            "your numbers written with one)"
        )
    else:
        add = (
            f"add region: under me: in {_SETTINGS_PATH} with your two-letter country code "
            "(such as US or GB)"
        )
    message = (
        f"{plural(unread, 'phone')} written without a country code cannot be read, as no "
        "region is set: duplicates among them go unflagged and abc sync matches no message "
        "to them; " + add
    )
    return [Problem(_SETTINGS_PATH, 0, "me", message, "warning")]


def file_order(path: str) -> str:
    """Files in the order people made them: ``john-smith`` before ``john-smith-2``
    (``-`` sorts before ``.``, so the paths themselves would not). The file reported
    is the later one, never the first of its name."""
    return path.removesuffix(".yaml")


def _shared_identifiers(
    ordered: list[DuplicateKeys], line_of: Callable[[str, str, str], int]
) -> tuple[list[Problem], set[tuple[str, str]]]:
    """Errors for an email or LinkedIn URL that a later file shares with an earlier one;
    and the (later, earlier) paths of each pair reported."""
    first: dict[tuple[str, str], tuple[DuplicateKeys, str]] = {}
    problems = []
    pairs = set()
    for c in ordered:
        found = [("email", key, e) for e, key in c.emails]
        if c.linkedin is not None:
            found.append(("links.linkedin", c.linkedin[1], c.linkedin[0]))
        for field, key, value in found:
            other, written = first.setdefault((field, key), (c, value))
            if other is c:
                continue
            pairs.add((c.path, other.path))
            what = "email" if field == "email" else "LinkedIn URL"
            where = other.path
            if _spelling(field, written) != _spelling(field, value):
                where += f", written {written}"
            problems.append(
                Problem(
                    c.path,
                    line_of(c.path, field, value),
                    field,
                    f"{value} is also the {what} of {other.name} ({where}); "
                    "keep one file per person, or merge them",
                )
            )
    return problems, pairs


def _spelling(field: str, value: str) -> str:
    """A value with only what any reader ignores taken out (case; for a URL also the
    scheme, ``www.``, query and trailing slash): two values alike in this form need
    no word on why they are one, others get the other file's spelling named."""
    return normalise_url(value) if field.startswith("links.") else value.strip().casefold()


def _look_alikes(
    ordered: list[DuplicateKeys],
    line_of: Callable[[str, str, str], int],
    pairs: set[tuple[str, str]],
) -> list[Problem]:
    """A warning for each later file with the name or a phone of an earlier one, when
    no LinkedIn URL tells them apart (and no error already names the pair)."""
    by_name: dict[str, list[DuplicateKeys]] = {}
    by_phone: dict[str, list[DuplicateKeys]] = {}

    def apart(a: DuplicateKeys, b: DuplicateKeys) -> bool:
        """Two LinkedIn profiles (:func:`conflicts`)."""
        return bool(a.profiles) and bool(b.profiles) and not set(a.profiles) & set(b.profiles)

    problems = []
    for c in ordered:
        name = c.name_key
        earlier = [("name", c.name, o) for o in by_name.get(name, ())] if name else []
        for phone, key in c.phones:
            earlier += [("phone", phone, o) for o in by_phone.get(key, ())]
        for field, value, other in earlier:
            if (c.path, other.path) in pairs or apart(c, other):
                continue
            message = (
                f"looks like the same person as {other.name} ({other.path}); "
                "merge them with abc merge, or tell them apart"
            )
            line = line_of(c.path, field, value)
            problems.append(Problem(c.path, line, field, message, "warning"))
            break
        if name:
            by_name.setdefault(name, []).append(c)
        for key in dict.fromkeys(k for _, k in c.phones):
            by_phone.setdefault(key, []).append(c)
    return problems
