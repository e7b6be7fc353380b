"""Imports: other tools' exports → candidate people → a plan of files to create or fill. Pure.

Each reader takes the text of one export and returns the people in it as dicts
shaped like a contact file (``name``, ``email`` list, ``phone`` list, ``links``
mapping, ``org``, ``role``, ``tags``, ``met``, ``birthday``, ``notes``), with
problems that name the line: errors mean the file cannot be trusted and nothing
may be written; warnings are rows skipped or values left out.

:func:`plan_import` then matches each candidate against the network (by email,
LinkedIn URL, or the exact name, accents and case aside): a new person becomes a
file to create; a known one gets only the fields their file lacks; nothing is
ever overwritten. The plan is what the CLI prints for ``--dry-run`` and what it
writes otherwise, so the two cannot differ.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from . import vcard
from .cadence import normalise_url
from .edit import new_contact, slugify
from .model import Contact
from .parse import CONTACT_KEYS, is_email, parse_contact
from .people import fold
from .problems import Problem

#: The fields an import may fill in an existing contact, in file order.
FILLABLE = ("email", "phone", "links", "org", "role", "tags", "met", "birthday", "notes")
LINKEDIN_HOW = "Connected on LinkedIn"
_URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


@dataclass(frozen=True)
class Candidate:
    """One person read from an export: contact fields, and the line their record starts on."""

    line: int
    fields: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.fields["name"])


@dataclass(frozen=True)
class Parsed:
    """What a reader found in one file."""

    path: str
    kind: str
    people: tuple[Candidate, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


# --- small cleaners -------------------------------------------------------------------


def _text(value: str | None) -> str:
    """Multi-line text: CRLF → LF, control characters, outer blank lines and spaces at the
    ends of lines dropped; a final line break is kept (so a ``|`` block stays one)."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    text = "\n".join(line.rstrip() for line in value.strip().split("\n"))
    return text + "\n" if text and value.rstrip(" \t").endswith("\n") else text


def _line(value: str | None) -> str:
    """One-line text: all runs of white space (line breaks too) become one space."""
    return " ".join(_CONTROL.sub("", value or "").split())


def _join(*parts: str | None) -> str:
    return " ".join(p for p in (_line(x) for x in parts) if p)


def is_linkedin(url: str) -> bool:
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return False
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def normalise_birthday(text: str, omit_year: str | None = None) -> str | None:
    """A birthday as the contact file writes it (``YYYY-MM-DD`` or ``MM-DD``), or None.

    Takes ``1985-03-02``, ``19850302``, ``--0302``, ``--03-02``, a time after ``T``,
    and Apple's placeholder year (``X-APPLE-OMIT-YEAR=1604``) or ``0000`` for no year.
    """
    value = text.strip().split("T")[0]
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", value) or re.fullmatch(
        r"()--(\d{2})-?(\d{2})", value
    )
    if not m:
        return None
    year = m.group(1)
    if year and (year == "0000" or year == (omit_year or "").strip()):
        year = ""
    month, day = int(m.group(2)), int(m.group(3))
    try:
        date(int(year) if year else 2000, month, day)
    except ValueError:
        return None
    return f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


def _person(
    name: str,
    *,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    links: Iterable[tuple[str, str]] = (),
    org: str = "",
    role: str = "",
    tags: Iterable[str] = (),
    met: dict[str, Any] | None = None,
    birthday: str | None = None,
    notes: str = "",
) -> dict[str, Any]:
    """Contact fields in file order, empty values left out, duplicates dropped."""
    fields: dict[str, Any] = {"name": name}
    fields["email"] = _unique(emails, key=str.lower)
    fields["phone"] = _unique(phones)
    link_map: dict[str, str] = {}
    for label, url in links:
        if url not in link_map.values():
            link_map[label] = url
    fields["links"] = link_map
    fields["org"] = org
    fields["role"] = role
    fields["tags"] = _unique(tags, key=fold)
    fields["met"] = met or {}
    fields["birthday"] = birthday
    fields["notes"] = notes
    return {k: v for k, v in fields.items() if v not in (None, "", [], {})}


def _unique(values: Iterable[str], key: Callable[[str], str] = str) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        v = v.strip()
        if v and key(v) not in seen:
            seen.add(key(v))
            out.append(v)
    return out


