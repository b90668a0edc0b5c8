"""The packed tensors land in the right BertModel parameters, or not at all."""

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from transformers import BertModel

from ilteo_model.convert import (
    EMBEDDING_TENSORS,
    LAYER_TENSORS,
    ConversionError,
    bert_config,
    check_tokenizer,
    restored_parameters,
)
from ilteo_model.packed import Dimensions, PackedModel, SpecialTokens

PIECES = ["<s>", "<pad>", "</s>", "<unk>", "\u2581용접"]


def tiny_packed(*, drop: str | None = None) -> PackedModel:
    """A packed BERT of hidden size 8, one layer, two heads; each tensor counts up."""
    dims = Dimensions(
        hidden=8,
        layers=1,
        heads=2,
        intermediate=16,
        vocabulary=len(PIECES),
        max_positions=6,
        token_types=2,
        layer_norm_eps=1e-12,
    )
    sizes = {"emb.word": 5 * 8, "emb.pos": 6 * 8, "emb.type": 2 * 8}
    sizes |= {"emb.ln.w": 8, "emb.ln.b": 8}
    for short in LAYER_TENSORS:
        rows, columns = {"fi": (16, 8), "fo": (8, 16)}.get(short, (8, 8))
        is_norm = short.endswith("ln")
        sizes[f"l0.{short}.w"] = rows if is_norm else rows * columns
        sizes[f"l0.{short}.b"] = rows

    tensors = {
        name: (np.arange(size) / size).astype(np.float32)
        for name, size in sizes.items()
        if name != drop
    }
    return PackedModel(dims, SpecialTokens(0, 2, 1, 3), PIECES, tensors)


class TestRestoredParameters:
    def test_every_parameter_is_filled_with_its_packed_tensor(self) -> None:
        packed = tiny_packed()
        model = BertModel(bert_config(packed), add_pooling_layer=False)

        parameters = restored_parameters(packed, model.state_dict())
        model.load_state_dict(parameters, strict=True)

        assert len(parameters) == len(EMBEDDING_TENSORS) + 16
        word = model.embeddings.word_embeddings.weight.detach()
        assert word.shape == (5, 8)
        # Rows of the packed [out, in] matrix are rows of torch's Linear weight.
        assert torch.equal(word[1], torch.arange(8, 16) / 40)
        fi = parameters["encoder.layer.0.intermediate.dense.weight"]
        assert fi.shape == (16, 8)
        assert torch.equal(fi[0], torch.arange(8) / 128)

    def test_a_missing_tensor_is_refused(self) -> None:
        packed = tiny_packed(drop="l0.fo.w")
        model = BertModel(bert_config(packed), add_pooling_layer=False)

        with pytest.raises(ConversionError, match=r"lacks l0\.fo\.w"):
            restored_parameters(packed, model.state_dict())


class TestCheckTokenizer:
    def write(self, path: Path, pieces: list[str]) -> Path:
        vocab = [[piece, 0.0] for piece in pieces]
        path.write_text(json.dumps({"model": {"type": "Unigram", "vocab": vocab}}))
        return path

    def test_the_same_pieces_are_accepted(self, tmp_path: Path) -> None:
        check_tokenizer(tiny_packed(), self.write(tmp_path / "t.json", PIECES))

    def test_other_pieces_are_refused(self, tmp_path: Path) -> None:
        other = [*PIECES[:-1], "\u2581용접공"]

        with pytest.raises(ConversionError, match="does not hold the model's 5 pieces"):
            check_tokenizer(tiny_packed(), self.write(tmp_path / "t.json", other))
