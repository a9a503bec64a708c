"""One contract, every registered model family (scikit-learn's check_estimator, in small)."""

import numpy as np
import pytest
from factory import TINY

from benchmark.models import NotFittedError, families, load_model
from benchmark.models.base import Model
from benchmark.models.hub import OFFLINE_DEFAULT
from benchmark.models.registry import register


def build(family: str, tiny_encoder: str, tmp_path) -> Model:
    cls = families()[family]
    if family == "embedding_probe":
        return cls(pretrained=tiny_encoder, device="cpu")
    if family == "transformer":
        return cls(
            name="tiny",
            config=dict(TINY),
            tokenizer=OFFLINE_DEFAULT,
            learning_rate=1e-3,
            trainer={
                "epochs": 1,
                "batch_size": 16,
                "device": "cpu",
                "progress": False,
                "output_dir": str(tmp_path / "ckpt"),
            },
        )
    return cls()


def test_every_family_is_covered():
    assert set(families()) == {"majority", "rules", "tfidf_logreg", "embedding_probe", "transformer"}


@pytest.mark.parametrize("family", sorted(families()))
def test_contract(family, tiny_data, tiny_encoder, tmp_path):
    train, val = tiny_data
    model = build(family, tiny_encoder, tmp_path)
    with pytest.raises(NotFittedError):
        model.predict_proba(["A paragraph."])
    assert model.fit(train, val) is model
    texts = val["text"][:5] + ["", "A single short line?"]
    p = model.predict_proba(texts)
    assert p.shape == (len(texts), 3)
    assert np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()
    meta = model.metadata()
    assert meta["family"] == family and meta["parameters"] > 0
    model.save(tmp_path / "saved")
    again = load_model(tmp_path / "saved")
    assert type(again) is type(model)
    np.testing.assert_allclose(again.predict_proba(texts), p, atol=1e-6)
    assert again.get_params() == model.get_params()


def test_registry_refuses_a_second_class_with_the_same_family():
    class Impostor(Model):
        family = "rules"

        def fit(self, train, validation=None):
            return self

        def predict_proba(self, texts):
            return np.zeros((len(texts), 3))

        def _save_state(self, path):
            pass

        def _load_state(self, path):
            pass

        def num_parameters(self):
            return 0

    with pytest.raises(ValueError, match="already registered"):
        register(Impostor)


def test_load_refuses_a_folder_that_is_not_a_model(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a saved DQB model"):
        load_model(tmp_path)
