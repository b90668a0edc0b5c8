"""Settings of the gateway service, read from ``ILTEO_GATEWAY_*`` variables."""

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from ilteo_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_GATEWAY_")

    host: str = "127.0.0.1"
    port: int = 8000
    redis_url: str = "redis://127.0.0.1:6379/1"
    search_url: str = "http://127.0.0.1:8010"
    recommend_url: str = "http://127.0.0.1:8020"
    # Signs sessions and CSRF tokens. Required, without a default: a deployment
    # that forgets it must not start with a guessable one.
    secret_key: SecretStr
