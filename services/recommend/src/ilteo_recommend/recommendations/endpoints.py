"""``/v1/profiles/{id}/recommendations`` and ``/v1/profiles/{id}/feedback``."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response, status

from ilteo_common.items import ItemKind
from ilteo_recommend.auth import SubjectDep
from ilteo_recommend.dependencies import EmbedderDep, FeedbackDep, ItemsDep, ProfilesDep
from ilteo_recommend.recommendations import service
from ilteo_recommend.recommendations.schemas import (
    Feedback,
    FeedbackCreate,
    Recommendations,
    Strategy,
)

router = APIRouter(prefix="/profiles/{profile_id}", tags=["recommendations"])


@router.get("/recommendations")
async def get_recommendations(
    request: Request,
    profile_id: UUID,
    owner: SubjectDep,
    profile_repository: ProfilesDep,
    feedback_repository: FeedbackDep,
    items: ItemsDep,
    embedder: EmbedderDep,
    kind: Annotated[ItemKind, Query(description="job, training, program or policy")],
    size: Annotated[int, Query(ge=1, le=100)] = 20,
    strict_districts: Annotated[
        bool, Query(description="only items in the profile's preferred districts")
    ] = False,
    strategy: Annotated[
        Strategy, Query(description="hybrid, or keyword to rank without vectors")
    ] = Strategy.HYBRID,
) -> Recommendations:
    return await service.recommend(
        profile_repository=profile_repository,
        feedback_repository=feedback_repository,
        items=items,
        embedder=embedder,
        owner=owner,
        profile_id=profile_id,
        kind=kind,
        size=size,
        strict_districts=strict_districts,
        strategy=strategy,
        tuning=request.app.state.tuning,
    )


@router.post("/feedback", status_code=status.HTTP_201_CREATED)
async def post_feedback(
    profile_id: UUID,
    feedback: FeedbackCreate,
    owner: SubjectDep,
    profile_repository: ProfilesDep,
    feedback_repository: FeedbackDep,
    items: ItemsDep,
) -> Feedback:
    return await service.record_feedback(
        profile_repository=profile_repository,
        feedback_repository=feedback_repository,
        items=items,
        owner=owner,
        profile_id=profile_id,
        feedback=feedback,
    )


@router.get("/feedback")
async def get_feedback(
    profile_id: UUID,
    owner: SubjectDep,
    profile_repository: ProfilesDep,
    feedback_repository: FeedbackDep,
) -> list[Feedback]:
    return await service.list_feedback(
        profile_repository=profile_repository,
        feedback_repository=feedback_repository,
        owner=owner,
        profile_id=profile_id,
    )


@router.delete("/feedback/{item_key}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_feedback(
    profile_id: UUID,
    item_key: Annotated[
        str, Path(min_length=3, max_length=300, description="the item's key")
    ],
    owner: SubjectDep,
    profile_repository: ProfilesDep,
    feedback_repository: FeedbackDep,
) -> Response:
    await service.forget_feedback(
        profile_repository=profile_repository,
        feedback_repository=feedback_repository,
        owner=owner,
        profile_id=profile_id,
        item_key=item_key,
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
