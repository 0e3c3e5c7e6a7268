"""Pages of the web project itself (the verify page lives in the verification app)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF page is English and technical; ours says what to do, in both languages."""
    return render(request, "web/csrf_failure.html", status=403)
