"""plot_loss: the curves of E (and of accuracy, of the test loss) by epoch from a history
dict, a list or an array, labelled axes, and bad entries named."""

import numpy as np
import pytest

from viz import plot_loss


def test_loss_curve_from_a_history_dict_or_list():
    fig = plot_loss({"loss": [4.0, 2.0, 1.0], "accuracy": [0.5, 0.75, 1.0]})
    loss_axes, accuracy_axes = fig.axes
    assert list(loss_axes.lines[0].get_ydata()) == [4.0, 2.0, 1.0]
    assert list(accuracy_axes.lines[0].get_ydata()) == [0.5, 0.75, 1.0]
    assert list(plot_loss([3.0, 1.0]).axes[0].lines[0].get_xdata()) == [1, 2]
    with pytest.raises(ValueError, match="plot_loss: expected a history with a non-empty list"):
        plot_loss([])


def test_loss_curve_from_an_array_and_bad_entries_named():
    fig = plot_loss(np.array([3.0, 2.0]))
    assert list(fig.axes[0].lines[0].get_ydata()) == [3.0, 2.0]
    with pytest.raises(ValueError, match=r"plot_loss: loss\[1\] must be a finite number, got nan"):
        plot_loss([1.0, float("nan")])
    with pytest.raises(ValueError, match=r"plot_loss: accuracy\[0\] must be a finite number"):
        plot_loss({"loss": [1.0], "accuracy": ["high"]})


def test_loss_curve_shows_the_test_loss_with_labelled_axes():
    fig = plot_loss({"loss": [4.0, 2.0, 1.0], "test_loss": [4.5, 3.0, 2.5]})
    ax = fig.axes[0]
    assert [list(line.get_ydata()) for line in ax.lines] == [[4.0, 2.0, 1.0], [4.5, 3.0, 2.5]]
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "loss E"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["training loss E",
                                                                   "test loss E"]
    with pytest.raises(ValueError, match=r"plot_loss: test_loss\[1\] must be a finite number"):
        plot_loss({"loss": [1.0, 2.0], "test_loss": [1.0, None]})
