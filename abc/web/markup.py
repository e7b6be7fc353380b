"""Markdown and HTML text for the pages: escaping, dates, tables and chart figures.

Every piece of contact text goes through :func:`esc`, which turns HTML and
markdown syntax into character references, so it renders as the literal text.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Collection, Iterable, Sequence
from datetime import date

from abcnet.core.words import MONTHS_SHORT
from abcnet.formats.contact_text import quoted

MONTH_NAMES = MONTHS_SHORT


# --- links to pages that may be missing -----------------------------------------------------

#: A markdown link to a page of the docs folder: ``[text](path.md)``, maybe with ``#anchor``.
_PAGE_LINK = re.compile(r"(?<!!)\[([^\[\]]*)\]\(([^()\s#:]+\.md)(#[^()\s]*)?\)")


def unlink_missing(markdown: str, page: str, known: Collection[str]) -> str:
    """``markdown`` (the page at ``page``) with each link to a page that is not in
    ``known`` (paths under the docs folder) turned into its text alone: a network made
    by an older abc has an older copy of the pages, which may lack one that abc links to.

    >>> unlink_missing("See [Drift](strategies/drift.md) and [Today](index.md#a).",
    ...                "stats.md", {"index.md"})
    'See Drift and [Today](index.md#a).'
    """
    folder = posixpath.dirname(page)

    def one(m: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(folder, m.group(2)))
        return m.group(0) if target in known else m.group(1)

    return _PAGE_LINK.sub(one, markdown)


# --- escaping -------------------------------------------------------------------------------

_SPECIAL = "\\`*_{}[]()#+-.!|~^=:$@%\"'"
_ESCAPES = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}
_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})


def esc(text: str) -> str:
    """Contact text for a markdown page: every HTML or markdown special character
    becomes a character reference, and line breaks become spaces.

    >>> esc("**bold** <b>")
    '&#42;&#42;bold&#42;&#42; &lt;b&gt;'
    """
    return " ".join(text.split()).translate(_ESCAPES)


def esc_lines(text: str) -> list[str]:
    """Each non-empty line of a multi-line text, escaped."""
    return [esc(line) for line in text.splitlines() if line.strip()]


def attr(text: str) -> str:
    """Text for an HTML or SVG attribute value."""
    return html.escape(text, quote=True)


def xml(text: str) -> str:
    """Text for the content of an HTML or SVG element."""
    return html.escape(text, quote=False)


def front_matter(title: str, *, searched: bool = True) -> str:
    """A generated page's YAML front matter: its title, no table-of-contents column
    (abc's own pages are lists to act on, not documents to navigate), and, unless
    ``searched``, out of the search index (a page that changes every day, or a list
    of everyone, makes no useful search result).

    The title is HTML-escaped, once, then quoted for YAML by :func:`quoted`. Without
    it MkDocs takes the title from the heading, and the theme puts that through
    ``striptags``, which turns character references back into markup inside
    ``<title>``; Material prints ``meta.title`` as it is. :func:`quoted` keeps an
    emoji as itself (``json.dumps`` writes it as a surrogate pair, which YAML reads
    as two broken characters).

    >>> print(front_matter("Today", searched=False), end="")
    ---
    title: "Today"
    hide: [toc]
    search: {exclude: true}
    ---
    """
    lines = ["---", f"title: {quoted(attr(' '.join(title.split())))}", "hide: [toc]"]
    lines += [] if searched else ["search: {exclude: true}"]
    return "\n".join([*lines, "---", ""])


# --- dates ------------------------------------------------------------------------------------


def fmt_day(d: date) -> str:
    """``25 Nov 2026``: the same in every locale."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def nowrap(text: str) -> str:
    """Keep a short phrase, such as a date in a table cell, on one line."""
    return text.replace(" ", "\u00a0")


def fmt_month(d: date) -> str:
    return f"{MONTH_NAMES[d.month - 1]} {d.year}"


# --- tables and figures -------------------------------------------------------------------------


def figure(svg: str, table: str, note: str = "", *, wide: bool = False) -> str:
    """A chart, then its numbers folded away under "Numbers" (in the page, for screen
    readers and for whoever wants them, but not a second copy of every chart to
    scroll past); a wide chart gets a line of its own. The chart is kept out of the
    search index."""
    cls = "abc-chart abc-wide" if wide else "abc-chart"
    parts = [
        '<div class="abc-pair" markdown>',
        f'<figure class="{cls}" data-search-exclude>{svg}</figure>',
        '<details class="abc-numbers" markdown>',
        "<summary>Numbers</summary>",
        "",
        '<div class="abc-table" markdown>',
        "",
        table,
        "",
    ]
    if note:
        parts += [note, ""]
    parts += ["</div>", "</details>", "</div>", ""]
    return "\n".join(parts)


def html_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table as one line of raw HTML, which Markdown passes through untouched: much
    cheaper to build than a Markdown table when there are many rows and many pages.
    The cells must already be escaped."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n"


def table_alone(table: str) -> str:
    """A table with no chart, styled like the ones beside the charts, folded away under
    "Numbers" like theirs."""
    return (
        '<details class="abc-numbers" markdown>\n<summary>Numbers</summary>\n\n'
        f'<div class="abc-table" markdown>\n\n{table}\n\n</div>\n</details>\n'
    )


def table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    """A markdown table; ``align`` has one letter per column, ``l`` or ``r``."""
    align = align or "l" + "r" * (len(header) - 1)
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(marks) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
