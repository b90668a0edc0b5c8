"""The applications service's HTTP application."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI

from ilteo_applications import __version__
from ilteo_applications.applications.endpoints import router as applications_router
from ilteo_applications.auth import verify_service_token
from ilteo_applications.database import Database
from ilteo_applications.errors import PROBLEM_RESPONSES, install_error_handlers
from ilteo_applications.programs.endpoints import router as programs_router
from ilteo_applications.settings import Settings
from ilteo_common.app import create_service_app


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    database = Database(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.database = database
        await database.open()
        yield
        await database.close()

    app = create_service_app(
        title="Ilteo applications",
        version=__version__,
        checks={"postgres": database.check},
        lifespan=lifespan,
    )
    api = APIRouter(
        prefix="/v1",
        dependencies=[Depends(verify_service_token)],
        responses=PROBLEM_RESPONSES,
    )
    api.include_router(programs_router)
    api.include_router(applications_router)
    app.include_router(api)
    install_error_handlers(app)
    return app
