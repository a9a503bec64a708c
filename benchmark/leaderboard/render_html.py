"""The leaderboard as one self-contained HTML page: sortable tables, row details, inline SVG charts.

Nothing is fetched: styles, script and charts are inline, and a Content-Security-Policy with the hashes of the
page's own style and script blocks forbids any other script, style or network request. Every string that comes
from a record or a submission passes through :func:`html.escape` (``esc``) or :func:`json_for_script`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape as esc
from importlib import resources
from string import Template
from typing import Any
from urllib.parse import urlsplit

from benchmark.labels import LABELS
from benchmark.leaderboard import formatting as fmt
from benchmark.leaderboard.board import Board, Leaderboard
from benchmark.leaderboard.charts_svg import efficiency_svg, per_label_f1_svg
from benchmark.leaderboard.render_text import PRIVATE_NOTE
from benchmark.metrics.core import DEFINITIONS, METRIC_VERSION

CHART_ROWS = 20  # rows drawn in the per-label chart: more would not be readable


def _template(name: str) -> str:
    return resources.files("benchmark.leaderboard").joinpath("templates", name).read_text(encoding="utf-8")


def json_for_script(obj: Any) -> str:
    """JSON that cannot end its ``<script>`` element early: ``<``, ``>``, ``&`` (and JS line ends) as ``\\uXXXX``."""
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for ch, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                     ("\u2029", "\\u2029")):
        text = text.replace(ch, code)
    return text


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address; ``javascript:`` and other schemes are shown as text only."""
    if not url:
        return None
    try:
        return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
    except ValueError:
        return None


