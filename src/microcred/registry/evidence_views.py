"""Evidence files, served to the two parties of the application only.

The provider's admins and the body's reviewers (or admins) may download; everyone else,
members of other organisations included, gets 404. Files go out as attachments with
their stored type, never sniffed, never cached by shared caches.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from microcred.infra.attachments import attachment
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.registry.evidence import evidence_path
from microcred.registry.models import Application, EvidenceFile


@org_view(Role.ADMIN, Role.QA_REVIEWER)
@require_safe
def download(request: HttpRequest, org: OrgContext, evidence: str) -> FileResponse:
    item = EvidenceFile.objects.filter(public_id=evidence).select_related("application").first()
    if item is None or not _may_read(org, item.application):
        raise Http404
    return attachment(evidence_path(item), name=item.name, content_type=item.content_type)


def _may_read(org: OrgContext, application: Application) -> bool:
    acting = org.organization
    if acting.kind == Organization.Kind.PROVIDER:
        return application.provider_id == acting.pk and org.has(Role.ADMIN)
    return (
        application.qa_body_id == acting.pk
        and application.state != Application.State.DRAFT
        and org.has(Role.ADMIN, Role.QA_REVIEWER)
    )
