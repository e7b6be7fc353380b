"""Lossless edits: only the added or changed lines change, byte for byte."""

from __future__ import annotations

import difflib
from datetime import date
from textwrap import dedent

import pytest
from conftest import examples
from hypothesis import given
from hypothesis import strategies as st

from abcnet.core.problems import DataError
from abcnet.core.slugs import slugify
from abcnet.formats.contact_text import scalar
from abcnet.formats.edits import add_touch, remove_key, set_key
from abcnet.formats.yamltext import load_text


def rt(text: str):
    data, problems = load_text(text, "x.yaml", "rt")
    assert not problems
    return data


def added_lines(old: str, new: str) -> list[str]:
    """The lines ``new`` adds; fails if any old line was changed or removed."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        assert op in ("equal", "insert"), (op, a[i1:i2], b[j1:j2])
        if op == "insert":
            out += b[j1:j2]
    return out


HAND_WRITTEN = dedent(
    """\
    # Ada — met at PyData London, 2019.   <- header comment
    name: 'Ada Okafor'     # single quotes, kept
    email: [ada@example.org, "ada@work.example.com"]  # a flow list
    # old: ada@oldjob.example.net
    circle: core

    tags:
        - data        # indented more than usual
        - mentor
    notes: |
      Two kids; ask about the allotment.

    touches:
        # 2025: the move to Northwind
        -   date: 2025-03-02   # odd spacing after the dash
            channel: email
            note: "Asked: intro to Kwame?"

        -   date: 2026-09-03
            kind: give
            # she liked it
            note: Sent the dbt article
    # trailing comment at the end of the file
    """
)


def test_add_touch_keeps_everything_and_matches_the_item_style():
    touch = {"date": date(2026, 11, 25), "channel": "call", "kind": "give", "note": "Re: lunch #2"}
    new = add_touch(HAND_WRITTEN, rt(HAND_WRITTEN), touch)
    assert added_lines(HAND_WRITTEN, new) == [
        "    -   date: 2026-11-25\n",
        "        channel: call\n",
        "        kind: give\n",
        '        note: "Re: lunch #2"\n',
    ]
    # The new item goes after the last item's own lines, before the file's trailing comment.
    assert new.endswith(
        "        note: Sent the dbt article\n"
        "    -   date: 2026-11-25\n"
        "        channel: call\n"
        "        kind: give\n"
        '        note: "Re: lunch #2"\n'
        "# trailing comment at the end of the file\n"
    )


def test_add_touch_to_newest_first_list_goes_on_top():
    text = "name: A\ntouches:\n- date: 2026-05-01\n- date: 2025-01-01  # first\n"
    new = add_touch(text, rt(text), {"date": date(2026, 11, 25), "channel": "email"})
    assert new == (
        "name: A\ntouches:\n- date: 2026-11-25\n  channel: email\n"
        "- date: 2026-05-01\n- date: 2025-01-01  # first\n"
    )


def test_add_first_touch_when_there_is_no_list():
    text = "name: A  # hi\ntags:\n    - x\n"
    new = add_touch(text, rt(text), {"date": date(2026, 11, 25)})
    assert new == "name: A  # hi\ntags:\n    - x\ntouches:\n    - date: 2026-11-25\n"


def test_add_first_touch_to_empty_flow_list_keeps_the_comment():
    text = "name: A\ntouches: []  # none yet\norg: X\n"
    new = add_touch(text, rt(text), {"date": date(2026, 11, 25), "note": "yes"})
    assert new == ('name: A\ntouches:  # none yet\n  - date: 2026-11-25\n    note: "yes"\norg: X\n')


def test_flow_items_get_a_flow_item():
    text = "name: A\ntouches:\n  - {date: 2025-01-01, channel: call}\n"
    new = add_touch(text, rt(text), {"date": date(2026, 11, 25), "channel": "email"})
    assert added_lines(text, new) == ["  - {date: 2026-11-25, channel: email}\n"]


def test_crlf_and_missing_final_newline():
    text = "name: A\r\ntouches:\r\n  - date: 2025-01-01"
    new = add_touch(text, rt(text), {"date": date(2026, 11, 25)})
    assert new == "name: A\r\ntouches:\r\n  - date: 2025-01-01\r\n  - date: 2026-11-25\r\n"


def test_non_empty_flow_list_is_refused_not_rewritten():
    text = "name: A\ntouches: [{date: 2025-01-01}]\n"
    with pytest.raises(DataError, match="flow list"):
        add_touch(text, rt(text), {"date": date(2026, 11, 25)})


def test_set_and_remove_a_key_keep_the_comment():
    text = "name: A\nsnooze_until: 2026-12-01   # parental leave\ntouches:\n  - date: 2025-01-01\n"
    new = set_key(text, rt(text), "snooze_until", date(2027, 2, 1))
    assert new == text.replace("2026-12-01", "2027-02-01")
    gone = remove_key(new, rt(new), "snooze_until")
    assert gone == "name: A\ntouches:\n  - date: 2025-01-01\n"


def test_new_key_goes_before_touches_and_its_comments():
    text = "name: A\n\n# history\ntouches:\n  - date: 2025-01-01\n"
    new = set_key(text, rt(text), "snooze_until", date(2027, 2, 1))
    assert new == "name: A\n\nsnooze_until: 2027-02-01\n# history\ntouches:\n  - date: 2025-01-01\n"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain words", "plain words"),
        ("Re: lunch", '"Re: lunch"'),
        ("yes", '"yes"'),
        ("2026-01-01", '"2026-01-01"'),
        ("# not a comment", '"# not a comment"'),
        ("two\nlines", '"two\\nlines"'),
        ("Zoë's café", "Zoë's café"),
        ("'quoted'", "\"'quoted'\""),
        ("", '""'),
    ],
)
def test_scalar_reads_back_the_same(value, written):
    assert scalar(value) == written
    data, problems = load_text(f"k: {written}\n", "x", "safe")
    assert not problems and data == {"k": value}


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ada Okafor", "ada-okafor"),
        ("Zoë O'Brien", "zoe-obrien"),
        ("../../etc/passwd", "etc-passwd"),
        ("  José  María   Ruiz ", "jose-maria-ruiz"),
        ("李小龍", "u674e-u5c0f-u9f8d"),  # other scripts: their code points, the same everywhere
        ("...", ""),
    ],
)
def test_slugify_is_safe(name, slug):
    assert slugify(name) == slug


# --- property: random hand-written files ------------------------------------------------

comment = st.from_regex(r"#[ a-zA-Z0-9:'\"!?,.-]{0,20}", fullmatch=True)
eol = st.one_of(st.just(""), comment.map(lambda c: "  " + c))
blank_or_comment = st.lists(st.one_of(st.just(""), comment), max_size=2)


@st.composite
def contact_files(draw):
    lines: list[str] = []
    lines += draw(blank_or_comment)
    name = draw(st.sampled_from(["Ada", '"Ada O"', "Ada O"]))
    lines.append(f"name: {name}{draw(eol)}")
    if draw(st.booleans()):
        lines += draw(blank_or_comment)
        lines.append(f"circle: core{draw(eol)}")
    if draw(st.booleans()):
        lines.append(f"tags: [a, b]{draw(eol)}")
    dash = draw(st.sampled_from([0, 2, 4]))
    pad = draw(st.sampled_from([1, 3]))
    n = draw(st.integers(0, 4))
    if n or draw(st.booleans()):
        lines.append(f"touches:{draw(eol)}")
    for i in range(n):
        lines += [" " * dash + c for c in draw(blank_or_comment) if c]
        lines.append(" " * dash + "-" + " " * pad + f"date: 2025-0{i + 1}-01{draw(eol)}")
        if draw(st.booleans()):
            lines.append(" " * (dash + pad + 1) + f"note: n{i}{draw(eol)}")
    if draw(st.booleans()):
        lines.append(f"org: X{draw(eol)}")
    lines += draw(blank_or_comment)
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@examples(300)
@given(contact_files(), st.sampled_from([None, "call"]), st.sampled_from([None, "a: b", "ok"]))
def test_adding_a_touch_only_adds_lines(text, channel, note):
    data = rt(text)
    touch = {"date": date(2026, 11, 25), "channel": channel, "note": note}
    new = add_touch(text, data, touch)
    added = added_lines(text, new)
    expected = 1 + (channel is not None) + (note is not None)
    if "touches" not in data:
        expected += 1  # the `touches:` key itself
    assert len(added) == expected
    after, _ = load_text(new, "x", "safe")
    assert after["touches"][-1] == {
        k: (v.isoformat() if isinstance(v, date) else v) for k, v in touch.items() if v is not None
    }
