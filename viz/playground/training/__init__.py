"""One browser tab's session and its training.

- ``session``: a tab's data, settings, model and pictures;
- ``trainer``: training in small, interruptible pieces under a time budget;
- ``time_slices``: a training request cut in slices, their turns, and divergence;
- ``fair_lock``: the lock those turns are taken on, first come, first served;
- ``data_split``: which points train and which only measure;
- ``one_update``: one update described, weight by weight.
"""
