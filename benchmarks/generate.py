"""Write a synthetic network of N fictional people with T touches each.

The same seed always gives the same files, byte for byte. With ``--pool P`` it also
writes P people in the pool (``circle: pool``), as a LinkedIn import leaves them:
a name, work, a LinkedIn link, "Connected on LinkedIn" and the date, no touch.
Alongside the abc
network (``contacts/*.yaml`` and ``abc.yaml``) it writes the kept people as
vCard 3.0 files, one per person, twice: ``vcards/`` with the touch log folded into
each note (so both formats carry the same text) and ``vcards-plain/`` with the
contact fields only; ``khard -c khard.conf list`` and ``khard -c
khard-plain.conf list`` read the same people.

    python benchmarks/generate.py /tmp/abc-bench -n 10000 -t 20
    python benchmarks/generate.py /tmp/abc-pool -n 500 --pool 5000
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 25)

FIRST = [
    "Ada",
    "Aisha",
    "Amara",
    "Anil",
    "Anna",
    "Arjun",
    "Beatriz",
    "Bilal",
    "Bruno",
    "Camille",
    "Carlos",
    "Chen",
    "Chiara",
    "Dara",
    "Dmitri",
    "Elena",
    "Emeka",
    "Farah",
    "Felix",
    "Fatima",
    "Gabriel",
    "Grace",
    "Hana",
    "Hannah",
    "Hugo",
    "Ines",
    "Ivan",
    "Jonas",
    "Julia",
    "Kai",
    "Kenji",
    "Lars",
    "Leila",
    "Lina",
    "Lucas",
    "Maya",
    "Mei",
    "Mohammed",
    "Nadia",
    "Nikhil",
    "Nora",
    "Olga",
    "Omar",
    "Pablo",
    "Priya",
    "Rafael",
    "Rosa",
    "Sami",
    "Sara",
    "Sofia",
    "Tariq",
    "Tomas",
    "Uma",
    "Victor",
    "Wen",
    "Yara",
    "Yusuf",
    "Zara",
]
LAST = [
    "Okafor",
    "Karim",
    "Nwosu",
    "Sharma",
    "Berg",
    "Patel",
    "Costa",
    "Haddad",
    "Rossi",
    "Dubois",
    "Mendez",
    "Wei",
    "Romano",
    "Kaur",
    "Volkov",
    "Petrova",
    "Eze",
    "Rahman",
    "Braun",
    "Ali",
    "Silva",
    "Owusu",
    "Tanaka",
    "Schmidt",
    "Laurent",
    "Ferreira",
    "Ivanov",
    "Novak",
    "Lindqvist",
    "Moreau",
    "Sato",
    "Nilsson",
    "Haddad",
    "Torres",
    "Kowalski",
    "Lin",
    "Hassan",
    "Jensen",
    "Iyer",
    "Quinn",
    "Popescu",
    "Santos",
    "Alvarez",
    "Meyer",
    "Yilmaz",
    "Mensah",
    "Kovacs",
    "Fischer",
    "Larsen",
    "Nakamura",
    "Andersen",
    "Diaz",
]
ORGS = (
    "Northwind Analytics",
    "Fabrikam",
    "Kestrel Freight",
    "Owlcrest Insurance",
    "Contoso Health",
    "Tailspin Labs",
    "Wingtip Energy",
    "Lamna Bank",
    "Margie's Travel",
    "Adatum Robotics",
    "Proseware",
    "Woodgrove Retail",
)
ROLES = (
    "Head of Data",
    "Staff Engineer",
    "Product Manager",
    "Engineering Manager",
    "Data Scientist",
    "Recruiter",
    "CTO",
    "Designer",
    "Analytics Engineer",
    "Founder",
)
TAGS = [
    "python",
    "data",
    "mentor",
    "london",
    "berlin",
    "hiring",
    "ml",
    "founder",
    "design",
    "recruiter",
    "ops",
    "rust",
]
CHANNELS = ("email", "call", "video", "meeting", "message", "social", "letter")
KINDS = (None, None, "give", "give", "ask")
NOTES = (
    "Coffee near the office, talked about the team reorg and hiring plans",
    "Sent an article about data contracts that matched what they are building",
    "Asked for advice on the conference talk proposal",
    "Introduced them to a former colleague who works on the same problem",
    "Congratulated them on the new role",
    "Caught up on the acquisition rumours and what it means for the team",
    "They sent a job post that might suit a friend",
    "Birthday message",
    "Lunch after the meetup, swapped notes on remote onboarding",
    "Thanked them for the reference, the offer came through",
)
HOW = (
    "PyData London, sat next to each other at the keynote",
    "Worked together on the billing migration",
    "Introduced by a mutual friend over email",
    "Met at a meetup about data engineering",
)
#: What ``abc import`` writes as ``met.how`` for a LinkedIn connection (the
#: generator does not import abc; abcnet.core.import_plan.LINKEDIN_HOW is the source).
LINKEDIN_HOW = "Connected on LinkedIn"
BROKEN = (
    ("    channel: email\n", "    channel: emial\n"),
    ("    note:", "    notes:"),
    ("  - date: 20", "  - date: 2026-02-30\n    was: 20"),
)


def slugify(name: str) -> str:
    return name.lower().replace(" ", "-").replace("'", "")


def person(rng: random.Random, i: int, touches: int) -> dict[str, object]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    name = f"{first} {last}"
    slug = f"{slugify(name)}-{i:05d}"
    domain = f"{slugify(rng.choice(ORGS))}.example.com"
    start = TODAY - timedelta(days=rng.randint(600, 1800))
    span = (TODAY - timedelta(days=1) - start).days
    days = sorted(rng.sample(range(span), min(touches, span)))
    return {
        "slug": slug,
        "name": name,
        "first": first,
        "last": last,
        "emails": [f"{first.lower()}.{last.lower()}.{i}@{domain}"]
        + ([f"{first.lower()}{i}@example.org"] if rng.random() < 0.4 else []),
        "phone": f"+44 20 7946 {i % 10000:04d}" if rng.random() < 0.6 else None,
        "linkedin": f"https://www.linkedin.com/in/{slug}-example",
        "org": rng.choice(ORGS),
        "role": rng.choice(ROLES),
        "circle": rng.choices(("inner", "core", "wide"), (1, 3, 6))[0],
        "tags": rng.sample(TAGS, rng.randint(1, 3)),
        "met": (start, rng.choice(HOW)),
        "birthday": (
            date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
            if rng.random() < 0.5
            else None
        ),
        "notes": rng.choice(NOTES) + ".\n" + rng.choice(NOTES) + "."
        if rng.random() < 0.7
        else None,
        "touches": [
            (
                start + timedelta(days=d),
                rng.choice(CHANNELS),
                "in" if rng.random() < 0.25 else None,
                rng.choice(KINDS),
                rng.choice(NOTES),
            )
            for d in days
        ],
    }


def contact_yaml(p: dict[str, object], rng: random.Random) -> str:
    out = [f"# {p['first']}: {p['met'][1]}.\n"]  # type: ignore[index]
    out.append(f"name: {p['name']}\n")
    out.append("email:\n")
    for e in p["emails"]:  # type: ignore[attr-defined]
        out.append(f"  - {e}\n")
    if p["phone"]:
        out.append(f'phone: "{p["phone"]}"\n')
    out.append(f"links:\n  linkedin: {p['linkedin']}\n")
    out.append(f"org: {p['org']}\nrole: {p['role']}\ncircle: {p['circle']}\n")
    out.append("tags: [" + ", ".join(p["tags"]) + "]\n")  # type: ignore[arg-type]
    met_date, how = p["met"]  # type: ignore[misc]
    out.append(f"met:\n  date: {met_date}\n  how: {how}\n")
    if p["birthday"]:
        out.append(f"birthday: {p['birthday']}\n")
    if p["notes"]:
        out.append("notes: |\n")
        out.extend(f"  {line}\n" for line in str(p["notes"]).splitlines())
    out.append("touches:\n")
    for when, channel, direction, kind, note in p["touches"]:  # type: ignore[attr-defined]
        if rng.random() < 0.05:
            out.append("  # followed up later, see below\n")
        out.append(f"  - date: {when}\n    channel: {channel}\n")
        if direction:
            out.append(f"    direction: {direction}\n")
        if kind:
            out.append(f"    kind: {kind}\n")
        out.append(f"    note: {note}\n")
    return "".join(out)


def pool_yaml(rng: random.Random, i: int) -> tuple[str, str]:
    """The slug and file of someone in the pool: imported from LinkedIn, never touched."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    slug = f"{slugify(first)}-{slugify(last)}-p{i:05d}"
    connected = TODAY - timedelta(days=rng.randint(30, 6000))
    out = [f"name: {first} {last}\n"]
    if rng.random() < 0.3:
        out.append(f"email: {first.lower()}.{last.lower()}.p{i}@example.org\n")
    out.append(f"links:\n  linkedin: https://www.linkedin.com/in/{slug}-example\n")
    out.append(f"org: {rng.choice(ORGS)}\nrole: {rng.choice(ROLES)}\ncircle: pool\n")
    out.append(f"met:\n  date: {connected}\n  how: {LINKEDIN_HOW}\n")
    return slug, "".join(out)


