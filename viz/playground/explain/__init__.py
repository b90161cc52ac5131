"""The explain panel: the selected point's forward and backward pass, step by step.

- ``panel_data``: ``POST .../explain``, the panel's data;
- ``recorded_pass``: the point's pass (``nn``'s recorded nodes) read by perceptron;
- ``pass_steps``: the forward pass, then the backward pass, one node a step;
- ``operation_steps``: an opened perceptron, one operation a step;
- ``forward_mode``: the same gradient by one forward-mode sweep;
- ``weight_formulas``: any weight's partial derivative written out;
- ``softmax_formulas``: the formulas at K outputs (softmax cross-entropy);
- ``formula``: a formula as data (terms, values, LaTeX).
"""
