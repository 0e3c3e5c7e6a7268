"""The organisation admin's page for issuing under the organisation's own domain.

Thin: ``domains`` decides. Each step is a POST that reads something back from the domain
(over HTTPS, through the SSRF-safe fetcher) and says precisely what it found.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from microcred.accounts.models import User
from microcred.organizations import domains, keys
from microcred.organizations.access import OrgContext, org_view
from microcred.organizations.errors import DomainError
from microcred.organizations.models.domains import OwnDomain
from microcred.organizations.roles import Role

_ERRORS = {
    "organizations.domain_invalid": gettext_lazy(
        "Give the domain name alone, for example odtu.edu.tr."
    ),
    "organizations.domain_taken_elsewhere": gettext_lazy(
        "Another organisation on this platform has already proven this domain."
    ),
    "organizations.domain_challenge_unreachable": gettext_lazy(
        "The verification file could not be read from the domain over HTTPS. Check that it is "
        "published at the address below, with a valid certificate and as JSON."
    ),
    "organizations.domain_challenge_mismatch": gettext_lazy(
        "The verification file was found, but it does not hold this organisation's token."
    ),
    "organizations.domain_not_proven": gettext_lazy("Prove the domain first."),
    "organizations.domain_did_unreachable": gettext_lazy(
        "The DID document could not be read from the domain over HTTPS. Publish the file "
        "below at the address shown, as JSON."
    ),
    "organizations.domain_did_not_current": gettext_lazy(
        "The DID document on the domain does not authorise your current signing key (or "
        "still authorises a withdrawn one). Download it again and replace the published copy."
    ),
    "organizations.no_signing_key": gettext_lazy("Create a signing key first (Signing keys page)."),
}


class ClaimForm(forms.Form):
    domain = forms.CharField(
        label=gettext_lazy("Your domain"),
        max_length=253,
        help_text=gettext_lazy("For example odtu.edu.tr: the name your institution controls."),
    )


def _problem(error: DomainError) -> str:
    return str(_ERRORS.get(error.code, _("That did not work: %(code)s") % {"code": error.code}))


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _page_url(org: OrgContext) -> str:
    return reverse("organizations:domain", kwargs={"org": org.organization.slug})


def _record(org: OrgContext, domain: str) -> OwnDomain:
    record = OwnDomain.objects.filter(organization=org.organization, domain=domain).first()
    if record is None:
        raise Http404
    return record


@org_view(Role.ADMIN)
@require_safe
@never_cache
def domain_page(request: HttpRequest, org: OrgContext) -> HttpResponse:
    return render(request, "organizations/domain.html", _context(org, ClaimForm()))


def _context(org: OrgContext, form: ClaimForm) -> dict[str, Any]:
    organization = org.organization
    records = list(OwnDomain.objects.filter(organization=organization))
    active = keys.active_key(organization)
    return {
        "org": org,
        "form": form,
        "platform_did": keys.platform_did(organization),
        "issuing_did": keys.did_for(organization),
        "claims": [
            {
                "record": r,
                "challenge_url": domains.challenge_url(r.domain),
                "did": domains.domain_did(r.domain),
                "did_url": f"https://{r.domain}/.well-known/did.json",
                "did_current": bool(
                    r.did_checked_at and active and r.did_checked_key == active.fragment
                ),
            }
            for r in records
        ],
    }


@org_view(Role.ADMIN)
@require_POST
def domain_claim(request: HttpRequest, org: OrgContext) -> HttpResponse:
    form = ClaimForm(request.POST)
    if form.is_valid():
        try:
            domains.claim(org.organization, form.cleaned_data["domain"], by=_user(request))
        except DomainError as error:
            form.add_error("domain", _problem(error))
        else:
            return HttpResponseRedirect(_page_url(org))
    return render(request, "organizations/domain.html", _context(org, form), status=400)


def _step(request: HttpRequest, org: OrgContext, domain: str, done: str, step: Any) -> HttpResponse:
    record = _record(org, domain)
    try:
        step(record)
    except DomainError as error:
        messages.error(request, _problem(error))
    else:
        messages.success(request, done)
    return HttpResponseRedirect(_page_url(org))


@org_view(Role.ADMIN)
@require_POST
def domain_prove(request: HttpRequest, org: OrgContext, domain: str) -> HttpResponse:
    done = _("The domain is proven: the verification file holds your token.")
    return _step(request, org, domain, done, domains.check_challenge)


@org_view(Role.ADMIN)
@require_POST
def domain_check_did(request: HttpRequest, org: OrgContext, domain: str) -> HttpResponse:
    done = _("The DID document on the domain is current.")
    return _step(request, org, domain, done, domains.check_did_document)


@org_view(Role.ADMIN)
@require_POST
def domain_use(request: HttpRequest, org: OrgContext, domain: str) -> HttpResponse:
    on = request.POST.get("use") == "1"
    done = (
        _("From now on your micro-credentials are issued under your own domain.")
        if on
        else _("From now on your micro-credentials are issued under the platform's identifier.")
    )
    return _step(request, org, domain, done, lambda r: domains.use_for_issuing(r, on=on))


def _attachment(document: dict[str, Any], name: str) -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@org_view(Role.ADMIN)
@require_safe
def domain_challenge_file(request: HttpRequest, org: OrgContext, domain: str) -> HttpResponse:
    record = _record(org, domain)
    return _attachment(domains.challenge_document(record), "microcred-domain.json")


@org_view(Role.ADMIN)
@require_safe
def domain_did_file(request: HttpRequest, org: OrgContext, domain: str) -> HttpResponse:
    record = _record(org, domain)
    if keys.active_key(org.organization) is None:
        messages.error(request, _problem(DomainError("", code="organizations.no_signing_key")))
        return HttpResponseRedirect(_page_url(org))
    did = domains.domain_did(record.domain)
    return _attachment(keys.did_document(org.organization, did=did), "did.json")
