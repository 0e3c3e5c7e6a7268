"""Who may do what in an organisation: one decorator every organisation view goes through.

Rules (tested for every view that uses it):
- not signed in → redirect to sign-in;
- not a member of the organisation named in the URL → 404, as if it did not exist
  (another organisation's private resources are not even confirmed to exist);
- a member without one of the view's roles → 403;
- the platform admin (``is_superuser``) may act in any organisation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role

P = ParamSpec("P")


@dataclass(frozen=True, slots=True)
class OrgContext:
    """The organisation a request acts in, and the caller's roles there."""

    organization: Organization
    roles: frozenset[str]
    is_platform_admin: bool

    def has(self, *roles: Role) -> bool:
        return self.is_platform_admin or bool(self.roles & {str(r) for r in roles})


def resolve(request: HttpRequest, slug: str) -> OrgContext:
    """The caller's standing in organisation ``slug``; Http404 unless a member (or admin)."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionError("not signed in")
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise Http404
    roles = frozenset(
        Membership.objects.filter(organization=organization, user=user).values_list(
            "role", flat=True
        )
    )
    admin = bool(getattr(user, "is_superuser", False))
    if not roles and not admin:
        raise Http404
    return OrgContext(organization=organization, roles=roles, is_platform_admin=admin)


OrgView = Callable[Concatenate[HttpRequest, OrgContext, P], HttpResponseBase]


def org_view(*roles: Role) -> Callable[[OrgView[P]], Callable[..., HttpResponseBase]]:
    """Decorate a view ``(request, org, **kwargs)`` served under ``<slug:org>/``."""

    def decorate(view: OrgView[P]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, org: str, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            context = resolve(request, org)
            if roles and not context.has(*roles):
                raise PermissionDenied
            return view(request, context, *args, **kwargs)

        wrapper.allowed_roles = roles  # type: ignore[attr-defined]
        return wrapper

    return decorate
