"""The pocket's files: the page, its script, styles and service worker, and the sealed
bundle inside the page. Pure: the shipped files come in as bytes, the page goes out.

The bundle is inside ``index.html`` (a ``<script type="application/json">``) rather
than a file of its own, so the page opens from ``file://``, where a browser will not
fetch a neighbouring file. Every file name is fixed, and no byte outside the
ciphertext depends on the network.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

#: The files a pocket is made of, as shipped in ``abc/data/pocket/``.
FILES = ("index.html", "pocket.js", "pocket.css", "sw.js")
#: Where the sealed bundle goes in ``index.html``.
SLOT = b"@SEALED@"


def files(envelope: Mapping[str, Any], shipped: Mapping[str, bytes]) -> dict[str, bytes]:
    """Every file of the pocket, by name: the shipped ones, the page with the bundle in it."""
    sealed = json.dumps(envelope, sort_keys=True, separators=(",", ":"))
    sealed = sealed.replace("<", "\\u003c")  # nothing in it can close the script element
    page = shipped["index.html"]
    if page.count(SLOT) != 1:
        raise ValueError("the pocket's index.html has no single place for the bundle")
    out = {name: shipped[name] for name in FILES}
    out["index.html"] = page.replace(SLOT, sealed.encode("ascii"))
    return out
