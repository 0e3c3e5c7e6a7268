"""API tokens: a program's credential to act for one organisation within named scopes.

A token reads ``mc_<prefix>_<secret>``. The prefix (8 hex characters) is public and finds
the row; the database keeps only the SHA-256 of the whole token, compared in constant time.
The plain token exists once, in the response that created it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import User
from microcred.organizations.models import Organization
from microcred.organizations.models_people import ApiToken
from microcred.organizations.services import OrganizationError, ScopeError


class Scope:
    """What a token may do (plain strings, so the API and the database share them)."""

    ISSUE = "issue"
    REVOKE = "revoke"
    READ = "read"

    ALL: tuple[str, ...] = (ISSUE, REVOKE, READ)
    LABELS = {  # noqa: RUF012 - a constant table
        ISSUE: _("Issue micro-credentials"),
        REVOKE: _("Revoke or suspend micro-credentials"),
        READ: _("Read awards and specifications"),
    }


_PREFIX = "mc_"


class PlainToken:
    """A freshly made token; its ``repr`` hides the secret so logs never carry it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "PlainToken('**********')"

    __str__ = __repr__


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """What an authenticated token allows: act for ``organization`` within ``scopes``."""

    organization: Organization
    scopes: frozenset[str]
    token_id: str


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _split(raw: str) -> str | None:
    """The public prefix of a well-formed token, else None."""
    if not raw.startswith(_PREFIX):
        return None
    prefix, sep, secret = raw[len(_PREFIX) :].partition("_")
    if not sep or len(prefix) != 8 or not secret:
        return None
    return prefix


def create_token(
    organization: Organization, *, name: str, scopes: Iterable[str], created_by: User | None
) -> tuple[ApiToken, PlainToken]:
    """Make a token; the returned plain token is the only copy there will ever be.

    ``created_by`` is None for a token the platform operator made (``manage.py
    create_token``): nobody's membership then bounds its life, only its revocation.
    """
    chosen = sorted(set(scopes))
    unknown = set(chosen) - set(Scope.ALL)
    if not chosen or unknown:
        raise OrganizationError(str(_("Choose at least one valid scope.")), code="bad_scope")
    for _attempt in range(5):  # a prefix collision (1 in 4 billion) just draws again
        prefix = secrets.token_hex(4)
        raw = f"{_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    organization=organization,
                    name=name,
                    prefix=prefix,
                    secret_hash=digest(raw),
                    scopes=chosen,
                    created_by=created_by,
                )
        except IntegrityError:
            continue
        return token, PlainToken(raw)
    raise OrganizationError(str(_("Could not create a token; try again.")), code="token_prefix")


def tokens_of(organization: Organization) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organization=organization).order_by("-created")


def revoke_token(organization: Organization, public_id: str) -> ApiToken | None:
    """Revoke a token of ``organization`` (None if it has no such token)."""
    token = ApiToken.objects.filter(organization=organization, public_id=public_id).first()
    if token is not None and token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate_token(raw: str) -> TokenGrant | None:
    """The grant of a valid, unrevoked token, else None; records when it was last used."""
    prefix = _split(raw.strip())
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("organization").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(digest(raw.strip()), token.secret_hash):
        return None
    if token.revoked_at is not None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return TokenGrant(
        organization=token.organization, scopes=frozenset(token.scopes), token_id=token.public_id
    )


def require_scope(grant: TokenGrant, scope: str) -> None:
    """Refuse (ScopeError) unless the grant includes ``scope``."""
    if scope not in Scope.ALL:
        raise ValueError(f"unknown scope {scope!r}")
    if scope not in grant.scopes:
        raise ScopeError(
            str(_("This token does not have the “%(scope)s” scope.")) % {"scope": scope}
        )
