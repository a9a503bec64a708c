"""The dqb-leaderboard command: summary, exit codes, default inputs."""

from __future__ import annotations

import json

from benchmark.leaderboard.cli import main


def test_builds_prints_summary_and_exits_zero(ws, tmp_path, capsys):
    ws.add_run("good", flip=0.1)
    ws.add_run("bad", record={"thresholds": {"irony": 0.5}})
    out = tmp_path / "out"
    code = main([str(ws.runs_dir), "--data-dir", str(ws.data_dir), "--out", str(out), "--resamples", "200",
                 "--seed", "3", "--no-plots"])
    text = capsys.readouterr().out
    assert code == 0
    assert "1 board(s), 1 row(s) from 1 run(s), 1 refused" in text
    assert "irony" in text and "bad" in text  # the refusal and its reason
    assert "200 resamples" in text and "Holm" in text
    data = json.loads((out / "leaderboard.json").read_text())
    assert data["method"]["ranking"]["seed"] == 3 and data["method"]["ranking"]["resamples"] == 200


def test_exits_non_zero_only_when_nothing_is_ranked(ws, tmp_path, capsys):
    ws.add_run("bad", record={"thresholds": {"irony": 0.5}})
    code = main([str(ws.runs_dir), "--data-dir", str(ws.data_dir), "--out", str(tmp_path / "o"), "--no-plots"])
    assert code == 1
    assert "0 row(s)" in capsys.readouterr().out
    assert (tmp_path / "o" / "index.html").exists()  # the refusals are still published


def test_default_inputs_are_outputs_and_results(ws, tmp_path, monkeypatch, capsys):
    ws.add_run("from_outputs")
    ws.add_run("from_results", folder=ws.root / "results" / "committed_run")
    monkeypatch.chdir(ws.root)
    assert main(["--no-plots", "--resamples", "100"]) == 0
    data = json.loads((ws.root / "leaderboard" / "leaderboard.json").read_text())
    assert {r["model"] for r in data["boards"][0]["rows"]} == {"from_outputs", "from_results"}
    assert all(not r["runs"][0]["source"].startswith("/") for r in data["boards"][0]["rows"])  # relative paths


def test_no_inputs_at_all(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    assert "nothing to rank" in capsys.readouterr().err


def test_named_missing_input_is_a_refusal(ws, tmp_path, capsys):
    ws.add_run("good")
    code = main([str(ws.runs_dir), str(tmp_path / "nope"), "--data-dir", str(ws.data_dir), "--out",
                 str(tmp_path / "o"), "--no-plots", "--resamples", "50"])
    assert code == 0
    assert "no such file or folder" in capsys.readouterr().out


def test_unusable_private_label_file_exits_two(ws, tmp_path, capsys):
    ws.add_run("good")
    bad = tmp_path / "private.jsonl"
    bad.write_text("not json\n")
    code = main([str(ws.runs_dir), "--data-dir", str(ws.data_dir), "--out", str(tmp_path / "o"), "--private-test",
                 str(bad), "--no-plots"])
    assert code == 2
    assert "invalid JSON" in capsys.readouterr().err
