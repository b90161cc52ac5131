"""The learner's lab: predict a number of the pass, then check it.

- ``questions``: the questions, each read off the explain panel's pass;
- ``grading``: ``POST`` and ``GET .../check``, the answers graded and the score.
"""
