"""/api/v1/registry: the public registry as JSON (read-only, no token, CORS open).

The same functions as the pages answer it, so a page and the API never disagree; the
standing given is the registry's (the facts the bodies' signed trust lists carry).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from microcred.catalog import services as catalog
from microcred.organizations import deployment
from microcred.organizations.keys import did_for
from microcred.registry import listing, trust_lists
from microcred.registry.approval_facts import approval_of
from microcred.registry.public_standing import BodyStanding, recognised_providers
from microcred.registry.qa_bodies import qa_bodies

router = Router(tags=["registry"])
MAX_PAGE = 100


class ErrorOut(Schema):
    """The API's error shape (as ``microcred.api`` answers every refusal)."""

    code: str
    message: str
    errors: list[dict[str, Any]] | None = None


class RecognitionOut(Schema):
    body: str
    bodyDid: str  # noqa: N815 - JSON names
    state: str
    since: datetime | None
    validUntil: datetime | None  # noqa: N815
    eqfLevels: list[int]  # noqa: N815
    tqfLevels: list[int]  # noqa: N815
    fieldsOfStudy: list[str]  # noqa: N815


class ProviderOut(Schema):
    slug: str
    name: str
    did: str
    country: str
    recognitions: list[RecognitionOut]


class QaBodyOut(Schema):
    slug: str
    name: str
    did: str
    country: str
    trustList: str  # noqa: N815
    trustListVersion: int | None  # noqa: N815


class OfferOut(Schema):
    id: str
    title: str
    achievement: str
    provider: str
    providerName: str  # noqa: N815
    ects: float | None
    eqfLevel: int | None  # noqa: N815
    tqfLevel: int | None  # noqa: N815
    languages: list[str]
    mode: str | None
    fieldOfStudy: str | None  # noqa: N815
    country: str
    region: str
    recognitions: list[RecognitionOut]
    approvedBy: str | None  # noqa: N815


class OffersOut(Schema):
    count: int
    offset: int
    items: list[OfferOut]


class OfferQuery(Schema):
    q: str = Field("", max_length=200)
    field: str = Field("", max_length=100)
    eqf: int | None = Field(None, ge=1, le=8)
    tqf: int | None = Field(None, ge=1, le=8)
    ects_min: float | None = Field(None, ge=0, le=1000)
    ects_max: float | None = Field(None, ge=0, le=1000)
    language: str = Field("", max_length=8)
    mode: str = Field("", max_length=20)
    provider: str = Field("", max_length=63)
    country: str = Field("", max_length=2)
    region: str = Field("", max_length=6)
    offset: int = Field(0, ge=0, le=1_000_000)
    limit: int = Field(50, ge=1, le=MAX_PAGE)


def _cors(response: HttpResponse) -> None:
    response["Access-Control-Allow-Origin"] = "*"


def _recognition(s: BodyStanding) -> RecognitionOut:
    period = s.standing.period
    decision = period.decision if period else None
    return RecognitionOut(
        body=s.body.name,
        bodyDid=did_for(s.body),
        state=str(s.standing.state),
        since=s.standing.since,
        validUntil=period.until if period else None,
        eqfLevels=list(decision.eqf_levels) if decision else [],
        tqfLevels=list(decision.tqf_levels) if decision else [],
        fieldsOfStudy=list(decision.fields_of_study) if decision else [],
    )


@router.get("/registry/qa-bodies", response=list[QaBodyOut], auth=None)
def list_qa_bodies(request: HttpRequest, response: HttpResponse) -> list[QaBodyOut]:
    """The quality-assurance bodies registered by the operator, with their trust lists."""
    _cors(response)
    out = []
    for body in qa_bodies():
        latest = trust_lists.latest_version(body)
        out.append(
            QaBodyOut(
                slug=body.slug,
                name=body.name,
                did=did_for(body),
                country=body.country,
                trustList=trust_lists.list_url(body),
                trustListVersion=latest.number if latest else None,
            )
        )
    return out


@router.get("/registry/providers", response=list[ProviderOut], auth=None)
def list_providers(request: HttpRequest, response: HttpResponse) -> list[ProviderOut]:
    """Providers a body recognises today, with each recognition."""
    _cors(response)
    grouped: dict[int, list[BodyStanding]] = {}
    for standing in recognised_providers():
        grouped.setdefault(standing.provider.pk, []).append(standing)
    return [
        ProviderOut(
            slug=rows[0].provider.slug,
            name=rows[0].provider.name,
            did=did_for(rows[0].provider),
            country=rows[0].provider.country,
            recognitions=[_recognition(s) for s in rows],
        )
        for rows in grouped.values()
    ]


@router.get("/registry/micro-credentials", response={200: OffersOut, 422: ErrorOut}, auth=None)
def list_offers(
    request: HttpRequest, response: HttpResponse, query: Query[OfferQuery]
) -> dict[str, Any]:
    """Published micro-credentials, filtered as on the registry page."""
    _cors(response)
    filters = listing.Filters.from_query(
        {k: "" if v is None else str(v) for k, v in query.dict().items()}
    )
    found = listing.offers(filters)
    standings: dict[int, list[BodyStanding]] = {}
    for standing in recognised_providers():
        standings.setdefault(standing.provider.pk, []).append(standing)
    base = deployment.public_base_url()
    items = []
    for offer in found[query.offset : query.offset + query.limit]:
        el = offer.elements
        approval = approval_of(offer.version)
        items.append(
            OfferOut(
                id=offer.version.public_id,
                title=offer.version.title,
                achievement=catalog.achievement_id(offer.version, base_url=base),
                provider=offer.organization.slug,
                providerName=offer.organization.name,
                ects=float(el.ects) if el.ects is not None else None,
                eqfLevel=el.eqf_level,
                tqfLevel=el.tqf_level,
                languages=list(el.languages),
                mode=str(el.participation) if el.participation else None,
                fieldOfStudy=el.field_of_study,
                country=offer.country,
                region=offer.region,
                recognitions=[_recognition(s) for s in standings.get(offer.organization.pk, [])],
                approvedBy=approval.body_name if approval else None,
            )
        )
    return {"count": len(found), "offset": query.offset, "items": items}
