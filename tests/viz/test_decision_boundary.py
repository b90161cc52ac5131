"""plot_decision_boundary: pixel colours of the saved PNG, the contour where the output
crosses its threshold, K classes' regions and boundaries, errors; and the network diagram
of K outputs.  plot_loss is in test_plot_loss.py."""

import math

import matplotlib
import numpy as np
import pytest
from matplotlib.collections import LineCollection
from PIL import Image

import nn
from autograd import format_number
from viz import draw_network, plot_decision_boundary, regions, save
from viz.plane import CLASS_COLOURS
from viz.plots import ALPHA, CMAP


def steep():
    """A perceptron whose output is known: sigma(20 in_x), ~0 left of in_x = 0, ~1 right."""
    p = nn.Perceptron(2, input_names=["in_x", "in_y"])
    for w, value in zip(p.w, (0.0, 20.0, 0.0), strict=True):
        w.data = value
    assert p.predict([[-0.5, 0.0]])[0] < 1e-4 and p.predict([[0.5, 0.0]])[0] > 1 - 1e-4
    return p


POINTS = [[-0.9, -0.9], [-0.8, 0.9], [0.8, -0.9], [0.9, 0.9]]


LABELS = [0, 0, 1, 1]


def over_white(rgba):
    return tuple(round(255 * (ALPHA * c + 1 - ALPHA)) for c in rgba[:3])


def pixel(fig, image, x, y):
    """The RGB of the saved image at data point (x, y) of the figure's axes."""
    px, py = fig.axes[0].transData.transform((x, y))
    return image.getpixel((int(round(px)), image.height - int(round(py))))[:3]


def test_plane_is_red_where_output_is_near_0_and_blue_near_1(tmp_path):
    fig = plot_decision_boundary(steep(), POINTS, LABELS, resolution=60)
    path = save(fig, tmp_path / "plane.png")
    with Image.open(path) as image:
        left = pixel(fig, image, -0.5, 0.0)   # sigma(-10) ~ 0
        right = pixel(fig, image, 0.5, 0.0)   # sigma(10) ~ 1
    cmap = matplotlib.colormaps[CMAP]
    for got, want in ((left, over_white(cmap(0.0))), (right, over_white(cmap(1.0)))):
        assert all(abs(g - w) <= 4 for g, w in zip(got, want, strict=True)), (got, want)
    assert left[0] > left[2] + 30 and right[2] > right[0] + 30


def test_contour_and_points_are_drawn():
    fig = plot_decision_boundary(steep(), POINTS, LABELS, resolution=30)
    ax = fig.axes[0]
    assert len(ax.collections) == 2  # the h = 0.5 contour and the scatter of points
    colours = ax.collections[-1].get_facecolors()
    assert [tuple(c[:3]) for c in colours[:1]] == [matplotlib.colors.to_rgb("#d62728")]
    assert ax.get_xlabel() == "in_x" and ax.get_title() == "decision boundary h = 0.5000"


def test_decision_boundary_errors():
    with pytest.raises(ValueError, match="X and y must have the same length > 0, got 4 and 3"):
        plot_decision_boundary(steep(), POINTS, LABELS[:3])
    with pytest.raises(ValueError, match=r"X\[1\] must be a point \[x, y\] of two finite numbers"):
        plot_decision_boundary(steep(), [[0, 0], [1, 2, 3]], [0, 1])
    with pytest.raises(ValueError, match="resolution must be an int >= 2, got 1"):
        plot_decision_boundary(steep(), POINTS, LABELS, resolution=1)
    with pytest.raises(TypeError, match="the model needs a predict\\(X\\) method, got object"):
        plot_decision_boundary(object(), POINTS, LABELS)

    class Words:
        def predict(self, X):
            return ["a"] * len(X)

    with pytest.raises(ValueError, match="the model must have one output .* or K >= 2"):
        plot_decision_boundary(Words(), POINTS, LABELS)


def test_numpy_arrays_are_accepted_and_huge_grids_refused():
    fig = plot_decision_boundary(steep(), np.array(POINTS), np.array(LABELS), resolution=20)
    assert [tuple(p) for p in fig.axes[0].collections[-1].get_offsets()] == [
        tuple(p) for p in POINTS]
    with pytest.raises(ValueError, match="resolution must be at most 1000 .* got 100000"):
        plot_decision_boundary(steep(), POINTS, LABELS, resolution=100_000)
    with pytest.raises(TypeError, match="X and y must be lists \\(or arrays\\)"):
        plot_decision_boundary(steep(), "points", LABELS)


