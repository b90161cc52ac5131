"""The expression lab: any expression differentiated to any order.

- ``answers``: ``POST`` and ``GET /api/expression``: the graphs, curves and steps;
- ``derivatives``: each derivative a recorded graph of its own;
- ``steps``: a graph's forward and reverse pass as explain steps.
"""
