"""Every handle to its identity key: the one form in which two spellings of an email
address, a phone number, a LinkedIn profile or a chat name are compared.

Two handles are the same when their keys are equal. None means "not a handle of
that kind", and matches nothing. Every command that asks "is this the same
person" (``abc check``, ``add``, ``import``, ``merge``, ``sync``) compares these
keys and no other form. Pure: phonenumbers' metadata is Python modules it
imports, nothing is read from disk or the network, and the region comes in as a
value (``me: region:``, from the settings).

- **Email**: case folded, ``<>`` around it dropped; a ``+tag`` at the end of the
  local part dropped at every domain (sub-addressing: the providers that offer it
  deliver ``ana+news@`` to ``ana@``, and a tag is how people file mail, not who
  they are); for ``gmail.com`` and ``googlemail.com``
  only, the dots of the local part dropped too and ``googlemail.com`` read as
  ``gmail.com`` (Gmail ignores dots; other providers, Google Workspace domains
  included, do not).
- **Phone**: E.164 through phonenumbers. A number written without a country
  code is read in the region (``me: region:``); without a region it cannot be
  read, so it matches nothing (guessing a country turns ``(415) 555-2671`` into
  a valid German number). A number is a phone only when it has the length of a
  whole number in its country: a short code (``61234``), a number without its
  area code (``555-0142``), a sender name (``Vodafone``) or a number with words
  around it is not. Validity beyond that is not asked: phonenumbers calls the
  numbers set aside for drama (``07700 900123``) invalid, and people use them.
  An extension (``ext. 12``) is aside: it reaches the same line.
- **LinkedIn**: a profile address ``linkedin.com/in/<id>``: case, scheme,
  ``www.``, a country or mobile host (``uk.``, ``m.``), ``/mwlite``, what follows
  the id (a locale, ``/details/...``), query, fragment and percent-encoding
  aside. An old public address ``/pub/<name>/<c>/<bbb>/<aaa>`` is the profile
  ``/in/<name>-<aaa><bbb><c>`` LinkedIn redirects it to (another ``/pub/`` path
  is a key of its own). LinkedIn's opaque member ids (``/in/ACoAA…``, in its
  message exports) match only the same id, case aside: nothing here can tell
  whose name they stand for. Company, school and other pages are not profiles.
- **Name** (chat apps): accents, case and runs of spaces aside.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

_GMAIL = ("gmail.com", "googlemail.com")
_PROFILE = re.compile(r"^/(?:mwlite/)?(in|pub)/([^/]+)((?:/[^/]*)*)$", re.IGNORECASE)
_PUB_PARTS = re.compile(r"[0-9a-f]{1,3}/[0-9a-f]{3}/[0-9a-f]{3}")
_EXTENSION = re.compile(r"(?:ext\.?|extension|x)\s*\d+\s*$", re.IGNORECASE)

#: Each key is a pure function of its text, kept for the values seen last: the check
#: across files keys every email, phone and profile of the network, and the site
#: server (one process) does so again at each rebuild, for the same values.
_SEEN = 1 << 16


def fold(text: str) -> str:
    """Lower case without accents, for matching: ``Lucía`` → ``lucia``."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()


@lru_cache(maxsize=_SEEN)
def name_key(name: str) -> str:
    """A name in comparable form: folded, runs of spaces as one (``Zoë  O'Brien`` → ``zoe o'brien``)."""
    return " ".join((name.casefold() if name.isascii() else fold(name)).split())


@lru_cache(maxsize=_SEEN)
def email_key(address: str) -> str | None:
    """An email address as the rule compares it; None when there is nothing to compare.

    >>> email_key("Ana.Lima+crm@GoogleMail.com"), email_key("ana.lima+crm@work.example")
    ('analima@gmail.com', 'ana.lima@work.example')
    >>> email_key(" <ANA@Example.org> "), email_key("+news@example.org"), email_key("  ")
    ('ana@example.org', '+news@example.org', None)
    """
    raw = unicodedata.normalize("NFC", address.strip().strip("<>").strip()).casefold()
    local, at, domain = raw.rpartition("@")
    if not at or not local or not domain:
        return raw or None
    local = local.split("+", 1)[0] or local
    if domain in _GMAIL:
        local, domain = local.replace(".", "") or local, "gmail.com"
    return f"{local}@{domain}"


def region_code(region: str) -> str:
    """``me: region:`` as phonenumbers knows it (``gb`` → ``GB``), or "" when it knows none."""
    import phonenumbers  # here, not at the top: most commands compare no phone

    code = region.strip().upper()
    return code if code in phonenumbers.SUPPORTED_REGIONS else ""


def valid_region(region: str) -> bool:
    """Whether ``region`` is a region phonenumbers knows (``GB``, ``US``, ``DE``...)."""
    return bool(region_code(region))