def _vtext(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, as vCard asks (continuation lines start with a space)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts, start, width = [], 0, 75
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, width = end, 74
    return "\r\n ".join(parts) + "\r\n"


def contact_vcard(p: dict[str, object], log_touches: bool = True) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{p['slug']}",
        f"FN:{_vtext(str(p['name']))}",
        f"N:{_vtext(str(p['last']))};{_vtext(str(p['first']))};;;",
    ]
    lines += [f"EMAIL;TYPE=INTERNET:{e}" for e in p["emails"]]  # type: ignore[attr-defined]
    if p["phone"]:
        lines.append(f"TEL;TYPE=WORK:{p['phone']}")
    lines.append(f"URL:{p['linkedin']}")
    lines.append(f"ORG:{_vtext(str(p['org']))}")
    lines.append(f"TITLE:{_vtext(str(p['role']))}")
    lines.append("CATEGORIES:" + ",".join(p["tags"]))  # type: ignore[arg-type]
    if p["birthday"]:
        lines.append(f"BDAY:{p['birthday']}")
    log = [str(p["notes"] or ""), f"Met {p['met'][0]}: {p['met'][1]}"]  # type: ignore[index]
    if not log_touches:
        p = {**p, "touches": []}
    for when, channel, direction, kind, note in p["touches"]:  # type: ignore[attr-defined]
        log.append(f"{when} {channel} {direction or 'out'} {kind or 'catch-up'}: {note}")
    lines.append("NOTE:" + _vtext("\n".join(log)))
    lines.append("END:VCARD")
    return "".join(_fold(line) for line in lines)


