"""Organisation pages: overview, members, invitations, API tokens (thin: services decide).

Every view states its roles through ``org_view``; the platform admin's list of all
organisations is the only view outside an organisation.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from microcred.accounts.expiry import awaits_confirmation
from microcred.accounts.models import User
from microcred.organizations import invitations as invitation_service
from microcred.organizations import invite_limits, services, tokens
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.errors import OrganizationError
from microcred.organizations.forms import InviteForm, MemberForm, RolesForm, TokenForm
from microcred.organizations.roles import Role


def _data(request: HttpRequest) -> QueryDict | None:
    """The submitted fields on POST (bound even when empty, so errors show), else None."""
    return request.POST if request.method == "POST" else None


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # org_view and login_required let only users through
    return user


def _back(org: OrgContext, name: str) -> HttpResponse:
    return redirect(f"organizations:{name}", org=org.organization.slug)


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Every organisation: the platform admin's overview."""
    if not _user(request).is_superuser:
        raise PermissionDenied
    return render(
        request, "organizations/index.html", {"organizations": services.all_organizations()}
    )


@org_view()
@require_safe
def overview(request: HttpRequest, org: OrgContext) -> HttpResponse:
    labels = [str(Role(role).label) for role in sorted(org.roles)]
    return render(
        request,
        "organizations/overview.html",
        {"org": org, "role_labels": labels, "is_admin": org.has(Role.ADMIN)},
    )


def _members_page(
    request: HttpRequest, org: OrgContext, *, problem: str = "", status: int = 200
) -> HttpResponse:
    members = services.members_of(org.organization)
    rows = [
        (member, RolesForm(initial={"email": member.user.email, "roles": list(member.roles)}))
        for member in members
    ]
    context: dict[str, Any] = {"org": org, "rows": rows, "problem": problem}
    return render(request, "organizations/members.html", context, status=status)


@org_view(Role.ADMIN)
@require_safe
def members(request: HttpRequest, org: OrgContext) -> HttpResponse:
    return _members_page(request, org)


@org_view(Role.ADMIN)
@require_POST
def member_roles(request: HttpRequest, org: OrgContext) -> HttpResponse:
    form = RolesForm(request.POST)
    if not form.is_valid():
        return _members_page(request, org, problem=_("Choose valid roles."), status=400)
    try:
        summary = services.set_roles(
            org.organization, email=form.cleaned_data["email"], roles=form.cleaned_data["roles"]
        )
    except OrganizationError as error:
        return _members_page(request, org, problem=error.message, status=409)
    messages.success(request, _("Roles of %(email)s saved.") % {"email": summary.user.email})
    return _back(org, "members")


@org_view(Role.ADMIN)
@require_POST
def member_remove(request: HttpRequest, org: OrgContext) -> HttpResponse:
    form = MemberForm(request.POST)
    if not form.is_valid():
        return _members_page(request, org, problem=_("Choose a member."), status=400)
    try:
        user = services.remove_member(org.organization, email=form.cleaned_data["email"])
    except OrganizationError as error:
        return _members_page(request, org, problem=error.message, status=409)
    messages.success(request, _("%(email)s was removed.") % {"email": user.email})
    return _back(org, "members")


@org_view(Role.ADMIN)
def invitations(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """Pending invitations, and the form to send one (POST)."""
    form = InviteForm(_data(request))
    refused = _refuse_invitation(request, org) if request.method == "POST" else None
    if refused is not None:
        form.add_error(None, refused[0])
    elif request.method == "POST" and form.is_valid():
        sent = invitation_service.invite(
            org.organization,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            inviter=_user(request),
            language=get_language(),
            absolute=request.build_absolute_uri,
        )
        messages.success(
            request, _("Invitation sent to %(email)s.") % {"email": sent.invitation.email}
        )
        return _back(org, "invitations")
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    context = {
        "org": org,
        "form": form,
        "pending": invitation_service.pending(org.organization),
    }
    status = 400 if request.method == "POST" else 200
    response = render(
        request, "organizations/invitations.html", context, status=refused[1] if refused else status
    )
    if refused and refused[2]:
        response["Retry-After"] = str(refused[2])
    return response


def _refuse_invitation(request: HttpRequest, org: OrgContext) -> tuple[str, int, int] | None:
    """Why this invitation may not go out (message, HTTP status, seconds to wait), if so."""
    user = _user(request)
    if awaits_confirmation(user):
        return (
            _("Confirm your e-mail address before inviting anyone: open the link we sent you."),
            403,
            0,
        )
    wait = invite_limits.spend(org.organization, user)
    if wait:
        minutes = max(1, -(-wait // 60))
        message = ngettext(
            "Too many invitations in the last hour. Try again in %(minutes)d minute.",
            "Too many invitations in the last hour. Try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
        return message, 429, wait
    return None


@org_view(Role.ADMIN)
@require_POST
def invitation_cancel(request: HttpRequest, org: OrgContext, invitation: str) -> HttpResponse:
    if not invitation_service.cancel(org.organization, invitation):
        raise Http404
    messages.success(request, _("Invitation withdrawn."))
    return _back(org, "invitations")


@org_view(Role.ADMIN)
@require_safe
def token_list(request: HttpRequest, org: OrgContext) -> HttpResponse:
    context = {"org": org, "tokens": tokens.tokens_of(org.organization)}
    return render(request, "organizations/tokens.html", context)


@org_view(Role.ADMIN)
@never_cache
def token_create(request: HttpRequest, org: OrgContext) -> HttpResponse:
    """The form; on success, the one page that ever shows the token (not cached)."""
    form = TokenForm(_data(request))
    if request.method == "POST" and form.is_valid():
        token, plain = tokens.create_token(
            org.organization,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            created_by=_user(request),
        )
        context = {"org": org, "token": token, "secret": plain.reveal()}
        return render(request, "organizations/token_created.html", context, status=201)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "organizations/token_form.html", {"org": org, "form": form}, status=status
    )


@org_view(Role.ADMIN)
@require_POST
def token_revoke(request: HttpRequest, org: OrgContext, token: str) -> HttpResponse:
    revoked = tokens.revoke_token(org.organization, token)
    if revoked is None:
        raise Http404
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": revoked.name})
    return _back(org, "token_list")