def linear_score():
    """A perceptron with a raw-score output s = -0.5 + 3 in_x + 2 in_y (boundary s = 0)."""
    p = nn.Perceptron(2, activation="linear", input_names=["in_x", "in_y"])
    for w, value in zip(p.w, (-0.5, 3.0, 2.0), strict=True):
        w.data = value
    return p


def test_the_plane_is_the_square_and_its_corners_are_the_planes_corners(tmp_path):
    # sigma(20 in_x): red on the left edge, blue on the right, whatever the points.
    points = [[-0.3, -0.2], [0.4, 0.1]]  # well inside: the plane stays [-1, 1]^2
    fig = plot_decision_boundary(steep(), points, [0, 1], resolution=50)
    ax = fig.axes[0]
    assert ax.get_xlim() == (-1.0, 1.0) and ax.get_ylim() == (-1.0, 1.0)
    path = save(fig, tmp_path / "plane.png")
    cmap = matplotlib.colormaps[CMAP]
    red, blue = over_white(cmap(0.0)), over_white(cmap(1.0))
    inset = 0.03  # a few pixels in from each corner, inside the axes frame
    with Image.open(path) as image:
        for x, want in ((-1 + inset, red), (1 - inset, blue)):
            for y in (-1 + inset, 1 - inset):
                got = pixel(fig, image, x, y)
                assert all(abs(g - w) <= 4 for g, w in zip(got, want, strict=True)), (x, y, got)
        outside = pixel(fig, image, -1.03, 0.125)  # just left of the axes, between ticks
    assert outside == (255, 255, 255)


def test_extent_moves_the_plane_and_bad_extents_are_named():
    fig = plot_decision_boundary(steep(), POINTS, LABELS, resolution=20, extent=(0, 2, -1, 3))
    assert fig.axes[0].get_xlim() == (0.0, 2.0) and fig.axes[0].get_ylim() == (-1.0, 3.0)
    far = plot_decision_boundary(steep(), [[0, 0], [3, 1]], [0, 1], resolution=20)
    x0, x1 = far.axes[0].get_xlim()
    y0, y1 = far.axes[0].get_ylim()
    assert x0 < 0 and x1 > 3 and x1 - x0 == pytest.approx(y1 - y0)  # a square round them
    with pytest.raises(ValueError, match=r"extent must be \(x0, x1, y0, y1\) with x0 < x1 "
                                         r"and y0 < y1, got \(1, 0, 0, 1\)"):
        plot_decision_boundary(steep(), POINTS, LABELS, extent=(1, 0, 0, 1))


def contour_points(fig):
    lines = next(c for c in fig.axes[0].collections if isinstance(c, LineCollection))
    return [v for segment in lines.get_segments() for v in segment]


@pytest.mark.parametrize(("model", "kwargs", "level"), [
    (steep(), {}, 0.5),                        # sigmoid output: z = 0.5
    (linear_score(), {}, 0.0),                 # linear output: the score's sign
    (linear_score(), {"loss": "hinge"}, 0.0),  # a loss on scores says the same
])
def test_threshold_auto_puts_the_contour_where_the_output_crosses_it(model, kwargs, level):
    fig = plot_decision_boundary(model, POINTS, LABELS, resolution=80, **kwargs)
    vertices = contour_points(fig)
    assert len(vertices) > 10
    outputs = model.predict([list(v) for v in vertices])
    # Between grid points the contour is interpolated linearly: exact for the score,
    # within the sigmoid's curvature over one cell (2/80 wide) for sigma(20 in_x).
    tolerance = 1e-9 if level == 0 else 0.02
    assert max(abs(o - level) for o in outputs) < tolerance
    assert {t.get_text() for t in fig.axes[0].get_legend().get_texts()} == {
        "y = 0", "y = 1", f"h = {'0' if level == 0 else '0.5000'}"}


