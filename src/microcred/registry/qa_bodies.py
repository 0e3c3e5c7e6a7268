"""Quality-assurance bodies: trust anchors, registered by the platform operator only.

A body has keys and a did:web identifier like a provider (it signs its trust list), but
nobody can make one through self-service: a body that anyone could create would vouch
for whatever its creator wished.
"""

from __future__ import annotations

from django.db import transaction

from microcred.accounts.models import User
from microcred.organizations import services
from microcred.organizations.keys import did_for, ensure_signing_key, record_did
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.registry import trust_lists
from microcred.registry.errors import QaBodyError

__all__ = ["QaBodyError", "create_qa_body", "qa_bodies"]


def qa_bodies() -> list[Organization]:
    return list(Organization.objects.filter(kind=Organization.Kind.QA_BODY).order_by("name"))


@transaction.atomic
def create_qa_body(
    *, slug: str, name: str, country: str, website: str = "", admin: User | None = None
) -> Organization:
    """The body, its first key, its DID, its (empty) signed trust list, and its admin."""
    if Organization.objects.filter(slug=slug).exists():
        raise QaBodyError(f"the slug {slug!r} is taken")
    body = Organization.objects.create(
        slug=slug,
        name=name,
        kind=Organization.Kind.QA_BODY,
        country=country.upper(),
        website=website,
    )
    ensure_signing_key(body)
    record_did(body, did_for(body))
    if admin is not None:
        services.add_role(body, admin, Role.ADMIN)
    trust_lists.publish(body)
    return body
