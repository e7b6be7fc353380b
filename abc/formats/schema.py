"""The editor schemas (JSON Schema 2020-12), generated from the field declarations.

``abc/data/contact.schema.json`` and ``settings.schema.json`` are what this module
writes for :data:`~abcnet.core.fields.CONTACT_FIELDS` and
:data:`~abcnet.core.fields.SETTINGS_FIELDS`; a test keeps the shipped files equal
to it (``ABC_REGENERATE_SCHEMAS=1`` rewrites them). Each kind of field has one
shape. The patterns accept what ``abc check`` accepts, as far as a schema can
know: it cannot know today's date, nor the names of time zones.
"""

from __future__ import annotations

import json
import re
from typing import Any

from abcnet.core.fields import CONTACT_FIELDS, SETTINGS_FIELDS, TOUCH_FIELDS, Field, FieldKind
from abcnet.core.model import CADENCE_UNITS, NAMED_CADENCES

DRAFT = "https://json-schema.org/draft/2020-12/schema"

EMAIL = r"^\s*[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[A-Za-z]{2,}\s*$"
URL = r"^\s*(?:[hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:)\S+\s*$"
DATE = (
    r"^\s*(?:(?!0000)[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|"
    r"(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|"
    r"(?!0000)(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
    r"-02-29)\s*$"
)
BIRTHDAY = (
    r"^\s*(?:(?:[0-9]{4}-|--)?(?:(?:0[13578]|1[02])-?(?:0[1-9]|[12][0-9]|3[01])|"
    r"(?:0[469]|11)-?(?:0[1-9]|[12][0-9]|30)|02-?(?:0[1-9]|1[0-9]|2[0-8]))|"
    r"(?:(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-|--)?"
    r"02-?29)\s*$"
)
TIME = r"^\s*(?:[01][0-9]|2[0-3]):[0-5][0-9]\s*$"
CADENCE_EXAMPLES = ["45d", "6w", "3m", "quarterly", "twice-a-year"]
TIMEZONE_EXAMPLES = ["UTC", "Europe/London", "America/New_York", "Asia/Tokyo"]

CONTACT_DESCRIPTION = (
    "One person in an abc network: contacts/<slug>.yaml. Only name is required. abc check "
    "is the authority; the schema cannot know today's date, so a date in the future "
    "(met.date, touches[].date) passes here but not there."
)
SETTINGS_DESCRIPTION = (
    "abc.yaml, beside contacts/. Every key is optional. abc check is the authority; the "
    "schema does not know the list of time zone names."
)


def _any_case(text: str) -> str:
    """A pattern for ``text`` in any case: ``ab-c`` → ``[aA][bB]\\-[cC]``."""
    return "".join(f"[{ch}{ch.upper()}]" if ch.isalpha() else ch for ch in re.escape(text))


def choice_pattern(choices: tuple[str, ...]) -> str:
    return r"^\s*(?:" + "|".join(_any_case(c) for c in choices) + r")\s*$"


def cadence_pattern() -> str:
    """A cadence as :func:`~abcnet.core.model.parse_cadence` reads it: a number of days,
    weeks, months or years, or a name (``_`` and a space work as ``-``)."""
    names = sorted(NAMED_CADENCES, key=lambda n: (-len(n), n))
    spelled = ["".join("[-_ ]" if ch == "-" else _any_case(ch) for ch in n) for n in names]
    units = "|".join(_any_case(u) for u in sorted(CADENCE_UNITS, key=len, reverse=True))
    number = rf"0*[1-9][0-9]*[^\S ]*[-_ ]?[^\S ]*(?:{units})?"
    return r"^\s*(?:" + number + "|" + "|".join(spelled) + r")\s*$"


def _nullable(kind: str) -> list[str]:
    return [kind, "null"]


def _cadence(f: Field) -> dict[str, Any]:
    return {
        "description": f.summary,
        "anyOf": [
            {"type": "integer", "minimum": 1},
            {"type": "string", "pattern": cadence_pattern()},
            {"type": "null"},
        ],
        "examples": CADENCE_EXAMPLES,
    }


def _date(f: Field) -> dict[str, Any]:
    kind: str | list[str] = "string" if f.required else _nullable("string")
    return {"description": f.summary, "type": kind, "pattern": DATE, "format": "date"}


