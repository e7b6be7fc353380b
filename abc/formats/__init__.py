"""Text in and out, pure: the terminal report and JSON shapes, openers, iCalendar,
vCard, a contact file's text, the import readers and the import planner.

Imports only ``core`` and third-party format libraries; reads and writes no file.
"""