def _csp_hash(block: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode() + "'"


# --- table -----------------------------------------------------------------------------------------------------

def _num_cell(value: float | None, text: str, extra: str = "") -> str:
    return f'<td data-v="{"" if value is None else repr(float(value))}">{esc(text)}{extra}</td>'


def _stat_cell(s: dict[str, Any], digits: int = 3, show_ci: bool = False) -> str:
    if s.get("mean") is None:
        return _num_cell(None, fmt.DASH)
    extra = f' <span class="sd">± {fmt.num(s["std"], digits)}</span>' if s.get("std") is not None else ""
    if show_ci and s.get("ci"):
        extra += f'<span class="ci">{esc(fmt.ci(s, digits))}</span>'
    return _num_cell(s["mean"], fmt.num(s["mean"], digits), extra)


COLUMNS: list[tuple[str, str, str]] = (
    [("Rank", "num", "rank group of the paired bootstrap test"), ("Model", "text", "model name and config hash"),
     ("Seeds", "num", "runs (seeds) aggregated in the row"), ("Macro-F1", "num", "test macro-F1, mean ± sd, CI")]
    + [(f"{fmt.SHORT[lab]} {m}", "num", f"test {m_long} of {lab}") for lab in LABELS
       for m, m_long in (("P", "precision"), ("R", "recall"), ("F1", "F1"))]
    + [("Micro-F1", "num", "test micro-F1"), ("Subset acc.", "num", "test subset accuracy"),
       ("ECE", "num", "test mean expected calibration error (lower is better)"),
       ("Pair cons.", "num", "contrast-set pair consistency"), ("Val. macro-F1", "num", "validation macro-F1"),
       ("Params", "num", "trainable parameters"), ("Train time", "num", "training wall time"),
       ("Para/s", "num", "inference paragraphs per second"), ("Hardware", "text", "where efficiency was measured")]
)


def _row_cells(row: dict[str, Any]) -> str:
    t, eff = row["test"], row["efficiency"]
    name = esc(row["model"])
    tag = "submission" if row["kind"] == "submission" else row["config_hash"][:8]
    cells = [_num_cell(row["rank"], str(row["rank"])),
             f'<td data-v="{name}">{name} <span class="hash">{esc(tag)}</span></td>',
             _num_cell(row["n_seeds"], str(row["n_seeds"])),
             _stat_cell(t["macro_f1"], show_ci=True)]
    for lab in LABELS:
        cells += [_stat_cell(t["per_label"][lab][m]) for m in ("precision", "recall", "f1")]
    cells += [_stat_cell(t["micro_f1"]), _stat_cell(t["subset_accuracy"]), _stat_cell(t["mean_ece"]),
              _stat_cell(row["contrast"]["pair_consistency"]), _stat_cell(row["validation"]["macro_f1"]),
              _num_cell(row["parameters"], fmt.count(row["parameters"])),
              _num_cell(eff["train_seconds"]["mean"], fmt.seconds(eff["train_seconds"])),
              _num_cell(eff["inference_paragraphs_per_second"]["mean"],
                        fmt.rate(eff["inference_paragraphs_per_second"])),
              f'<td>{esc("; ".join(eff["hardware"]) or fmt.DASH)}</td>']
    return "".join(cells)


def _details(row: dict[str, Any], board: Board) -> str:
    t = row["test"]
    url = safe_url(row.get("url"))
    link = (f'<a href="{esc(url)}" rel="noopener noreferrer nofollow">{esc(url)}</a>' if url
            else esc(row["url"]) if row.get("url") else fmt.DASH)
    modules = sorted({f"{r['metrics_module']['name']} v{r['metrics_module']['version']}" for r in row["runs"]
                      if r["metrics_module"]["version"]})
    facts = [
        ("Row", f"{row['model']} @ config {row['config_hash']}" + (f" ({row['family']})" if row["family"] else "")),
        ("Description", row["description"] or fmt.DASH),
        ("Significance", fmt.comparison_text(row)),
        ("Test", f"macro-F1 {fmt.mean_std(t['macro_f1'])} {fmt.ci(t['macro_f1'])}, micro-F1 "
                 f"{fmt.mean_std(t['micro_f1'])}, subset accuracy {fmt.mean_std(t['subset_accuracy'])}, mean ECE "
                 f"{fmt.mean_std(t['mean_ece'])}"),
        ("Per-label F1 CI", ", ".join(f"{fmt.SHORT[lab]} {fmt.ci(t['per_label'][lab]['f1'])}" for lab in LABELS)),
        ("Dataset", f"DQB v{row['dataset']['version']}, content hash {row['dataset']['content_hash']}"),
        ("Metrics", f"recomputed by the board with DQB metrics v{row['metric_version']} (definitions at the end "
                    f"of the page); recorded by the runs: {', '.join(modules) or fmt.DASH}"),
        ("Efficiency", f"parameters {fmt.count(row['parameters'])}, training "
                       f"{fmt.seconds(row['efficiency']['train_seconds'])}, "
                       f"{fmt.rate(row['efficiency']['inference_paragraphs_per_second'])} paragraphs/s, peak memory "
                       f"{fmt.mean_std(row['efficiency']['peak_memory_mb'], 0)} MB on "
                       f"{'; '.join(row['efficiency']['hardware']) or 'hardware not recorded'}"),
    ]
    parts = ['<dl class="facts">']
    parts += [f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts]
    parts.append(f"<dt>URL</dt><dd>{link}</dd></dl>")
    parts.append('<table class="runs"><thead><tr><th>Seed</th><th>Run</th><th>Test macro-F1</th>'
                 '<th>Val. macro-F1</th><th>Git commit</th><th>Thresholds</th><th>Created</th><th>Source</th>'
                 '</tr></thead><tbody>')
    for r in row["runs"]:
        git = r["git"]
        commit = (git["commit"] or fmt.DASH) + (" (dirty)" if git["dirty"] else "")
        th = ", ".join(f"{fmt.SHORT[k]} {v:g}" for k, v in r["thresholds"].items())
        parts.append("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in (
            fmt.DASH if r["seed"] is None else r["seed"], r["run_id"], fmt.num(r["test_macro_f1"]),
            fmt.num(r["validation_macro_f1"]), commit, th, r["created"] or fmt.DASH, r["source"])) + "</tr>")
    parts.append("</tbody></table>")
    commands = [(r["seed"], r["command"]) for r in row["runs"] if r["command"]]
    if commands:
        parts.append("<h4>Reproduce</h4>")
        parts += [f"<pre><code>{esc(cmd)}</code></pre>" for _, cmd in commands]
    if row["config"]:
        parts.append("<h4>Configuration (seed and output paths removed)</h4><pre><code>"
                     f"{esc(json.dumps(row['config'], indent=2, ensure_ascii=False, default=str))}</code></pre>")
    return "".join(parts)


