"""Explained recommendations for a profile, and the feedback that steers them."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import numpy as np
import structlog

from ilteo_common.items import ItemKind
from ilteo_recommend.embedding import Embedder
from ilteo_recommend.errors import invalid_field, say
from ilteo_recommend.metrics import (
    FEEDBACK_FORGOTTEN,
    FEEDBACK_RECEIVED,
    RECOMMENDATIONS_SERVED,
)
from ilteo_recommend.profiles import service as profiles
from ilteo_recommend.profiles.repository import ProfileRepository, StoredProfile
from ilteo_recommend.profiles.schemas import IndividualFields, ProfileFields
from ilteo_recommend.profiles.text import keyword_terms
from ilteo_recommend.recommendations import queries
from ilteo_recommend.recommendations.ranking import Candidate, cosine_of, rank
from ilteo_recommend.recommendations.reasons import SEPARATOR, reasons_for
from ilteo_recommend.recommendations.repository import (
    FeedbackRepository,
    ItemsRepository,
)
from ilteo_recommend.recommendations.schemas import (
    Feedback,
    FeedbackAction,
    FeedbackCreate,
    Recommendation,
    Recommendations,
    ScoreBreakdown,
    SkillGap,
    Strategy,
)

SEOUL = ZoneInfo("Asia/Seoul")
POSITIVE = frozenset({FeedbackAction.SAVE, FeedbackAction.APPLIED})
HIDDEN = frozenset({FeedbackAction.DISMISS, FeedbackAction.APPLIED})
"""Dismissed items never return; applied ones are done with."""
POSITIVES_MAX = 50
"""The most recent saves and applications that steer ranking."""

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Tuning:
    candidates_per_retriever: int = 100
    ef_search: int = 200
    skill_gap_min_jobs: int = 3
    skill_gap_courses: int = 3


@dataclass(frozen=True)
class _Request:
    """One recommendation request, resolved: who, what, and what to leave out."""

    profile_id: UUID
    fields: ProfileFields
    scope: queries.Scope
    terms: list[str]
    about: str | None
    positives: list[str]
    vector: np.ndarray | None
    tuning: Tuning

    @property
    def strategy(self) -> Strategy:
        return Strategy.HYBRID if self.vector is not None else Strategy.KEYWORD


def today_in_seoul() -> date:
    return datetime.now(SEOUL).date()


def _wanted_pay(fields: ProfileFields) -> int | None:
    return fields.min_monthly_pay_krw if isinstance(fields, IndividualFields) else None


def _districts(fields: ProfileFields) -> frozenset[str]:
    if isinstance(fields, IndividualFields):
        return frozenset(fields.preferred_districts)
    return frozenset({fields.district})


async def recommend(
    *,
    profile_repository: ProfileRepository,
    feedback_repository: FeedbackRepository,
    items: ItemsRepository,
    embedder: Embedder,
    owner: str,
    profile_id: UUID,
    kind: ItemKind,
    size: int,
    strict_districts: bool = False,
    strategy: Strategy = Strategy.HYBRID,
    tuning: Tuning = Tuning(),
    stored: StoredProfile | None = None,
) -> Recommendations:
    """``stored``: the profile as the caller just read it, to spare a read."""
    if stored is None or stored.owner != owner:
        stored = await profiles.load(
            repository=profile_repository, owner=owner, profile_id=profile_id
        )
    fields = profiles.fields_of(stored)
    records = await feedback_repository.all(profile_id)

    vector = None
    if strategy is Strategy.HYBRID:
        vector = await profiles.vector_of(
            repository=profile_repository,
            embedder=embedder,
            profile_id=profile_id,
            stored=stored,
            fields=fields,
        )

    request = _request(
        profile_id=profile_id,
        fields=fields,
        records=records,
        vector=vector,
        kind=kind,
        strict_districts=strict_districts,
        tuning=tuning,
    )
    ranked, counts = await _retrieve_and_rank(items, request)
    chosen = [_recommendation(c, request) for c in ranked[:size]]
    gaps = await _skill_gaps(items, request, counts)

    RECOMMENDATIONS_SERVED.labels(kind=kind.value, strategy=request.strategy).inc()
    log.info(
        "recommendations.served",
        profile_id=str(profile_id),
        kind=kind.value,
        strategy=request.strategy.value,
        candidates=len(ranked),
        returned=len(chosen),
        skill_gaps=len(gaps),
    )
    return Recommendations(
        profile_id=profile_id,
        kind=kind,
        strategy=request.strategy,
        items=chosen,
        skill_gaps=gaps,
    )


def _request(
    *,
    profile_id: UUID,
    fields: ProfileFields,
    records: dict[str, dict[str, Any]],
    vector: np.ndarray | None,
    kind: ItemKind,
    strict_districts: bool,
    tuning: Tuning,
) -> _Request:
    hidden = {k: r for k, r in records.items() if r["action"] in HIDDEN}
    clusters = {r["cluster_id"] for r in hidden.values() if r.get("cluster_id")}
    positives: list[str] = []
    if fields.use_behaviour_for_ranking:
        saved = [(r["at"], k) for k, r in records.items() if r["action"] in POSITIVE]
        positives = [key for _, key in sorted(saved, reverse=True)[:POSITIVES_MAX]]

    scope = queries.Scope(
        fields=fields,
        kind=kind,
        today=today_in_seoul(),
        strict_districts=strict_districts,
        excluded_keys=tuple(sorted(hidden)),
        excluded_clusters=tuple(sorted(clusters)),
    )
    return _Request(
        profile_id=profile_id,
        fields=fields,
        scope=scope,
        terms=keyword_terms(fields),
        about=fields.about if isinstance(fields, IndividualFields) else None,
        positives=positives,
        vector=vector,
        tuning=tuning,
    )


def _gap_occupations(request: _Request) -> list[str]:
    fields = request.fields
    if request.scope.kind is not ItemKind.JOB or not isinstance(
        fields, IndividualFields
    ):
        return []
    return fields.desired_occupations


async def _retrieve_and_rank(
    items: ItemsRepository, request: _Request
) -> tuple[list[Candidate], dict[str, int]]:
    """Candidates from k-NN and BM25, each with both scores, ranked.

    One round of concurrent searches: the k-NN hits carry their BM25 parts, the
    BM25 hits their exact cosine (see ``queries``). Only behaviour, with consent
    and saved items, takes a second round: the cosine of every candidate to the
    saved items' mean vector.
    """
    filter_ = queries.scope_filter(request.scope)
    size = request.tuning.candidates_per_retriever
    vector = request.vector
    keyword = queries.keyword_search(
        request.terms, about=request.about, filter_=filter_, size=size, vector=vector
    )
    occupations = _gap_occupations(request)
    career = getattr(request.fields, "career_years", None)

    bodies: list[dict[str, Any] | None] = [
        (
            queries.knn_search(
                vector,
                filter_=filter_,
                size=size,
                ef_search=request.tuning.ef_search,
                terms=request.terms,
                about=request.about,
            )
            if vector is not None
            else None
        ),
        keyword,
        (
            queries.vectors_of(request.positives)
            if request.positives and vector is not None
            else None
        ),
        *(
            queries.occupation_count(o, filter_=filter_, career_years=career)
            for o in occupations
        ),
    ]
    answers = await _search_all(items, bodies)
    knn, bm25, saved = answers[0], answers[1], answers[2]
    counts = {
        occupation: int(answer["hits"]["total"]["value"])
        for occupation, answer in zip(occupations, answers[3:], strict=True)
        if answer is not None
    }

    candidates = _collect(knn, bm25, rescored=vector is not None)
    centroid = _centroid(saved)
    if centroid is not None and candidates:
        await _behaviour(items, candidates, centroid=centroid)

    ranked = rank(
        list(candidates.values()),
        strategy=request.strategy,
        wanted_pay=_wanted_pay(request.fields),
        districts=_districts(request.fields),
        today=request.scope.today,
        with_feedback=centroid is not None,
    )
    return ranked, counts


async def _search_all(
    items: ItemsRepository, bodies: list[dict[str, Any] | None]
) -> list[dict[str, Any] | None]:
    """Run the bodies that are set, concurrently; None stays in its place."""
    present = [body for body in bodies if body is not None]
    answers = iter(await items.search_all(present))
    return [next(answers) if body is not None else None for body in bodies]


def _hits(answer: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list(answer["hits"]["hits"]) if answer else []


def _named(hit: dict[str, Any]) -> dict[str, float]:
    """The hit's matched clauses with their scores (every search asks for them:
    ``NAMED_SCORES`` in the repository)."""
    matched = hit.get("matched_queries") or {}
    return {name: float(score) for name, score in matched.items()}


def _collect(
    knn: dict[str, Any] | None, bm25: dict[str, Any] | None, *, rescored: bool
) -> dict[str, Candidate]:
    candidates: dict[str, Candidate] = {}
    for hit in _hits(knn):
        named = _named(hit)
        bm25_score = sum(named.values())
        # The hit's score is its k-NN score plus the BM25 clauses it matched.
        knn_score = float(hit["_score"]) - bm25_score
        candidates[hit["_id"]] = Candidate(
            key=hit["_id"],
            source=hit["_source"],
            cosine=cosine_of(knn_score),
            bm25=bm25_score,
            matched=set(named),
        )
    for hit in _hits(bm25):
        named = _named(hit)
        candidate = candidates.setdefault(
            hit["_id"], Candidate(key=hit["_id"], source=hit["_source"])
        )
        if rescored:
            candidate.bm25 = sum(named.values())
            score = float(hit["_score"])
            # An item whose vector is not made yet scores 0: no similarity known.
            if candidate.cosine is None and score > 0.0:
                candidate.cosine = cosine_of(score)
        else:
            candidate.bm25 = float(hit["_score"])
        candidate.matched = set(named)
    return candidates


def _centroid(saved: dict[str, Any] | None) -> np.ndarray | None:
    vectors = [
        hit["_source"]["embedding"]
        for hit in _hits(saved)
        if hit.get("_source", {}).get("embedding")
    ]
    if not vectors:
        return None
    mean = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None


async def _behaviour(
    items: ItemsRepository, candidates: dict[str, Candidate], *, centroid: np.ndarray
) -> None:
    """Each candidate's closeness to the items the person saved or applied to."""
    body = queries.exact_similarity(centroid, keys=list(candidates))
    (answer,) = await items.search_all([body])
    for hit in _hits(answer):
        candidates[hit["_id"]].feedback_cosine = cosine_of(hit["_score"])


