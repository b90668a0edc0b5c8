"""A prepared folder counts as current only while its manifest still holds."""

import json
from pathlib import Path

import pytest

from ilteo_model.prepare import MANIFEST_NAME, is_current, write_manifest


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    (folder / "1_Pooling").mkdir(parents=True)
    (folder / "model.safetensors").write_bytes(b"\x00" * 64)
    (folder / "1_Pooling" / "config.json").write_text('{"pooling_mode": "mean"}')
    write_manifest(folder)
    return folder


class TestIsCurrent:
    def test_a_folder_just_written_is_current(self, folder: Path) -> None:
        assert is_current(folder)

    def test_a_changed_file_is_noticed(self, folder: Path) -> None:
        (folder / "model.safetensors").write_bytes(b"\x01" * 64)

        assert not is_current(folder)

    def test_a_missing_file_is_noticed(self, folder: Path) -> None:
        (folder / "1_Pooling" / "config.json").unlink()

        assert not is_current(folder)

    def test_an_unexpected_file_is_noticed(self, folder: Path) -> None:
        (folder / "pytorch_model.bin").write_bytes(b"left over")

        assert not is_current(folder)

    def test_another_recipe_is_not_current(self, folder: Path) -> None:
        manifest_path = folder / MANIFEST_NAME
        manifest = json.loads(manifest_path.read_text())
        manifest["recipe_sha256"] = "0" * 64
        manifest_path.write_text(json.dumps(manifest))

        assert not is_current(folder)

    def test_a_folder_without_manifest_is_not_current(self, folder: Path) -> None:
        (folder / MANIFEST_NAME).unlink()

        assert not is_current(folder)

    def test_no_folder_is_not_current(self, tmp_path: Path) -> None:
        assert not is_current(tmp_path / "nowhere")
