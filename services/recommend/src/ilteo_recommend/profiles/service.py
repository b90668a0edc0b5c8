"""Creating, reading, changing and erasing profiles; only their owner sees them."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import numpy as np
import structlog
from pydantic import TypeAdapter, ValidationError

from ilteo_places import DISTRICTS, resolve
from ilteo_recommend.embedding import Embedder, ModelUnavailable
from ilteo_recommend.errors import NotFound, from_validation_error, invalid_field, say
from ilteo_recommend.profiles.repository import ProfileRepository, StoredProfile
from ilteo_recommend.profiles.schemas import (
    CompanyFields,
    FounderFields,
    IndividualFields,
    Profile,
    ProfileCreate,
    ProfileFields,
    ProfileUpdate,
)
from ilteo_recommend.profiles.text import embedding_text

log = structlog.get_logger(__name__)

PROFILE_ADAPTER: TypeAdapter[Any] = TypeAdapter(Profile)
FIELDS_ADAPTER: TypeAdapter[Any] = TypeAdapter(ProfileCreate)
_ALL_DISTRICT_NAMES = tuple(district.name_ko for district in DISTRICTS)


def not_found() -> NotFound:
    return NotFound(say("프로필을 찾을 수 없습니다", "No such profile"))


def _district_ids(name: str, *, field: str, several: bool) -> list[str]:
    """Current district ids for a name or code; a split former one gives several."""
    resolution = resolve(name)
    if not resolution.found:
        return _unknown_district(name, field=field, close=resolution.suggestions)
    ids = [district.id for district in resolution.candidates]
    if len(ids) > 1 and not several:
        names = [district.name_ko for district in resolution.candidates]
        raise invalid_field(
            field,
            say(
                f"'{name}'은(는) {'·'.join(names)}(으)로 나뉘었습니다. 하나를 고르세요",
                f"'{name}' was split into {', '.join(names)}; choose one",
            ),
            suggestions=names,
        )
    return ids


def _unknown_district(name: str, *, field: str, close: tuple[str, ...]) -> list[str]:
    raise invalid_field(
        field,
        say(
            f"인천의 군·구가 아닙니다: '{name}'",
            f"'{name}' is not a district of Incheon",
        ),
        suggestions=list(close) or list(_ALL_DISTRICT_NAMES),
    )


def resolve_places(fields: ProfileFields) -> ProfileFields:
    """The same fields with every district given as a current district id."""
    if isinstance(fields, IndividualFields):
        preferred: list[str] = []
        for index, name in enumerate(fields.preferred_districts):
            field = f"preferred_districts.{index}"
            preferred += _district_ids(name, field=field, several=True)
        residence = fields.residence_district
        if residence is not None:
            field = "residence_district"
            residence = _district_ids(residence, field=field, several=False)[0]
        changes = {
            "preferred_districts": list(dict.fromkeys(preferred)),
            "residence_district": residence,
        }
        return fields.model_copy(update=changes)
    assert isinstance(fields, CompanyFields | FounderFields)
    district = _district_ids(fields.district, field="district", several=False)[0]
    return fields.model_copy(update={"district": district})


def _normalised(fields: ProfileFields) -> ProfileFields:
    if isinstance(fields, IndividualFields):
        changes = {
            name: list(dict.fromkeys(getattr(fields, name)))
            for name in ("desired_occupations", "skills", "certificates")
        }
        fields = fields.model_copy(update=changes)
    return resolve_places(fields)


async def _vector(embedder: Embedder, text: str) -> np.ndarray | None:
    try:
        return await embedder.embed(text)
    except ModelUnavailable as error:
        # The profile is kept; ranking falls back to keywords until the model is
        # there, and the vector is made on the next recommendation.
        log.warning("profile.embedding_unavailable", reason=str(error))
        return None


async def _save(
    *,
    repository: ProfileRepository,
    embedder: Embedder,
    owner: str,
    profile: Any,
) -> None:
    text = embedding_text(profile)
    vector = await _vector(embedder, text)
    await repository.save(
        profile.id,
        owner=owner,
        document=profile.model_dump(mode="json"),
        vector=vector,
        vector_text=text if vector is not None else None,
    )


async def create(
    *,
    repository: ProfileRepository,
    embedder: Embedder,
    owner: str,
    fields: ProfileFields,
) -> Any:
    fields = _normalised(fields)
    now = datetime.now(UTC)
    document = fields.model_dump() | {
        "id": uuid4(),
        "created_at": now,
        "updated_at": now,
    }
    profile = PROFILE_ADAPTER.validate_python(document)
    await _save(repository=repository, embedder=embedder, owner=owner, profile=profile)
    log.info("profile.created", profile_id=str(profile.id), audience=fields.audience)
    return profile


async def load(
    *, repository: ProfileRepository, owner: str, profile_id: UUID
) -> StoredProfile:
    """The stored profile; another subject's profile is answered as not found."""
    stored = await repository.get(profile_id)
    if stored is None or stored.owner != owner:
        raise not_found()
    return stored


