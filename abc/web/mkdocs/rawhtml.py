"""Raw HTML blocks of a generated page kept out of Markdown's way, and put back after it.

The generated pages are mostly raw HTML (a person's facts and history, the pool's
table of thousands of rows), which Python-Markdown passes through unchanged, but
only after its HTML parser has read every tag of it. :func:`stash` swaps each such
block for a short placeholder before MkDocs converts the page, and :func:`unstash`
swaps the placeholders back in the HTML it made: the same page, without the parse.

A block is stashed only where Markdown is sure to pass it through verbatim: a
chunk between blank lines, at the top level of the page (not inside a fenced code
block, nor inside an element whose content is Markdown), that opens one of a few
block-level tags, closes it at its very end and nowhere before, and asks for no
Markdown inside (no ``markdown`` attribute). Anything else is left to Markdown.
"""

from __future__ import annotations

import html
import re

#: Block-level tags (Markdown's own list has these) whose raw blocks are stashed.
_TAGS = "table|div|p|blockquote|figure|form|ul|ol|dl|section|details|nav"
_OPEN = re.compile(rf"<({_TAGS})[\s>]")
#: An opening or closing tag, and its name: to follow how deep a chunk leaves the page.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_MARKDOWN_ATTR = re.compile(r"<[a-zA-Z][^>]*\smarkdown\b")
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)
_CHUNKS = re.compile(r"(\n{2,})")

PLACEHOLDER = '<div data-abc-raw="{}"></div>'


def _depth_change(chunk: str) -> int:
    """Opening tags minus closing tags in ``chunk`` (void and self-closed tags aside)."""
    depth = 0
    for close, name, self_closed in _TAG.findall(chunk):
        if self_closed or name.lower() in _VOID:
            continue
        depth += -1 if close else 1
    return depth


def _whole_block(chunk: str) -> bool:
    """Whether ``chunk`` is one element from its first character to its last."""
    m = _OPEN.match(chunk)
    if m is None or _MARKDOWN_ATTR.search(chunk) or not chunk.endswith(f"</{m.group(1)}>"):
        return False
    tag = m.group(1)
    depth = 0
    for t in re.finditer(rf"<(/?){tag}[\s>]", chunk):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return t.end() == len(chunk)
    return False


def stash(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with its verbatim raw HTML blocks replaced by placeholders, and the
    blocks, in order (the placeholder of block ``i`` is ``PLACEHOLDER.format(i)``)."""
    parts = _CHUNKS.split(markdown)
    blocks: list[str] = []
    depth = 0
    in_fence = False
    for i in range(0, len(parts), 2):
        chunk = parts[i]
        fences = len(_FENCE.findall(chunk))
        if in_fence or fences:
            in_fence = in_fence != (fences % 2 == 1)
            continue
        block = chunk.rstrip("\n")  # the last chunk ends the page
        if depth == 0 and _whole_block(block):
            parts[i] = PLACEHOLDER.format(len(blocks)) + chunk[len(block) :]
            blocks.append(block)
            continue
        depth = max(0, depth + _depth_change(chunk))
    return "".join(parts), blocks


def unstash(html: str, blocks: list[str]) -> str | None:
    """The HTML with each placeholder replaced by its block; None if any placeholder is
    not there exactly once (then the page must be converted without stashing)."""
    if not blocks:
        return html
    pieces = re.split(r'<div data-abc-raw="(\d+)"></div>', html)
    found = [int(n) for n in pieces[1::2]]
    if found != list(range(len(blocks))):
        return None
    pieces[1::2] = blocks
    return "".join(pieces)


_ATTR_ID = re.compile(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)>")


def anchor_ids(blocks: list[str]) -> set[str]:
    """The anchors the blocks hold (``id``, and ``name`` on ``a``), as MkDocs finds them
    in raw HTML to check the links to them."""
    found: set[str] = set()
    for block in blocks:
        for tag, attrs in _START.findall(block):
            for name, *values in _ATTR_ID.findall(attrs):
                if name == "id" or tag.lower() == "a":
                    found.add(html.unescape(next((v for v in values if v), "")))
    return found
