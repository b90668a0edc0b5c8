"""Signed links in e-mails: confirm a subscription, unsubscribe, open an item.

A link carries the subscription id and a nonce drawn when the subscription was
made, signed with ``ILTEO_RECOMMEND_LINK_SECRET`` (HMAC-SHA1 through
itsdangerous). A new subscription draws a new nonce, so links from an older one
cannot confirm it. Confirmation links expire; unsubscribe links do not, because a
person may use one from a mail received long ago.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode
from uuid import UUID

from itsdangerous import (
    BadSignature,
    SignatureExpired,
    URLSafeSerializer,
    URLSafeTimedSerializer,
)

from ilteo_recommend.errors import ExpiredLink, InvalidLink, say

CONFIRM_SALT = "ilteo.recommend.subscription.confirm"
UNSUBSCRIBE_SALT = "ilteo.recommend.subscription.unsubscribe"
TOKEN_MAX_LENGTH = 400

# The gateway's public paths (the platform's API outline); fixed so that mails,
# the web page and clients agree.
CONFIRM_PATH = "/api/v1/subscriptions/confirm"
UNSUBSCRIBE_PATH = "/api/v1/unsubscribe"
ITEM_PATH = "/items/"


@dataclass(frozen=True)
class LinkSubject:
    subscription_id: UUID
    nonce: str


def _invalid() -> InvalidLink:
    return InvalidLink(
        say(
            "링크가 올바르지 않습니다. 메일의 링크 전체를 사용해 주세요",
            "This link is not valid; please use the whole link from the e-mail",
        )
    )


class Links:
    def __init__(self, *, secret: str, public_base: str, confirm_max_age_s: int):
        self._confirm = URLSafeTimedSerializer(secret, salt=CONFIRM_SALT)
        self._unsubscribe = URLSafeSerializer(secret, salt=UNSUBSCRIBE_SALT)
        self._base = public_base.rstrip("/")
        self._max_age_s = confirm_max_age_s

    def confirm_url(self, subject: LinkSubject) -> str:
        token = self._confirm.dumps([str(subject.subscription_id), subject.nonce])
        return f"{self._base}{CONFIRM_PATH}?{urlencode({'token': token})}"

    def unsubscribe_url(self, subject: LinkSubject) -> str:
        token = self._unsubscribe.dumps([str(subject.subscription_id), subject.nonce])
        return f"{self._base}{UNSUBSCRIBE_PATH}?{urlencode({'token': token})}"

    def item_url(self, item_key: str) -> str:
        return f"{self._base}{ITEM_PATH}{quote(item_key, safe=':')}"

    def home_url(self) -> str:
        return f"{self._base}/"

    def read_confirm(self, token: str) -> LinkSubject:
        _check_length(token)
        try:
            loaded = self._confirm.loads(token, max_age=self._max_age_s)
        except SignatureExpired:
            raise ExpiredLink(
                say(
                    "확인 링크의 유효 기간이 지났습니다. 다시 신청해 주세요",
                    "This confirmation link has expired; please subscribe again",
                )
            ) from None
        except BadSignature:
            raise _invalid() from None
        return _subject(loaded)

    def read_unsubscribe(self, token: str) -> LinkSubject:
        _check_length(token)
        try:
            loaded = self._unsubscribe.loads(token)
        except BadSignature:
            raise _invalid() from None
        return _subject(loaded)


def _check_length(token: str) -> None:
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise _invalid()


def _subject(loaded: object) -> LinkSubject:
    # Signed by this service, so well formed unless the secret leaked.
    if not (isinstance(loaded, list) and len(loaded) == 2):
        raise _invalid()
    try:
        return LinkSubject(subscription_id=UUID(loaded[0]), nonce=str(loaded[1]))
    except (ValueError, TypeError):
        raise _invalid() from None
