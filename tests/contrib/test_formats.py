from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmark.contrib.formats import read_file
from benchmark.data.schema import check_record

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"


def records(path):
    return [r.record for r in read_file(path)]


def test_all_formats_normalise_to_the_native_record():
    by_format = {
        name: records(EXAMPLES / name)
        for name in ("native.jsonl", "example.csv", "example.tsv", "label_studio.json", "doccano.jsonl")
    }
    for name, recs in by_format.items():
        for r in recs:
            assert check_record(r) == [], (name, check_record(r))
            assert r["source"] == "contributed" and r["annotations"]["annotators"]
    assert by_format["example.tsv"][1]["labels"] == ["unsupported_speculation"]
    assert by_format["doccano.jsonl"][0]["labels"] == ["attributed_quote", "rhetorical_question"]
    assert by_format["label_studio.json"][0]["evidence"]["attributed_quote"][0].startswith("“We were promised")


def test_csv_problems_are_reported_per_line(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(
        'text,rhetorical_question,unsupported_speculation,attributed_quote\n"One paragraph.",1,0,yes\n"Two",0,0\n',
        encoding="utf-8",
    )
    rows = list(read_file(p))
    assert rows[0].problems[0].line == 2 and "must be 0 or 1" in rows[0].problems[0].message
    assert any("fewer fields" in x.message for x in rows[1].problems)


def test_csv_without_label_columns(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text('text,tags\n"A paragraph.",x\n', encoding="utf-8")
    (row,) = list(read_file(p))
    assert row.record is None and "labels" in row.problems[0].message


# Property: random or malformed input to any parser gives problems or records, never an exception.
SUFFIXES = [".jsonl", ".csv", ".tsv", ".json"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_never_crash_a_parser(tmp_path, data, suffix):
    p = tmp_path / f"random{suffix}"
    p.write_bytes(data)
    for row in read_file(p):
        assert row.record is not None or row.problems
        if row.record is not None:
            check_record(row.record)  # must not raise either


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=10,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    obj=st.dictionaries(
        st.sampled_from(
            [
                "id",
                "text",
                "labels",
                "evidence",
                "license",
                "contributor",
                "topic",
                "genre",
                "story_id",
                "position",
                "pair_id",
                "annotations",
                "label",
            ]
        ),
        json_values,
        max_size=8,
    ),
    suffix=st.sampled_from([".jsonl", ".json"]),
)
def test_malformed_records_never_crash(tmp_path, obj, suffix):
    import json

    p = tmp_path / f"m{suffix}"
    payload = json.dumps(obj) if suffix == ".jsonl" else json.dumps([{"data": obj, "annotations": [obj]}])
    p.write_text(payload, encoding="utf-8")
    for row in read_file(p):
        if row.record is not None:
            problems = check_record(row.record)
            assert all(pr.severity in ("error", "warning") for pr in problems)
