"""Pure values and rules: the model, problems, field declarations, checks, identity,
cadence, the plan, finding people, stats and wording.

Nothing here reads a file, the clock or a process; every module imports only
``core`` and the standard library (``tests/test_layers.py`` enforces it).
"""
