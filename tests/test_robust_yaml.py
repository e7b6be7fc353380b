"""Scalars YAML takes for numbers it cannot make are problems with their line, not tracebacks."""

from __future__ import annotations

from conftest import Net


def test_a_scalar_that_looks_like_a_number_but_is_none(net: Net) -> None:
    net.write("ada", "name: Ada\norg: +_\n")
    net.write("bob", "name: Bob\nrole: ._\n")
    net.write("cy", "name: Cy\nphone: " + "1" * 5000 + "\n")
    result = net.run("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "contacts/ada.yaml:2: +_ looks like a number but is none; put it in quotes",
        "contacts/bob.yaml:2: ._ looks like a number but is none; put it in quotes",
        "contacts/cy.yaml:2: 1111111111111111111111111111111111111... is a number too long to "
        "read; put it in quotes",
        "3 problems in 3 files.",
        "Left out of the plan until fixed: contacts/ada.yaml, contacts/bob.yaml, contacts/cy.yaml.",
    ]
