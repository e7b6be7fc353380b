"""The only layer that touches the disk, the clock, processes and git.

``layout`` names the network's folders; ``yamltext`` parses YAML text with
positions; ``contacts`` reads and checks one file; ``cache`` remembers what
checking gave; ``network`` loads a whole network; ``edit`` changes a file's text
without disturbing it; ``files`` writes atomically under a lock; ``git`` commits;
``scaffold`` lays out a new network.
"""
