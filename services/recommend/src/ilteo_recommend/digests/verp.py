"""Envelope senders that name the subscription a bounce is about (VERP).

Each digest goes out with MAIL FROM ``<local>+<token>@<domain>`` of the bounce
address. A server that gives up on the message later sends its delivery status
notification to that address, so the address it arrives at says whose digest
bounced. The token is three parts of lowercase hex, joined by dots:

    <subscription id, 32>.<address tag, 6>.<signature, 10>

The address tag is a keyed hash of the address the digest went to: a late
notification about an address the subscription no longer has is recognised as
such and counts against nothing. The signature is HMAC-SHA256 of the id and the
tag under a key derived from the link secret for this use alone, so it cannot
stand in for a link signature, and nobody can have bounces counted against a
subscription by writing to a made-up address. With 32 + 6 + 10 hex digits, two
dots and the ``+``, the bounce address's own local part may have 13 characters
before the whole exceeds RFC 5321's 64.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass
from uuid import UUID

LOCAL_PART_MAX = 64  # RFC 5321 §4.5.3.1.1
TAG_HEX = 6
SIGNATURE_HEX = 10
TOKEN_LENGTH = 32 + 1 + TAG_HEX + 1 + SIGNATURE_HEX
BASE_LOCAL_PART_MAX = LOCAL_PART_MAX - 1 - TOKEN_LENGTH
"""The longest local part of a bounce address that still leaves room for a token."""

KEY_PURPOSE = b"ilteo.recommend.digest.bounce-address"
_TOKEN = re.compile(
    rf"(?P<id>[0-9a-f]{{32}})\.(?P<tag>[0-9a-f]{{{TAG_HEX}}})"
    rf"\.(?P<signature>[0-9a-f]{{{SIGNATURE_HEX}}})"
)


class ForgedToken(ValueError):
    """A token of the right shape whose signature is not this platform's."""


@dataclass(frozen=True)
class BounceToken:
    subscription_id: UUID
    address_tag: str


class BounceTokens:
    """Makes and checks the tokens in digests' envelope senders."""

    def __init__(self, secret: str) -> None:
        self._key = hmac.new(secret.encode(), KEY_PURPOSE, hashlib.sha256).digest()

    def address_tag(self, address: str) -> str:
        """Which address a token was made for, without the address itself."""
        return self._mac(b"address", address)[:TAG_HEX]

    def token(self, subscription_id: UUID, address: str) -> str:
        signed = f"{subscription_id.hex}.{self.address_tag(address)}"
        return f"{signed}.{self._mac(b'token', signed)[:SIGNATURE_HEX]}"

    def read(self, token: str) -> BounceToken:
        """The subscription and address tag of a token made by ``token``.

        Raises ``ForgedToken`` when the shape is right but the signature is not.
        """
        match = _TOKEN.fullmatch(token.lower())
        if match is None:
            raise ForgedToken("not a bounce token")
        signed = f"{match['id']}.{match['tag']}"
        expected = self._mac(b"token", signed)[:SIGNATURE_HEX]
        if not hmac.compare_digest(expected, match["signature"]):
            raise ForgedToken("the signature does not match")
        return BounceToken(subscription_id=UUID(match["id"]), address_tag=match["tag"])

    def _mac(self, purpose: bytes, text: str) -> str:
        message = purpose + b"\x00" + text.encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()


def verp_address(bounce_address: str, token: str) -> str:
    """``local+token@domain`` of the bounce address."""
    local, at, domain = bounce_address.rpartition("@")
    if not (local and at and domain):
        raise ValueError(f"not an e-mail address: {bounce_address!r}")
    if len(local) > BASE_LOCAL_PART_MAX:
        raise ValueError(
            f"the bounce address's local part {local!r} is longer than "
            f"{BASE_LOCAL_PART_MAX} characters: no room for the bounce token"
        )
    return f"{local}+{token}@{domain}"


def token_of(address: str) -> str | None:
    """The token in an address's ``+`` extension, if it has one of that shape.

    Mail servers may change the case of a local part; tokens are read in
    lowercase.
    """
    local = address.strip().strip("<>").rpartition("@")[0]
    _, plus, extension = local.rpartition("+")
    if not plus:
        return None
    token = extension.lower()
    return token if _TOKEN.fullmatch(token) else None
