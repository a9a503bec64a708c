import pytest
from factory import TINY, make_split

from benchmark.models.hub import OFFLINE_DEFAULT, resolve_pretrained


@pytest.fixture(scope="session")
def tiny_data():
    def cols(rows):
        return {
            "text": [r["text"] for r in rows],
            "labels": [
                [
                    float(lab in r["labels"])
                    for lab in ("rhetorical_question", "unsupported_speculation", "attributed_quote")
                ]
                for r in rows
            ],
        }

    return cols(make_split(48, 1, "tr")), cols(make_split(16, 2, "va"))


@pytest.fixture(scope="session")
def tiny_encoder(tmp_path_factory):
    """A randomly initialised 2-layer BERT with MiniLM's tokenizer, saved like a pretrained folder."""
    from transformers import AutoConfig, AutoModel, AutoTokenizer

    path = tmp_path_factory.mktemp("tiny_encoder")
    tok = AutoTokenizer.from_pretrained(resolve_pretrained(OFFLINE_DEFAULT))
    cfg = dict(TINY)
    config = AutoConfig.for_model(cfg.pop("model_type"), vocab_size=len(tok), **cfg)
    AutoModel.from_config(config).save_pretrained(path)
    tok.save_pretrained(path)
    return str(path)
