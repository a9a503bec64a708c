import json
import random

import pytest
from factory import make_record, make_version

from benchmark.data import validate as V
from benchmark.data.manifest import build_manifest, write_manifest
from benchmark.io import write_jsonl


def rewrite(vdir, split, fn):
    path = vdir / f"{split}.jsonl"
    rows = [json.loads(x) for x in path.read_text().splitlines()]
    rows = fn(rows)
    write_jsonl(path, rows)
    write_manifest(vdir, build_manifest(vdir, "1.0", "1.0", "1.0"))


def messages(problems):
    return [str(p) for p in problems if p.severity == "error"]


@pytest.fixture
def vdir(tmp_path):
    return make_version(tmp_path)


def test_tiny_version_passes_record_and_collection_checks(vdir):
    assert messages(V.validate_version(vdir, release=False)) == []


def test_duplicate_ids(vdir):
    rewrite(vdir, "test", lambda rows: rows + [dict(make_record(999, [], random.Random(5), "zz"), id=rows[0]["id"])])
    assert any("duplicate id" in m for m in messages(V.validate_version(vdir, release=False)))


def test_exact_duplicate_across_splits(vdir):
    train0 = json.loads((vdir / "train.jsonl").read_text().splitlines()[0])
    rewrite(vdir, "test", lambda rows: rows + [dict(train0, id="copy-1", story_id="other-story")])
    assert any("exact duplicate" in m for m in messages(V.validate_version(vdir, release=False)))


def test_near_duplicate_within_and_across_splits(vdir):
    train0 = json.loads((vdir / "train.jsonl").read_text().splitlines()[0])
    words = train0["text"].split()
    words[-1] = "changed."  # one word differs: Jaccard of 3-shingles stays above 0.8
    near = dict(train0, id="near-1", story_id="near-story", text=" ".join(words), labels=[], evidence={})
    near["annotations"] = dict(train0["annotations"], annotators=[{"annotator": "A1", "labels": []}] * 2)
    rewrite(vdir, "test", lambda rows: rows + [near])
    msgs = messages(V.validate_version(vdir, release=False))
    assert any("near-duplicate across splits" in m for m in msgs)


def test_story_must_stay_in_one_split(vdir):
    train0 = json.loads((vdir / "train.jsonl").read_text().splitlines()[0])
    other = make_record(500, [], random.Random(3), "x")
    other["story_id"] = train0["story_id"]
    rewrite(vdir, "test", lambda rows: rows + [other])
    assert any("crosses splits" in m for m in messages(V.validate_version(vdir, release=False)))


def test_contrast_pair_must_flip_exactly_one_label(vdir):
    def two_flips(rows):
        rows[1]["labels"] = ["rhetorical_question", "attributed_quote"]
        rows[1]["evidence"] = {}
        return rows

    rewrite(vdir, "contrast", two_flips)
    assert any("differ in 2 labels" in m for m in messages(V.validate_version(vdir, release=False)))


def test_bad_json_line_is_reported_with_its_line(vdir):
    path = vdir / "validation.jsonl"
    lines = path.read_text().splitlines()
    lines[2] = lines[2][:-5]
    path.write_text("\n".join(lines) + "\n")
    write_manifest(vdir, build_manifest(vdir, "1.0", "1.0", "1.0"))
    problems = V.validate_version(vdir, release=False)
    assert any(p.line == 3 and "invalid JSON" in p.message for p in problems)


def test_hash_mismatch_is_reported(vdir):
    (vdir / "test.jsonl").write_text((vdir / "test.jsonl").read_text() + "\n")
    assert any("does not match the manifest" in m for m in messages(V.validate_version(vdir, release=False)))


def test_release_rules_fire_on_a_tiny_version(vdir):
    msgs = messages(V.validate_version(vdir, release=True))
    assert any("need at least 3000" in m for m in msgs)
    assert any("need at least 750" in m for m in msgs)
    assert any("contrast pairs, need 300" in m for m in msgs)
    assert any("topics, need at least 12" in m for m in msgs)


def test_release_rates_and_decoys():
    rng = random.Random(1)
    # every paragraph with a '?' is a rhetorical question and nothing is unlabelled: two rules must fire
    rows = [make_record(i, ["rhetorical_question"], rng, "r") for i in range(40)]
    problems = V.check_release({"test": rows}, {"test": "test.jsonl"})
    msgs = [p.message for p in problems]
    assert any("rhetorical_question rate 1.0 outside" in m for m in msgs)
    assert any("carry no label" in m for m in msgs)
    assert any("'?' that are not RQ: 0.0" in m for m in msgs)


def test_shipped_data_passes_if_present():
    from benchmark.data.manifest import DEFAULT_DATA_DIR, available_versions, version_dir

    if not available_versions(DEFAULT_DATA_DIR):
        pytest.skip("no shipped dataset version")
    problems = V.validate_version(version_dir(DEFAULT_DATA_DIR))
    assert messages(problems) == []
