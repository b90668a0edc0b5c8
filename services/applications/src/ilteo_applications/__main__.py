"""Entry point: ``ilteo-applications-api`` serves the applications service."""

from ilteo_applications.app import create_app
from ilteo_applications.settings import Settings
from ilteo_common.app import serve


def main() -> None:
    settings = Settings()
    serve(
        create_app(settings),
        service="applications",
        settings=settings,
        host=settings.host,
        port=settings.port,
    )


if __name__ == "__main__":
    main()