def _recommendation(candidate: Candidate, request: _Request) -> Recommendation:
    source = candidate.source
    parts = reasons_for(
        candidate,
        fields=request.fields,
        wanted_pay=_wanted_pay(request.fields),
        preferred=_districts(request.fields),
        today=request.scope.today,
    )
    signals = candidate.signals
    return Recommendation(
        key=candidate.key,
        kind=source["kind"],
        title=source.get("title") or "",
        organization=source.get("organization"),
        district_id=source.get("district_id"),
        url=source.get("url"),
        closes_on=source.get("closes_on"),
        pay_month_min=source.get("pay_month_min"),
        pay_month_max=source.get("pay_month_max"),
        score=round(candidate.score, 4),
        reason=SEPARATOR.join(parts),
        reasons=parts,
        breakdown=ScoreBreakdown(
            similarity=round(signals["similarity"], 4),
            keyword=round(signals["keyword"], 4),
            pay=round(signals["pay"], 4),
            recency=round(signals["recency"], 4),
            district=round(signals["district"], 4),
            feedback=round(signals["feedback"], 4),
            cosine=round(candidate.cosine, 4) if candidate.cosine is not None else None,
        ),
    )


async def _skill_gaps(
    items: ItemsRepository, request: _Request, counts: dict[str, int]
) -> list[SkillGap]:
    """Courses for wished occupations that have too few jobs the profile fits."""
    tuning = request.tuning
    short = [o for o, n in counts.items() if n < tuning.skill_gap_min_jobs]
    if not short:
        return []
    fields = request.fields
    assert isinstance(fields, IndividualFields)
    # Courses the person dismissed (or applied to) stay out here too.
    course_scope = queries.Scope(
        fields=fields,
        kind=ItemKind.TRAINING,
        today=request.scope.today,
        excluded_keys=request.scope.excluded_keys,
        excluded_clusters=request.scope.excluded_clusters,
    )
    filter_ = queries.scope_filter(course_scope)
    skills = [*fields.skills, *fields.certificates]
    bodies: list[dict[str, Any] | None] = [
        queries.course_search(
            o, skills=skills, filter_=filter_, size=tuning.skill_gap_courses
        )
        for o in short
    ]
    answers = await _search_all(items, bodies)

    gaps = []
    for occupation, answer in zip(short, answers, strict=True):
        courses = []
        for hit in _hits(answer):
            candidate = Candidate(
                key=hit["_id"],
                source=hit["_source"],
                bm25=float(hit["_score"]),
                matched=set(_named(hit)),
            )
            candidate.signals = dict.fromkeys(
                ("similarity", "keyword", "pay", "recency", "district", "feedback"),
                0.0,
            )
            candidate.signals["keyword"] = 1.0
            candidate.score = float(hit["_score"])
            courses.append(_recommendation(candidate, request))
        if not courses:
            continue
        jobs = counts[occupation]
        gaps.append(
            SkillGap(
                occupation=occupation,
                matching_jobs=jobs,
                reason=(
                    f"'{occupation}' 분야에서 지금 조건에 맞는 일자리가 "
                    f"{jobs}건뿐이라 관련 훈련과정을 추천합니다"
                ),
                courses=courses,
            )
        )
    return gaps