def board_html(board: Board, lb: Leaderboard) -> str:
    ds = board.dataset
    anchor = esc("v" + str(ds["version"]))
    parts = [f'<section class="board" id="{anchor}">',
             f'<h2>DQB v{esc(str(ds["version"]))} <small>{board.n_test:,} test paragraphs, content hash '
             f'<code>{esc(str(ds["content_hash"]))}</code>, guidelines {esc(str(ds.get("guidelines_version")))}'
             f'</small></h2>']
    if board.test_labels == "private":
        parts.append(f'<p class="private">{esc(PRIVATE_NOTE)}</p>')
    parts += [f'<p class="warning">{esc(w)}</p>' for w in board.warnings]
    sorted_by = ' aria-sort="ascending"'  # rows arrive in rank order
    head = "".join(f'<th data-type="{kind}" title="{esc(title)}"{sorted_by if i == 0 else ""}>{esc(label)}</th>'
                   for i, (label, kind, title) in enumerate(COLUMNS))
    parts.append(f'<div class="table-wrap"><table class="lb"><thead><tr>{head}</tr></thead><tbody>')
    for row in board.rows:
        parts.append(f'<tr class="row" tabindex="0" aria-expanded="false">{_row_cells(row)}</tr>'
                     f'<tr class="details" hidden><td colspan="{len(COLUMNS)}">{_details(row, board)}</td></tr>')
    parts.append("</tbody></table></div>")
    shown = board.rows[:CHART_ROWS]
    more = f" (the {len(shown)} best of {len(board.rows)} rows)" if len(board.rows) > len(shown) else ""
    parts.append(f"<figure>{per_label_f1_svg(shown, lb.settings.level)}<figcaption>Test F1 per label and macro-F1"
                 f"{more}: dot at the mean over seeds, line the {lb.settings.level * 100:g}% percentile bootstrap "
                 f"interval ({lb.settings.resamples:,} resamples over paragraphs).</figcaption></figure>")
    parts.append(f"<figure>{efficiency_svg(board.rows, lb.settings.level)}<figcaption>Test macro-F1 against "
                 f"inference throughput as reported by each run on its own hardware (hover a point for it); "
                 f"throughputs measured on different machines are not directly comparable.</figcaption></figure>")
    parts.append("</section>")
    return "".join(parts)


def to_html(lb: Leaderboard) -> str:
    css, script = _template("board.css"), _template("board.js")
    boards = "".join(board_html(b, lb) for b in lb.boards) or "<p>No run could be ranked.</p>"
    refusals = ""
    if lb.refusals:
        items = "".join(f"<li><code>{esc(r.path)}</code>: {esc(r.reason)}</li>" for r in lb.refusals)
        refusals = (f'<section id="refusals"><h2>Refused ({len(lb.refusals)})</h2><p>These inputs were not ranked; '
                    f'fix the problem named and rebuild.</p><ul class="refusals">{items}</ul></section>')
    defs = "".join(f"<dt>{esc(k)}</dt><dd>{esc(str(v))}</dd>" for k, v in DEFINITIONS.items())
    definitions = (f'<section id="definitions"><h2>Metric definitions <small>DQB metrics v{esc(METRIC_VERSION)}'
                   f'</small></h2><dl class="facts">{defs}</dl></section>')
    csp = (f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(css)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return Template(_template("page.html")).substitute(
        csp=csp, css=css, script=script, method=esc(lb.settings.sentence()), generated=esc(lb.generated),
        boards=boards, refusals=refusals, definitions=definitions, data=json_for_script(lb.to_dict()))
