"""A one-line opener for today's outreach, in the spirit of "I've been thinking of you"."""

from __future__ import annotations

from datetime import date

from abcnet.core.model import Contact, Touch


def _first_name(contact: Contact) -> str:
    return contact.name.split()[0] if contact.name.split() else contact.name


def _ago(then: date, today: date) -> str:
    days = (today - then).days
    if days < 14:
        return "a few days"
    if days < 45:
        return f"{round(days / 7)} weeks"
    months = round(days / 30.4)
    if months < 18:
        return f"{months} months"
    return f"{round(days / 365)} years"


def _birthday_soon(contact: Contact, today: date) -> bool:
    b = contact.birthday
    if b is None:
        return False
    for year in (today.year, today.year + 1):
        try:
            day = date(year, b.month, b.day)
        except ValueError:  # 29 February in a common year
            day = date(year, 3, 1)
        if 0 <= (day - today).days <= 7:
            return True
    return False


def opener(contact: Contact, last: Touch | None, today: date) -> str:
    """Fits the history: a first hello, a follow-up on an ask, a thank-you, or a catch-up."""
    name = _first_name(contact)
    if _birthday_soon(contact, today):
        return f"Hi {name}, happy birthday in advance! I've been thinking of you: how is the year treating you?"
    if last is None:
        where = f" ({contact.met_how.strip().rstrip('.')})" if contact.met_how else ""
        return (
            f"Hi {name}, it was good to meet you{where}. I've been thinking about what you "
            "said and would like to stay in touch: what are you working on these days?"
        )
    when = _ago(last.date, today)
    month = last.date.strftime("%B") + (
        f" {last.date.year}" if last.date.year != today.year else ""
    )
    if last.direction == "in" and last.kind == "ask":
        return (
            f"Hi {name}, I've been thinking of you and of what you asked me in {month}: "
            "here is what I found. How else can I help?"
        )
    if last.direction == "out" and last.kind == "ask":
        return (
            f"Hi {name}, thank you again for your help in {month}. I wanted to tell you how it "
            "turned out, and to ask: is there anything I can do for you?"
        )
    if last.direction == "out" and last.kind == "give":
        return (
            f"Hi {name}, I've been thinking of you since I sent that over in {month}: was it "
            "useful? What are you working on now?"
        )
    if last.direction == "in":
        return (
            f"Hi {name}, thanks again for getting in touch in {month}; I've been thinking of "
            "you since. How are things going?"
        )
    return (
        f"Hi {name}, I've been thinking of you: it's been {when} since we last talked. "
        "How are things going?"
    )
