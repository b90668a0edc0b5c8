"""FastAPI dependencies shared by the domains: the stores and the embedder."""

from typing import Annotated

from fastapi import Depends, Request

from ilteo_recommend.digests.links import Links
from ilteo_recommend.digests.repository import SubscriptionRepository
from ilteo_recommend.digests.service import Outbox
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


def get_subscriptions(request: Request) -> SubscriptionRepository:
    repository: SubscriptionRepository = request.app.state.subscriptions
    return repository


def get_outbox(request: Request) -> Outbox:
    outbox: Outbox = request.app.state.outbox
    return outbox


def get_links(request: Request) -> Links:
    links: Links = request.app.state.links
    return links


SubscriptionsDep = Annotated[SubscriptionRepository, Depends(get_subscriptions)]
OutboxDep = Annotated[Outbox, Depends(get_outbox)]
LinksDep = Annotated[Links, Depends(get_links)]
