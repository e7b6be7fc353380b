"""The MkDocs adapter: the hook that adds the generated pages, and the build driver.

The only part of ``web`` that reads files and the environment; the rest is pure.
"""
