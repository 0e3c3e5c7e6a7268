"""The privacy notice (KVKK aydınlatma metni) and the terms of use, in plain words.

The operator names the contact for personal-data requests in ``MICROCRED_PRIVACY_CONTACT``
(an e-mail address or postal address); until then the pages say that none is set.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


def _context() -> dict[str, object]:
    return {
        "contact": str(getattr(settings, "MICROCRED_PRIVACY_CONTACT", "") or ""),
        "unclaimed_days": int(getattr(settings, "MICROCRED_RETAIN_UNCLAIMED_EMAIL_DAYS", 365)),
        "share_days": int(getattr(settings, "MICROCRED_RETAIN_ENDED_SHARES_DAYS", 30)),
        "audit_years": int(getattr(settings, "MICROCRED_RETAIN_AUDIT_YEARS", 10)),
        "unconfirmed_days": int(getattr(settings, "MICROCRED_UNVERIFIED_ACCOUNT_DAYS", 7)),
    }


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy.html", _context())


@require_safe
def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/terms.html", _context())
