"""A settings base that every service's own ``Settings`` class extends."""

from enum import StrEnum
from typing import Any, Self

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Values that mean "nobody set a real secret here".
PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", "dev", "test"})


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class ServiceSettings(BaseSettings):
    """Fields every service has; subclasses set ``env_prefix`` (``ILTEO_SEARCH_``)."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    environment: Environment = Environment.DEVELOPMENT
    log_level: str = "INFO"
    # None picks JSON in production and readable lines elsewhere.
    log_json: bool | None = None

    @property
    def logs_as_json(self) -> bool:
        if self.log_json is not None:
            return self.log_json
        return self.environment is Environment.PRODUCTION

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Self:
        if self.environment is Environment.DEVELOPMENT:
            return self
        for name, value in self:
            if isinstance(value, SecretStr) and is_placeholder(value):
                raise ValueError(
                    f"{name} holds a placeholder secret; set a real one for "
                    f"the {self.environment.value} environment"
                )
        return self


def is_placeholder(secret: SecretStr) -> bool:
    return secret.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS


def masked(settings: BaseSettings) -> dict[str, Any]:
    """Settings as a dict fit for a log line: secrets stay masked by pydantic."""
    return {name: str(value) for name, value in settings}
