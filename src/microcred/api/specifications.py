"""/api/v1/specifications: what the token's organisation can issue (read scope).

A deployment script needs the published version's id to issue through ``/api/v1/awards``;
this lists them with the public URL where each is described (its achievement ``id``).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from microcred.api.auth import TokenAuth, grant_for
from microcred.api.schemas import ErrorOut, SpecificationOut
from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.organizations import deployment
from microcred.organizations.tokens import Scope

router = Router(auth=TokenAuth(), tags=["specifications"])


@router.get(
    "/specifications",
    response={200: list[SpecificationOut], 401: ErrorOut, 403: ErrorOut},
)
def list_specifications(request: HttpRequest) -> list[SpecificationOut]:
    """Published versions, newest first: the ones ``/api/v1/awards`` accepts."""
    grant = grant_for(request, Scope.READ)
    versions = SpecificationVersion.objects.filter(
        specification__organization=grant.organization,
        status=SpecificationVersion.Status.PUBLISHED,
    ).order_by("-published_at", "-id")
    base = deployment.public_base_url()
    return [
        SpecificationOut(
            id=v.public_id,
            title=v.title,
            version=v.number,
            achievement=catalog.achievement_id(v, base_url=base),
        )
        for v in versions
    ]
