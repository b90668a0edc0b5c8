"""Settings of the gateway service, read from ``ILTEO_GATEWAY_*`` variables."""

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from ilteo_common.settings import ServiceSettings

# services/gateway/node_modules, filled by `npm ci` from the committed lockfile.
DEFAULT_ASSETS_DIR = Path(__file__).resolve().parents[2] / "node_modules"


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_GATEWAY_")

    host: str = "127.0.0.1"
    port: int = 8000
    redis_url: str = "redis://127.0.0.1:6379/1"
    # One or more search processes, comma-separated; requests take turns.
    search_url: str = "http://127.0.0.1:8010"
    recommend_url: str = "http://127.0.0.1:8020"
    ingest_url: str = "http://127.0.0.1:8030"
    applications_url: str = "http://127.0.0.1:8040"
    # Signs sessions and CSRF tokens. Required, without a default: a deployment
    # that forgets it must not start with a guessable one.
    secret_key: SecretStr
    # Bearer token for ingest's POST /v1/items; without it employers cannot post.
    ingest_service_token: SecretStr | None = None
    # Bearer token for the applications service; without it, applications are off.
    applications_service_token: SecretStr | None = None
    # Bearer token for the recommend service; without it, profiles are off.
    recommend_service_token: SecretStr | None = None

    # Upstreams: each has its own pool, timeout and circuit breaker.
    search_timeout_s: float = Field(default=3.0, gt=0)
    ingest_timeout_s: float = Field(default=5.0, gt=0)
    applications_timeout_s: float = Field(default=5.0, gt=0)
    # Ranking embeds the profile on a CPU: more time than a search.
    recommend_timeout_s: float = Field(default=10.0, gt=0)
    upstream_pool_size: int = Field(default=32, ge=1)
    upstream_get_retries: int = Field(default=2, ge=0, le=5)
    breaker_failure_threshold: int = Field(default=5, ge=1)
    breaker_reset_s: float = Field(default=10.0, gt=0)

    # Redis: short timeouts, so that an outage costs a request little.
    redis_timeout_s: float = Field(default=0.5, gt=0)
    redis_retry_after_s: float = Field(default=1.0, gt=0)

    # Cache of public GET answers.
    cache_ttl_s: int = Field(default=30, ge=0)
    map_cache_ttl_s: int = Field(default=60, ge=0)

    # Rate limits: requests per client in a sliding window.
    rate_limit_requests: int = Field(default=120, ge=1)
    rate_limit_window_s: int = Field(default=60, ge=1)
    login_limit_per_account: int = Field(default=5, ge=1)
    login_limit_per_client: int = Field(default=20, ge=1)
    login_limit_window_s: int = Field(default=900, ge=1)

    # Browsers on these origins may call the API from their own pages.
    cors_origins: list[str] = Field(default_factory=list)
    session_ttl_s: int = Field(default=8 * 3600, ge=60)
    assets_dir: Path = DEFAULT_ASSETS_DIR
