"""FastAPI dependencies shared by the domains: the database and paging."""

from typing import Annotated

from fastapi import Depends, Query, Request

from ilteo_applications.database import Database


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


DatabaseDep = Annotated[Database, Depends(get_database)]
Limit = Annotated[int, Query(ge=1, le=100, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="items to skip")]
