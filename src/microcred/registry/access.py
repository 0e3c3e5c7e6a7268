"""Which organisation a recognition page acts for, and which application it may see.

On top of ``org_view`` (member or 404, role or 403): provider pages exist only for
providers and review pages only for quality-assurance bodies (404 otherwise), and an
application belongs to the provider or body in the URL or is not found at all.
"""

from __future__ import annotations

from django.http import Http404

from microcred.organizations.access import OrgContext
from microcred.organizations.models import Organization
from microcred.registry.models import Application

__all__ = ["body_application", "provider_application", "require_body", "require_provider"]


def require_provider(org: OrgContext) -> Organization:
    if org.organization.kind != Organization.Kind.PROVIDER:
        raise Http404
    return org.organization


def require_body(org: OrgContext) -> Organization:
    if org.organization.kind != Organization.Kind.QA_BODY:
        raise Http404
    return org.organization


def provider_application(org: OrgContext, public_id: str) -> Application:
    found = (
        Application.objects.filter(public_id=public_id, provider=require_provider(org))
        .select_related("qa_body", "provider")
        .first()
    )
    if found is None:
        raise Http404
    return found


def body_application(org: OrgContext, public_id: str) -> Application:
    found = (
        Application.objects.filter(public_id=public_id, qa_body=require_body(org))
        .exclude(state=Application.State.DRAFT)
        .select_related("qa_body", "provider")
        .first()
    )
    if found is None:
        raise Http404
    return found
