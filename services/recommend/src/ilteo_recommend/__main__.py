"""Entry point: ``ilteo-recommend-api`` serves the recommend service under uvicorn."""

from ilteo_common.app import serve
from ilteo_recommend.app import create_app
from ilteo_recommend.settings import Settings


def main() -> None:
    settings = Settings()
    serve(
        create_app(settings),
        service="recommend",
        settings=settings,
        host=settings.host,
        port=settings.port,
    )


if __name__ == "__main__":
    main()
