"""The MkDocs hook by its stable name: what a network's ``.abc/mkdocs_hook.py`` imports.

``abc init`` writes that file, and networks made by any version keep it, so this
name stays; the hook itself is :mod:`abcnet.web.mkdocs.hook`.
"""

from abcnet.web.mkdocs.hook import *  # noqa: F403
