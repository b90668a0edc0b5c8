"""Entry point: ``ilteo-gateway`` serves the gateway service under uvicorn."""

from ilteo_common.app import serve
from ilteo_gateway.app import create_app
from ilteo_gateway.settings import Settings


def main() -> None:
    settings = Settings()
    serve(
        create_app(settings),
        service="gateway",
        settings=settings,
        host=settings.host,
        port=settings.port,
    )


if __name__ == "__main__":
    main()
