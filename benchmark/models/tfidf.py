"""Word and character n-gram TF-IDF with one logistic regression per label (scikit-learn).

Saved without pickles: the vocabularies, idf weights and coefficients go to JSON and ``.npz`` (loaded with
``allow_pickle=False``), so a model folder from someone else cannot run code on load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from benchmark.io import read_json, write_json
from benchmark.models.base import Model, fit_per_label, sigmoid, texts_and_targets
from benchmark.models.registry import register

# Keep "?" and quotation marks as tokens: they are cues (and decoys) the model should be able to weigh.
TOKEN_PATTERN = r"(?u)\b\w+\b|[?\"“”‘’']"


@register
class TfidfLogReg(Model):
    family = "tfidf_logreg"
    description = "word (1-2) and character (2-5) n-gram TF-IDF, one logistic regression per label"

    def __init__(
        self,
        name: str = "tfidf_logreg",
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] = (2, 5),
        min_df: int = 2,
        max_features: int | None = 200_000,
        C: float = 4.0,
        class_weight: str | None = "balanced",
        max_iter: int = 2000,
        seed: int = 0,
    ):
        super().__init__(name)
        self.word_ngrams, self.char_ngrams = tuple(word_ngrams), tuple(char_ngrams)
        self.min_df, self.max_features = min_df, max_features
        self.C, self.class_weight, self.max_iter, self.seed = C, class_weight, max_iter, seed

    def _vectorizers(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        word = TfidfVectorizer(
            ngram_range=self.word_ngrams,
            token_pattern=TOKEN_PATTERN,
            lowercase=True,
            min_df=self.min_df,
            max_features=self.max_features,
            sublinear_tf=True,
        )
        char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.char_ngrams,
            lowercase=False,
            min_df=self.min_df,
            max_features=self.max_features,
            sublinear_tf=True,
        )
        return word, char

    def _features(self, texts: list[str]):
        from scipy.sparse import hstack

        return hstack([self.word_.transform(texts), self.char_.transform(texts)]).tocsr()

    def fit(self, train: Any, validation: Any | None = None) -> TfidfLogReg:
        texts, y = texts_and_targets(train)
        self.word_, self.char_ = self._vectorizers()
        self.word_.fit(texts)
        self.char_.fit(texts)
        self.coef_, self.intercept_ = fit_per_label(
            self._features(texts), y, C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
            random_state=self.seed, solver="liblinear",
        )
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        self._check_fitted()
        return sigmoid(self._features(list(texts)) @ self.coef_.T + self.intercept_)

    def num_parameters(self) -> int:
        return int(self.coef_.size + self.intercept_.size)

    def _save_state(self, path: Path) -> None:
        for name, vec in (("word", self.word_), ("char", self.char_)):
            vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
            write_json(path / f"{name}_vocabulary.json", vocab, indent=None)
        np.savez_compressed(
            path / "weights.npz",
            word_idf=self.word_.idf_,
            char_idf=self.char_.idf_,
            coef=self.coef_,
            intercept=self.intercept_,
        )

    def _load_state(self, path: Path) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        w = np.load(path / "weights.npz", allow_pickle=False)
        word, char = self._vectorizers()
        vecs = []
        for name, template, idf in (("word", word, w["word_idf"]), ("char", char, w["char_idf"])):
            vocab = read_json(path / f"{name}_vocabulary.json")
            params = template.get_params()
            params.update(vocabulary={t: i for i, t in enumerate(vocab)}, min_df=1, max_features=None)
            vec = TfidfVectorizer(**params)
            vec.fit(vocab)  # sets up the fixed vocabulary; the idf from this call is replaced just below
            vec.idf_ = idf
            vecs.append(vec)
        self.word_, self.char_ = vecs
        self.coef_, self.intercept_ = w["coef"], w["intercept"]
