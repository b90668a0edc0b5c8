"""FastAPI dependencies shared by the domains: the stores and the embedder."""

from typing import Annotated

from fastapi import Depends, Request

from ilteo_recommend.embedding import Embedder
from ilteo_recommend.profiles.repository import ProfileRepository
from ilteo_recommend.recommendations.repository import (
    FeedbackRepository,
    ItemsRepository,
)


def get_profiles(request: Request) -> ProfileRepository:
    repository: ProfileRepository = request.app.state.profiles
    return repository


def get_feedback(request: Request) -> FeedbackRepository:
    repository: FeedbackRepository = request.app.state.feedback
    return repository


def get_items(request: Request) -> ItemsRepository:
    repository: ItemsRepository = request.app.state.items
    return repository


def get_embedder(request: Request) -> Embedder:
    embedder: Embedder = request.app.state.embedder
    return embedder


ProfilesDep = Annotated[ProfileRepository, Depends(get_profiles)]
FeedbackDep = Annotated[FeedbackRepository, Depends(get_feedback)]
ItemsDep = Annotated[ItemsRepository, Depends(get_items)]
EmbedderDep = Annotated[Embedder, Depends(get_embedder)]
