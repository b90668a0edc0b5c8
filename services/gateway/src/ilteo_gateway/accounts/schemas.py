"""Accounts as the API accepts and shows them."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ilteo_gateway.patterns import SPACE_OR_CONTROL

_NOT_AT = rf"[^@{SPACE_OR_CONTROL}]"
EMAIL_PATTERN = rf"^{_NOT_AT}{{1,64}}@{_NOT_AT}{{1,190}}\.{_NOT_AT}{{2,}}$"
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 256


class Role(StrEnum):
    CITIZEN = "citizen"  # 구직자
    EMPLOYER = "employer"  # 기업
    OPERATOR = "operator"  # 시 운영자, created by command only


class AccountCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    email: str = Field(pattern=EMAIL_PATTERN, max_length=254)
    password: str = Field(min_length=MIN_PASSWORD_CHARS, max_length=MAX_PASSWORD_CHARS)
    # Not only spaces: the name is stripped before its length is checked.
    name: str = Field(min_length=1, max_length=100, pattern=rf"[^{SPACE_OR_CONTROL}]")
    role: Role = Role.CITIZEN


class Login(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_CHARS)


class Account(BaseModel):
    id: str
    email: str
    name: str
    role: Role