async def record_feedback(
    *,
    profile_repository: ProfileRepository,
    feedback_repository: FeedbackRepository,
    items: ItemsRepository,
    owner: str,
    profile_id: UUID,
    feedback: FeedbackCreate,
) -> Feedback:
    await profiles.load(
        repository=profile_repository, owner=owner, profile_id=profile_id
    )
    item = await items.find(feedback.item_key)
    if item is None:
        raise invalid_field(
            "item_key",
            say(
                f"그런 항목이 없습니다: {feedback.item_key}",
                f"No item with the key {feedback.item_key}",
            ),
        )

    at = datetime.now(UTC)
    record = {
        "action": feedback.action.value,
        "at": at.isoformat(),
        "cluster_id": item.get("cluster_id"),
        "kind": item.get("kind"),
    }
    stored = await feedback_repository.put(
        profile_id, item_key=feedback.item_key, record=record
    )
    if not stored:
        raise profiles.not_found()
    FEEDBACK_RECEIVED.labels(action=feedback.action.value).inc()
    log.info(
        "feedback.recorded",
        profile_id=str(profile_id),
        action=feedback.action.value,
        item_key=feedback.item_key,
    )
    return Feedback(item_key=feedback.item_key, action=feedback.action, at=at)


async def forget_feedback(
    *,
    profile_repository: ProfileRepository,
    feedback_repository: FeedbackRepository,
    owner: str,
    profile_id: UUID,
    item_key: str,
) -> None:
    """Take back a save, a dismissal or an application mark: the item ranks as
    if nothing had been said about it. Forgetting what was never said is no error,
    so pressing the button twice does no harm."""
    await profiles.load(
        repository=profile_repository, owner=owner, profile_id=profile_id
    )
    record = await feedback_repository.remove(profile_id, item_key=item_key)
    if record is None:
        return
    FEEDBACK_FORGOTTEN.labels(action=record["action"]).inc()
    log.info(
        "feedback.forgotten",
        profile_id=str(profile_id),
        action=record["action"],
        item_key=item_key,
    )


async def list_feedback(
    *,
    profile_repository: ProfileRepository,
    feedback_repository: FeedbackRepository,
    owner: str,
    profile_id: UUID,
) -> list[Feedback]:
    await profiles.load(
        repository=profile_repository, owner=owner, profile_id=profile_id
    )
    records = await feedback_repository.all(profile_id)
    answer = [
        Feedback(item_key=key, action=record["action"], at=record["at"])
        for key, record in records.items()
    ]
    return sorted(answer, key=lambda f: f.at, reverse=True)