def _label(wanted: str, url: str, used: set[str]) -> str:
    """A links label: ``linkedin`` for a LinkedIn URL (once), else ``wanted``, made unique."""
    if is_linkedin(url) and "linkedin" not in used:
        label = "linkedin"
    else:
        label = slugify(wanted) or "website"
        n = 2
        base = label
        while label in used:
            label, n = f"{base}-{n}", n + 1
    used.add(label)
    return label


class _Collector:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, "", message))

    def warn(self, line: int, message: str, field: str = "") -> None:
        self.problems.append(Problem(self.path, line, field, message, "warning"))

    def emails(self, values: Iterable[str], line: int) -> list[str]:
        out = []
        for value in values:
            value = value.strip()
            if value.lower().startswith("mailto:"):
                value = value[7:]
            if not value:
                continue
            if is_email(value):
                out.append(value)
            else:
                self.warn(line, f"{value!r} is not an email address; left out", "email")
        return out

    def url(self, value: str, line: int) -> str | None:
        value = value.strip()
        if not value:
            return None
        if not _URL_RE.match(value):
            if re.match(r"^[\w.-]+\.[a-z]{2,}(/\S*)?$", value, re.IGNORECASE):
                return "https://" + value
            self.warn(line, f"{value!r} is not a web address; left out", "links")
            return None
        return value


# --- CSV ------------------------------------------------------------------------------


