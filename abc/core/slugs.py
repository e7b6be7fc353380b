"""A file-safe id from a person's name: ``Zoë O'Brien`` → ``zoe-obrien``. Pure."""

from __future__ import annotations

import re
import unicodedata

#: Letters that Unicode decomposition (NFKD) leaves as they are, spelled in ASCII the
#: way people write them (keys in lower case: the name is lowered first). Accented
#: letters need no entry: NFKD splits é into e and an accent, which is dropped.
TRANSLITERATION = {
    # Latin
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ħ": "h",
    "ı": "i",
    "ĸ": "k",
    "ŋ": "ng",
    "ŧ": "t",
    "ə": "e",
    "ƒ": "f",
    # Greek (the tonos and dialytika are accents, dropped before; ου is ou)
    **dict(zip("αβγδεζηικλμνξοπρσςτυφω", "avgdeziiklmnxoprsstyfo", strict=True)),
    "θ": "th",
    "χ": "ch",
    "ψ": "ps",
    # Cyrillic (й, ё, ї, ў decompose into и, е, і, у and an accent)
    **dict(zip("абвгґдезиіклмнопрстуфыэј", "abvggdeziiklmnoprstufyej", strict=True)),
    "є": "ye",
    "ж": "zh",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ь": "",
    "ю": "yu",
    "я": "ya",
    "ђ": "dj",
    "ћ": "c",
    "љ": "lj",
    "њ": "nj",
    "џ": "dz",
    "ѕ": "dz",
}
#: Apostrophes, dropped inside a word: O'Brien → obrien.
_APOSTROPHES = str.maketrans("", "", "'’ʼ‘`")


def _ascii(ch: str) -> tuple[str, str]:
    """One character of a lowered, decomposed name: its ASCII spelling, and the code
    point to fall back on when the name has nothing else (emoji, other symbols)."""
    if ch.isascii():
        return ch, ""
    if ch in TRANSLITERATION:
        return TRANSLITERATION[ch], ""
    kind = unicodedata.category(ch)[0]
    if kind in "LN":  # a letter or digit of a script without a table: CJK, Arabic, ...
        return f" u{ord(ch):x} ", ""
    return " ", f"u{ord(ch):x}" if kind == "S" else ""


def slugify(name: str) -> str:
    """A file-safe id from a name, in lower-case ASCII letters, digits and dashes:
    ``Zoë O'Brien`` → ``zoe-obrien``, ``Søren`` → ``soren``, ``Straße`` → ``strasse``.

    Accents go through Unicode decomposition, other letters through
    :data:`TRANSLITERATION`; a letter of a script without a table becomes its code
    point (``李小龍`` → ``u674e-u5c0f-u9f8d``), and a name of emoji or other symbols
    only their code points (``🌻`` → ``u1f33b``). Empty only for a name with no
    letter, digit or symbol (``...``). At most 60 characters; never contains a path.
    """
    text = unicodedata.normalize("NFKD", name.lower()).translate(_APOSTROPHES)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ου", "ou")
    spelled: list[str] = []
    symbols: list[str] = []
    for ch in text:
        out, symbol = _ascii(ch)
        spelled.append(out)
        symbols += [symbol] if symbol else []
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(spelled)).strip("-")
    return (slug or "-".join(symbols))[:60].strip("-")