SETTINGS = """\
# Settings for a synthetic benchmark network.
daily_quota: {quota}
cadences:
  inner: 30d
  core: 90d
  wide: 182d
reminder_time: "08:45"
timezone: Europe/London
"""

KHARD_CONF = """\
[addressbooks]
[[bench]]
path = {path}

[general]
default_action = list

[contact table]
display = formatted_name
sort = last_name
show_uids = no
"""


def generate(
    out: Path,
    n: int,
    touches: int,
    seed: int,
    problems: int,
    vcards: bool,
    quota: int = 40,
    pool: int = 0,
) -> None:
    """Write the network into ``out``, replacing any earlier one.

    With ``vcards``, the same people twice over: ``vcards/`` with the touch log in
    each note (``khard.conf``), and ``vcards-plain/`` with the contact fields only
    (``khard-plain.conf``). ``pool`` people in the pool come after the ``n`` kept
    ones, from a random stream of their own, so the kept people are the same files
    with or without them.
    """
    for sub in ("contacts", "vcards", "vcards-plain", ".abc-cache"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    (out / "contacts").mkdir(parents=True)
    (out / "abc.yaml").write_text(SETTINGS.format(quota=quota), encoding="utf-8")
    (out / ".gitignore").write_text("/.abc-cache/\n/build/\n", encoding="utf-8")
    books = {"vcards": True, "vcards-plain": False} if vcards else {}
    for folder in books:
        (out / folder).mkdir()
        conf = "khard.conf" if folder == "vcards" else "khard-plain.conf"
        (out / conf).write_text(KHARD_CONF.format(path=(out / folder).resolve()), encoding="utf-8")
    rng = random.Random(seed)
    broken = set(random.Random(seed + 1).sample(range(n), min(problems, n)))
    for i in range(n):
        p = person(rng, i, touches)
        text = contact_yaml(p, rng)
        if i in broken:
            old, new = BROKEN[i % len(BROKEN)]
            text = text.replace(old, new, 1)
        (out / "contacts" / f"{p['slug']}.yaml").write_text(text, encoding="utf-8")
        for folder, log in books.items():
            card = contact_vcard(p, log_touches=log).encode("utf-8")
            (out / folder / f"{p['slug']}.vcf").write_bytes(card)
    pool_rng = random.Random(seed + 2)
    for i in range(pool):
        slug, text = pool_yaml(pool_rng, i)
        (out / "contacts" / f"{slug}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the network into")
    parser.add_argument("-n", "--contacts", type=int, default=10_000, help="people (10000)")
    parser.add_argument("-t", "--touches", type=int, default=20, help="touches each (20)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    parser.add_argument("--problems", type=int, default=0, help="how many files get a mistake (0)")
    parser.add_argument("--pool", type=int, default=0, help="people in the pool besides (0)")
    parser.add_argument("--no-vcards", action="store_true", help="skip the vCards for khard")
    parser.add_argument(
        "--quota",
        type=int,
        default=40,
        help="daily_quota in abc.yaml (40: with 10,000 people the backlog never clears)",
    )
    args = parser.parse_args()
    generate(
        args.out,
        args.contacts,
        args.touches,
        args.seed,
        args.problems,
        not args.no_vcards,
        args.quota,
        args.pool,
    )
    pool = f" and {args.pool} in the pool" if args.pool else ""
    print(f"wrote {args.contacts} contacts x {args.touches} touches{pool} to {args.out}")


if __name__ == "__main__":
    main()