async def get(*, repository: ProfileRepository, owner: str, profile_id: UUID) -> Any:
    stored = await load(repository=repository, owner=owner, profile_id=profile_id)
    return PROFILE_ADAPTER.validate_python(stored.document)


async def list_own(*, repository: ProfileRepository, owner: str) -> list[Any]:
    profiles = []
    for profile_id in await repository.list_ids(owner):
        stored = await repository.get(profile_id)
        if stored is not None and stored.owner == owner:
            profiles.append(PROFILE_ADAPTER.validate_python(stored.document))
    return profiles


async def update(
    *,
    repository: ProfileRepository,
    embedder: Embedder,
    owner: str,
    profile_id: UUID,
    changes: ProfileUpdate,
) -> Any:
    stored = await load(repository=repository, owner=owner, profile_id=profile_id)
    current = {
        k: v
        for k, v in stored.document.items()
        if k not in ("id", "created_at", "updated_at")
    }
    merged = current | changes.model_dump(exclude_unset=True)
    try:
        fields = FIELDS_ADAPTER.validate_python(merged)
    except ValidationError as error:
        raise from_validation_error(error) from None

    fields = _normalised(fields)
    document = fields.model_dump() | {
        "id": profile_id,
        "created_at": stored.document["created_at"],
        "updated_at": datetime.now(UTC),
    }
    profile = PROFILE_ADAPTER.validate_python(document)
    await _save(repository=repository, embedder=embedder, owner=owner, profile=profile)
    log.info("profile.updated", profile_id=str(profile_id))
    return profile


async def delete(
    *, repository: ProfileRepository, owner: str, profile_id: UUID
) -> None:
    """Erase the profile with its vector and all its feedback (PIPA 제36조)."""
    await load(repository=repository, owner=owner, profile_id=profile_id)
    await repository.erase(profile_id, owner=owner)
    log.info("profile.erased", profile_id=str(profile_id))


async def vector_of(
    *,
    repository: ProfileRepository,
    embedder: Embedder,
    profile_id: UUID,
    stored: StoredProfile,
    fields: ProfileFields,
) -> np.ndarray | None:
    """The profile's vector, made now if it is missing or stale; None without model."""
    text = embedding_text(fields)
    if stored.vector is not None and stored.vector_text == text:
        return stored.vector
    vector = await _vector(embedder, text)
    if vector is not None:
        await repository.save_vector(profile_id, vector=vector, vector_text=text)
    return vector


def fields_of(stored: StoredProfile) -> ProfileFields:
    document = {
        k: v
        for k, v in stored.document.items()
        if k not in ("id", "created_at", "updated_at")
    }
    fields: ProfileFields = FIELDS_ADAPTER.validate_python(document)
    return fields
