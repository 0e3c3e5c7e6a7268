"""Drafts: saved in the background while the designer types, and deleted when unwanted.

Autosave is the editor's own form posted by a small script (``catalog/autosave.js``) a
couple of seconds after the last change; it answers JSON so the page can say "Saved
12:03" and, for a new specification, learn where its draft now lives. Without the script
the editor's button saves the same way. Same roles as editing (designers, admins), same
CSRF protection as any form post.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from microcred.catalog import services
from microcred.catalog.errors import NotDeletable, ReviewRefused
from microcred.catalog.models import SpecificationVersion
from microcred.catalog.views import EDITORS, save_posted, version_of, version_page
from microcred.organizations.access import OrgContext, org_view


def _saved(org: OrgContext, version: SpecificationVersion, open_count: int) -> JsonResponse:
    slug, public_id = org.organization.slug, version.public_id
    at = time_format(timezone.localtime(), "H:i")
    return JsonResponse(
        {
            "saved": True,
            "version": public_id,
            "status": _("Saved %(time)s") % {"time": at},
            "open": open_count,
            "edit_url": reverse("catalog:edit", kwargs={"org": slug, "version_id": public_id}),
            "autosave_url": reverse(
                "catalog:autosave", kwargs={"org": slug, "version_id": public_id}
            ),
        }
    )


def _open_count(version: SpecificationVersion) -> int:
    report = services.readiness(version)
    return len(report.missing) + len(report.errors) + len(report.open_warnings)


@require_POST
@org_view(*EDITORS)
def autosave_new(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """The first autosave of a new specification creates its draft."""
    version, _report = save_posted(request, org, None)
    return _saved(org, version, _open_count(version))


@require_POST
@org_view(*EDITORS)
def autosave(request: HttpRequest, org: OrgContext, version_id: str) -> HttpResponse:
    """Save a draft in place (or, for a published version, as the next draft: the answer
    names it, and the script posts there from then on)."""
    version = version_of(org, version_id)
    try:
        saved, _report = save_posted(request, org, version)
    except ReviewRefused as refused:
        return JsonResponse({"saved": False, "status": refused.message}, status=409)
    return _saved(org, saved, _open_count(saved))


@require_http_methods(["GET", "POST"])
@org_view(*EDITORS)
def version_delete(request: HttpRequest, org: OrgContext, version_id: str) -> HttpResponse:
    """Ask first (GET), then delete (POST); published or issued versions are refused."""
    version = version_of(org, version_id)
    if not version.deletable:
        message = _("Only a draft that was never published or issued from can be deleted.")
        return version_page(request, org, version, error=message, status=409)
    if request.method == "POST":
        title = version.display_title
        try:
            services.delete_draft(version)
        except NotDeletable as refused:  # published meanwhile
            return version_page(request, org, version, error=str(refused), status=409)
        messages.success(request, _("The draft “%(title)s” was deleted.") % {"title": title})
        return redirect("catalog:list", org=org.organization.slug)
    return render(request, "catalog/delete.html", {"org": org, "version": version})
