"""``ilteo-demo-source``: serve the demo site (``--port 8090 --seed 7 --jobs 3000``).

Options may also come from ``ILTEO_DEMO_*`` variables; the command line wins.
"""

import argparse
from datetime import datetime
from typing import Any

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from ilteo_common.app import serve
from ilteo_common.settings import ServiceSettings
from ilteo_ingest.demo.data import DEFAULT_JOBS, DEFAULT_SEED, DemoData, warm_up
from ilteo_ingest.demo.server import create_app


class DemoSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_DEMO_")

    host: str = "127.0.0.1"
    port: int = 8090
    seed: int = DEFAULT_SEED
    jobs: int = Field(default=DEFAULT_JOBS, ge=40, le=1_000_000)
    # None accepts any key (or none); set, every other key is refused.
    api_key: SecretStr | None = None
    # The moment the data describes; None is the start of the server.
    now: datetime | None = None


def main(argv: list[str] | None = None) -> None:
    settings = DemoSettings(**_overrides(argv))
    warm_up()
    data = DemoData(seed=settings.seed, jobs=settings.jobs, now=settings.now)
    key = settings.api_key.get_secret_value() if settings.api_key else None
    serve(
        create_app(data, api_key=key),
        service="demo-source",
        settings=settings,
        host=settings.host,
        port=settings.port,
    )


def _overrides(argv: list[str] | None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="ilteo-demo-source", description=__doc__)
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--jobs", type=int, help="Work24 postings (default 3000)")
    parser.add_argument("--api-key", help="the only key accepted (default: any)")
    parser.add_argument("--now", help="ISO date-time the data describes")
    options = vars(parser.parse_args(argv))
    return {name: value for name, value in options.items() if value is not None}


if __name__ == "__main__":
    main()
