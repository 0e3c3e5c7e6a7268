"""Members an organisation requires a second factor of are sent to enrol first.

Every organisation page names its organisation in the URL (``<slug:org>``), so one
middleware guards them all, including pages added later: before such a view runs, an
admin or issuer officer of an organisation that requires two-factor sign-in, without a
second factor of their own, is redirected to the set-up page (and back afterwards).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from microcred.accounts import two_factor_rule
from microcred.accounts.models import User


class TwoFactorGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        slug = kwargs.get("org")
        user = getattr(request, "user", None)
        match = request.resolver_match
        if not isinstance(slug, str) or not isinstance(user, User):
            return None
        if match is None or not match.namespace:  # public documents (did.json) stay open
            return None
        if not two_factor_rule.current().must_enrol(user, slug):
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:two_factor_setup')}?{query}")
