"""Each field is declared once: an entry in core/fields.py plus its attribute on the model.

The checks and the parse cache follow the two, so a field declared in one place only
is named here, and a field added in a test (a declaration and a model made here)
goes through the check and the cache like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from textwrap import dedent
from typing import get_args

import pytest

from abcnet.core import checks, fields
from abcnet.core.fields import (
    CONTACT_FIELDS,
    ME_FIELDS,
    NOT_IN_A_CONTACT_FILE,
    NOT_IN_A_TOUCH,
    NOT_IN_THE_SETTINGS_FILE,
    SETTINGS_FIELDS,
    TOUCH_FIELDS,
    Field,
    FieldKind,
    declared_apart,
)
from abcnet.core.model import Contact, MeSettings, Settings, SyncSettings, Touch
from abcnet.storage import cachefile
from abcnet.storage.cache import _stamp
from abcnet.storage.network import load_network

TODAY = date(2026, 11, 25)


def test_every_field_is_declared_in_the_fields_and_on_the_model() -> None:
    assert declared_apart(CONTACT_FIELDS, Contact, NOT_IN_A_CONTACT_FILE) == []
    assert declared_apart(TOUCH_FIELDS, Touch, NOT_IN_A_TOUCH) == []
    assert declared_apart(SETTINGS_FIELDS, Settings, NOT_IN_THE_SETTINGS_FILE) == []
    assert set(get_args(FieldKind)) == set(fields.KINDS_OF_FIELD)


@dataclass(frozen=True)
class WithPronouns(Contact):
    """The model with one attribute more, as a new field would add it."""

    pronouns: str | None = None


PRONOUNS = Field("pronouns", "text", "How they like to be referred to.")


def test_a_field_declared_in_one_place_only_is_named() -> None:
    assert declared_apart((*CONTACT_FIELDS, PRONOUNS), Contact, NOT_IN_A_CONTACT_FILE) == [
        "field 'pronouns': Contact has no attribute 'pronouns'"
    ]
    assert declared_apart(CONTACT_FIELDS, WithPronouns, NOT_IN_A_CONTACT_FILE) == [
        "WithPronouns.pronouns: no field fills it"
    ]
    assert declared_apart((*CONTACT_FIELDS, PRONOUNS), WithPronouns, NOT_IN_A_CONTACT_FILE) == []
    # in a mapping: me: without region, and met: spread over one attribute too few
    me = fields.field(SETTINGS_FIELDS, "me")
    short = Field("me", "mapping", me.summary, fields=ME_FIELDS[:-1])
    others = tuple(f for f in SETTINGS_FIELDS if f.key != "me")
    assert declared_apart((*others, short), Settings, NOT_IN_THE_SETTINGS_FILE) == [
        "me: MeSettings.region: no field fills it"
    ]
    met = fields.field(CONTACT_FIELDS, "met")
    spread = Field("met", "mapping", met.summary, fields=met.fields, attrs=("met_date",))
    in_contact = tuple(spread if f.key == "met" else f for f in CONTACT_FIELDS)
    assert declared_apart(in_contact, Contact, NOT_IN_A_CONTACT_FILE) == [
        "field 'met': 2 fields spread over 1",
        "Contact.met_how: no field fills it",
    ]


@pytest.fixture
def with_pronouns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The declaration and the model of a new field, where the check and the cache
    take them from (in a checkout: core/fields.py and core/model.py)."""
    monkeypatch.setattr(checks, "CONTACT_FIELDS", (*CONTACT_FIELDS, PRONOUNS))
    monkeypatch.setattr(checks, "Contact", WithPronouns)
    monkeypatch.setattr(cachefile, "PERSON", cachefile.PersonLayout(WithPronouns))


def test_a_new_field_goes_through_the_check_and_the_cache(
    with_pronouns: None, tmp_path: Path
) -> None:
    (tmp_path / "contacts").mkdir()
    (tmp_path / "contacts" / "ada.yaml").write_text(
        dedent(
            """\
            name: Ada Okafor
            pronouns: she/her
            met:
              date: 2024-05-01
            touches:
              - date: 2026-10-01
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "contacts" / "bo.yaml").write_text("name: Bo\npronoun: he\n", encoding="utf-8")
    cold, problems = load_network(tmp_path, TODAY)
    assert [str(p) for p in problems] == [
        "contacts/bo.yaml:2: pronoun: unknown key; did you mean 'pronouns'?"
    ]
    ada = cold.by_slug()["ada"]
    assert type(ada) is WithPronouns
    assert (ada.pronouns, ada.met_date, ada.touches[0].date) == (
        "she/her",
        date(2024, 5, 1),
        date(2026, 10, 1),
    )
    assert cold.by_slug()["bo"].pronouns is None

    cached = cachefile.decode(
        (tmp_path / ".abc-cache/network.cache").read_bytes(), _stamp(tmp_path)
    )
    assert cached is not None
    assert cached.files["contacts/ada.yaml"].contact == ada
    warm, again = load_network(tmp_path, TODAY)
    assert (warm, again) == (cold, problems)
    assert type(warm.by_slug()["ada"]) is WithPronouns


def test_a_settings_mapping_fills_its_own_frozen_value() -> None:
    settings, problems = checks.parse_settings(
        {
            "horizon": "6w",
            "me": {"emails": "sam@example.org", "region": " ", "names": ["Sam R"]},
            "sync": {"subjects": True},
        },
        "abc.yaml",
    )
    assert problems == []
    assert settings.horizon_days == 42
    assert settings.me == MeSettings(emails=("sam@example.org",), names=("Sam R",))  # blank: unset
    assert settings.sync == SyncSettings(max_people=5, subjects=True)
    assert checks.parse_settings({"me": None, "sync": {}}, "abc.yaml")[0] == Settings()


def test_a_model_attribute_the_cache_cannot_store_fails_when_the_layout_is_made() -> None:
    @dataclass(frozen=True)
    class WithAList(Contact):
        seen: list[str] | None = None

    with pytest.raises(TypeError, match=r"cannot store a value of type list\[str\]"):
        cachefile.PersonLayout(WithAList)
