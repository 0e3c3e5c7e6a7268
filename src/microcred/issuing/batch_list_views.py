"""The issuing officer's list of CSV batches, newest first, so that a batch started
yesterday can be found again by clicking instead of by its address.

Roles as the other issuing pages: issuing officers and organisation admins.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from microcred.issuing.models import Batch
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.roles import Role

PAGE_SIZE = 25


@require_safe
@org_view(Role.ISSUER, Role.ADMIN)
def batch_list(request: HttpRequest, org: OrgContext) -> HttpResponse:
    batches = (
        Batch.objects.filter(organization=org.organization)
        .select_related("specification_version")
        .order_by("-created", "-pk")
    )
    page = Paginator(batches, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "issuing/batches.html", {"org": org, "page": page})
