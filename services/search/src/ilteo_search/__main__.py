"""Entry point: ``ilteo-search-api`` serves the search service under uvicorn."""

from ilteo_common.app import serve
from ilteo_search.app import create_app
from ilteo_search.settings import Settings


def main() -> None:
    settings = Settings()
    serve(
        create_app(settings),
        service="search",
        settings=settings,
        host=settings.host,
        port=settings.port,
    )


if __name__ == "__main__":
    main()
