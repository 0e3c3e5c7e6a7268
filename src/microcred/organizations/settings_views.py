"""The organisation's settings page (admins) and its public logo.

What is set here reaches learners and employers: the name and logo on pages, the contact
address in revocation e-mails (where a learner writes to contest), and the language
learners' e-mails are written in when an award names none.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.forms_settings import SettingsForm
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role


@require_http_methods(["GET", "POST"])
@org_view(Role.ADMIN)
def settings_page(request: HttpRequest, org: OrgContext) -> HttpResponse:
    organization = org.organization
    form = SettingsForm(request.POST or None, request.FILES or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.apply(organization)
        messages.success(request, _("The organisation's settings were saved."))
        return redirect("organizations:settings", org=organization.slug)
    status = 400 if request.method == "POST" else 200
    context = {"org": org, "form": form}
    return render(request, "organizations/settings.html", context, status=status)


@require_safe
def logo(request: HttpRequest, org: str) -> HttpResponse:
    """Public: the logo as checked on upload, under a policy that runs nothing."""
    organization = Organization.objects.filter(slug=org).only("logo", "logo_type").first()
    if organization is None or not organization.logo_type:
        raise Http404
    response = HttpResponse(bytes(organization.logo), content_type=organization.logo_type)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response
