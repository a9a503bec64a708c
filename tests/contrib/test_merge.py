import hashlib
import json
import shutil
from pathlib import Path

import pytest
from factory import make_version

from benchmark.contrib import merge as M
from benchmark.data.load import load_dqb
from benchmark.data.manifest import available_versions, read_split, verify

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"
FILES = sorted(EXAMPLES.iterdir())


def tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        h.update(str(p.relative_to(root)).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture
def data(tmp_path):
    root = tmp_path / "data"
    make_version(root)
    (root / "CHANGELOG.md").write_text("# Changelog\n\n## 1.0\n\n- first release\n")
    return root


def test_merge_every_format_into_a_new_version_that_loads(data):
    target = M.merge(FILES, "minor", data)
    assert target.name == "v1.1" and available_versions(data) == ["1.0", "1.1"]
    verify(target)
    dd = load_dqb(data, "1.1")
    old = load_dqb(data, "1.0")
    assert sum(dd[s].num_rows for s in dd) == sum(old[s].num_rows for s in old) + 8
    # existing paragraphs stay where they were
    for split in ("train", "validation", "test"):
        assert set(old[split]["id"]) <= set(dd[split]["id"])
    new = [r for s in ("train", "validation", "test") for r in read_split(target, s) if r["source"] == "contributed"]
    assert len(new) == 8 and all(r["id"].startswith("dqb-c") for r in new)
    # stories stay together: the two CSV paragraphs of one story share a split
    splits = {r["story_id"]: s for s in ("train", "validation", "test") for r in read_split(target, s)}
    csv_story = [r for r in new if r["story_id"].endswith(":ex-parking")]
    assert len(csv_story) == 2 and len({splits[r["story_id"]] for r in csv_story}) == 1
    assert "## 1.1" in (data / "CHANGELOG.md").read_text()
    assert "DQB v1.1" in (data / "README.md").read_text()


def test_merge_is_deterministic(tmp_path, data):
    other = tmp_path / "other"
    shutil.copytree(data, other)
    a = M.merge(FILES, "major", data)
    b = M.merge(FILES, "major", other)
    assert a.name == b.name == "v2.0"
    for split in ("train", "validation", "test", "contrast"):
        assert (a / f"{split}.jsonl").read_bytes() == (b / f"{split}.jsonl").read_bytes()


def test_merge_refuses_a_contribution_with_errors(tmp_path, data):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "Too short."}) + "\n")
    before = tree_hash(data)
    with pytest.raises(M.MergeError, match="has errors"):
        M.merge([bad], "minor", data)
    assert tree_hash(data) == before


@pytest.mark.parametrize("fail_at", ["write_manifest", "render_card", "replace_second"])
def test_an_interrupted_merge_changes_nothing(data, monkeypatch, fail_at):
    before = tree_hash(data)

    def boom(*args, **kwargs):
        raise KeyboardInterrupt("interrupted")

    if fail_at == "write_manifest":
        monkeypatch.setattr(M, "write_manifest", boom)
    elif fail_at == "render_card":
        monkeypatch.setattr("benchmark.data.card.render_card", boom)
    else:  # fail while swapping files in: the version folder is already in place and must be removed again
        real = M.os.replace
        calls = {"n": 0}

        def flaky(src, dst):
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError("disk full")
            return real(src, dst)

        monkeypatch.setattr(M.os, "replace", flaky)
    with pytest.raises((KeyboardInterrupt, OSError)):
        M.merge(FILES, "minor", data)
    assert tree_hash(data) == before
    assert not any(p.name.startswith(".merge") for p in data.iterdir())
