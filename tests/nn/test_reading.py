"""Every reader's limits (nn.reading): one size limit, one depth limit, and the faults of
JSON a model file may not have (duplicate keys, huge integers), tested at and past each bound."""

import json

import pytest

import nn
from nn import datasets, reading


def model_text(**changes):
    document = json.loads(nn.Perceptron(2, seed=0).dumps())
    document.update(changes)
    return json.dumps(document)


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 200)
    return 200


def test_the_size_limit_at_and_past_the_bound_for_every_reader(small_limit, tmp_path):
    csv_at = "x,y,label\n" + "0.5,0.5,1\n" * 19  # 10 + 19 * 10 = 200 characters
    assert len(csv_at) == small_limit
    assert len(datasets.loads_csv(csv_at)[0]) == 19
    with pytest.raises(ValueError, match=r"<csv text>: is larger than 200 bytes .* the most any "
                       "reader takes"):
        datasets.loads_csv(csv_at + " ")
    path = tmp_path / "points.csv"
    path.write_text(csv_at)
    assert len(datasets.read_csv(path)[0]) == 19
    path.write_text(csv_at + "\n")
    with pytest.raises(ValueError, match="points.csv: is larger than 200 bytes"):
        datasets.read_csv(path)
    assert reading.parse_json(" " * 198 + "{}", "t") == {}
    with pytest.raises(nn.ModelFileError, match="<model text>: is larger than 200 bytes"):
        nn.loads(" " * 199 + "{}")
    path.write_text(" " * 199 + "{}")
    with pytest.raises(nn.ModelFileError, match="points.csv: is larger than 200 bytes"):
        nn.load(path)


def test_the_real_size_limit_stops_reading_at_16_mib(tmp_path):
    assert reading.MAX_BYTES == 16 * 2**20
    sparse = tmp_path / "huge.json"
    with open(sparse, "wb") as f:
        f.truncate(reading.MAX_BYTES + 1)
    with pytest.raises(nn.ModelFileError, match=r"huge.json: is larger than 16,777,216 bytes "
                       r"\(16 MiB\)"):
        nn.load(sparse)
    with pytest.raises(nn.ModelFileError, match="/dev/zero: is larger than"):  # never ends
        nn.load("/dev/zero")
    with pytest.raises(ValueError, match="/dev/zero: is larger than"):
        datasets.read_csv("/dev/zero")


def test_the_depth_limit_at_and_past_the_bound():
    at = "[" * reading.MAX_DEPTH + "]" * reading.MAX_DEPTH
    assert reading.depth(reading.parse_json(at, "t")) == 64
    past = "[" + at + "]"
    with pytest.raises(ValueError, match="t: is nested too deeply: deeper than 64 levels"):
        reading.parse_json(past, "t")
    for deep in (past, "[" * 100_000 + "]" * 100_000, '{"a":' * 100_000):  # RecursionError today
        with pytest.raises(nn.ModelFileError, match="is nested too deeply"):
            nn.loads(deep)


def test_a_400_digit_integer_is_refused_in_words():
    text = model_text(parameters={"w[0->1]": int("9" * 400), "w[x1->1]": 0, "w[x2->1]": 0})
    with pytest.raises(nn.ModelFileError, match="holds a 400-digit integer, beyond the largest "
                       r"float \(about 1.8e308\)"):
        nn.loads(text)
    assert reading.parse_json(str(2**1023), "t") == 2**1023  # the largest powers still fit
    with pytest.raises(ValueError, match="309-digit integer"):
        reading.parse_json(str(2**1024), "t")  # 1.8e308 rounds past the largest float
    with pytest.raises(ValueError, match="5,000-digit"):
        reading.parse_json("9" * 5000, "t")  # past Python's own limit of 4,300 digits


def test_duplicate_keys_are_refused_naming_the_key():
    text = model_text().replace('"class": "Perceptron"', '"class": "Perceptron", "class": "MLP"')
    with pytest.raises(nn.ModelFileError, match="holds the key 'class' twice in one object"):
        nn.loads(text)
    text = model_text().replace('"w[0->1]":', '"w[0->1]": 5, "w[0->1]":')
    with pytest.raises(nn.ModelFileError, match=r"holds the key 'w\[0->1\]' twice"):
        nn.loads(text)


def test_a_network_with_no_perceptrons_is_refused_at_load():
    empty = nn.Network(["x"])
    text = json.dumps({"format": "autograd-dag model", "version": 1, "class": "Network",
                       "config": {"inputs": ["x"], "nodes": []}, "parameters": {}})
    assert empty.state_dict() == {}
    with pytest.raises(nn.ModelFileError, match="a Network needs at least one perceptron; "
                       "this one has none"):
        nn.loads(text)


def test_a_folder_and_a_missing_file_are_said_in_words(tmp_path):
    with pytest.raises(IsADirectoryError, match=f"^{tmp_path}: is a folder, not a model file$"):
        nn.load(tmp_path)
    with pytest.raises(IsADirectoryError, match="is a folder, not a CSV file"):
        datasets.read_csv(tmp_path)


# -- CSV ---------------------------------------------------------------------------------


def test_csv_with_a_byte_order_mark_is_read():
    # a file saved by a spreadsheet: "x is '\ufeffx', not a number" before
    assert datasets.loads_csv("\ufeffx,y,label\n0.5,-0.25,1\n") == ([[0.5, -0.25]], [1])
    assert datasets.loads_csv("\ufeff0.5,-0.25,1\n") == ([[0.5, -0.25]], [1])


def test_csv_with_a_byte_order_mark_is_read_from_a_file(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes("x,y,label\r\n0.5,1,0\r\n".encode("utf-8-sig"))
    assert datasets.read_csv(path) == ([[0.5, 1.0]], [0])


@pytest.mark.parametrize("field", ["１", "1_000", "٣.5", "0.5\u00a0"])
def test_csv_refuses_non_ascii_digits_and_underscores(field):
    with pytest.raises(ValueError, match=r"<csv text>, line 1: x is .*, not a number written with "
                       r"the ASCII digits 0-9 \(no underscores, no digits of other scripts\)"):
        datasets.loads_csv(f"{field},0.5,1\n")
    assert float(field)  # which Python's float alone would accept
