"""abc: Always Be Connecting.

Contacts live as one YAML file each in ``contacts/``; the core takes them and
today's date and returns values: cadence reports, daily plans, calendars, stats.
"""

__version__ = "0.1.0"
