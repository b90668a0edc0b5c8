"""Entry point: ``ilteo-ingest-api`` serves the ingest service under uvicorn."""

from ilteo_common.app import serve
from ilteo_ingest.app import create_app
from ilteo_ingest.settings import Settings


def main() -> None:
    settings = Settings()
    serve(
        create_app(settings),
        service="ingest",
        settings=settings,
        host=settings.host,
        port=settings.port,
    )


if __name__ == "__main__":
    main()
