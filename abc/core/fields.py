"""Every field of a contact file, a touch and the settings file, declared once.

Each :class:`Field` says its key, its kind (which says how it is read and
checked), its allowed values, its default, and its help: a one-line summary (the
editor schema's description) and the sentence the reference pages show. What
reads the fields follows from here: the checks (:mod:`abcnet.core.checks`) read
each key by its kind, the editor schemas (:mod:`abcnet.formats.schema`) are
generated from these declarations, and so are the reference pages' tables
(``ABC_REGENERATE_SCHEMAS=1`` rewrites both; a test fails when either drifts). The model (:mod:`abcnet.core.model`) holds each value in the attribute a
field names (:meth:`Field.held_by`), and the checks and the parse cache
(:mod:`abcnet.storage.cachefile`) follow the two: a new field is one entry here
plus its attribute on the model, and the kind's reader if it is a new kind.
:func:`declared_apart` says where the two disagree, and a test holds it empty.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from .model import CHANNELS, CIRCLE_CHOICES, CIRCLES, DIRECTIONS, TOUCH_KINDS, Settings
from .reconnect import RECONNECT_CHOICES

#: How a field is written and read; :data:`KINDS_OF_FIELD` says what each holds.
FieldKind = Literal[
    "name",
    "text",
    "emails",
    "texts",
    "links",
    "choice",
    "cadence",
    "words",
    "mapping",
    "past-date",
    "date",
    "birthday",
    "flag",
    "list",
    "count",
    "cadences",
    "time",
    "timezone",
    "duration",
]


@dataclass(frozen=True)
class Field:
    key: str
    kind: FieldKind
    """How the value is written and read: one of :data:`KINDS_OF_FIELD`."""
    summary: str
    """One line, for editors (the JSON Schema's description)."""
    help: str = ""
    """What the reference page says of it (Markdown)."""
    default: str = "none"
    """The default, as the reference page shows it."""
    choices: tuple[str, ...] = ()
    required: bool = False
    fields: tuple[Field, ...] = ()
    """The keys of a mapping (``met``), or of each item of a list (``touches``)."""
    attrs: tuple[str, ...] = ()
    """The model's attributes that hold the value (default: the key). A ``mapping``
    with ``attrs`` spreads its fields over them, one each (``met`` gives ``met_date``
    and ``met_how``); without, its attribute holds a frozen dataclass whose
    attributes are its fields' keys (``me`` gives ``Settings.me.emails``)."""
    fillable: bool = False
    """Whether an import may give it to a known person whose file has no value for it."""

    def held_by(self) -> tuple[str, ...]:
        return self.attrs or (self.key,)


#: What each kind of field holds.
KINDS_OF_FIELD: dict[FieldKind, str] = {
    "name": "text, required and not blank",
    "text": "text (a number is read as text)",
    "emails": "an email address or a list of them",
    "texts": "text or a list of text",
    "links": "a mapping of labels to web addresses",
    "choice": "one of the choices, case aside",
    "cadence": "a cadence: days, 45d, 6w, 3m, 1y or a name such as quarterly",
    "words": "a list of words",
    "mapping": "a mapping of its own fields",
    "past-date": "a date, YYYY-MM-DD, not after today",
    "date": "a date, YYYY-MM-DD",
    "birthday": "YYYY-MM-DD, MM-DD or --MMDD",
    "flag": "true or false",
    "list": "a list of mappings of its own fields",
    "count": "a whole number above 0",
    "cadences": "a mapping of circles to cadences",
    "time": '"HH:MM"',
    "timezone": "a time zone name",
    "duration": "a span of days, written like a cadence",
}


def _one_of(summary: str, choices: tuple[str, ...]) -> str:
    return f"{summary}: one of {', '.join(choices)} (case does not matter)."


TOUCH_FIELDS = (
    Field(
        "date",
        "past-date",
        "YYYY-MM-DD, not after today.",
        "When it happened, `YYYY-MM-DD`. **Required**, and not after today: log touches once "
        "they have happened.",
        "",
        required=True,
    ),
    Field(
        "channel",
        "choice",
        _one_of("How you talked", CHANNELS),
        "`email`, `call`, `video`, `meeting`, `message`, `social`, `letter` or `other`.",
        choices=CHANNELS,
    ),
    Field(
        "direction",
        "choice",
        _one_of("out: you reached out (the default); in: they did", DIRECTIONS),
        "`out` when you reached out, `in` when they did.",
        "`out`",
        choices=DIRECTIONS,
    ),
    Field(
        "kind",
        "choice",
        _one_of("give, ask, or catch-up (the default)", TOUCH_KINDS),
        "`give` (you offered something), `ask` (you asked for something) or `catch-up`.",
        "`catch-up`",
        choices=TOUCH_KINDS,
    ),
    Field("note", "text", "What it was about, for next time.", "A line for your future self."),
)

#: An inbox entry (``inbox/*.yaml``): one touch, for a person named by what identifies
#: them, as the pocket's Log it writes it; ``abc inbox --apply`` logs it.
INBOX_FIELDS = (
    Field(
        "person",
        "text",
        "Who: their file name (slug), name, email, phone, LinkedIn URL or alias.",
        "Who the touch was with: the file name (slug), the name, an email address, a phone "
        "number, a LinkedIn URL or an alias, as long as it names one person exactly. "
        "**Required.**",
        "",
        required=True,
    ),
    *(
        Field(f.key, f.kind, f.summary, f.help, f.default, f.choices, required=True)
        if f.key == "channel"
        else f
        for f in TOUCH_FIELDS
    ),
)

MET_FIELDS = (
    Field("date", "past-date", "YYYY-MM-DD, not after today."),
    Field("how", "text", "Where or how you met."),
)

CONTACT_FIELDS = (
    Field(
        "name",
        "name",
        "Full name, as you would say it.",
        "The person's name, as you would write it. **Required.**",
        "",
        required=True,
    ),
    Field(
        "email",
        "emails",
        "One email address, or a list of them.",
        "One address, or a list of addresses. Each must look like `name@example.org`.",
        attrs=("emails",),
        fillable=True,
    ),
    Field(
        "phone",
        "texts",
        "One phone number, or a list; in quotes when it starts with +.",
        "One number, or a list. Write numbers in quotes, so YAML keeps them as text.",
        attrs=("phones",),
        fillable=True,
    ),
    Field(
        "links",
        "links",
        "Web addresses by label, e.g. linkedin: https://www.linkedin.com/in/...",
        "A mapping of labels to web addresses, such as `linkedin:`, `github:`, `website:`. "
        "Each address starts with `https://`, `http://` or `mailto:`.",
        choices=("linkedin", "website"),  # labels an editor suggests; any label is allowed
        fillable=True,
    ),
    Field(
        "aliases",
        "texts",
        "Names chat apps show for them (WhatsApp, Telegram), for abc sync.",
        "The names this person has in your phone's chat apps, such as `Ana (Lisbon)`: "
        "WhatsApp and Telegram exports name people this way only, so `abc sync` matches "
        "them by these names (and never by the contact's own name). One name, or a list.",
        fillable=True,
    ),
    Field("org", "text", "Organisation.", "Where they work.", fillable=True),
    Field("role", "text", "Role or job title.", "Their role or title.", fillable=True),
    Field(
        "circle",
        "choice",
        _one_of(
            "How close: inner (every 30 days by default), core (90) or wide (182, the default); "
            "pool: imported, not yet kept (never planned)",
            CIRCLE_CHOICES,
        ),
        "`inner`, `core` or `wide`. The circle sets how often abc suggests reaching out (see "
        "[Settings](settings.md)). `pool` holds people imported but not yet kept: they are "
        "never planned nor counted, until `abc triage` or `abc keep` puts them in a circle.",
        "`wide`",
        choices=CIRCLE_CHOICES,
    ),
    Field(
        "cadence",
        "cadence",
        "This person's own cadence, overriding the circle's: days as a number, or 45d, 6w, 3m, "
        "1y, or a name such as quarterly. Beyond 182 days abc check warns.",
        "This person's own cadence, overriding the circle's (see below).",
        "the circle's",
    ),
    Field(
        "tags",
        "words",
        "Words to group people by.",
        "A list of words, such as `[python, mentor]`.",
        fillable=True,
    ),
    Field(
        "met",
        "mapping",
        "When and how you met.",
        "How you met, as a mapping with `date:` (a date, not in the future) and `how:` "
        "(text). Both are optional.",
        fields=MET_FIELDS,
        attrs=("met_date", "met_how"),
        fillable=True,
    ),
    Field(
        "birthday",
        "birthday",
        'YYYY-MM-DD, or "MM-DD" in quotes without a year (--MMDD also works).',
        '`YYYY-MM-DD`, or without the year as `"MM-DD"` (in quotes) or `--MMDD` (the vCard form).',
        fillable=True,
    ),
    Field(
        "snooze_until",
        "date",
        "No reminders until this date (YYYY-MM-DD).",
        "A date: abc leaves the person out of plans and reports until then. `abc snooze` "
        "writes it.",
    ),
    Field(
        "archived",
        "flag",
        "true: keep the file, stop the reminders.",
        "`true` for someone you no longer keep up with: they leave the plan, the cadence "
        "report, the calendar and the network counts on the stats page, while their file and "
        "history stay.",
        "`false`",
    ),
    Field(
        "family",
        "flag",
        "true: a relative; drift lists them apart.",
        "`true` for a relative. Closeness to family holds up with less contact than closeness "
        "to friends, so the stats page lists a relative whose gaps grow apart from the people "
        "drifting from their rhythm. See [Notice drift](../strategies/notice-drift.md).",
        "`false`",
    ),
    Field(
        "notes",
        "text",
        "Anything worth remembering. Use | for several lines.",
        "Free text, as long as you like. A `|` block keeps the line breaks.",
        fillable=True,
    ),
    Field(
        "touches",
        "list",
        "Each conversation; abc log adds to this list.",
        "The history of your conversations: a list, one entry per touch (see below). `abc log` "
        "adds to it.",
        fields=TOUCH_FIELDS,
    ),
)

_DEFAULTS = Settings()
_CIRCLE_DEFAULTS = dict(_DEFAULTS.cadences)

ME_FIELDS = (
    Field("emails", "emails", "Every address you write from."),
    Field("phones", "texts", "Your phone numbers."),
    Field("linkedin", "text", "Your LinkedIn profile URL."),
    Field("names", "texts", "How WhatsApp or Telegram show you, e.g. Sam Rivera."),
    Field("region", "text", "Two-letter country code for numbers without one, e.g. GB."),
)

SYNC_FIELDS = (
    Field(
        "max_people",
        "count",
        f"Most people in a message, meeting or chat, you included (default "
        f"{_DEFAULTS.sync.max_people}).",
    ),
    Field("subjects", "flag", "true puts subjects and titles in synced notes (default false)."),
)

SETTINGS_FIELDS = (
    Field(
        "daily_quota",
        "count",
        f"People a day (default {_DEFAULTS.daily_quota}).",
        "How many people `abc today` and the plan give you each day. A whole number above 0. "
        "`abc check` tells you whether it is enough to keep everyone within cadence.",
        f"`{_DEFAULTS.daily_quota}`",
    ),
    Field(
        "minutes",
        "count",
        f"How long the daily reminder lasts (default {_DEFAULTS.minutes}).",
        "How long each daily calendar event lasts, in minutes. A whole number above 0.",
        f"`{_DEFAULTS.minutes}`",
    ),
    Field(
        "cadences",
        "cadences",
        "How often each circle hears from you.",
        "How often each circle should hear from you: a mapping of `inner`, `core` and `wide` "
        "to a cadence (`30d`, `6w`, `3m`, `quarterly`...; see [Contact files]"
        "(contact-format.md#cadence)). Circles you leave out keep their default. A cadence "
        "above 182 days is allowed, with a warning.",
        ", ".join(f"`{circle}: {days}d`" for circle, days in _DEFAULTS.cadences),
        fields=tuple(
            Field(circle, "cadence", f"Default for {circle}: {_CIRCLE_DEFAULTS[circle]}d.")
            for circle in CIRCLES
        ),
    ),
    Field(
        "reminder_time",
        "time",
        f'When the daily reminder starts, "HH:MM" in quotes (default "{_DEFAULTS.reminder_time}").',
        'When the daily calendar event starts, as `"HH:MM"` (24-hour clock; quote it).',
        f'`"{_DEFAULTS.reminder_time}"`',
    ),
    Field(
        "timezone",
        "timezone",
        f"An IANA time zone name such as Europe/London (default {_DEFAULTS.timezone}).",
        "The time zone for `reminder_time`, as a name from the tz database, such as "
        "`Europe/London` or `America/New_York`.",
        f"`{_DEFAULTS.timezone}`",
    ),
    Field(
        "horizon",
        "duration",
        "How far ahead the calendar goes (default 4w).",
        "How far ahead the calendar plans, written like a cadence (`4w`, `28d`, `2m`).",
        f"`4w` ({_DEFAULTS.horizon_days} days)",
        attrs=("horizon_days",),
    ),
    Field(
        "birthdays",
        "flag",
        "Birthday events in the calendar (default true).",
        "Whether the calendar has a yearly all-day event for each birthday.",
        "`true`",
    ),
    Field(
        "reconnect",
        "choice",
        "weekly: the plan offers one dormant tie a week (default off).",
        "`weekly` makes the plan offer one dormant tie a week: someone whose last touch is "
        "three or more years old, archived people included, with an opener that asks for "
        "their advice. It takes a slot nobody overdue needs, never an overdue person's. See "
        "[Wake a dormant tie](../strategies/wake-dormant-ties.md).",
        "`off`",
        choices=RECONNECT_CHOICES,
    ),
    Field(
        "private",
        "flag",
        "true puts emails, phones and notes in the calendar (default false).",
        "Whether the calendar's events carry email addresses, phone numbers and your notes. "
        "Leave it `false` for a calendar you subscribe to by URL; `abc calendar --private` or "
        "`--names-only` overrides it for one run. The site never publishes a private calendar.",
        "`false`",
    ),
    Field(
        "calendar_name",
        "text",
        f'The calendar\'s name (default "{_DEFAULTS.calendar_name}").',
        "The calendar's name, as your calendar app shows it.",
        f"`{_DEFAULTS.calendar_name}`",
    ),
    Field(
        "calendar_tag",
        "text",
        'A tag after the names in each outreach title, e.g. "ABC" (default none).',
        "A short tag after the names in each outreach event's title, for example `ABC` "
        "gives *Ada Lovelace, Grace Hopper · ABC*. Without it the title is the names alone, "
        "which is what a phone's month and week views have room for.",
    ),
    Field(
        "public_stats",
        "flag",
        "true adds an aggregate stats page to the public site (default false).",
        "Whether the public site (`abc site build --public`) has a stats page of figures. "
        "Without it, the page only says what each number measures and is not in the "
        "navigation. With it, the page holds aggregate figures only: shares in percent "
        "(coverage now and a year before, gives among gives and asks, conversations others "
        "started, channels, touches on time, weeks with a touch), each out of at least 10, "
        "and the network's size as a range. Never a name, a date, a day-, week- or "
        "month-by-month figure, an overdue count or a streak. The build then also writes "
        "`stats.json`, the same kind of figures for a coach to read (see "
        "[Sharing with a coach](../coach.md)).",
        "`false`",
    ),
    Field(
        "me",
        "mapping",
        "Who you are in your mail and chats, for abc sync.",
        "Who you are in the exports `abc sync` reads, so that it can tell what you sent "
        "from what you received: a mapping of `emails:` (every address you write from), "
        "`phones:`, `linkedin:` (your profile URL), `names:` (how chat apps show you) and "
        "`region:` (a two-letter country code such as `GB`: every command reads a phone "
        "number written without a country code as a number there, and without it such a "
        "number matches nobody). `abc sync` suggests values when they are missing.",
        fields=ME_FIELDS,
    ),
    Field(
        "sync",
        "mapping",
        "What abc sync counts.",
        "What `abc sync` counts as a touch: `max_people:` is the most people a message, "
        f"meeting or group chat may have, you included (default {_DEFAULTS.sync.max_people}); "
        "bigger ones are broadcasts and count for nobody. `subjects: true` puts mail "
        "subjects and meeting titles in the notes it writes (default `false`).",
        fields=SYNC_FIELDS,
    ),
    Field(
        "repo",
        "text",
        "Where the pocket's Log it commits: OWNER/NAME on GitHub, or OWNER/NAME@BRANCH "
        "(default: the repository the workflow runs in).",
        "The GitHub repository of this network, as `OWNER/NAME` (the branch `main`) or "
        "`OWNER/NAME@BRANCH`: where the [pocket](../pocket.md)'s **Log it** opens GitHub's "
        "new-file page for `inbox/`. The publish workflow needs none (it builds the pocket "
        "for the repository it runs in); a pocket built on your own machine without it "
        "offers each entry as text to copy.",
    ),
    Field(
        "commit",
        "flag",
        "true makes each abc log/add/snooze a git commit (default false).",
        "Whether each change made by `abc log`, `abc add` and `abc snooze` becomes a git commit "
        "of its own. `--commit` or `--no-commit` overrides it for one run.",
        "`false`",
    ),
    Field(
        "shown_as_of",
        "date",
        "For demos and examples: the date to treat as today, YYYY-MM-DD (default none).",
        "For a demo or an example network, not your own: the date every command and the site "
        "treat as today, `YYYY-MM-DD`, so the network tells the same story on any date. "
        "`--today` and `ABC_TODAY` still win; without it, today is the date in `timezone`. "
        "`abc init` never writes it.",
    ),
)


#: The model's attributes that no field of a file fills: a contact's slug (from its
#: file's name) and source, a touch's line, the settings' source.
NOT_IN_A_CONTACT_FILE = ("slug", "source")
NOT_IN_A_TOUCH = ("line",)
NOT_IN_THE_SETTINGS_FILE = ("source",)


def declared_apart(
    fields: tuple[Field, ...], model: type, besides: tuple[str, ...] = ()
) -> list[str]:
    """Where ``fields`` and the attributes of ``model`` (a dataclass) disagree: a
    field that names an attribute the model lacks, or an attribute (other than
    ``besides``) that no field fills. Empty when each field is declared in both places.
    """
    attributes = {a.name: a for a in dataclasses.fields(model)}
    apart, held = [], set(besides)
    for f in fields:
        held.update(f.held_by())
        apart += [
            f"field {f.key!r}: {model.__name__} has no attribute {a!r}"
            for a in f.held_by()
            if a not in attributes
        ]
        if f.kind != "mapping":
            continue
        if f.attrs and len(f.attrs) != len(f.fields):
            apart.append(f"field {f.key!r}: {len(f.fields)} fields spread over {len(f.attrs)}")
        if f.attrs or f.key not in attributes:
            continue
        nested = attributes[f.key].default
        if dataclasses.is_dataclass(nested):
            apart += [f"{f.key}: {why}" for why in declared_apart(f.fields, type(nested))]
        else:
            apart.append(f"field {f.key!r}: {model.__name__}.{f.key} is not a dataclass")
    apart += [f"{model.__name__}.{a}: no field fills it" for a in attributes if a not in held]
    return apart


def keys(fields: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.key for f in fields)


def field(fields: tuple[Field, ...], key: str) -> Field:
    for f in fields:
        if f.key == key:
            return f
    raise KeyError(key)


CONTACT_KEYS = keys(CONTACT_FIELDS)
TOUCH_KEYS = keys(TOUCH_FIELDS)
INBOX_KEYS = keys(INBOX_FIELDS)
MET_KEYS = keys(MET_FIELDS)
SETTINGS_KEYS = keys(SETTINGS_FIELDS)
