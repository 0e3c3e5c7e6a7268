"""An organisation admin's switch for the two-factor rule (on the person's security page)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred.accounts.errors import TwoFactorError
from microcred.accounts.models import User
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.roles import Role
from microcred.organizations.two_factor_rule import set_required


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # behind org_view
    return user


@org_view(Role.ADMIN)
@require_POST
def organization_rule(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """An admin requires (or stops requiring) a second factor in their organisation."""
    required = request.POST.get("required") == "1"
    try:
        set_required(org.organization, required=required, by=_user(request))
    except TwoFactorError as error:
        messages.error(request, str(error))
    else:
        done = (
            _("%(name)s now requires two-factor sign-in of its admins and issuer officers.")
            if required
            else _("%(name)s no longer requires two-factor sign-in.")
        )
        messages.success(request, done % {"name": org.organization.name})
    return redirect("accounts:security")
