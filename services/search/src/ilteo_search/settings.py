"""Settings of the search service, read from ``ILTEO_SEARCH_*`` variables."""

from pydantic_settings import SettingsConfigDict

from ilteo_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_SEARCH_")

    host: str = "127.0.0.1"
    port: int = 8010
    opensearch_url: str = "http://127.0.0.1:9200"
