"""A LinkedIn Connections.csv as the data export writes it: fictional people, deterministic by seed.

The current layout starts with LinkedIn's ``Notes:`` preamble (a quoted paragraph
and a blank line), then ``First Name,Last Name,URL,Email Address,Company,
Position,Connected On``, newest connection first, with a byte-order mark and
CRLF line ends; the older layout (``old=True``) has no preamble and no ``URL``
column. What a real export of a long career holds is here too: names from many
languages (accents, names that fold to the same ASCII such as José García and
Jose Garcia, CJK and Hangul, Cyrillic and Greek), namesakes with different
profile URLs (three John Smiths, one of them "Random Corp, Recruiter" connected
in 2012, and two Priya Patels, besides the ones chance makes), empty rows where
accounts were deleted, rows with a profile but no name, an email for 8% of
people, positions with commas and quotes, dates from 2008 to 2026.

The same seed gives the same bytes. :func:`export` also returns what it wrote
(:class:`Export`), so a test can check an import against it.

    python tests/linkedin_export.py Connections.csv -n 1511 --seed 2026
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    "allowed their connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    "\r\n"
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
OLD_HEADER = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
FIRST_DAY = date(2008, 1, 1)
LAST_DAY = date(2026, 10, 31)

#: (first names, last names) by language.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        (
            "James",
            "Emma",
            "Oliver",
            "Charlotte",
            "Harry",
            "Amelia",
            "George",
            "Grace",
            "Jack",
            "Olivia",
            "Thomas",
            "Isla",
            "William",
            "Ava",
            "Daniel",
            "Emily",
            "Samuel",
            "Lily",
            "Joseph",
            "Sophie",
            "Henry",
            "Chloe",
            "Lucas",
            "Ella",
            "Ethan",
            "Ruby",
            "Noah",
            "Freya",
            "Alfie",
            "Hannah",
        ),
        (
            "Walker",
            "Hughes",
            "Bennett",
            "Turner",
            "Carter",
            "Price",
            "Hall",
            "Wood",
            "Clarke",
            "Wright",
            "Green",
            "Baker",
            "Harris",
            "Cooper",
            "King",
            "Lewis",
            "Morgan",
            "Evans",
            "Parker",
            "Collins",
            "Edwards",
            "Stewart",
            "Murphy",
            "Reed",
            "Fletcher",
            "Barnes",
            "Holmes",
            "Palmer",
            "Webb",
            "Lloyd",
        ),
    ),
    "es": (
        (
            "José",
            "María",
            "Lucía",
            "Álvaro",
            "Inés",
            "Sofía",
            "Martín",
            "Pilar",
            "Andrés",
            "Begoña",
            "Raúl",
            "Marta",
            "Jesús",
            "Nuria",
            "Íñigo",
            "Carmen",
        ),
        (
            "García",
            "Fernández",
            "López",
            "Martínez",
            "Sánchez",
            "Núñez",
            "Peña",
            "Rodríguez",
            "Gómez",
            "Díaz",
            "Muñoz",
            "Jiménez",
            "Ibáñez",
            "Ortiz",
            "Cortés",
        ),
    ),
    "pt": (
        ("João", "Gonçalo", "Beatriz", "Conceição", "Tomás", "Leonor", "Rui", "Inês", "Vasco"),
        ("Gonçalves", "Araújo", "Simões", "Magalhães", "Brandão", "Lourenço", "Pinto"),
    ),
    "de": (
        ("Jörg", "Jürgen", "Käthe", "Lena", "Lukas", "Mia", "Felix", "Anja", "Björn", "Uwe"),
        (
            "Müller",
            "Schäfer",
            "Weiß",
            "Groß",
            "Köhler",
            "Bäcker",
            "Hoffmann",
            "Krüger",
            "Schröder",
            "Vogel",
            "Jäger",
        ),
    ),
    "fr": (
        (
            "Zoë",
            "Hélène",
            "François",
            "Chloé",
            "Léa",
            "Noël",
            "Amélie",
            "Jérôme",
            "Maëlle",
            "Benoît",
            "Cécile",
        ),
        (
            "Lefèvre",
            "Dubois",
            "Mercier",
            "Girard",
            "Bélanger",
            "Lévêque",
            "Rousseau",
            "Faure",
            "Chevalier",
            "Gauthier",
        ),
    ),
    "nordic": (
        ("Søren", "Åsa", "Märta", "Øystein", "Sigrún", "Linnéa", "Mikael", "Ingrid"),
        ("Åberg", "Sørensen", "Lindström", "Jónsdóttir", "Ødegaard", "Nyström", "Halvorsen"),
    ),
    "pl": (
        ("Łukasz", "Małgorzata", "Paweł", "Zofia", "Wojciech", "Agnieszka"),
        ("Wiśniewski", "Łęcka", "Kowalczyk", "Zieliński", "Wójcik", "Dąbrowska"),
    ),
    "tr": (
        ("Çağla", "Gökhan", "Şule", "İlker", "Emre", "Ayşe"),
        ("Yılmaz", "Öztürk", "Çelik", "Şahin", "Aydın", "Doğan"),
    ),
    "vi": (
        ("Nguyễn Văn", "Trần Thị", "Phạm Minh", "Lê Hoàng", "Võ Thị"),
        ("Anh", "Hương", "Đức", "Thảo", "Quân", "Linh"),
    ),
    "ga": (
        ("Siobhán", "Aoife", "Seán", "Niamh", "Ciarán", "Éabha"),
        ("Ó Briain", "Ní Bhriain", "O'Neill", "Mac Giolla", "Ó Súilleabháin", "Kennedy"),
    ),
    "in": (
        (
            "Priya",
            "Arjun",
            "Ananya",
            "Rohan",
            "Kavya",
            "Vikram",
            "Aditi",
            "Rahul",
            "Sneha",
            "Karthik",
            "Meera",
            "Siddharth",
            "Pooja",
            "Aarav",
            "Divya",
            "Nikhil",
        ),
        (
            "Sharma",
            "Iyer",
            "Reddy",
            "Nair",
            "Gupta",
            "Menon",
            "Rao",
            "Joshi",
            "Kulkarni",
            "Banerjee",
            "Chatterjee",
            "Pillai",
            "Desai",
            "Mehta",
            "Verma",
            "Kapoor",
        ),
    ),
    "ng": (
        ("Chiamaka", "Oluwaseun", "Ngozi", "Emeka", "Tunde", "Adaeze", "Ifeanyi", "Folake"),
        ("Okonkwo", "Adeyemi", "Eze", "Balogun", "Okafor", "Nwosu", "Adebayo", "Obi"),
    ),
    "ar": (
        ("Youssef", "Layla", "Omar", "Fatima", "Karim", "Nour", "Hassan", "Rania"),
        ("El-Amin", "Haddad", "Al-Masri", "Nasser", "Khoury", "Saleh", "Mansour", "Aziz"),
    ),
    "zh": (
        ("伟", "芳", "娜", "敏", "静", "磊", "洋", "丽", "强", "军"),
        ("王", "李", "张", "刘", "陈", "杨", "黄", "赵"),
    ),
    "ja": (
        ("翔太", "美咲", "蓮", "陽菜", "大翔", "結衣", "悠真", "さくら"),
        ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村"),
    ),
    "ko": (
        ("민준", "서연", "지호", "하은", "도윤", "지우", "예준"),
        ("김", "이", "박", "최", "정"),
    ),
    "ru": (
        ("Ольга", "Дмитрий", "Анна", "Иван", "Мария", "Сергей"),
        ("Петрова", "Смирнов", "Иванова", "Волков", "Соколова", "Лебедев"),
    ),
    "el": (("Γιώργος", "Ελένη", "Νίκος", "Μαρία"), ("Παπαδόπουλος", "Οικονόμου", "Καραγιάννη")),
}
#: How often each language appears, in parts.
WEIGHTS = {
    "en": 30,
    "es": 8,
    "pt": 4,
    "de": 7,
    "fr": 6,
    "nordic": 3,
    "pl": 2,
    "tr": 2,
    "vi": 2,
    "ga": 2,
    "in": 10,
    "ng": 4,
    "ar": 3,
    "zh": 4,
    "ja": 3,
    "ko": 3,
    "ru": 2,
    "el": 1,
}
COMPANIES = (
    "Contoso Ltd",
    "Fabrikam",
    "Northwind Analytics",
    "Tailspin Toys",
    "Woodgrove Bank",
    "Kestrel Freight",
    "Müller & Söhne GmbH",
    "Société Fictive SA",
    "株式会社サンプル",
    "Ωmega Labs",
    "Lamna Healthcare",
    "Adatum Robotics",
    "Self-employed",
    "",
)
POSITIONS = (
    "Software Engineer",
    "Senior Data Engineer",
    "Director, Platform Engineering",
    'Head of "Growth"',
    "Product Manager",
    "Recruiter",
    "Talent Partner, EMEA",
    "CTO",
    "Founder & CEO",
    "Ingeniera de datos",
    "Chargée de mission",
    "データサイエンティスト",
    "Student",
    "",
)
DOMAINS = ("example.com", "example.org", "example.net")
#: The namesakes a story needs, each with a profile of their own (company, position,
#: year): three John Smiths, two Priya Patels, names that fold to the same ASCII, and
#: the most common name in China twice.
STAGED = (
    ("John", "Smith", "Random Corp", "Recruiter", 2012),
    ("John", "Smith", "Fabrikam", "Staff Engineer", 2019),
    ("John", "Smith", "", "", 2024),
    ("Priya", "Patel", "Contoso Ltd", "Head of Data", 2016),
    ("Priya", "Patel", "Woodgrove Bank", "Analyst", 2023),
    ("José", "García", "Société Fictive SA", "Ingeniera de datos", 2015),
    ("Jose", "Garcia", "Tailspin Toys", "Product Manager", 2021),
    ("Jörg", "Müller", "Müller & Söhne GmbH", "CTO", 2010),
    ("Jorg", "Muller", "Kestrel Freight", "", 2018),
    ("Zoë", "Lefèvre", "Contoso Ltd", "Chargée de mission", 2014),
    ("ZOE", "LEFEVRE", "", "Student", 2026),
    ("伟", "王", "Ωmega Labs", "Senior Data Engineer", 2013),
    ("伟", "王", "株式会社サンプル", "データサイエンティスト", 2022),
)
#: How often a person drawn at random has the name of someone drawn before.
CHANCE_NAMESAKE = 0.01


@dataclass(frozen=True)
class Export:
    """A written export and what is in it."""

    text: str
    first_line: int
    """The line of the first row after the header."""
    rows: int
    """Rows after the header: people, empty rows and rows with no name."""
    people: int
    empty: tuple[int, ...]
    """The lines of empty rows (deleted accounts)."""
    nameless: tuple[int, ...]
    """The lines of rows with a profile but no name."""
    emails: int
    namesakes: dict[str, tuple[int, ...]]
    """Each name (folded) that more than one row has, with those rows' lines."""


