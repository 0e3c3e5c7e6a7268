"""The signed-in person's organisations (the accounts home page) and accepting an
invitation: organisation pages, served under ``/accounts/`` with the names they always had
(``accounts:home``, ``accounts:invitation``; see ``account_urls.py``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from microcred.accounts.expiry import awaits_confirmation
from microcred.accounts.forms import SignUpForm
from microcred.accounts.models import User
from microcred.accounts.services import sign_up as create_account
from microcred.organizations import invitations, services
from microcred.organizations.errors import InvitationError, OrganizationError
from microcred.organizations.forms import OrganizationForm
from microcred.organizations.models.people import Invitation

_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _data(request: HttpRequest) -> QueryDict | None:
    """The submitted fields on POST (bound even when empty, so errors show), else None."""
    return request.POST if request.method == "POST" else None


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # behind login_required
    return user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The person's organisations and roles, and the form to create an organisation."""
    user = _user(request)
    form = OrganizationForm(_data(request))
    held_back = request.method == "POST" and awaits_confirmation(user)
    if held_back:
        form.add_error(
            None,
            _("Confirm your e-mail address before creating an organisation: open the link "
              "we sent you, or ask for a new one on your e-mail addresses page."),
        )  # fmt: skip
    elif request.method == "POST" and form.is_valid():
        organization = services.create_organization(creator=user, **form.cleaned_data)
        messages.success(
            request, _("%(name)s was created. You are its admin.") % {"name": organization.name}
        )
        return redirect("organizations:overview", org=organization.slug)
    context = {"memberships": services.organizations_of(user), "form": form}
    status = 403 if held_back else 400 if request.method == "POST" else 200
    return render(request, "organizations/home.html", context, status=status)


_STATUS = {"organizations.invitation_unknown": 404, "organizations.invitation_wrong_account": 403}


def _refused(request: HttpRequest, error: OrganizationError) -> HttpResponse:
    status = _STATUS.get(error.code, 410)
    context = {"problem": error.message, "code": error.code}
    return render(request, "organizations/invitation_refused.html", context, status=status)


@sensitive_post_parameters("password1", "password2")
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link: sign up or sign in with the invited address, then join."""
    try:
        found = invitations.find(token)
        if request.user.is_authenticated:
            invitations.check_account(found, _user(request))
    except InvitationError as error:
        return _refused(request, error)
    if request.user.is_authenticated:
        if request.method == "POST":
            return _join(request, token, _user(request))
        return render(request, "organizations/invitation.html", {"invitation": found})
    has_account = User.objects.filter(email__iexact=found.email).exists()
    form = None if has_account else SignUpForm(_data(request), fixed_email=found.email)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # no account is left behind if joining fails
                user = create_account(
                    email=found.email,
                    display_name=form.cleaned_data["display_name"],
                    password=form.cleaned_data["password1"],
                )
                accepted = invitations.accept(token, user)
        except InvitationError as error:
            return _refused(request, error)
        login(request, user, backend=_BACKEND)
        return _joined(request, accepted)
    context = {"invitation": found, "form": form, "has_account": has_account}
    status = 400 if request.method == "POST" else 200
    return render(request, "organizations/invitation.html", context, status=status)


def _join(request: HttpRequest, token: str, user: User) -> HttpResponse:
    try:
        accepted = invitations.accept(token, user)
    except InvitationError as error:
        return _refused(request, error)
    return _joined(request, accepted)


def _joined(request: HttpRequest, accepted: Invitation) -> HttpResponse:
    messages.success(
        request,
        _("You joined %(name)s as %(role)s.")
        % {"name": accepted.organization.name, "role": accepted.get_role_display()},
    )
    return redirect("organizations:overview", org=accepted.organization.slug)
