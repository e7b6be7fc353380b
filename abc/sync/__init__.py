"""abc sync: one reader per export format, each yielding the same neutral :class:`Event`.

The readers take a :class:`~abcnet.sync.event.ExportSource` (opened read-only by
``storage.exports``) and never touch the disk themselves; ``propose`` turns events
into proposed touches. Nothing here keeps a message body.
"""