def test_threshold_errors_name_the_way_out():
    with pytest.raises(ValueError, match="threshold must be 'auto' or a finite number, got 'x'"):
        plot_decision_boundary(steep(), POINTS, LABELS, threshold="x")
    relu = nn.Perceptron(2, activation="relu", seed=0)
    with pytest.raises(ValueError, match="cannot tell where a 'relu' output changes class; "
                                         "pass threshold="):
        plot_decision_boundary(relu, POINTS, LABELS)
    assert plot_decision_boundary(relu, POINTS, LABELS, threshold=0.5, resolution=10)


# -- K classes ---------------------------------------------------------------------------


def three_sectors():
    """Scores s_k = 30 (cos, sin)(angle_k) . x: class k owns the sector round angle_k =
    pi/2 + 2 pi k / 3, sure far from the centre, unsure at the centre."""
    model = nn.MLP(2, [3], activation="linear", seed=0)
    for k, unit in enumerate(model.units()):
        angle = math.pi / 2 + 2 * math.pi * k / 3
        unit.bias.data = 0.0
        for (_, w), value in zip(unit.weights, (math.cos(angle), math.sin(angle)), strict=True):
            w.data = 30 * value
    return model


THREE = [[0.0, 0.8], [-0.7, -0.4], [0.7, -0.4]]


def test_k_regions_are_drawn_in_their_classes_colours(tmp_path):
    fig = plot_decision_boundary(three_sectors(), THREE, [0, 1, 2], resolution=80)
    path = save(fig, tmp_path / "regions.png")
    with Image.open(path) as image:
        for (x, y), colour in zip([(0.0, 0.6), (-0.55, -0.3), (0.55, -0.3)], CLASS_COLOURS,
                                  strict=False):
            want = tuple(round(255 * (1 - (1 - c) * regions.ALPHA))
                         for c in matplotlib.colors.to_rgb(colour))  # sure: full strength
            got = pixel(fig, image, x, y)
            assert all(abs(g - w) <= 4 for g, w in zip(got, want, strict=True)), (got, want)
        near, far = pixel(fig, image, 0.0, 0.03), pixel(fig, image, 0.0, 0.6)
        assert near[1] > far[1] + 20 and near[2] > far[2] + 20  # less sure: lighter
    ax = fig.axes[0]
    colours = [tuple(c[:3]) for c in ax.collections[-1].get_facecolors()]
    assert colours == [matplotlib.colors.to_rgb(c) for c in CLASS_COLOURS[:3]]
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["y = 0", "y = 1", "y = 2", "boundary"]
    assert ax.get_title() == "decision regions of 3 classes"


def test_k_boundaries_lie_where_two_classes_tie():
    fig = plot_decision_boundary(three_sectors(), THREE, [0, 1, 2], resolution=60)
    lines = [s for c in fig.axes[0].collections[:-1] for s in c.get_segments()]
    assert len(lines) >= 2 and sum(map(len, lines)) > 60  # three rays from the centre
    for x, y in np.vstack(lines):  # every boundary point: the two largest scores tie
        s = sorted(30 * (math.cos(a) * x + math.sin(a) * y)
                   for a in (math.pi / 2 + 2 * math.pi * k / 3 for k in range(3)))
        assert s[2] - s[1] < 0.5


def test_k_class_errors_are_named():
    model = three_sectors()
    with pytest.raises(ValueError, match=r"y\[1\] is 3, not a class 0\.\.2 of this model "
                                         r"with 3 outputs"):
        plot_decision_boundary(model, THREE, [0, 3, 1], resolution=10)
    with pytest.raises(ValueError, match="threshold=0.5 applies to a one-output model"):
        plot_decision_boundary(model, THREE, [0, 1, 2], threshold=0.5, resolution=10)
    seven = nn.MLP(2, [7], activation="linear", seed=0)
    with pytest.raises(ValueError, match="at most 6 classes have a colour, the model has 7"):
        plot_decision_boundary(seven, THREE, [0, 1, 2], resolution=10)


def test_the_network_diagram_shows_k_outputs_with_p_minus_onehot_deltas():
    model = nn.MLP(2, [4, 3], activation="tanh", output_activation="linear", seed=0)
    dot = draw_network(model, [0.3, -0.5], 2, loss="cross_entropy").source
    p = nn.softmax(model.predict([[0.3, -0.5]])[0])
    for k, name in enumerate(model.output_names):
        assert f"{name}\\n" in dot and f"δ {format_number(p[k] - (k == 2))}" in dot