def fold(name: str) -> str:
    """A name as LinkedIn users would not tell it apart: no accents, no case, one space."""
    text = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _ascii(first: str, last: str) -> str:
    """``jose-garcia`` for José García; empty for a name with no ASCII letter (李 王)."""
    text = fold(f"{first} {last}").replace("'", "")
    return "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in text).split())


def _slug(first: str, last: str) -> str:
    """The name part of a profile URL: ASCII where it can be, else percent-encoded."""
    return _ascii(first, last) or quote("-".join(fold(f"{first} {last}").split()))


def _person(rng: random.Random, seen: set[str]) -> tuple[str, str]:
    """A name by the languages' weights: one nobody has yet, but for the odd namesake."""
    namesake = rng.random() < CHANCE_NAMESAKE
    for _ in range(50):
        lang = rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
        firsts, lasts = NAMES[lang]
        first, last = rng.choice(firsts), rng.choice(lasts)
        if namesake == (fold(f"{first} {last}") in seen):
            break
    seen.add(fold(f"{first} {last}"))
    return first, last


def _day(rng: random.Random, year: int | None = None) -> date:
    start = date(year, 1, 1) if year else FIRST_DAY
    end = min(date(year, 12, 31), LAST_DAY) if year else LAST_DAY
    return start + timedelta(days=rng.randint(0, (end - start).days))


