"""The site: SVG charts and page builders (pure), the thin MkDocs hook, and the build driver."""
