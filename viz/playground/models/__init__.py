"""What the learner sets up: the model kinds, the task, the classes, the inputs, the data files.

- ``choices``: each setting's choices or range, the defaults, a settings body checked;
- ``kinds``: the four model kinds built from settings, exported and imported as ``nn`` files;
- ``setting_rules``: merging changed settings, each rule below applied in turn;
- ``k_classes``: two or K classes (outputs, loss, presets);
- ``regression``: the task of fitting y = f(x);
- ``own_network``: the learner's own DAG of perceptrons, wired link by link;
- ``features``: extra inputs computed from (x, y);
- ``csv_data``: the points as a CSV file, both ways.
"""
