"""Settings of the recommend service, read from ``ILTEO_RECOMMEND_*`` variables."""

from pydantic_settings import SettingsConfigDict

from ilteo_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_RECOMMEND_")

    host: str = "127.0.0.1"
    port: int = 8020
    opensearch_url: str = "http://127.0.0.1:9200"
    redis_url: str = "redis://127.0.0.1:6379/0"
