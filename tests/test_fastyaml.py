"""The shortcut for plain YAML: on every text it reads the data the safe loader reads, or
says it is unsure (and the loader reads it)."""

from __future__ import annotations

from textwrap import dedent
from typing import Any

import pytest
from conftest import DEMO, examples
from hypothesis import given
from hypothesis import strategies as st

from abcnet.formats import fastyaml
from abcnet.formats.yamltext import loader


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (True is not 1, keys keep their order)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def safe(text: str) -> Any:
    try:
        return loader("safe").load(text)
    except Exception as e:  # the loader refuses it: the shortcut must be unsure
        return e


def agrees(text: str) -> bool:
    fast = fastyaml.load(text)
    return fast is fastyaml.UNSURE or same(fast, safe(text))


CONTACT = dedent(
    """\
    # Ada: met at PyData.
    name: Ada Okafor
    email:
      - ada@example.org   # personal
      # - old@example.org
    phone: "+44 20 7946 0018"
    nickname: 'it''s Ada'
    links:
      linkedin: https://www.linkedin.com/in/ada-example
    tags: [mentor, data]        # as WhatsApp shows them
    empty: []
    none:
    met:
      date: 2019-06-14
      how: PyData London, at the keynote
    notes: |
      Runs the data org.

      # not a comment: part of the note
        indented more
    touches:
    - date: 2026-01-05
      channel: email
      note: C# and F#, 100% sure
    -   date: 2026-02-05
        note: "quoted: with a colon"
    """
)


def test_a_contact_file_is_read_without_the_loader():
    fast = fastyaml.load(CONTACT)
    assert fast is not fastyaml.UNSURE
    assert same(fast, safe(CONTACT))
    assert fast["notes"] == (
        "Runs the data org.\n\n# not a comment: part of the note\n  indented more\n"
    )
    assert fast["none"] is None and fast["touches"][1]["note"] == "quoted: with a colon"


def test_plain_decimal_integers_take_the_shortcut():
    text = "daily_quota: 40\nzero: 0\nn: [-12, 7]\ncadences:\n  core: 90d\n"
    fast = fastyaml.load(text)
    assert fast == {"daily_quota": 40, "zero": 0, "n": [-12, 7], "cadences": {"core": "90d"}}
    assert same(fast, safe(text))
    assert fastyaml.load("a: 123456789012345678\n") == {"a": 123456789012345678}
    # More digits than that (5,000 would even exceed what int() takes unasked) go to
    # the loader, which says what is wrong, with the line.
    long = "a: 1234567890123456789\n", "a: " + "1" * 5000 + "\n"
    for other in ("a: +5\n", "a: 007\n", "a: 1_000\n", "a: -0\n", "a: 0x1f\n", *long):
        assert fastyaml.load(other) is fastyaml.UNSURE


def test_every_demo_file_agrees_and_most_take_the_shortcut():
    files = sorted((DEMO / "contacts").glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    assert all(agrees(t) for t in texts)
    assert sum(fastyaml.load(t) is not fastyaml.UNSURE for t in texts) > len(texts) // 2


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",  # a number
        "a: 0\nb: -0\nc: 007\nd: +5\ne: 1_000\nf: -12\ng: 12345678901234567890\n",
        "a: [1, -2, 03, x]\n",
        "a: 0o17\nb: 0b1\nc: 1e3\nd: 1.\ne: -\n",
        "a: 30d\nb: 2w\nc: 1y\nd: 6m\ne: 0d\nf: 1e\ng: 0x\nh: 0b\ni: 0o\nj: 12dd\n",
        "a: 1.5\n",
        "a: -3\n",
        "a: .inf\n",
        "a: true\n",  # a boolean
        "a: False\n",
        "a: null\nb: ~\nc: Null\n",
        "true: x\n",  # a key that is not a string
        "a: x\na: y\n",  # a duplicate key, which the loader refuses
        "a: &x 1\nb: *x\n",  # an anchor and an alias
        "a: !!str 42\n",  # a tag
        'a: "tab\\there"\n',  # an escape
        "a: >\n  folded\n  text\n",
        "a: |+\n  kept\n\n",
        "a: |2\n   x\n",
        "a: |\n  at the end",
        "a: b\n  c\n",  # a scalar over two lines
        "a:\tb\n",
        "a: b\r\nc: d\r\n",
        "---\na: b\n",
        "a: [1, 2]\n",
        "a: [x, [y]]\n",
        "a: {b: c}\n",
        "a: 'x' y\n",
        'a: "x"# c\n',
        "a: b: c\n",
        "- a\n- b\n",
        "- - a\n",
        "a:\n  - b\n  c: d\n",
        "a: \x07\n",
        "a: x\ufeff\n",
        "just text\n",
        "",
        "a:\n" + "".join(f"{' ' * (2 * i)}k{i}:\n" for i in range(1, 40)) + " " * 80 + "z: 1\n",
        "a: |\n  x\n   \n  y\nb: c\n",
        "a: |\n\n  x\nb: c\n",
    ],
)
def test_tricky_texts_agree(text):
    assert agrees(text)


SCALARS = st.sampled_from(
    [
        "plain",
        "two words",
        "C#",
        "a #b",
        "x:y",
        "x: y",
        "x:",
        "-x",
        "- x",
        "'q'",
        "'it''s'",
        "'bad' x",
        '"dq"',
        '"a\\"b"',
        "[a, b]",
        "[]",
        "{}",
        "2026-01-05",
        "2026-1-5",
        "12",
        "0",
        "-0",
        "-7",
        "+7",
        "007",
        "10_000",
        "30d",
        "0w",
        "1y",
        "3m",
        "7e",
        "0o",
        "40",
        "-",
        "0x1f",
        "1e3",
        "yes",
        "no",
        "on",
        "null",
        "NULL",
        "~",
        "True",
        "|",
        "|-",
        ">",
        "&a",
        "*a",
        "!t x",
        "%x",
        "@x",
        "`x`",
        "?",
        "? x",
        ",x",
        "é ü 中文",
        "",
        "  spaced  ",
        "x # comment",
        "'x' # comment",
        "[a] # comment",
    ]
)
KEYS = st.sampled_from(["name", "note", "a-b", "a_b", "true", "null", "1", "x y", "é"])


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    lines = []
    for key in draw(st.lists(KEYS, min_size=1, max_size=4)):
        kind = draw(
            st.sampled_from(["scalar", "list", "map", "block"] if depth < 2 else ["scalar"])
        )
        if kind == "scalar":
            lines.append(f"{key}: {draw(SCALARS)}".rstrip())
        elif kind == "block":
            body = draw(st.lists(st.sampled_from(["x", "", "  y", "# z", "a: b"]), max_size=3))
            lines += [f"{key}: {draw(st.sampled_from(['|', '|-']))}"] + [f"  {b}" for b in body]
        elif kind == "list":
            lines.append(f"{key}:")
            pad = draw(st.sampled_from(["", "  "]))
            for _ in range(draw(st.integers(0, 3))):
                if draw(st.booleans()):
                    lines.append(f"{pad}- {draw(SCALARS)}".rstrip())
                else:
                    inner = draw(documents(depth + 1)).splitlines()
                    lines.append(f"{pad}- {inner[0]}")
                    lines += [f"{pad}  {line}" for line in inner[1:]]
        else:
            lines.append(f"{key}:")
            lines += [f"  {line}" for line in draw(documents(depth + 1)).splitlines()]
    return "\n".join(lines) + "\n"


@examples(3000)
@given(documents())
def test_generated_documents_agree(text):
    assert agrees(text)
