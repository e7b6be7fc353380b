"""The site: SVG charts and page builders (pure), and the MkDocs adapter apart in ``web/mkdocs/``."""
