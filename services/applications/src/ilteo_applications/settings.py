"""Settings of the applications service, from ``ILTEO_APPLICATIONS_*`` variables."""

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from ilteo_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_APPLICATIONS_")

    host: str = "127.0.0.1"
    port: int = 8040
    # Without the password, which comes from its own variable.
    database_url: str = "postgresql://ilteo_applications@127.0.0.1:5432/ilteo"
    database_password: SecretStr
    # The gateway sends it as `Authorization: Bearer ...`; required, no default.
    service_token: SecretStr

    pool_min_size: int = Field(default=1, ge=0)
    pool_max_size: int = Field(default=10, ge=1)
    # How long a request waits for a free connection before answering 503.
    pool_timeout_s: float = Field(default=3.0, gt=0)
    connect_timeout_s: int = Field(default=3, ge=1)
    statement_timeout_ms: int = Field(default=5000, ge=100)
    # Apply pending migrations when the service starts. Turn it off where a
    # separate job runs `ilteo-applications-migrate` with a more privileged role.
    migrate_on_start: bool = True
    migrate_retry_s: float = Field(default=2.0, gt=0)
