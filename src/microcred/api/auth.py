"""Bearer tokens: the token names the organisation; scopes are checked per endpoint."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from microcred.organizations.tokens import TokenGrant, authenticate_token, require_scope


class TokenAuth(HttpBearer):
    """``Authorization: Bearer mc_…``; an unknown or revoked token is a 401."""

    def authenticate(self, request: HttpRequest, token: str) -> TokenGrant | None:
        return authenticate_token(token)


def grant_for(request: HttpRequest, scope: str) -> TokenGrant:
    """The request's grant, refused (403 via ``ScopeError``) without ``scope``."""
    grant = request.auth  # type: ignore[attr-defined]
    assert isinstance(grant, TokenGrant)
    require_scope(grant, scope)
    return grant
