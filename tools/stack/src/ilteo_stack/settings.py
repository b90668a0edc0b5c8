"""Where the local stack lives and which ports it uses (``ILTEO_*`` variables)."""

from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _find_root() -> Path:
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / "deploy" / "local").is_dir() and (
            candidate / "pyproject.toml"
        ).is_file():
            return candidate
    return Path(__file__).resolve().parents[4]


class StackSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_", extra="ignore", frozen=True)

    root: Path = Field(default_factory=_find_root)
    # Everything the stack writes: jars, data, logs, sockets.
    local_dir: Path | None = None
    # A JDK of version 21 or newer; found under /usr/lib/jvm when not set.
    java_home: Path | None = None

    opensearch_port: int = 9200
    opensearch_heap: str = "1g"
    kafka_port: int = 9092
    kafka_controller_port: int = 9093
    kafka_heap: str = "512m"
    redis_port: int = 6379
    postgres_port: int = 5432
    # PostgreSQL's server programs; the newest /usr/lib/postgresql/*/bin when not set.
    postgres_bin_dir: Path | None = None

    gateway_port: int = 8000
    search_port: int = 8010
    indexer_port: int = 8011
    recommend_port: int = 8020
    ingest_port: int = 8030
    applications_port: int = 8040

    # The demo source: generated data served in the public sources' formats.
    demo_port: int = 8090
    demo_seed: int = 7
    demo_jobs: int = 1500
    # Our own demo site can take far more than the real sources' polite rates.
    demo_requests_per_s: float = 200.0

    # Seconds each part may take to become healthy before `up` gives up on it.
    start_timeout_s: float = 180.0

    @cached_property
    def home(self) -> Path:
        return (self.local_dir or self.root / ".local").resolve()

    @property
    def jars_dir(self) -> Path:
        return self.home / "jars"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def run_dir(self) -> Path:
        return self.home / "run"

    @property
    def deploy_dir(self) -> Path:
        return self.root / "deploy" / "local"

    @property
    def opensearch_url(self) -> str:
        return f"http://127.0.0.1:{self.opensearch_port}"

    @property
    def kafka_bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def postgres_host(self) -> str:
        return "127.0.0.1"

    def redis_url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/{db}"

    def service_url(self, port: int) -> str:
        return f"http://127.0.0.1:{port}"

    @property
    def demo_url(self) -> str:
        return f"http://127.0.0.1:{self.demo_port}"

    @property
    def public_url(self) -> str:
        """The address a person opens in a browser."""
        return f"http://localhost:{self.gateway_port}/"
