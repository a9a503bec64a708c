"""Outputs: every file written atomically, the method stated everywhere, and no markup from records executed."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import re

import pytest

from benchmark.labels import LABELS
from benchmark.leaderboard.render_html import json_for_script, safe_url
from benchmark.leaderboard.render_text import md_escape

EVIL = "<script>alert(1)</script>"


@pytest.fixture
def built(ws, tmp_path):
    for s in range(2):
        ws.add_run("strong", seed=s, flip=0.05)
    ws.add_run("weak", flip=0.3)
    ws.add_submission("outsider", flip=0.15)
    ws.add_run("broken", record={"seed": None})
    out = tmp_path / "board"
    lb = ws.build([ws.runs_dir, ws.root / "submissions"], out_dir=out, resamples=250, plots=True)
    return lb, out


def test_all_outputs_are_written_and_no_temporary_file_is_left(built):
    lb, out = built
    names = sorted(p.name for p in out.iterdir())
    assert names == ["efficiency_v1.0.png", "index.html", "leaderboard.csv", "leaderboard.json", "leaderboard.md",
                     "per_label_f1_v1.0.png"]
    for png in out.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    umask = os.umask(0)
    os.umask(umask)
    # files get the usual permissions (0644 under umask 022), not mkstemp's private 0600
    assert {p.stat().st_mode & 0o777 for p in out.iterdir()} == {0o666 & ~umask}


def test_json_has_schema_version_rows_and_method(built):
    lb, out = built
    data = json.loads((out / "leaderboard.json").read_text())
    assert data["schema_version"] == "1.0"
    assert data["method"]["ranking"]["resamples"] == 250
    assert "Holm" in data["method"]["ranking"]["multiple_comparisons"]
    board = data["boards"][0]
    assert [r["model"] for r in board["rows"]] == ["strong", "outsider", "weak"]
    strong = board["rows"][0]
    assert strong["n_seeds"] == 2 and strong["kind"] == "run" and board["rows"][1]["kind"] == "submission"
    assert set(strong["test"]["per_label"]) == set(LABELS)
    lo, hi = strong["test"]["macro_f1"]["ci"]
    assert lo <= strong["test"]["macro_f1"]["mean"] <= hi
    assert {"command", "git", "thresholds", "metrics_module"} <= set(strong["runs"][0])
    assert strong["dataset"]["content_hash"] == board["dataset"]["content_hash"]
    assert data["refusals"][0]["path"].endswith("record.json") and "seed" in data["refusals"][0]["reason"]


def test_csv_has_one_line_per_row_and_states_the_test(built):
    lb, out = built
    rows = list(csv.DictReader(io.StringIO((out / "leaderboard.csv").read_text())))
    assert [r["model"] for r in rows] == ["strong", "outsider", "weak"]
    assert rows[0]["n_seeds"] == "2" and rows[0]["rank"] == "1"
    assert all("Holm" in r["rank_test"] and r["bootstrap_resamples"] == "250" for r in rows)
    assert float(rows[0]["macro_f1_ci_low"]) <= float(rows[0]["macro_f1"]) <= float(rows[0]["macro_f1_ci_high"])


def test_markdown_table_and_footnote(built):
    lb, out = built
    md = (out / "leaderboard.md").read_text()
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 3  # header, alignment, three rows
    assert table[0].split("|")[1:-1][:3] == [" Rank ", " Model ", " Macro-F1 (95% CI) "]
    assert "strong" in table[2] and "| 2 |" in table[2]  # two seeds
    assert "paired bootstrap" in md and "250 resamples" in md and "Holm" in md


def test_html_states_the_test_and_is_self_contained(built):
    lb, out = built
    html = (out / "index.html").read_text()
    assert "paired bootstrap" in html and "250 resamples" in html and "Holm" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html.replace(
        'href="https://example.org/model"', ""))  # the submission's own link is the only address
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert html.count("<svg") == 2


def test_csp_hashes_match_the_inline_blocks(built):
    lb, out = built
    html = (out / "index.html").read_text()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    for block in (script, style):
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_record_strings_are_escaped_everywhere(ws, tmp_path):
    ws.add_run(EVIL, config={"note": "</script><img src=x onerror=alert(2)>"},
               record={"command": "dqb-train </pre><script>alert(3)</script>",
                       "git": {"commit": "<b>bold</b>", "dirty": True}})
    ws.add_submission("evil_link", header={"model": {"name": "</script><script>alert(4)</script>",
                                                     "url": "javascript:alert(5)", "description": "<i>x</i>"}})
    out = tmp_path / "board"
    ws.build([ws.runs_dir, ws.root / "submissions"], out_dir=out, plots=True)
    html = (out / "index.html").read_text()
    assert EVIL not in html and "alert(1)" in html  # the name is there, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "<b>bold</b>" not in html and "<i>x</i>" not in html
    assert html.count("<script") == 2  # the page's own data block and script, nothing else
    assert 'href="javascript:' not in html
    data = re.search(r'<script type="application/json" id="dqb-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and ">" not in data and "\\u003cscript\\u003e" in data
    assert EVIL in json.dumps(json.loads(data))  # the escaped JSON still decodes to the original text
    md = (out / "leaderboard.md").read_text()
    assert "<script" not in md and "&lt;script&gt;" in md


def test_helpers_escape():
    assert json_for_script({"a": "</script>&"}) == '{"a":"\\u003c/script\\u003e\\u0026"}'
    assert json.loads(json_for_script({"a": "</script>&"})) == {"a": "</script>&"}
    assert safe_url("https://x.org/a") == "https://x.org/a"
    assert safe_url("JavaScript:alert(1)") is None and safe_url("data:text/html,x") is None
    assert md_escape("a|b*c_<d>") == "a\\|b\\*c\\_&lt;d&gt;"


def test_non_finite_numbers_in_a_config_do_not_break_the_json(ws, tmp_path):
    ws.add_run("m", config={"lr": float("nan"), "clip": float("inf")})
    out = tmp_path / "board"
    ws.build(out_dir=out)
    row = json.loads((out / "leaderboard.json").read_text())["boards"][0]["rows"][0]
    assert row["config"] == {"lr": "nan", "clip": "inf"}


def test_csv_cells_cannot_become_formulas(ws, tmp_path):
    ws.add_run("=HYPERLINK(\"http://x\")")
    out = tmp_path / "board"
    ws.build(out_dir=out)
    rows = list(csv.DictReader(io.StringIO((out / "leaderboard.csv").read_text())))
    assert rows[0]["model"].startswith("'=")


def test_a_failed_write_leaves_the_old_file(ws, tmp_path, monkeypatch):
    from benchmark.leaderboard import outputs

    ws.add_run("m")
    out = tmp_path / "board"
    ws.build(out_dir=out)
    before = (out / "leaderboard.md").read_text()

    def boom(lb):
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(outputs, "to_markdown", boom)
    with pytest.raises(RuntimeError):
        ws.build(out_dir=out)
    assert (out / "leaderboard.md").read_text() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