@lru_cache(maxsize=_SEEN)
def phone_key(number: str, region: str = "") -> str | None:
    """A phone number in E.164 (``+447700900123``), or None when it is not one for sure.

    >>> phone_key("07700 900123", "GB"), phone_key("+44 (0)7700-900123"), phone_key("0044 7700 900123", "gb")
    ('+447700900123', '+447700900123', '+447700900123')
    >>> phone_key("07700 900123"), phone_key("Vodafone", "GB"), phone_key("61234", "GB"), phone_key("555-0142", "US")
    (None, None, None, None)
    >>> phone_key("+44 20 7946 0123 ext. 12")
    '+442079460123'
    """
    import phonenumbers
    from phonenumbers import shortnumberinfo

    text = unicodedata.normalize("NFKC", number).strip()
    bare = _EXTENSION.sub("", text)
    if not any(ch.isdigit() for ch in bare) or any(ch.isalpha() for ch in bare):
        return None
    try:
        parsed = phonenumbers.parse(bare, region_code(region) or None)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_possible_number_with_reason(parsed) != (
        phonenumbers.ValidationResult.IS_POSSIBLE
    ):
        return None
    if not phonenumbers.is_valid_number(parsed) and shortnumberinfo.is_valid_short_number(parsed):
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


_NATIONAL = re.compile(r"[\d\s().\-/]*")
#: The fewest digits of a whole number written without its country code (``020 7946 0123``
#: has 11, ``(415) 555-2671`` 10): a short code or a number without its area code is not one.
_NATIONAL_DIGITS = 7


def is_national(number: str) -> bool:
    """Whether ``number`` is written as a whole number without a country code: digits,
    spaces and ``()-./`` only (an extension aside), 7 digits or more, no ``+``. Only a
    region (``me: region:``) reads it.

    >>> is_national("020 7946 0123"), is_national("(415) 555-2671 ext. 3")
    (True, True)
    >>> is_national("+44 20 7946 0123"), is_national("61234"), is_national("Vodafone")
    (False, False, False)
    """
    bare = _EXTENSION.sub("", unicodedata.normalize("NFKC", number)).strip()
    return bool(_NATIONAL.fullmatch(bare)) and sum(ch.isdigit() for ch in bare) >= _NATIONAL_DIGITS


def phone_region(key: str) -> str:
    """The main region of a phone key's country code (``+44…`` → ``GB``, ``+1…`` → ``US``),
    or "" when it names none.

    >>> phone_region("+447700900123"), phone_region("+14155552671"), phone_region("+999")
    ('GB', 'US', '')
    """
    import phonenumbers

    for length in (1, 2, 3):  # country codes are prefix-free
        code = key[1 : 1 + length]
        if code.isdigit() and int(code) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            region = phonenumbers.region_code_for_country_code(int(code))
            return "" if region == phonenumbers.UNKNOWN_REGION else str(region)
    return ""


def is_linkedin(url: str) -> bool:
    """Whether a web address (with its scheme) is on LinkedIn."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return False
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def _linkedin_path(url: str) -> str:
    """The decoded path of a LinkedIn address (a scheme is not needed), "" for another."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return ""
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return ""
    return unicodedata.normalize("NFC", unquote(parts.path)) or "/"


@lru_cache(maxsize=_SEEN)
def linkedin_key(url: str) -> str | None:
    """A LinkedIn profile address as ``linkedin.com/in/<id>``; None when it is not one.

    >>> linkedin_key("https://uk.linkedin.com/in/Cleo-Park/"), linkedin_key("linkedin.com/in/cleo-park?trk=x")
    ('linkedin.com/in/cleo-park', 'linkedin.com/in/cleo-park')
    >>> linkedin_key("https://www.linkedin.com/in/Ana-Lima%C3%A9/en"), linkedin_key("m.linkedin.com/mwlite/in/ana")
    ('linkedin.com/in/ana-limaé', 'linkedin.com/in/ana')
    >>> linkedin_key("https://sy.linkedin.com/pub/Ana-Lima/a7/576/b50?trk=pub")
    'linkedin.com/in/ana-lima-b50576a7'
    >>> linkedin_key("https://www.linkedin.com/company/acme"), linkedin_key("https://example.org/in/x")
    (None, None)
    """
    m = _PROFILE.match(_linkedin_path(url))
    if not m:
        return None
    kind, slug, rest = m.group(1).lower(), m.group(2), m.group(3)
    if not slug.strip():
        return None
    if kind == "pub":
        parts = rest.strip("/").lower()
        if not _PUB_PARTS.fullmatch(parts):
            return f"linkedin.com/pub/{slug.lower()}/{parts}".rstrip("/")
        c, b, a = parts.split("/")
        return f"linkedin.com/in/{slug.lower()}-{a}{b}{c}"
    return f"linkedin.com/in/{slug.lower()}"


def key(kind: str, value: str, region: str = "") -> str | None:
    """The identity key of a handle of a kind (``email``, ``phone``, ``linkedin``,
    ``name``); None for another kind. ``region`` is for phones."""
    if kind == "email":
        return email_key(value)
    if kind == "phone":
        return phone_key(value, region)
    if kind == "linkedin":
        return linkedin_key(value)
    if kind == "name":
        return name_key(value) or None
    return None
