"""What the private pages offer to act on one person: links to reach them, and the
``abc log`` line to copy once you have.

Shared by the Today page and the person pages, so that both say it the same way.
Only the private build uses them: they carry addresses and numbers.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from abcnet.core.handle_keys import is_linkedin
from abcnet.core.model import Contact
from abcnet.formats.links import tel_link

from .markup import attr, xml


@dataclass(frozen=True)
class Reach:
    """One way to reach someone: what to show, where it goes, and the channel it is."""

    label: str
    href: str
    channel: str


def _safe(href: str) -> bool:
    return not any(ch.isspace() or ch in "<>\"'`" for ch in href)


def reaches(c: Contact) -> list[Reach]:
    """Email addresses (``mailto:``), phones (``tel:``) and the LinkedIn profile, in that order."""
    found = [Reach(e, f"mailto:{e}", "email") for e in c.emails if _safe(e)]
    found += [Reach(p, tel_link(p), "call") for p in c.phones if any(ch.isdigit() for ch in p)]
    found += [
        Reach("LinkedIn", url, "message")
        for _label, url in c.links
        if is_linkedin(url) and url.lower().startswith("https://") and _safe(url)
    ]
    return found


#: The word a reach button starts with, by channel; LinkedIn's label says it all.
VERBS = {"email": "Email", "call": "Call"}


def reach_html(c: Contact) -> str:
    """The ways to reach someone as buttons big enough for a thumb, each a link that
    says what it does ("Email", "Call") and where to ("" when there are none)."""
    return " ".join(
        f'<a class="abc-action" href="{attr(r.href)}">'
        + (f'<span class="abc-verb">{VERBS[r.channel]}</span> ' if r.channel in VERBS else "")
        + f"{xml(r.label)}</a>"
        for r in reaches(c)
    )


def log_line(c: Contact) -> str:
    """The ``abc log`` command to record having reached out, on the likeliest channel.

    >>> from abcnet.core.model import Source
    >>> log_line(Contact("ada-okafor", "Ada Okafor", Source("x"), emails=("ada@example.org",)))
    'abc log ada-okafor --channel email'
    >>> log_line(Contact("li", "Li", Source("x")))
    'abc log li'
    """
    first = reaches(c)
    line = f"abc log {shlex.quote(c.slug)}"
    return f"{line} --channel {first[0].channel}" if first else line
