"""Metric definitions (plain numpy) and the `evaluate` module that wraps them."""

from benchmark.metrics.core import DEFINITIONS, METRIC_VERSION, compute_metrics

__all__ = ["DEFINITIONS", "METRIC_VERSION", "compute_metrics"]
