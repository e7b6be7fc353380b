"""Every example in a docstring of abc runs, and gives what it shows.

pytest's ``--doctest-modules`` would import ``abc/core/model.py`` as ``abc.core.model``
(named after its folder), which is the standard library's ``abc``; so the modules are
found here by their real names, under ``abcnet``, and their examples run with
:mod:`doctest` itself, one test per module that has any.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re

import pytest

import abcnet

#: A line that starts an example, as doctest reads one.
EXAMPLE = re.compile(r"^\s*>>> ", re.M)


def _modules_with_examples() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(abcnet.__path__, "abcnet."):
        spec = importlib.util.find_spec(info.name)
        origin = spec.origin if spec else None
        if origin and origin.endswith(".py"):
            with open(origin, encoding="utf-8") as source:
                if EXAMPLE.search(source.read()):
                    names.append(info.name)
    return sorted(names)


MODULES = _modules_with_examples()


def test_the_examples_are_found() -> None:
    # a finder that found nothing would make every test below pass by having none
    assert "abcnet.core.triage" in MODULES
    assert len(MODULES) >= 5, MODULES


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_a_module_give_what_they_show(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    for test in finder.find(module, name):
        runner.run(test, out=report.append)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0, f"{name} shows an example (>>>) that doctest does not find"
    assert result.failed == 0, "".join(report)
