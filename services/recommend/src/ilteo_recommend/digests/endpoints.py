"""``/v1/subscriptions`` (the gateway's, per subject) and the links in e-mails.

The links are public: ``/v1/subscriptions/confirm`` and ``/v1/unsubscribe``
carry a signed token instead of the service token. Opening one (GET) checks the
token and changes nothing, because mail scanners open every link in a message by
themselves; the POST that the page's button sends confirms or unsubscribes. A
person opening a link in a browser gets a small Korean page; any other client
gets JSON.
"""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ilteo_recommend.auth import SubjectDep
from ilteo_recommend.dependencies import (
    LinksDep,
    OutboxDep,
    ProfilesDep,
    SubscriptionsDep,
)
from ilteo_recommend.digests import service
from ilteo_recommend.digests.links import TOKEN_MAX_LENGTH
from ilteo_recommend.digests.schemas import (
    LinkAnswer,
    Subscription,
    SubscriptionCreate,
    SubscriptionUpdate,
)
from ilteo_recommend.errors import ApiError, Problem

router = APIRouter(prefix="/subscriptions", tags=["subscriptions"])
links_router = APIRouter(tags=["subscription links"])

Token = Annotated[
    str,
    Query(
        min_length=1,
        max_length=TOKEN_MAX_LENGTH,
        description="the signed token from the e-mail's link",
    ),
]
LINK_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "the link was not signed by Ilteo"},
    404: {"model": Problem, "description": "the link's subscription is gone"},
    409: {"model": Problem, "description": "the subscription was cancelled"},
    410: {"model": Problem, "description": "the confirmation link expired"},
}


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_subscription(
    fields: SubscriptionCreate,
    owner: SubjectDep,
    subscriptions: SubscriptionsDep,
    profile_repository: ProfilesDep,
    outbox: OutboxDep,
) -> Subscription:
    """A pending subscription; the confirmation mail goes to the address now."""
    return await service.create(
        subscriptions=subscriptions,
        profile_repository=profile_repository,
        outbox=outbox,
        owner=owner,
        fields=fields,
    )


@router.get("")
async def list_subscriptions(
    owner: SubjectDep,
    subscriptions: SubscriptionsDep,
    profile_repository: ProfilesDep,
) -> list[Subscription]:
    return await service.list_own(
        subscriptions=subscriptions,
        profile_repository=profile_repository,
        owner=owner,
    )


@router.get("/{subscription_id}")
async def get_subscription(
    subscription_id: UUID,
    owner: SubjectDep,
    subscriptions: SubscriptionsDep,
    profile_repository: ProfilesDep,
) -> Subscription:
    return await service.get(
        subscriptions=subscriptions,
        profile_repository=profile_repository,
        owner=owner,
        subscription_id=subscription_id,
    )


@router.patch("/{subscription_id}")
async def update_subscription(
    subscription_id: UUID,
    changes: SubscriptionUpdate,
    owner: SubjectDep,
    subscriptions: SubscriptionsDep,
    profile_repository: ProfilesDep,
    outbox: OutboxDep,
) -> Subscription:
    return await service.update(
        subscriptions=subscriptions,
        profile_repository=profile_repository,
        outbox=outbox,
        owner=owner,
        subscription_id=subscription_id,
        changes=changes,
    )


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def _page(
    request: Request,
    *,
    title: str,
    text: str,
    button: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    composer = request.app.state.outbox.composer
    html = composer.page(title=title, text=text, button=button)
    return HTMLResponse(html, status_code=status_code)


def _failure(request: Request, error: ApiError) -> Response:
    if _wants_html(request):
        return _page(
            request,
            title="링크를 처리할 수 없습니다",
            text=error.problem.detail,
            status_code=error.status_code,
        )
    return JSONResponse(error.problem.model_dump(), status_code=error.status_code)


def _answer(request: Request, answer: LinkAnswer, *, title: str) -> Response:
    if _wants_html(request):
        return _page(request, title=title, text=answer.detail)
    return JSONResponse(answer.model_dump(mode="json"))


@links_router.get(
    "/subscriptions/confirm", response_model=LinkAnswer, responses=LINK_RESPONSES
)
async def confirm_page(
    request: Request, token: Token, subscriptions: SubscriptionsDep, links: LinksDep
) -> Response:
    """Shows a button and changes nothing: a mail scanner opening the link must
    not give consent for the person. A link that cannot be used says why."""
    try:
        subject = links.read_confirm(token)
        answer = await service.confirmation(
            subscriptions=subscriptions, subject=subject
        )
    except ApiError as error:
        return _failure(request, error)
    if _wants_html(request):
        return _page(
            request,
            title="추천 메일 수신 동의",
            text="아래 버튼을 누르면 일터 추천 메일 수신에 동의합니다.",
            button="수신 동의",
        )
    return JSONResponse(answer.model_dump(mode="json"))


@links_router.post(
    "/subscriptions/confirm", response_model=LinkAnswer, responses=LINK_RESPONSES
)
async def confirm_subscription(
    request: Request, token: Token, subscriptions: SubscriptionsDep, links: LinksDep
) -> Response:
    """Double opt-in: the button behind the mail's link records consent; a
    repeated request answers the same."""
    try:
        subject = links.read_confirm(token)
        answer = await service.confirm(subscriptions=subscriptions, subject=subject)
    except ApiError as error:
        return _failure(request, error)
    return _answer(request, answer, title="수신 동의가 완료되었습니다")


@links_router.get("/unsubscribe", response_model=LinkAnswer, responses=LINK_RESPONSES)
async def unsubscribe_page(request: Request, token: Token, links: LinksDep) -> Response:
    """Shows a button and changes nothing: mail scanners open links by themselves,
    which is why RFC 8058 makes the one-click unsubscribe a POST."""
    try:
        links.read_unsubscribe(token)
    except ApiError as error:
        return _failure(request, error)
    if _wants_html(request):
        return _page(
            request,
            title="추천 메일 수신 거부",
            text="아래 버튼을 누르면 일터 추천 메일을 더 이상 보내지 않습니다.",
            button="수신 거부",
        )
    return JSONResponse(
        {"detail": "POST to this URL to unsubscribe (RFC 8058 one-click)"}
    )


@links_router.post("/unsubscribe", response_model=LinkAnswer, responses=LINK_RESPONSES)
async def unsubscribe(
    request: Request, token: Token, subscriptions: SubscriptionsDep, links: LinksDep
) -> Response:
    """RFC 8058 one-click: the body (``List-Unsubscribe=One-Click``) is not needed,
    the token is the authorisation; a repeated request answers the same."""
    try:
        subject = links.read_unsubscribe(token)
    except ApiError as error:
        return _failure(request, error)
    answer = await service.unsubscribe(subscriptions=subscriptions, subject=subject)
    return _answer(request, answer, title="수신 거부가 완료되었습니다")
