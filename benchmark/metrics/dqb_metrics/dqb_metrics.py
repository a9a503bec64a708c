"""DQB metrics as a Hugging Face `evaluate` module, loaded by path: ``evaluate.load("benchmark/metrics/dqb_metrics")``.

It wraps ``benchmark.metrics.core.compute_metrics``; the definitions live there, once.
"""

import datasets
import evaluate

from benchmark.labels import LABELS
from benchmark.metrics.core import DEFINITIONS
from benchmark.metrics.core import METRIC_VERSION
from benchmark.metrics.core import compute_metrics

_DESCRIPTION = "Multi-label metrics of the Discourse-Quality Benchmark (DQB): per-label precision/recall/F1/support, \
macro-F1 (headline), micro-F1, subset accuracy, Hamming loss, per-label average precision and expected calibration \
error, and pair consistency on the contrast split."
_KWARGS = """
Args:
    predictions: (n, 3) probabilities, columns in LABELS order.
    references: (n, 3) gold 0/1 labels.
    thresholds: optional list of 3 decision thresholds (default 0.5 each).
    pair_ids: optional list of n contrast-pair ids (None outside the contrast split).
Returns: a dict; see DEFINITIONS (stored in every result under "definitions").
"""
_CITATION = "DQB: the Discourse-Quality Benchmark (2026)."


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS)
class DqbMetrics(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS,
            features=datasets.Features(
                {
                    "predictions": datasets.Sequence(datasets.Value("float64"), length=len(LABELS)),
                    "references": datasets.Sequence(datasets.Value("int32"), length=len(LABELS)),
                }
            ),
        )

    def _compute(self, predictions, references, thresholds=None, pair_ids=None):
        result = compute_metrics(references, predictions, thresholds=thresholds, pair_ids=pair_ids)
        result["metric_module"] = {"name": "dqb_metrics", "version": METRIC_VERSION}
        result["definitions"] = DEFINITIONS
        return result
