"""from_torch: a torch Sequential becomes our model with its weights; outputs agree."""

import random

import pytest

import nn
from autograd.display import format_number
from nn.pytorch import ACTIVATIONS

torch = pytest.importorskip("torch")


def sequential(*activations, widths=(2, 8, 8, 1), seed=0):
    """Linear layers of ``widths`` in float64, each followed by its activation (or none)."""
    torch.manual_seed(seed)
    layers = []
    for (n_in, n_out), act in zip(zip(widths[:-1], widths[1:], strict=True), activations,
                                  strict=True):
        layers.append(torch.nn.Linear(n_in, n_out))
        if act is not None:
            layers.append(act)
    return torch.nn.Sequential(*layers).double()


def outputs_agree(net, model, n_inputs, points=50):
    rng = random.Random(1)
    for _ in range(points):
        x = [rng.uniform(-3, 3) for _ in range(n_inputs)]
        with torch.no_grad():
            theirs = net(torch.tensor([x], dtype=torch.float64))[0].tolist()
        ours = model(x)
        ours = [v.data for v in ours] if isinstance(ours, list) else [ours.data]
        assert ours == pytest.approx(theirs, abs=1e-12, rel=0)


def test_a_2_8_8_1_with_tanh_relu_sigmoid_gives_the_same_outputs():
    net = sequential(torch.nn.Tanh(), torch.nn.ReLU(), torch.nn.Sigmoid())
    model = nn.from_torch(net)
    outputs_agree(net, model, 2)
    assert isinstance(model, nn.Network)  # two hidden activations: not one MLP's g
    assert [u.activation for u in model.units()] == ["tanh"] * 8 + ["relu"] * 8 + ["sigmoid"]
    # The weights are torch's, read as float64: w_{x2->1.3} = W[2, 1], w_0 of 2.5 = b[4].
    assert model.weight("x2", "1.3").data == net[0].weight[2, 1].item()
    assert model.bias("2.5").data == net[2].bias[4].item()
    assert len(model.parameters()) == sum(p.numel() for p in net.parameters())


@pytest.mark.parametrize("g", ["Tanh", "ReLU", "Sigmoid", "Identity"])
def test_one_hidden_activation_gives_an_mlp(g):
    net = sequential(getattr(torch.nn, g)(), getattr(torch.nn, g)(), None, widths=(3, 5, 4, 2))
    model = nn.from_torch(net)
    assert isinstance(model, nn.MLP) and model.input_names == ["x1", "x2", "x3"]
    units = model.units()
    assert {u.activation for u in units[:-2]} == {ACTIVATIONS[g]}
    assert {u.activation for u in units[-2:]} == {"linear"}  # no activation after: linear
    outputs_agree(net, model, 3)


def test_a_float32_model_and_a_layer_without_bias():
    torch.manual_seed(3)
    net = torch.nn.Sequential(torch.nn.Linear(2, 3, bias=False), torch.nn.Tanh(),
                              torch.nn.Linear(3, 1))
    model = nn.from_torch(net)
    assert all(u.bias.data == 0.0 for u in model.units()[:3])
    outputs_agree(net.double(), model, 2)  # float32 weights are float64 exactly


def test_what_cannot_be_converted_is_refused_by_name():
    with pytest.raises(ValueError, match=r"from_torch: layer 2 of the Sequential is "
                                         r"Dropout\(p=0.5, inplace=False\), which has no "
                                         r"perceptron equivalent; only Linear layers and the "
                                         r"activations Tanh, Sigmoid, ReLU, Identity"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(),
                                          torch.nn.Dropout(0.5), torch.nn.Linear(3, 1)))
    with pytest.raises(ValueError, match=r"from_torch: layer 1 of the Sequential is "
                                         r"GELU\(approximate='none'\)"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.GELU()))
    with pytest.raises(ValueError, match=r"layer 2 \(Linear\(in_features=4, .*\) reads 4 "
                                         r"inputs but the Linear layer before it gives 3"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(),
                                          torch.nn.Linear(4, 1)))
    with pytest.raises(ValueError, match=r"layer 0 \(Tanh\(\)\) is an activation first"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Tanh(), torch.nn.Linear(2, 1)))
    with pytest.raises(ValueError, match=r"layer 2 \(ReLU\(\)\) is an activation after another"):
        nn.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 1), torch.nn.Tanh(),
                                          torch.nn.ReLU()))
    with pytest.raises(TypeError, match="from_torch: expected a torch.nn.Sequential .* got "
                                        "Linear"):
        nn.from_torch(torch.nn.Linear(2, 1))


def test_a_torch_model_is_drawn_as_it_is():
    from viz import draw_network

    net = sequential(torch.nn.Tanh(), None, widths=(2, 3, 1))
    model = nn.from_torch(net)
    source = draw_network(model, sample=[0.5, -0.2], target=1.0).source
    for w in net[0].weight.flatten().tolist() + net[2].bias.tolist():
        assert format_number(w) in source
