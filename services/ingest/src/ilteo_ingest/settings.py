"""Settings of the ingest service, read from ``ILTEO_INGEST_*`` variables."""

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from ilteo_common.settings import ServiceSettings
from ilteo_common.topics import DEAD_LETTERS, ITEMS
from ilteo_ingest.sources import SOURCES, Source


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_INGEST_")

    host: str = "127.0.0.1"
    port: int = 8030
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    redis_url: str = "redis://127.0.0.1:6379/2"

    # Publishing
    publish_enabled: bool = True
    items_topic: str = ITEMS.name
    dead_letter_topic: str = DEAD_LETTERS.name
    # How long a message may wait for the broker (retries included) before the
    # crawl gives up loudly; the crawl pauses meanwhile, it never drops items.
    delivery_timeout_s: float = Field(default=120.0, gt=0)
    # How long POST /v1/items waits for the broker before answering 503.
    api_publish_timeout_s: float = Field(default=15.0, gt=0)
    # Keys of the Redis hash holding item fingerprints and run summaries.
    redis_key_prefix: str = "ilteo:ingest"
    # Service token the gateway sends as a bearer token on POST /v1/items.
    # No default: the status API refuses to start without it; crawls need none.
    service_token: SecretStr | None = None

    # Politeness
    # True when the base URLs point at the bundled demo site (no keys needed).
    demo: bool = False
    retry_times: int = Field(default=4, ge=0)
    download_timeout_s: float = Field(default=30.0, gt=0)
    user_agent: str = "IlteoBot/0.1 (+https://github.com/ilteo; city job platform)"

    # Per source: base URL (host only; paths are the providers'), API key, and
    # an optional cap on requests per second over the catalog's default.
    work24_base_url: str = SOURCES["work24"].production_base_url
    work24_api_key: SecretStr | None = None
    work24_max_requests_per_s: float | None = Field(default=None, gt=0)
    hrd_base_url: str = SOURCES["hrd"].production_base_url
    hrd_api_key: SecretStr | None = None
    hrd_max_requests_per_s: float | None = Field(default=None, gt=0)
    youth_base_url: str = SOURCES["youth"].production_base_url
    youth_api_key: SecretStr | None = None
    youth_max_requests_per_s: float | None = Field(default=None, gt=0)
    bizinfo_base_url: str = SOURCES["bizinfo"].production_base_url
    bizinfo_api_key: SecretStr | None = None
    bizinfo_max_requests_per_s: float | None = Field(default=None, gt=0)
    kstartup_base_url: str = SOURCES["kstartup"].production_base_url
    kstartup_api_key: SecretStr | None = None
    kstartup_max_requests_per_s: float | None = Field(default=None, gt=0)
    narailter_base_url: str = SOURCES["narailter"].production_base_url
    narailter_api_key: SecretStr | None = None
    narailter_max_requests_per_s: float | None = Field(default=None, gt=0)
    jobalio_base_url: str = SOURCES["jobalio"].production_base_url
    jobalio_api_key: SecretStr | None = None
    jobalio_max_requests_per_s: float | None = Field(default=None, gt=0)
    city_base_url: str = SOURCES["city"].production_base_url
    city_max_requests_per_s: float | None = Field(default=None, gt=0)

    def base_url(self, source: Source) -> str:
        return str(getattr(self, source.base_url_setting)).rstrip("/")

    def api_key(self, source: Source) -> SecretStr | None:
        if source.key_setting is None:
            return None
        key: SecretStr | None = getattr(self, source.key_setting)
        return key

    def max_requests_per_s(self, source: Source) -> float:
        override: float | None = getattr(self, f"{source.id}_max_requests_per_s")
        return override if override is not None else source.max_requests_per_s
