"""Each error and warning of the contribution validator, shown on a small file."""

import json
import random
from pathlib import Path

import pytest
from factory import make_record

from benchmark.contrib.validate import validate_files

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"


def rec(i=0, labs=("attributed_quote",), **changes):
    r = make_record(i, list(labs), random.Random(100 + i), "k")
    r.pop("annotations")
    r.update(source="contributed", contributor="Test Person")
    r.update(changes)
    return r


def write(tmp_path, rows, name="c.jsonl"):
    p = tmp_path / name
    p.write_text("".join((json.dumps(r) if not isinstance(r, str) else r) + "\n" for r in rows), encoding="utf-8")
    return p


def errors(report):
    return [str(p) for p in report.errors]


def warnings(report):
    return [str(p) for p in report.warnings]


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir()))
def test_every_shipped_example_validates(name, data_dir):
    report = validate_files([EXAMPLES / name], data_dir)
    assert report.ok, report.format()
    assert report.records


def test_clean_file_passes(tmp_path, data_dir):
    assert validate_files([write(tmp_path, [rec(1), rec(2, ())])], data_dir).ok


def test_malformed_json_names_the_line(tmp_path, data_dir):
    report = validate_files([write(tmp_path, [rec(1), '{"id": "x", "text": ', rec(3)])], data_dir)
    (e,) = report.errors
    assert e.line == 2 and "invalid JSON" in e.message
    assert len(report.records) == 2  # the other lines are still checked


def test_invalid_utf8(tmp_path, data_dir):
    p = tmp_path / "bad.jsonl"
    p.write_bytes(json.dumps(rec(1)).encode() + b"\n" + b'{"text": "caf\xe9"}\n')
    (e,) = validate_files([p], data_dir).errors
    assert e.line == 2 and "invalid UTF-8" in e.message


@pytest.mark.parametrize(
    "change,needle",
    [
        ({"text": "   "}, "empty"),
        ({"text": "Short."}, "words"),
        (
            {"text": "The <p>council</p> met on Monday to discuss the budget for the year ahead in Orvale town."},
            "markup",
        ),
        (
            {"text": "The council met on Monday\u0000 to discuss the budget for the year ahead in Orvale town."},
            "control",
        ),
        ({"labels": ["atributed_quote"]}, "did you mean 'attributed_quote'"),
        ({"evidence": {}}, "needs at least one evidence"),
        ({"evidence": {"attributed_quote": ["not in the text at all"]}}, "not an exact substring"),
        ({"license": None}, "license"),
        ({"contributor": None}, "contributor"),
        ({"license": "All rights reserved"}, "not accepted"),
    ],
)
def test_each_record_error(tmp_path, data_dir, change, needle):
    r = rec(1, **change)
    if r.get("license") is None:
        r.pop("license")
    if r.get("contributor") is None:
        r.pop("contributor")
    report = validate_files([write(tmp_path, [r])], data_dir)
    assert any(needle in m for m in errors(report)), report.format()


def test_duplicate_ids_and_exact_duplicates_within(tmp_path, data_dir):
    a = rec(1)
    b = rec(2, id=a["id"])
    c = dict(rec(3), text=a["text"], evidence=a["evidence"])
    msgs = errors(validate_files([write(tmp_path, [a, b, c])], data_dir))
    assert any("duplicate id" in m for m in msgs)
    assert any("exact duplicate of" in m for m in msgs)


def test_leak_of_a_test_paragraph_is_an_error_and_of_train_a_warning(tmp_path, data_dir):
    test0 = json.loads((data_dir / "v1.0" / "test.jsonl").read_text().splitlines()[0])
    train0 = json.loads((data_dir / "v1.0" / "train.jsonl").read_text().splitlines()[0])

    def near(r, i):
        text = r["text"][:-1] + " again."  # one added word: word-shingle Jaccard stays above 0.8
        return rec(i, (), text=text, evidence={})

    report = validate_files([write(tmp_path, [near(test0, 1), near(train0, 2)])], data_dir)
    assert any("test split" in m and "leak" in m for m in errors(report)), report.format()
    assert any("train split" in m for m in warnings(report)), report.format()


def test_personal_data_and_language_warnings(tmp_path, data_dir):
    pii = rec(
        1,
        (),
        evidence={},
        text="Readers can write to jana.orv@example.org or call +44 20 7946 0958 to "
        "report potholes on the Kestdale ring road this week.",
    )
    foreign = rec(
        2,
        (),
        evidence={},
        text="Der Stadtrat von Orvale hat am Montag beschlossen, die Bibliothek im "
        "Stadtteil Wendle zu schliessen und die Bücher umzuziehen.",
    )
    msgs = warnings(validate_files([write(tmp_path, [pii, foreign])], data_dir))
    assert any("personal data" in m for m in msgs)
    assert any("does not look like English" in m for m in msgs)


def test_unusual_label_mix_warns(tmp_path, data_dir):
    rows = [rec(i, ("rhetorical_question", "unsupported_speculation", "attributed_quote")) for i in range(12)]
    msgs = warnings(validate_files([write(tmp_path, rows)], data_dir))
    assert any("label combination RQ+SPEC+QUOTE" in m for m in msgs)
