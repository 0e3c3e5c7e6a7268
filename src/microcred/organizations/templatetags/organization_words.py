"""Token scopes in words on the admin's pages (the API and the database keep the codes)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from microcred.organizations.tokens import Scope

register = template.Library()


@register.filter
def scope_labels(scopes: Iterable[str]) -> str:
    """ "Issue micro-credentials; Read awards and specifications" for ["issue", "read"]."""
    return "; ".join(str(Scope.LABELS.get(scope, scope)) for scope in scopes)