def _csv_rows(text: str, c: _Collector) -> list[tuple[int, list[str]]]:
    """Rows of a CSV file with the line each starts on; a broken file adds an error."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as e:
        c.error(start, f"cannot read this line as CSV: {e}")
    return rows


def _header(
    rows: list[tuple[int, list[str]]],
    c: _Collector,
    test: Callable[[set[str]], bool],
    missing: str,
) -> tuple[int, dict[str, int]] | None:
    """The first row that ``test`` accepts as the header: (its index, folded name → column).

    None when the file could not be read as CSV, or no row is a header (then the
    error says so, ending with ``missing``).
    """
    if c.problems:
        return None
    for i, (_, row) in enumerate(rows):
        names = {fold(cell): n for n, cell in reversed(list(enumerate(row)))}
        if test(set(names)):
            return i, names
    c.error(0, f"none of the {len(rows)} lines is a header with {missing}")
    return None


def _getter(row: list[str], columns: dict[str, int]) -> Callable[[str], str]:
    def get(name: str) -> str:
        n = columns.get(name)
        return row[n].strip() if n is not None and n < len(row) else ""

    return get


def parse_connected_on(text: str) -> date | None:
    """LinkedIn's ``12 Mar 2024`` (or ``12-Mar-24``, or ISO ``2024-03-12``) → a date."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        m = re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{4}|\d{2})", text)
        if m and m.group(2).lower() in _MONTHS:
            year = int(m.group(3))
            year = year + 2000 if year < 100 else year
            return date(year, _MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None
    return None


def read_linkedin(text: str, path: str) -> Parsed:
    """LinkedIn's ``Connections.csv`` (the data export)."""
    c = _Collector(path)
    rows = _csv_rows(text, c)
    found = _header(
        rows,
        c,
        lambda names: {"first name", "last name"} <= names,
        "First Name and Last Name; is this LinkedIn's Connections.csv?",
    )
    if found is None:
        return Parsed(path, "LinkedIn", (), tuple(c.problems))
    at, columns = found
    people = []
    for line, row in rows[at + 1 :]:
        get = _getter(row, columns)
        if not any(cell.strip() for cell in row):
            if row:
                c.warn(line, "an empty row (a deleted account?); skipped")
            continue
        name = _join(get("first name"), get("last name"))
        if not name:
            c.warn(line, "a row with no name; skipped")
            continue
        links = []
        url = c.url(get("url"), line)
        if url:
            links.append(("linkedin", url))
        met: dict[str, Any] = {"how": LINKEDIN_HOW}
        connected = get("connected on")
        if connected:
            when = parse_connected_on(connected)
            if when is None:
                c.warn(line, f"{connected!r} is not a date like 12 Mar 2024; left out", "met")
            else:
                met = {"date": when, "how": LINKEDIN_HOW}
        fields = _person(
            name,
            emails=c.emails([get("email address")], line),
            links=links,
            org=_line(get("company")),
            role=_line(get("position")),
            met=met,
        )
        people.append(Candidate(line, fields))
    return Parsed(path, "LinkedIn", tuple(people), tuple(c.problems))


_GOOGLE_SYSTEM_LABELS = {"mycontacts", "my contacts"}


def _google_tags(value: str) -> list[str]:
    tags = []
    for label in value.split(":::"):
        label = _line(label)
        if label.startswith("* "):
            if label[2:].strip().lower() in _GOOGLE_SYSTEM_LABELS:
                continue
            label = label[2:].strip()
        if label:
            tags.append(label)
    return tags


def _numbered(columns: dict[str, int], pattern: str) -> list[tuple[int, str]]:
    """Columns like ``e-mail 2 - value``, sorted by their number: (number, column name)."""
    rx = re.compile(pattern)
    found = []
    for name in columns:
        m = rx.fullmatch(name)
        if m:
            found.append((int(m.group(1)), name))
    return sorted(found)


def read_google(text: str, path: str) -> Parsed:
    """A Google Contacts CSV export, current layout or the legacy (Outlook-era) one."""
    c = _Collector(path)
    rows = _csv_rows(text, c)
    found = _header(
        rows,
        c,
        lambda names: bool({"first name", "given name"} & names),
        "First Name or Given Name; is this a Google Contacts CSV export?",
    )
    if found is None:
        return Parsed(path, "Google Contacts", (), tuple(c.problems))
    at, columns = found
    email_cols = _numbered(columns, r"e-?mail (\d+) - value")
    phone_cols = _numbered(columns, r"phone (\d+) - value")
    web_cols = _numbered(columns, r"website (\d+) - value")
    people = []
    for line, row in rows[at + 1 :]:
        if not any(cell.strip() for cell in row):
            continue
        get = _getter(row, columns)
        name = (
            _line(get("name"))
            or _join(get("first name"), get("middle name"), get("last name"))
            or _join(get("given name"), get("additional name"), get("family name"))
            or _line(get("nickname"))
            or _line(get("file as"))
        )
        if not name:
            c.warn(line, "a contact with no name; skipped")
            continue
        emails = [v for _, col in email_cols for v in get(col).split(":::")]
        phones = [_line(v) for _, col in phone_cols for v in get(col).split(":::")]
        used: set[str] = set()
        links = []
        for n, col in web_cols:
            kind = get(f"website {n} - label") or get(f"website {n} - type")
            for value in get(col).split(":::"):
                url = c.url(value, line)
                if url:
                    wanted = kind.strip().lstrip("* ").strip() or "website"
                    links.append((_label(wanted, url, used), url))
        birthday = None
        raw_birthday = get("birthday")
        if raw_birthday:
            birthday = normalise_birthday(raw_birthday)
            if birthday is None:
                c.warn(line, f"{raw_birthday!r} is not a birthday; left out", "birthday")
        fields = _person(
            name,
            emails=c.emails(emails, line),
            phones=phones,
            links=links,
            org=_line(get("organization name") or get("organization 1 - name")),
            role=_line(get("organization title") or get("organization 1 - title")),
            tags=_google_tags(get("labels") or get("group membership")),
            birthday=birthday,
            notes=_text(get("notes")),
        )
        people.append(Candidate(line, fields))
    return Parsed(path, "Google Contacts", tuple(people), tuple(c.problems))


# --- vCard ----------------------------------------------------------------------------

#: TYPE values that say nothing about what a URL is.
_VAGUE_TYPES = {"pref", "internet", "x-internet", "other"}


def _ab_label(text: str) -> str:
    """Apple's group labels: ``_$!<HomePage>!$_`` → ``HomePage``."""
    m = re.fullmatch(r"_\$!<(.*)>!\$_", text.strip())
    return m.group(1) if m else text.strip()


def _card_person(card: vcard.Card, c: _Collector) -> dict[str, Any] | None:
    line = card.line
    kind = card.first("KIND")
    if kind is not None and kind.text.strip().lower() == "group":
        c.warn(line, "a group card, not a person; skipped")
        return None
    fn = card.first("FN")
    name = _line(fn.text) if fn else ""
    if not name:
        n = card.first("N")
        if n is not None:
            parts = [p.replace(",", " ") for p in vcard.split_escaped(n.value, ";")] + [""] * 5
            name = _join(parts[1], parts[2], parts[0])
    if not name:
        c.warn(line, "a card with no name (FN or N); skipped")
        return None

    labels = {p.group.lower(): _ab_label(p.text) for p in card.all("X-ABLABEL") if p.group}
    used: set[str] = set()
    links = []
    for prop in card.all("URL"):
        url = c.url(prop.text, prop.line)
        if not url:
            continue
        types = [t for t in prop.types if t not in _VAGUE_TYPES]
        wanted = (types[0] if types else "") or labels.get((prop.group or "").lower(), "")
        links.append((_label(wanted.lower() or "website", url, used), url))

    org = ""
    org_prop = card.first("ORG")
    if org_prop is not None:
        org = _line(vcard.split_escaped(org_prop.value, ";")[0])
    title = card.first("TITLE") or card.first("ROLE")

    tags: list[str] = []
    for prop in card.all("CATEGORIES"):
        tags.extend(_line(t) for t in vcard.split_escaped(prop.value, ","))

    birthday = None
    bday = card.first("BDAY")
    if bday is not None and bday.value.strip():
        omit = (bday.param("X-APPLE-OMIT-YEAR") or ("",))[0]
        is_text = any(v.lower() == "text" for v in bday.param("VALUE"))
        birthday = None if is_text else normalise_birthday(bday.text, omit)
        if birthday is None:
            c.warn(bday.line, f"{bday.text!r} is not a birthday date; left out", "birthday")

    met: dict[str, Any] = {}
    met_date = card.first(vcard.MET_DATE)
    if met_date is not None:
        try:
            met["date"] = date.fromisoformat(met_date.text.strip())
        except ValueError:
            c.warn(met_date.line, f"{met_date.text!r} is not a date; left out", "met")
    met_how = card.first(vcard.MET_HOW)
    if met_how is not None and _line(met_how.text):
        met["how"] = _line(met_how.text)

    phones = []
    for prop in card.all("TEL"):
        value = prop.text.strip()
        phones.append(_line(value[4:] if value.lower().startswith("tel:") else value))
    return _person(
        name,
        emails=c.emails((p.text for p in card.all("EMAIL")), line),
        phones=phones,
        links=links,
        org=org,
        role=_line(title.text) if title else "",
        tags=tags,
        met=met,
        birthday=birthday,
        notes="\n\n".join(t for t in (_text(p.text) for p in card.all("NOTE")) if t),
    )


def read_vcard(text: str, path: str) -> Parsed:
    """A .vcf file of one or more cards (vCard 2.1, 3.0 or 4.0)."""
    c = _Collector(path)
    cards, problems = vcard.read_cards(text.removeprefix("\ufeff"), path)
    if problems:
        return Parsed(path, "vCard", (), tuple(problems))
    people = []
    for card in cards:
        fields = _card_person(card, c)
        if fields is not None:
            people.append(Candidate(card.line, fields))
    return Parsed(path, "vCard", tuple(people), tuple(c.problems))


READERS: dict[str, Callable[[str, str], Parsed]] = {
    "linkedin": read_linkedin,
    "google": read_google,
    "vcard": read_vcard,
}


# --- planning -------------------------------------------------------------------------


@dataclass(frozen=True)
class Create:
    slug: str
    name: str
    text: str
    line: int


@dataclass(frozen=True)
class Update:
    slug: str
    name: str
    path: str
    fields: dict[str, Any]
    """Only keys the contact's file has no value for, in file order."""
    line: int


@dataclass(frozen=True)
class Skip:
    name: str
    line: int
    reason: str


@dataclass(frozen=True)
class Plan:
    created: tuple[Create, ...]
    updated: tuple[Update, ...]
    unchanged: tuple[tuple[str, str], ...]
    """(name, path) of people already in the network with nothing to add."""
    skipped: tuple[Skip, ...]
    warnings: tuple[Problem, ...] = ()


def _missing(contact: Contact) -> set[str]:
    """The fillable fields a contact has no value for."""
    have = {
        "email": bool(contact.emails),
        "phone": bool(contact.phones),
        "links": bool(contact.links),
        "org": contact.org is not None,
        "role": contact.role is not None,
        "tags": bool(contact.tags),
        "met": contact.met_date is not None or contact.met_how is not None,
        "birthday": contact.birthday is not None,
        "notes": contact.notes is not None,
    }
    return {k for k, v in have.items() if not v}


def _linkedin_keys(links: Iterable[tuple[str, str]]) -> list[str]:
    return [normalise_url(url) for _, url in links if is_linkedin(url)]


@dataclass
class _Target:
    """Someone a candidate can match: a contact already in the network, or a new file."""

    name: str
    slug: str | None = None
    path: str = ""
    line: int = 0
    missing: set[str] = field(default_factory=set)
    fields: dict[str, Any] = field(default_factory=dict)
    """For a new person: all its fields; for a contact: the fields to add."""
    new: bool = False
    matched: bool = False
    """For a contact: whether the import names them."""


def _validate(fields: dict[str, Any], slug: str, today: date, header: str | None) -> str | None:
    """The first error `abc check` would report for these fields, or None."""
    from .store import load_text

    rel = f"contacts/{slug}.yaml"
    data, problems = load_text(new_contact(fields, header=header), rel, "safe")
    if not problems:
        _, problems = parse_contact(data, rel, slug, today)
    errors = [p for p in problems if p.severity == "error"]
    if not errors:
        return None
    p = errors[0]
    return f"{p.field}: {p.message}" if p.field else p.message


def plan_import(
    parsed: Parsed,
    contacts: Sequence[Contact],
    taken: set[str],
    today: date,
    *,
    circle: str = "wide",
    header: str | None = None,
    broken: set[str] | frozenset[str] = frozenset(),
) -> Plan:
    """Decide, for every candidate, whether to create a file, fill fields, or skip.

    ``taken`` holds the slugs of every file in contacts/ (also those with errors,
    which may not be in ``contacts``); ``broken`` the paths of files with errors,
    whose people are matched but never changed. ``header`` becomes comment lines at
    the top of new files. People who appear twice in the export are merged, the first
    spelling winning, the same way as with a contact already in the network.
    """
    targets: list[_Target] = []
    by_email: dict[str, _Target] = {}
    by_linkedin: dict[str, _Target] = {}
    by_name: dict[str, list[_Target]] = {}

    def index(t: _Target, emails: Iterable[str], linkedins: Iterable[str]) -> None:
        for e in emails:
            by_email.setdefault(e.lower(), t)
        for u in linkedins:
            by_linkedin.setdefault(u, t)
        by_name.setdefault(fold(t.name), []).append(t)

    for contact in sorted(contacts, key=lambda c: c.source.path):
        t = _Target(
            contact.name,
            contact.slug,
            contact.source.path,
            missing=_missing(contact),
        )
        targets.append(t)
        index(t, contact.emails, _linkedin_keys(contact.links))

    # Warnings about a whole record (no field) are records skipped; the others are values.
    skipped = [
        Skip("", p.line, p.message)
        for p in parsed.problems
        if p.severity == "warning" and not p.field
    ]
    warnings = [p for p in parsed.problems if p.severity == "warning" and p.field]
    for cand in parsed.people:
        fields = dict(cand.fields)
        met = fields.get("met")
        if isinstance(met, dict) and isinstance(met.get("date"), date) and met["date"] > today:
            warnings.append(
                Problem(
                    parsed.path,
                    cand.line,
                    "met",
                    f"{met['date']} is after today; left out",
                    "warning",
                )
            )
            fields["met"] = {k: v for k, v in met.items() if k != "date"}
        emails = fields.get("email", [])
        linkedins = _linkedin_keys(fields.get("links", {}).items())
        found: list[_Target] = []
        for t in (
            [by_email.get(e.lower()) for e in emails]
            + [by_linkedin.get(u) for u in linkedins]
            + by_name.get(fold(cand.name), [])
        ):
            if t is not None and all(t is not f for f in found):
                found.append(t)
        if len(found) > 1:
            names = " and ".join(f"{t.name} ({t.path or 'new in this import'})" for t in found)
            skipped.append(Skip(cand.name, cand.line, f"matches {names}; merge them by hand"))
            continue
        if not found:
            t = _Target(cand.name, line=cand.line, new=True)
            t.fields = _ordered({**fields, "circle": circle})
            targets.append(t)
            index(t, emails, linkedins)
            continue
        t = found[0]
        if t.path in broken:
            reason = f"{t.path} has problems; fix them first (run abc check)"
            skipped.append(Skip(cand.name, cand.line, reason))
            continue
        for key in FILLABLE:
            if key in fields and key not in t.fields and (t.new or key in t.missing):
                t.fields[key] = fields[key]
        if not t.new and not t.matched:
            t.line, t.matched = cand.line, True

    created: list[Create] = []
    updated: list[Update] = []
    unchanged: list[tuple[str, str]] = []
    used = set(taken)
    for t in targets:
        if t.new:
            base = slugify(t.name)
            if not base:
                skipped.append(Skip(t.name, t.line, "cannot make a file name from this name"))
                continue
            slug, n = base, 2
            while slug in used:
                slug, n = f"{base}-{n}", n + 1
            fields = _ordered(t.fields)
            why = _validate(fields, slug, today, header)
            if why:
                skipped.append(Skip(t.name, t.line, why))
                continue
            used.add(slug)
            created.append(Create(slug, t.name, new_contact(fields, header=header), t.line))
        elif t.fields:
            fill = _ordered(t.fields)
            why = _validate({"name": t.name, **fill}, t.slug or "x", today, None)
            if why:
                skipped.append(Skip(t.name, t.line, why))
                continue
            updated.append(Update(t.slug or "", t.name, t.path, fill, t.line))
        elif t.matched:
            unchanged.append((t.name, t.path))
    return Plan(
        tuple(created),
        tuple(updated),
        tuple(unchanged),
        tuple(sorted(skipped, key=lambda s: s.line)),
        tuple(sorted(warnings)),
    )


def _ordered(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: fields[k] for k in CONTACT_KEYS if k in fields and fields[k] not in (None, "")}


# --- the report -----------------------------------------------------------------------


def _where(path: str, line: int) -> str:
    return f"{path}:{line}" if line else path


def report_lines(parsed: Parsed, plan: Plan, *, dry_run: bool, circle: str) -> list[str]:
    """What an import did (or, with ``dry_run``, would do), for people to read."""
    lines = [f"{parsed.kind}: {len(parsed.people)} people in {parsed.path}."]
    create, update = ("Would create", "Would update") if dry_run else ("Created", "Updated")
    if plan.created:
        lines.append(f"{create} {len(plan.created)} (circle {circle}):")
        width = max(len(c.slug) for c in plan.created) + len("contacts/.yaml")
        lines += [f"  {f'contacts/{c.slug}.yaml':<{width}}  {c.name}" for c in plan.created]
    if plan.updated:
        lines.append(f"{update} {len(plan.updated)}, adding only what their file lacked:")
        width = max(len(u.path) for u in plan.updated)
        lines += [f"  {u.path:<{width}}  {u.name}: {', '.join(u.fields)}" for u in plan.updated]
    skipped = [f"  {name}: already in {path}, nothing to add" for name, path in plan.unchanged] + [
        f"  {_where(parsed.path, s.line)}: {s.name + ': ' if s.name else ''}{s.reason}"
        for s in plan.skipped
    ]
    if skipped:
        lines.append(f"Skipped {len(skipped)}:")
        lines += skipped
    if plan.warnings:
        lines.append(
            f"Left out {len(plan.warnings)} value{'s' if len(plan.warnings) != 1 else ''}:"
        )
        lines += [f"  {p}" for p in plan.warnings]
    c, u, k = len(plan.created), len(plan.updated), len(skipped)
    if dry_run:
        lines.append(f"Dry run: would create {c}, update {u}, skip {k}; nothing was written.")
    else:
        lines.append(f"Done: {c} created, {u} updated, {k} skipped.")
    return lines


def plan_json(parsed: Parsed, plan: Plan, *, dry_run: bool) -> dict[str, Any]:
    """The same as :func:`report_lines`, as stable JSON."""
    return {
        "source": parsed.kind,
        "file": parsed.path,
        "dry_run": dry_run,
        "people": len(parsed.people),
        "created": [
            {"name": c.name, "path": f"contacts/{c.slug}.yaml", "line": c.line}
            for c in plan.created
        ],
        "updated": [
            {"name": u.name, "path": u.path, "fields": list(u.fields), "line": u.line}
            for u in plan.updated
        ],
        "unchanged": [{"name": name, "path": path} for name, path in plan.unchanged],
        "skipped": [{"name": s.name, "line": s.line, "reason": s.reason} for s in plan.skipped],
        "warnings": [p.to_json() for p in plan.warnings],
    }
