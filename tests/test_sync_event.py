"""The Event every reader yields: a named tuple, immutable, equal by value, pickled as is."""

from __future__ import annotations

import pickle
from datetime import datetime

import pytest

from abcnet.sync.event import Event, Handle

WHEN = datetime(2026, 6, 13, 9, 5)
ADA, BEN = Handle("name", "Ada Okafor"), Handle("phone", "+44 7700 900222")


def test_an_event_is_a_tuple_of_its_fields_in_order_with_their_defaults():
    event = Event("whatsapp", "k1", WHEN, "message", ADA, (BEN,))
    assert Event._fields == (
        "source", "key", "when", "channel", "sender", "to", "from_me", "meeting", "people",
        "skip", "subject", "declined",
    )  # fmt: skip
    assert tuple(event) == ("whatsapp", "k1", WHEN, "message", ADA, (BEN,), None, False, 0,
                            None, None, ())  # fmt: skip
    assert Event._make(tuple(event)) == event


def test_an_event_prints_and_compares_as_the_dataclass_did():
    event = Event("whatsapp", "k2", WHEN, "message", None, skip="system")
    assert repr(event) == (
        "Event(source='whatsapp', key='k2', when=datetime.datetime(2026, 6, 13, 9, 5), "
        "channel='message', sender=None, to=(), from_me=None, meeting=False, people=0, "
        "skip='system', subject=None, declined=())"
    )
    same = Event("whatsapp", "k2", WHEN, "message", None, (), None, False, 0, "system")
    assert event == same and hash(event) == hash(same)
    assert event != Event("whatsapp", "k3", WHEN, "message", None, skip="system")
    assert pickle.loads(pickle.dumps(event)) == event


def test_an_event_cannot_be_changed():
    event = Event("sms", "1", WHEN, "call", ADA)
    with pytest.raises(AttributeError):
        event.skip = "missed"  # type: ignore[misc]
