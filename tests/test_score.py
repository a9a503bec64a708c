import json
import shutil
from pathlib import Path

import pytest

from benchmark import score
from benchmark.article import detect_kind, paragraphs
from benchmark.io import InputError

P1 = (
    "Is this really the best the Orvale council can do? Residents have waited three years for the footbridge, "
    "and the latest delay was announced on Friday."
)
P2 = '"We will publish the figures in June," said Ada Kestrel, the treasurer, after the meeting on Tuesday.'
P3 = "The Velmora market opens at 8am on Saturday, as it has every week for 40 years, and closes at noon."
HTML = (
    f"<html><head><title>T</title><script>var x = 'Is this a script?';</script></head><body>"
    f"<nav><a href='/'>Home</a> | <a href='/s'>Subscribe to our newsletter</a></nav>"
    f"<article><h1>Footbridge delayed again</h1><p>{P1}</p><p>{P2.replace('<', '&lt;')}</p>"
    f"<figure><figcaption>The footbridge in May.</figcaption></figure><p>{P3}</p></article>"
    f"<footer><p>All rights reserved. Share this article on social media today.</p></footer></body></html>"
)


def test_html_keeps_article_paragraphs_only():
    assert paragraphs(HTML, "a.html") == [P1, P2, P3]


def test_markdown_and_text():
    md = f"# Footbridge delayed\n\n*By staff*\n\n{P1}\n\n> {P2}\n\n---\n\n{P3.replace('Saturday', '**Saturday**')}\n"
    assert detect_kind(md, "a.md") == "markdown"
    assert paragraphs(md, "a.md") == [P1, P2, P3]
    assert paragraphs(f"{P1}\n\n{P2}\n", "a.txt") == [P1, P2]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, data_dir):
    from hydra import compose, initialize_config_dir
    from hydra.core.global_hydra import GlobalHydra

    from benchmark import train

    out = tmp_path_factory.mktemp("score_run")
    GlobalHydra.instance().clear()
    with initialize_config_dir(config_dir=str(Path(__file__).resolve().parents[1] / "configs"), version_base="1.3"):
        cfg = compose("train", overrides=["model=rules", f"paths.data_dir={data_dir}", f"paths.output_dir={out}"])
    GlobalHydra.instance().clear()
    train.run(cfg)
    return out


def test_scores_labels_evidence_and_profile(run_dir):
    result = score.Scorer(run_dir).score(HTML, "a.html")
    assert len(result.paragraphs) == 3
    first = result.paragraphs[0]
    assert "rhetorical_question" in first.labels
    (k,) = first.evidence["rhetorical_question"]
    assert first.sentences[k].endswith("can do?")  # the question, not the factual sentence, carries the label
    prof = result.profile
    assert prof["paragraphs"] == 3
    assert prof["share"]["rhetorical_question"] == pytest.approx(
        sum("rhetorical_question" in p.labels for p in result.paragraphs) / 3, abs=1e-3
    )


def test_cli_formats(run_dir, tmp_path, capsys):
    art = tmp_path / "a.html"
    art.write_text(HTML)
    assert score.main([str(art), "--run", str(run_dir), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["index"] for p in data["paragraphs"]] == [0, 1, 2]
    assert score.main([str(art), "--run", str(run_dir)]) == 0
    assert "sourcing balance" in capsys.readouterr().out
    out = tmp_path / "r.html"
    assert score.main([str(art), "--run", str(run_dir), "--format", "html", "--out", str(out)]) == 0
    page = out.read_text()
    assert "<mark" in page and "&quot;We will publish" in page  # text is escaped, quotes included


def test_html_report_escapes_article_text(run_dir):
    evil = f"<p>{P1} &lt;script&gt;alert(1)&lt;/script&gt; and more words here.</p>"
    result = score.Scorer(run_dir).score(evil, "e.html")
    page = score.to_html(result)
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize(
    "content,needle",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02binary\x00data", "binary"),
        (b"caf\xe9 au lait, \xff\xfe\xfa", "encoding"),
        (b"# Just a heading\n\nShort line.\n", "no article paragraphs"),
    ],
)
def test_bad_input_gets_a_clear_message_and_exit_1(run_dir, tmp_path, capsys, content, needle):
    p = tmp_path / "in.txt"
    p.write_bytes(content)
    assert score.main([str(p), "--run", str(run_dir)]) == 1
    assert needle in capsys.readouterr().err


def test_a_folder_that_is_not_a_run(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(P1)
    assert score.main([str(p), "--run", str(tmp_path)]) == 1
    assert "not a run folder" in capsys.readouterr().err


def test_default_run_is_the_best_on_validation(tmp_path, run_dir):
    for name, f1 in (("a", 0.4), ("b", 0.7)):
        d = tmp_path / name / "seed0"
        shutil.copytree(run_dir, d)
        rec = json.loads((d / "record.json").read_text())
        rec["metrics"]["validation"]["macro_f1"] = f1
        rec["metrics"]["test"]["macro_f1"] = 1 - f1  # test must not decide
        (d / "record.json").write_text(json.dumps(rec))
    assert score.default_run(tmp_path) == tmp_path / "b" / "seed0"
    with pytest.raises(InputError, match="run the main job first"):
        score.default_run(tmp_path / "nothing")


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def test_report_in_headless_chromium(run_dir, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    out = tmp_path / "report.html"
    out.write_text(score.to_html(score.Scorer(run_dir).score(HTML, "a.html")))
    errors, requests = [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(out.as_uri())
        assert page.locator("div.p").count() == 3
        marks = page.locator("mark").all_inner_texts()
        assert any(m.endswith("can do?") for m in marks)
        assert page.locator("mark.RQ").first.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        browser.close()
    assert errors == []
    assert all(u.startswith("file://") for u in requests)  # self-contained: nothing fetched
