"""YAML text → plain data, with problems that name the line. Reads no file.

Contact files are parsed with ruamel.yaml's safe loader (with its C speedups
where installed). Dates are kept as text, so an impossible date becomes a
problem with a line number instead of a bare ValueError. The round-trip loader
(``kind="rt"``) keeps each node's position, for the lines of problems and for
lossless edits.
"""

from __future__ import annotations

import re
from typing import Any

from abcnet.core.checks import Locator
from abcnet.core.problems import Problem

from . import fastyaml

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


_MAX_DEPTH = 64


def _text_timestamps(constructor: Any, node: Any) -> Any:
    return constructor.construct_scalar(node)


_loaders: dict[str, Any] = {}


def loader(kind: str) -> Any:
    """A cached YAML instance: ``safe`` (fast, plain data) or ``rt`` (positions)."""
    if kind not in _loaders:
        from ruamel.yaml import YAML
        from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor

        base = SafeConstructor if kind == "safe" else RoundTripConstructor
        constructor: Any = type(f"Abc{base.__name__}", (base,), {})
        constructor.add_constructor(TIMESTAMP_TAG, _text_timestamps)
        yaml = YAML(typ="safe") if kind == "safe" else YAML()
        yaml.Constructor = constructor
        yaml.allow_duplicate_keys = False
        _loaders[kind] = yaml
        if kind == "safe":
            _loaders[kind] = _CSafe.build(constructor) or yaml
    return _loaders[kind]


class _CSafe:
    """``YAML(typ="safe").load`` with its C parser, without its cost on every call.

    ruamel.yaml builds a new loader class on each ``load`` and resolves each scalar
    through a version lookup that, with the C parser, always ends at YAML 1.2 (half
    the time of a safe load goes there). This builds the equivalent class once: the
    C parser, our constructor, the YAML 1.2 resolver. tests/test_cache.py checks that
    it reads tricky documents exactly as YAML() does.
    """

    def __init__(self, cls: Any) -> None:
        self._cls = cls

    @classmethod
    def build(cls, constructor: Any) -> _CSafe | None:
        try:
            from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
        except ImportError:  # pragma: no cover - no C extension: YAML() it is
            return None
        from ruamel.yaml.resolver import Resolver

        class Loader(CParser, constructor, Resolver):  # type: ignore[misc]
            # What YAML()'s VersionedResolver works out, slowly, for every scalar: with the
            # C parser it never sees a %YAML directive, so it is always 1.2.
            processing_version = (1, 2)

            def __init__(self, stream: str) -> None:
                CParser.__init__(self, stream)
                self._parser = self._composer = self
                constructor.__init__(self, loader=self)
                self.allow_duplicate_keys = False
                Resolver.__init__(self, loadumper=self)

        return cls(Loader)

    def load(self, text: str) -> Any:
        loader = self._cls(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        return None, [Problem(rel, line, "", "this file is not UTF-8 text; save it as UTF-8")]


def _yaml_problem(e: Exception, rel: str, text: str) -> Problem:
    mark = getattr(e, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 0
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    problem = str(getattr(e, "problem", None) or e).strip()
    if type(e).__name__ == "DuplicateKeyError":
        m = re.search(r'duplicate key "(.*?)"', problem)
        first = getattr(e, "context_mark", None)
        key = m.group(1) if m else "?"
        where = f" (first on line {first.line + 1})" if first is not None else ""
        return Problem(rel, line, key, f"duplicate key{where}; keep only one")
    if "could not determine a constructor" in problem or ("tag" in problem and "!" in problem):
        return Problem(rel, line, "", f"{problem}; abc reads plain YAML only, remove the tag")
    hint = "check the indentation and quoting around here"
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())] or "\t" in problem:
        hint = "YAML indents with spaces, not tabs"
    return Problem(rel, line, "", f"YAML syntax: {problem}; {hint}")


