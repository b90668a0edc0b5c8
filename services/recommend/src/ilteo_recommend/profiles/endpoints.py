"""``/v1/profiles``: a person's or a company's own profiles."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Response, status

from ilteo_recommend.auth import SubjectDep
from ilteo_recommend.dependencies import EmbedderDep, ProfilesDep
from ilteo_recommend.profiles import service
from ilteo_recommend.profiles.schemas import Profile, ProfileCreate, ProfileUpdate

router = APIRouter(prefix="/profiles", tags=["profiles"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=Profile)
async def create_profile(
    fields: Annotated[ProfileCreate, Body()],
    owner: SubjectDep,
    repository: ProfilesDep,
    embedder: EmbedderDep,
) -> Any:
    return await service.create(
        repository=repository, embedder=embedder, owner=owner, fields=fields
    )


@router.get("", response_model=list[Profile])
async def list_profiles(owner: SubjectDep, repository: ProfilesDep) -> Any:
    return await service.list_own(repository=repository, owner=owner)


@router.get("/{profile_id}", response_model=Profile)
async def get_profile(
    profile_id: UUID, owner: SubjectDep, repository: ProfilesDep
) -> Any:
    return await service.get(repository=repository, owner=owner, profile_id=profile_id)


@router.patch("/{profile_id}", response_model=Profile)
async def update_profile(
    profile_id: UUID,
    changes: ProfileUpdate,
    owner: SubjectDep,
    repository: ProfilesDep,
    embedder: EmbedderDep,
) -> Any:
    return await service.update(
        repository=repository,
        embedder=embedder,
        owner=owner,
        profile_id=profile_id,
        changes=changes,
    )


@router.delete("/{profile_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_profile(
    profile_id: UUID, owner: SubjectDep, repository: ProfilesDep
) -> Response:
    await service.delete(repository=repository, owner=owner, profile_id=profile_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
