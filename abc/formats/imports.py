"""Imports: other tools' exports → candidate people → a plan of files to create or fill. Pure.

Each reader takes the text of one export and returns the people in it as dicts
shaped like a contact file (``name``, ``email`` list, ``phone`` list, ``links``
mapping, ``org``, ``role``, ``tags``, ``met``, ``birthday``, ``notes``), with
problems that name the line: errors mean the file cannot be trusted and nothing
may be written; warnings are rows skipped or values left out.

Every record the reader finds is either a candidate or a warning without a field
(a row skipped, with its line): :attr:`Parsed.skipped_rows`, so an import can
account for each one. :func:`~abcnet.core.import_plan.plan_import` then
matches each candidate with the one identity rule (:mod:`abcnet.core.identity`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from abcnet.core.checks import is_email
from abcnet.core.handle_keys import fold, is_linkedin
from abcnet.core.import_plan import LINKEDIN_HOW, Candidate, Parsed
from abcnet.core.problems import Problem
from abcnet.core.slugs import slugify
from abcnet.core.words import MONTH_NUMBERS

from . import vcard

_URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MONTHS = MONTH_NUMBERS

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


class _Cleaner:
    """Cleans one export's values, keeping a problem for each one it leaves out."""

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


def _csv_rows(text: str, c: _Cleaner) -> list[tuple[int, list[str]]]:
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
    c: _Cleaner,
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
    c = _Cleaner(path)
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


def _numbered_columns(columns: dict[str, int], pattern: str) -> list[tuple[int, str]]:
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
    c = _Cleaner(path)
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
    email_cols = _numbered_columns(columns, r"e-?mail (\d+) - value")
    phone_cols = _numbered_columns(columns, r"phone (\d+) - value")
    web_cols = _numbered_columns(columns, r"website (\d+) - value")
    people = []
    for line, row in rows[at + 1 :]:
        if not any(cell.strip() for cell in row):
            c.warn(line, "an empty row; skipped")
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


def _card_person(card: vcard.Card, c: _Cleaner) -> dict[str, Any] | None:
    """One card's contact fields; None (with a warning) for a group or a card with no name."""
    line = card.line
    kind = card.first("KIND")
    if kind is not None and kind.text.strip().lower() == "group":
        c.warn(line, "a group card, not a person; skipped")
        return None
    name = _card_name(card)
    if not name:
        c.warn(line, "a card with no name (FN or N); skipped")
        return None
    # In this order, so the warnings come in the order of the fields.
    links = _card_links(card, c)
    birthday = _card_birthday(card, c)
    met = _card_met(card, c)
    org = card.first("ORG")
    title = card.first("TITLE") or card.first("ROLE")
    return _person(
        name,
        emails=c.emails((p.text for p in card.all("EMAIL")), line),
        phones=_card_phones(card),
        links=links,
        org=_line(vcard.split_escaped(org.value, ";")[0]) if org is not None else "",
        role=_line(title.text) if title else "",
        tags=_card_tags(card),
        met=met,
        birthday=birthday,
        notes="\n\n".join(t for t in (_text(p.text) for p in card.all("NOTE")) if t),
    )


def _card_name(card: vcard.Card) -> str:
    """FN; failing that, N's given, additional and family names."""
    fn = card.first("FN")
    name = _line(fn.text) if fn else ""
    n = card.first("N")
    if name or n is None:
        return name
    parts = [p.replace(",", " ") for p in vcard.split_escaped(n.value, ";")] + [""] * 5
    return _join(parts[1], parts[2], parts[0])


def _card_links(card: vcard.Card, c: _Cleaner) -> list[tuple[str, str]]:
    """(label, URL) for each URL: the label from its TYPE or its Apple group label."""
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
    return links


def _card_birthday(card: vcard.Card, c: _Cleaner) -> str | None:
    """BDAY as the contact file writes it; a text or unreadable one is left out with a warning."""
    bday = card.first("BDAY")
    if bday is None or not bday.value.strip():
        return None
    omit = (bday.param("X-APPLE-OMIT-YEAR") or ("",))[0]
    is_text = any(v.lower() == "text" for v in bday.param("VALUE"))
    birthday = None if is_text else normalise_birthday(bday.text, omit)
    if birthday is None:
        c.warn(bday.line, f"{bday.text!r} is not a birthday date; left out", "birthday")
    return birthday


def _card_met(card: vcard.Card, c: _Cleaner) -> dict[str, Any]:
    """``met`` from abc's own extensions (X-ABC-MET-DATE, X-ABC-MET-HOW), as exported."""
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
    return met


def _card_phones(card: vcard.Card) -> list[str]:
    phones = []
    for prop in card.all("TEL"):
        value = prop.text.strip()
        phones.append(_line(value[4:] if value.lower().startswith("tel:") else value))
    return phones


def _card_tags(card: vcard.Card) -> list[str]:
    tags: list[str] = []
    for prop in card.all("CATEGORIES"):
        tags.extend(_line(t) for t in vcard.split_escaped(prop.value, ","))
    return tags


def read_vcard(text: str, path: str) -> Parsed:
    """A .vcf file of one or more cards (vCard 2.1, 3.0 or 4.0)."""
    c = _Cleaner(path)
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
