"""Model families behind one interface: majority, rules, tfidf_logreg, embedding_probe, transformer."""

from benchmark.models.base import Model, NotFittedError
from benchmark.models.registry import families, get_family, load_model, register

__all__ = ["Model", "NotFittedError", "families", "get_family", "load_model", "register"]
