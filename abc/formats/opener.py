"""A one-line opener for today's outreach that fits the history, and claims nothing else.

Each case is one small function of the contact, their last touch and today. An
opener never mentions a meeting or a conversation the file does not record: a
person you only connected with on LinkedIn is told so, honestly; one you met gets
where you met; one with touches gets the last of them (an ask of theirs is
answered with an offer of help, a give of yours with a question about how it
went; after years of silence, a request for advice, which is what a dormant tie
is good for). The order: a birthday in the next week, then the last touch, then
how you met, then nothing known.
"""

from __future__ import annotations

from datetime import date

from abcnet.core.import_plan import LINKEDIN_HOW
from abcnet.core.model import Contact, Touch
from abcnet.core.reconnect import DORMANT_YEARS, years_before

#: A connection or a meeting at most this many days ago is recent.
RECENT_DAYS = 365
#: A birthday at most this many days ahead is soon.
BIRTHDAY_DAYS = 7

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def is_linkedin_connection(how: str | None) -> bool:
    """Whether ``met.how`` says only that you connected on LinkedIn, as imports write it."""
    return how is not None and _clean(how).casefold() == LINKEDIN_HOW.casefold()


def _clean(text: str) -> str:
    return " ".join(text.split()).rstrip(".")


def _first_name(contact: Contact) -> str:
    words = contact.name.split()
    return words[0] if words else contact.name


def _month(then: date, today: date) -> str:
    """``October``, or ``October 2025`` when it was not this year."""
    name = MONTHS[then.month - 1]
    return name if then.year == today.year else f"{name} {then.year}"


def _recent(then: date, today: date) -> bool:
    return (today - then).days <= RECENT_DAYS


def ago(then: date, today: date) -> str:
    days = (today - then).days
    if days < 14:
        return "a few days"
    if days < 45:
        return f"{round(days / 7)} weeks"
    months = round(days / 30.4)
    if months < 18:
        return f"{months} months"
    return f"{round(days / 365)} years"


def _at(contact: Contact) -> str:
    """`` at Fabrikam`` when the file names an org."""
    org = _clean(contact.org or "")
    return f" at {org}" if org else ""


def _working_on(contact: Contact) -> str:
    return f"what are you working on{_at(contact)} these days?"


def birthday_in(contact: Contact, today: date) -> int | None:
    """In how many days the birthday comes (0 for today), when it is within a week."""
    b = contact.birthday
    if b is None:
        return None
    for year in (today.year, today.year + 1):
        try:
            day = date(year, b.month, b.day)
        except ValueError:  # 29 February in a common year
            day = date(year, 3, 1)
        if 0 <= (day - today).days <= BIRTHDAY_DAYS:
            return (day - today).days
    return None


# --- one function a case --------------------------------------------------------------


def birthday_opener(contact: Contact, days: int, today: date) -> str:
    """A birthday today, tomorrow, or on a day of the coming week."""
    if days == 0:
        when = ""
    elif days == 1:
        when = " for tomorrow"
    else:
        when = f" for {WEEKDAYS[date.fromordinal(today.toordinal() + days).weekday()]}"
    return (
        f"Hi {_first_name(contact)}, happy birthday{when}! I hope the year ahead is a good "
        "one: what are you looking forward to?"
    )


#: After the last touch, by its (direction, kind): answer their ask, follow up on your
#: give, thank for theirs, tell how your ask went, or catch up.
_AFTER: dict[tuple[str, str], str] = {
    ("in", "ask"): (
        "Hi {name}, I've been thinking of you and of what you asked me in {month}: "
        "here is what I found. How else can I help?"
    ),
    ("out", "give"): (
        "Hi {name}, how did it go after I sent that over in {month}? Was it useful? "
        "And what are you working on{at} now?"
    ),
    ("in", "give"): (
        "Hi {name}, thank you again for your help in {month}: here is how it turned "
        "out. Is there anything I can do for you?"
    ),
    ("out", "ask"): (
        "Hi {name}, I wanted to tell you how things turned out after I asked you in "
        "{month}, and to ask: is there anything I can do for you?"
    ),
    ("in", "catch-up"): (
        "Hi {name}, thanks again for getting in touch in {month}. How are things going{at}?"
    ),
    ("out", "catch-up"): (
        "Hi {name}, I've been thinking of you: it's been {ago} since we "
        "last talked. How are things going{at}?"
    ),
}


def history_opener(contact: Contact, last: Touch, today: date) -> str:
    """After the last touch: answer their ask, follow up on your give, thank, or catch up."""
    direction = "in" if last.direction == "in" else "out"
    kind = last.kind if last.kind in ("give", "ask") else "catch-up"
    return _AFTER[direction, kind].format(
        name=_first_name(contact),
        month=_month(last.date, today),
        at=_at(contact),
        ago=ago(last.date, today),
    )


def dormant_opener(contact: Contact, last: Touch, today: date) -> str:
    """Years since the last touch: say so plainly, and ask for their advice."""
    return (
        f"Hi {_first_name(contact)}, it has been {ago(last.date, today)} since we were last "
        f"in touch, and you came to mind: I'd value your advice on something I'm working "
        "on. Would you have a few minutes in the next weeks?"
    )


def linkedin_opener(contact: Contact, today: date) -> str:
    """Connected on LinkedIn and never talked: say so, and ask."""
    name, then = _first_name(contact), contact.met_date
    if then is None:
        return (
            f"Hi {name}, we are connected on LinkedIn but have never properly talked. "
            f"I'd like to change that: {_working_on(contact)}"
        )
    if _recent(then, today):
        return (
            f"Hi {name}, we connected on LinkedIn in {_month(then, today)}, and I'd like to "
            f"get to know you beyond the profile: {_working_on(contact)}"
        )
    return (
        f"Hi {name}, we connected on LinkedIn back in {then.year} and never properly talked. "
        f"I'd like to change that: {_working_on(contact)}"
    )


def met_opener(contact: Contact, how: str, today: date) -> str:
    """Met (the file says how, or when) and never talked since."""
    name, then = _first_name(contact), contact.met_date
    if then is not None and not _recent(then, today):
        where = f" ({how})" if how else ""
        return (
            f"Hi {name}, we met back in {then.year}{where} and I'd like to catch up "
            f"properly: {_working_on(contact)}"
        )
    details = ", ".join(x for x in (how, _month(then, today) if then else "") if x)
    where = f" ({details})" if details else ""
    return (
        f"Hi {name}, it was good to meet you{where}. I'd like to stay in touch: "
        f"{_working_on(contact)}"
    )


def first_opener(contact: Contact) -> str:
    """Nothing in the file about how you know each other."""
    return f"Hi {_first_name(contact)}, I've been meaning to get in touch: {_working_on(contact)}"


def opener(contact: Contact, last: Touch | None, today: date) -> str:
    """The opener that fits: a birthday soon, the last touch, how you met, or nothing known."""
    days = birthday_in(contact, today)
    if days is not None:
        return birthday_opener(contact, days, today)
    if last is not None and last.date <= years_before(today, DORMANT_YEARS):
        return dormant_opener(contact, last, today)
    if last is not None:
        return history_opener(contact, last, today)
    how = _clean(contact.met_how or "")
    if is_linkedin_connection(how):
        return linkedin_opener(contact, today)
    if how or contact.met_date is not None:
        return met_opener(contact, how, today)
    return first_opener(contact)