def _properties(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {f.key: property_schema(f) for f in fields}


def _name(f: Field) -> dict[str, Any]:
    return {
        "description": f.summary,
        "anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "number"}],
    }


def _text(f: Field) -> dict[str, Any]:
    return {"type": ["string", "number", "null"], "description": f.summary}


def _one_or_list(f: Field, one: dict[str, Any]) -> dict[str, Any]:
    many = {"type": "array", "items": dict(one)}
    return {"description": f.summary, "anyOf": [one, many, {"type": "null"}]}


def _links(f: Field) -> dict[str, Any]:
    url = {"type": "string", "pattern": URL}
    return {
        "description": f.summary,
        "type": _nullable("object"),
        "additionalProperties": url,
        "properties": {label: dict(url) for label in f.choices},
    }


def _choice(f: Field) -> dict[str, Any]:
    return {
        "description": f.summary,
        "anyOf": [
            {"enum": list(f.choices)},
            {"type": "string", "pattern": choice_pattern(f.choices)},
            {"type": "null"},
        ],
    }


def _mapping(f: Field) -> dict[str, Any]:
    return {
        "description": f.summary,
        "type": _nullable("object"),
        "additionalProperties": False,
        "properties": _properties(f.fields),
    }


def _list(f: Field) -> dict[str, Any]:
    item = {
        "type": "object",
        "additionalProperties": False,
        "required": [sub.key for sub in f.fields if sub.required],
        "properties": _properties(f.fields),
    }
    return {"description": f.summary, "type": _nullable("array"), "items": item}


def _typed(kind: str, **more: Any) -> Any:
    """A field that is a value of one JSON type (or null), with more constraints."""
    return lambda f: {"description": f.summary, "type": _nullable(kind), **more}


#: One shape for each kind of field.
SHAPES: dict[FieldKind, Any] = {
    "name": _name,
    "text": _text,
    "emails": lambda f: _one_or_list(f, {"type": "string", "pattern": EMAIL}),
    "texts": lambda f: _one_or_list(f, {"type": "string"}),
    "links": _links,
    "choice": _choice,
    "cadence": _cadence,
    "duration": _cadence,
    "words": _typed("array", items={"type": ["string", "integer"]}),
    "mapping": _mapping,
    "cadences": _mapping,
    "date": _date,
    "past-date": _date,
    "birthday": _typed("string", pattern=BIRTHDAY),
    "flag": _typed("boolean"),
    "list": _list,
    "count": _typed("integer", minimum=1),
    "time": _typed("string", pattern=TIME),
    "timezone": _typed("string", examples=TIMEZONE_EXAMPLES),
}


def property_schema(f: Field) -> dict[str, Any]:
    """The schema of one field, by its kind."""
    shape: dict[str, Any] = SHAPES[f.kind](f)
    return shape


def contact_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "title": "abc contact",
        "description": CONTACT_DESCRIPTION,
        "type": "object",
        "additionalProperties": False,
        "required": [f.key for f in CONTACT_FIELDS if f.required],
        "properties": _properties(CONTACT_FIELDS),
    }


def settings_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "title": "abc settings",
        "description": SETTINGS_DESCRIPTION,
        "type": _nullable("object"),
        "additionalProperties": False,
        "properties": _properties(SETTINGS_FIELDS),
    }


def as_text(schema: dict[str, Any]) -> str:
    """A schema as the shipped file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


#: File name → the schema it holds, for the shipped files.
SCHEMAS = {"contact.schema.json": contact_schema, "settings.schema.json": settings_schema}


def reference_table(fields: tuple[Field, ...], head: str = "field", verb: str = "holds") -> str:
    """The table of fields a reference page shows: the key, what it holds, the default."""
    rows = [f"| {head} | what it {verb} | default |", "|---|---|---|"]
    for f in fields:
        rows.append(
            f"| `{f.key}` | {f.help} | {f.default} |"
            if f.default
            else f"| `{f.key}` | {f.help} | |"
        )
    return "\n".join(rows) + "\n"


def reference_tables() -> dict[str, dict[str, str]]:
    """The tables each reference page (under ``site/reference/``) shows, generated from
    the declarations: by page, then by the name of the markers around the table
    (``<!-- fields: begin -->`` ... ``<!-- fields: end -->``)."""
    return {
        "contact-format.md": {
            "fields": reference_table(CONTACT_FIELDS),
            "touch-fields": reference_table(TOUCH_FIELDS, "key"),
        },
        "settings.md": {"settings": reference_table(SETTINGS_FIELDS, "key", "sets")},
    }


def with_table(page: str, name: str, table: str) -> str | None:
    """``page`` with what lies between its ``<!-- name: begin -->`` and ``<!-- name: end -->``
    lines replaced by ``table``; None when the page lacks either marker line.

    >>> with_table("a\\n<!-- t: begin -->\\nold\\n<!-- t: end -->\\nb\\n", "t", "new\\n")
    'a\\n<!-- t: begin -->\\nnew\\n<!-- t: end -->\\nb\\n'
    >>> with_table("a\\n", "t", "new\\n") is None
    True
    """
    begin, end = f"<!-- {name}: begin -->\n", f"<!-- {name}: end -->\n"
    start = page.find(begin)
    stop = page.find(end, start + len(begin)) if start >= 0 else -1
    if start < 0 or stop < 0:
        return None
    return page[: start + len(begin)] + table + page[stop:]
