"""Key management pages for organisation admins: list, rotate, retire (thin: keys.py decides).

Only public facts are shown — fragment, status, dates, the public key. Forms post to URLs
relative to the list page, so the pages work wherever ``key_urls`` is included.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from microcred.accounts.models import User
from microcred.organizations import keys
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.errors import KeyManagementError
from microcred.organizations.models.keys import SigningKey
from microcred.organizations.roles import Role

_ERRORS = {
    "organizations.retire_reason_required": gettext_lazy("Say why the key is retired."),
    "organizations.retire_reason_too_long": gettext_lazy(
        "The reason is too long (1000 characters at most)."
    ),
    "organizations.retire_date_in_future": gettext_lazy(
        "The date cannot be in the future. To stop using a key from now on, rotate it."
    ),
    "organizations.key_already_retired": gettext_lazy("This key is already retired."),
}


class RetireKeyForm(forms.Form):
    effective = forms.DateTimeField(
        label=gettext_lazy("Withdrawn from (UTC)"),
        help_text=gettext_lazy(
            "When the key stopped being trustworthy, e.g. when it may have been copied."
        ),
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=keys.MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_effective(self) -> datetime:
        effective: datetime = self.cleaned_data["effective"]
        if effective > timezone.now():
            raise forms.ValidationError(_ERRORS["organizations.retire_date_in_future"])
        return effective


def _list_url(request: HttpRequest) -> str:
    """The list page: the request path up to and including ``keys/``."""
    head, marker, _rest = request.path.partition("/keys/")
    return head + marker


def _page(request: HttpRequest, org: OrgContext, **extra: Any) -> dict[str, Any]:
    organization = org.organization
    form = extra.pop("form", None) or RetireKeyForm(initial={"effective": _now_minute()})
    return {
        "org": org,
        "keys": keys.list_keys(organization),
        "did": keys.did_for(organization),
        "did_url": reverse("org_did_json", kwargs={"org": organization.slug}),
        "retire_form": form,
        "Status": SigningKey.Status,
        **extra,
    }


def _now_minute() -> str:
    return timezone.now().strftime("%Y-%m-%dT%H:%M")


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # org_view lets only signed-in users through
    return user


@org_view(Role.ADMIN)
@require_safe
@never_cache
def key_list(request: HttpRequest, org: OrgContext) -> HttpResponse:
    return render(request, "organizations/keys.html", _page(request, org))


@org_view(Role.ADMIN)
@require_POST
def rotate_key(request: HttpRequest, org: OrgContext) -> HttpResponse:
    new = keys.rotate(org.organization, by=_user(request))
    messages.success(
        request,
        _("New key %(fragment)s now signs; earlier keys stay valid.") % {"fragment": new.fragment},
    )
    return HttpResponseRedirect(_list_url(request))


@org_view(Role.ADMIN)
@require_POST
def retire_key(request: HttpRequest, org: OrgContext, key: str) -> HttpResponse:
    target = keys.find_key(org.organization, key)
    if target is None:
        raise Http404
    form = RetireKeyForm(request.POST)
    if form.is_valid():
        try:
            keys.retire(
                target,
                effective=form.cleaned_data["effective"],
                reason=form.cleaned_data["reason"],
                by=_user(request),
            )
        except KeyManagementError as exc:
            form.add_error(None, _ERRORS.get(exc.code, str(exc)))
        else:
            messages.success(
                request,
                _("Key %(fragment)s is retired. Credentials it signed no longer verify.")
                % {"fragment": target.fragment},
            )
            return HttpResponseRedirect(_list_url(request))
    context = _page(request, org, form=form, failed_key=target.public_id)
    return render(request, "organizations/keys.html", context, status=400)