def export(n: int = 1511, seed: int = 2026, *, old: bool = False) -> Export:
    """``n`` rows of a Connections.csv: about 1.3% empty, 0.4% without a name, the rest people."""
    rng = random.Random(seed)
    empty_n, nameless_n = max(1, n * 4 // 300), max(1, n // 250)
    people_n = n - empty_n - nameless_n
    people: list[tuple[date, list[str]]] = []
    used_urls: set[str] = set()
    seen = {fold(f"{f} {la}") for f, la, *_ in STAGED}
    staged = STAGED[: max(0, people_n)]
    for i in range(people_n):
        if i < len(staged):
            first, last, company, position, year = staged[i]
            when = _day(rng, year)
        else:
            first, last = _person(rng, seen)
            company, position, when = rng.choice(COMPANIES), rng.choice(POSITIONS), _day(rng)
        url = ""
        while not url or url in used_urls:
            url = f"https://www.linkedin.com/in/{_slug(first, last)}-{rng.getrandbits(32):08x}"
        used_urls.add(url)
        people.append((when, [first, last, url, "", company, position]))
    for i in rng.sample(range(people_n), round(people_n * 0.08)):
        first, last = people[i][1][:2]
        local = _ascii(first, last)[:20].strip("-") or "member"
        people[i][1][3] = f"{local}.{i}@{rng.choice(DOMAINS)}"
    people.sort(key=lambda p: p[0], reverse=True)  # LinkedIn lists the newest first
    rows: list[list[str] | None] = [[*cells, when.strftime("%d %b %Y")] for when, cells in people]
    for _ in range(empty_n):
        rows.insert(rng.randint(0, len(rows)), None)
    for _ in range(nameless_n):
        url = f"https://www.linkedin.com/in/ACoAA{rng.getrandbits(40):010x}"
        rows.insert(
            rng.randint(0, len(rows)), ["", "", url, "", "", "", _day(rng).strftime("%d %b %Y")]
        )
    return _write(rows, old=old)


def _write(rows: list[list[str] | None], *, old: bool) -> Export:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n" if old else "\r\n")
    writer.writerow(OLD_HEADER if old else HEADER)
    first_line = 2 if old else 5
    empty, nameless, names = [], [], {}
    for line, row in enumerate(rows, first_line):
        if row is None:
            writer.writerow([""] * (6 if old else 7))
            empty.append(line)
            continue
        writer.writerow(row[:2] + row[3:] if old else row)
        if not row[0] and not row[1]:
            nameless.append(line)
        else:
            names.setdefault(fold(f"{row[0]} {row[1]}"), []).append(line)
    text = out.getvalue() if old else "\ufeff" + PREAMBLE + out.getvalue()
    people = len(rows) - len(empty) - len(nameless)
    return Export(
        text,
        first_line,
        len(rows),
        people,
        tuple(empty),
        tuple(nameless),
        sum(1 for r in rows if r is not None and r[3]),
        {k: tuple(v) for k, v in sorted(names.items()) if len(v) > 1},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the file to write, e.g. Connections.csv")
    parser.add_argument("-n", "--rows", type=int, default=1511, help="rows (1511)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    parser.add_argument("--old", action="store_true", help="the older layout, without URL")
    args = parser.parse_args()
    made = export(args.rows, args.seed, old=args.old)
    args.out.write_bytes(made.text.encode("utf-8"))
    print(
        f"{args.out}: {made.rows} rows, {made.people} people, {len(made.empty)} empty, "
        f"{len(made.nameless)} without a name, {made.emails} with an email, "
        f"{len(made.namesakes)} names shared by more than one person"
    )


if __name__ == "__main__":
    main()
