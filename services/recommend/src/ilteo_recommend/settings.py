"""Settings of the recommend service, read from ``ILTEO_RECOMMEND_*`` variables."""

from email.utils import parseaddr
from enum import StrEnum
from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from ilteo_common.settings import Environment, ServiceSettings
from ilteo_recommend.digests.verp import BASE_LOCAL_PART_MAX

DEFAULT_MODEL_PATH = (
    Path(__file__).resolve().parents[4] / ".local" / "models" / "multilingual-e5-small"
)


LINK_SECRET_MIN_LENGTH = 32
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


class SmtpSecurity(StrEnum):
    NONE = "none"  # plain SMTP: a relay on localhost or inside the cluster only
    STARTTLS = "starttls"  # upgrade after EHLO (RFC 3207), usually port 587
    TLS = "tls"  # implicit TLS from the first byte (RFC 8314), usually port 465


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_RECOMMEND_")

    host: str = "127.0.0.1"
    port: int = 8020
    opensearch_url: str = "http://127.0.0.1:9200"
    # The read alias of the items index (the search domain's contract).
    items_index: str = "ilteo-items"
    opensearch_timeout_s: float = Field(default=10.0, gt=0)
    # Profiles, their vectors and feedback; the database number is this service's.
    redis_url: str = "redis://127.0.0.1:6379/0"
    redis_timeout_s: float = Field(default=3.0, gt=0)
    # The gateway sends it as `Authorization: Bearer ...`; required, no default.
    service_token: SecretStr

    embedding_model_path: Path = DEFAULT_MODEL_PATH
    # Torch takes every core by default; a shared machine needs it bounded.
    torch_threads: int = Field(default=1, ge=1)

    # Candidates taken from each retriever (k-NN and BM25) before ranking.
    candidates_per_retriever: int = Field(default=100, ge=10, le=1000)
    # HNSW's candidate list per segment; larger is slower and closer to exact.
    knn_ef_search: int = Field(default=200, ge=10, le=10_000)
    # A wished occupation with fewer matching open jobs than this gets courses.
    skill_gap_min_jobs: int = Field(default=3, ge=1)
    skill_gap_courses: int = Field(default=3, ge=1, le=10)

    # Signs confirmation and unsubscribe links; required, no default.
    link_secret: SecretStr
    # Where people reach the platform; links in e-mails start with it.
    public_base_url: str = "http://localhost:8000"
    confirm_link_max_age_h: int = Field(default=72, ge=1, le=24 * 30)

    # The digests' From header, and the envelope sender that receives bounces.
    mail_from: str = "일터 <no-reply@ilteo.localhost>"
    mail_bounce_address: str | None = None
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_security: SmtpSecurity = SmtpSecurity.NONE
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_s: float = Field(default=30.0, gt=0)

    # One digest run: how much, how fast, how stubborn.
    digest_items_per_kind: int = Field(default=5, ge=1, le=20)
    digest_rate_per_s: float = Field(default=20.0, gt=0)
    digest_concurrency: int = Field(default=4, ge=1, le=64)
    # A claim older than this is taken over by the next run (the claimer died).
    digest_lease_s: float = Field(default=300.0, gt=0)
    digest_send_attempts: int = Field(default=5, ge=1, le=20)
    digest_retry_initial_s: float = Field(default=2.0, ge=0)
    digest_retry_max_s: float = Field(default=60.0, ge=0)
    # Permanent failures (5xx) in a row before a subscription is suspended.
    digest_bounce_limit: int = Field(default=3, ge=1)
    # A Prometheus text file written at the end of each run (node_exporter's
    # textfile collector), since a run ends before anything could scrape it.
    digest_metrics_path: Path | None = None

    # Delivery status notifications that arrive later: the Maildir that the bounce
    # address's mail server delivers to, read by ``ilteo-recommend-bounces``.
    bounce_maildir: Path | None = None
    # Read notifications stay in the Maildir's cur/ this long, then are deleted:
    # they hold the address and the headers of the digest that bounced.
    bounce_keep_days: int = Field(default=30, ge=1)
    # Like digest_metrics_path, for the bounce command's counters.
    bounce_metrics_path: Path | None = None

    @model_validator(mode="after")
    def _bounce_address_has_room_for_a_token(self) -> Self:
        local, at, domain = self.bounce_address.rpartition("@")
        if not (local and at and domain):
            raise ValueError("mail_bounce_address (or mail_from) needs an address")
        if len(local) > BASE_LOCAL_PART_MAX:
            # Each digest's envelope sender is local+token@domain, at most 64
            # characters before the @ (RFC 5321).
            raise ValueError(
                f"the bounce address's local part may have at most "
                f"{BASE_LOCAL_PART_MAX} characters"
            )
        return self

    @model_validator(mode="after")
    def _links_fit_for_production(self) -> Self:
        if self.environment is Environment.DEVELOPMENT:
            return self
        if len(self.link_secret.get_secret_value()) < LINK_SECRET_MIN_LENGTH:
            raise ValueError(
                f"link_secret must be at least {LINK_SECRET_MIN_LENGTH} characters"
            )
        host = urlsplit(self.public_base_url).hostname or ""
        secure = self.public_base_url.startswith("https://") or host in LOOPBACK
        if self.environment is Environment.PRODUCTION and not secure:
            # RFC 8058 one-click unsubscribe needs an HTTPS URI; a machine's own
            # loopback address (docker compose on a laptop) is the one exception.
            raise ValueError("public_base_url must be an https:// URL in production")
        return self

    @property
    def bounce_address(self) -> str:
        """The envelope sender's address before the token: bounces go there."""
        return self.mail_bounce_address or parseaddr(self.mail_from)[1]

    @property
    def public_base(self) -> str:
        return self.public_base_url.rstrip("/")
