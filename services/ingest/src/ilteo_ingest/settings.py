"""Settings of the ingest service, read from ``ILTEO_INGEST_*`` variables."""

from pydantic_settings import SettingsConfigDict

from ilteo_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_INGEST_")

    host: str = "127.0.0.1"
    port: int = 8030
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    redis_url: str = "redis://127.0.0.1:6379/2"
