"""The MkDocs hook of this network's site: all the work is in the abc package.

mkdocs.yml names this file; it only hands MkDocs the hook functions abc ships,
so the site follows the abc you have installed.
"""

from abcnet.mkdocs_hook import *  # noqa: F403
