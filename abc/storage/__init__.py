"""The only layer that touches the disk, the clock, processes and git.

Finding and reading: ``layout`` names the network's folders and finds its root;
``contacts`` reads and checks one file; ``cache`` (with its format, ``cachefile``)
remembers what checking gave; ``network`` loads a whole network; ``clock`` reads
the time; ``exports`` opens the exports ``abc sync`` reads and ``inputs`` the files
``abc import`` reads; ``install`` tells how this abc was installed.

Writing: ``atomic`` writes a file atomically; ``lock`` holds the network's lock;
``contact_files`` edits, creates and deletes contact files under it; ``importing``,
``merging`` and ``syncing`` carry out an import, a merge and a sync; ``journal``
remembers what ``abc log`` added and ``skipped`` whom ``abc triage`` skipped;
``git`` commits; ``scaffold`` lays out a new network.
"""
