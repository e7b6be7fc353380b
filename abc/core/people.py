"""Finding a person by what the user types: slug, name, a unique prefix or a close match."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from .identity import fold
from .model import Contact
from .problems import NotFoundError


def _label(c: Contact) -> str:
    return f"{c.name} ({c.slug})"


def resolve(query: str, contacts: Iterable[Contact]) -> Contact:
    """The one contact ``query`` names, trying ever looser rules.

    Exact slug or name; then a prefix of the slug or name; then a prefix of any
    word of the name; then a close spelling. If a rule matches several people,
    the query is ambiguous and NotFoundError lists them; nothing matches → the
    closest names are offered.
    """
    people = sorted(contacts, key=lambda c: c.slug)
    q = fold(query)
    if not q:
        raise NotFoundError("give a name to look for")
    rules: list[Callable[[Contact], bool]] = [
        lambda c: c.slug == q or fold(c.name) == q,
        lambda c: c.slug.startswith(q) or fold(c.name).startswith(q),
        lambda c: any(w.startswith(q) for w in fold(c.name).replace("-", " ").split()),
    ]
    for rule in rules:
        found = [c for c in people if rule(c)]
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFoundError(
                f"{query!r} matches {len(found)} people; be more specific:",
                [_label(c) for c in found],
            )
    names = {fold(c.name): c for c in people}
    close = difflib.get_close_matches(q, list(names), n=5, cutoff=0.75)
    if len(close) == 1:
        return names[close[0]]
    suggestions = close or difflib.get_close_matches(q, list(names), n=3, cutoff=0.5)
    raise NotFoundError(
        f"nobody called {query!r}" + ("; did you mean:" if suggestions else ""),
        [_label(names[s]) for s in suggestions],
    )
