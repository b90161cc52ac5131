"""What the page draws of a session (the network diagram aside: :mod:`viz.playground.diagram`).

- ``view``: the view sent after every change (JSON-ready), with the traced point;
- ``plane_maps``: the plane's heatmap and every hidden perceptron's map;
- ``curves``: a regression's fitted curve and the hidden perceptrons' z_j(x);
- ``replayed_outputs``: a model's outputs at fixed rows, replayed with NumPy or without;
- ``cell_math``: the arithmetic of those pictures on a column of cells.
"""