def _depth_ok(data: Any) -> bool:
    """Whether the data nests at most _MAX_DEPTH deep (aliases are not followed twice)."""
    seen: set[int] = set()
    stack = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return False
        if isinstance(item, dict | list) and id(item) not in seen:
            seen.add(id(item))
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return True


#: The lines git writes around a conflict it could not merge.
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?: .*)?$", re.MULTILINE)


def conflict_problem(text: str, rel: str) -> Problem | None:
    """The problem of an unresolved merge conflict left in ``text`` (git's ``<<<<<<<``,
    ``=======`` and ``>>>>>>>`` lines), at its first line; None when there is none."""
    found: dict[str, int] = {}
    for m in _CONFLICT.finditer(text):
        found.setdefault(m.group(1)[0], text.count("\n", 0, m.start()) + 1)
    if set(found) != {"<", "=", ">"} or not found["<"] < found["="] < found[">"]:
        return None
    return Problem(
        rel,
        found["<"],
        "",
        f"an unresolved merge conflict (<<<<<<< here, ======= on line {found['=']}, "
        f">>>>>>> on line {found['>']}): keep the lines you want, delete the marker lines, "
        "then run abc check",
    )


def load_text(text: str, rel: str, kind: str = "safe") -> tuple[Any, list[Problem]]:
    """Parse YAML text; return the data, or a problem with the line it names.

    ruamel.yaml is imported only for text the fast reader is unsure of.
    """
    conflict = conflict_problem(text, rel)
    if conflict is not None:  # it may even parse, with both sides in a block of text
        return None, [conflict]
    if kind == "safe":
        data = fastyaml.load(text)  # the plain YAML most files are, without libyaml
        if data is not fastyaml.UNSURE:
            return data, []
    from ruamel.yaml.error import YAMLError

    try:
        data = loader(kind).load(text)
    except YAMLError as e:
        return None, [_yaml_problem(e, rel, text)]
    except RecursionError:
        return None, [Problem(rel, 0, "", "nested too deeply to be a contact file")]
    except (ValueError, OverflowError, IndexError):  # a scalar that looks like a number, is none
        return None, [_bad_number(text, rel)]
    if not _depth_ok(data):
        return None, [Problem(rel, 0, "", "nested too deeply to be a contact file")]
    return data, []


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _bad_number(text: str, rel: str) -> Problem:
    """The problem of a plain scalar that YAML takes for a number it cannot make, such
    as ``+_`` or an integer of thousands of digits, with its line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    yaml = YAML(typ="safe", pure=True)
    try:
        stack = [yaml.compose(text)]
    except Exception:  # composing failed too: there is no line to name
        stack = []
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            stack.extend(x for pair in reversed(node.value) for x in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, ScalarNode) and node.tag in _NUMBER_TAGS:
            try:
                yaml.constructor.construct_object(node)
            except (ValueError, OverflowError, IndexError):
                shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
                digits = node.value.lstrip("+-").replace("_", "").isdigit()
                what = (
                    "is a number too long to read" if digits else "looks like a number but is none"
                )
                return Problem(
                    rel, node.start_mark.line + 1, "", f"{shown} {what}; put it in quotes"
                )
    return Problem(rel, 0, "", "a value looks like a number but is none; put it in quotes")


def rt_locator(data: Any) -> Locator:
    """A locator over round-trip data: the 1-based line of the node at a path."""

    def locate(path: tuple[str | int, ...]) -> int:
        node = data
        line = 1
        for part in path:
            lc: Any = getattr(node, "lc", None)
            try:
                if isinstance(node, dict) and part in node:
                    # The key's line: a value may be an alias whose node sits elsewhere.
                    line = lc.key(part)[0] + 1
                    node = node[part]
                elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                    line = lc.item(part)[0] + 1
                    node = node[part]
                else:
                    break
            except (AttributeError, KeyError, TypeError, IndexError):
                break
        return line

    return locate
