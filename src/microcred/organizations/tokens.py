"""API tokens: a program's credential to act for one organisation within named scopes.

A token reads ``mc_<prefix>_<secret>``. The prefix (8 hex characters) is public and finds
the row; the database keeps only the SHA-256 of the whole token, compared in constant time.
The plain token exists once, in the response that created it.

A token acts on its creator's authority: once the creator is no longer an admin of the
organisation (removed, another role, account deactivated or deleted), the token stops
working and the tokens page shows it as inactive.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import User
from microcred.infra.token_digest import token_digest
from microcred.organizations.errors import InactiveTokenError, OrganizationError, ScopeError
from microcred.organizations.models import Membership, Organization
from microcred.organizations.models.people import ApiToken
from microcred.organizations.roles import Role

#: Who may create tokens (the tokens pages are for organisation admins), and so hold them.
TOKEN_ROLES = (Role.ADMIN,)


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
    token_name: str = ""
    #: Who created the token and answers for what it does (named in the audit log).
    created_by: User | None = None


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
    by_operator = created_by is None
    chosen = sorted(set(scopes))
    unknown = set(chosen) - set(Scope.ALL)
    if not chosen or unknown:
        raise OrganizationError(
            str(_("Choose at least one valid scope.")), code="organizations.bad_scope"
        )
    for _attempt in range(5):  # a prefix collision (1 in 4 billion) just draws again
        prefix = secrets.token_hex(4)
        raw = f"{_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    organization=organization,
                    name=name,
                    prefix=prefix,
                    secret_hash=token_digest(raw),
                    scopes=chosen,
                    created_by=created_by,
                    by_operator=by_operator,
                )
        except IntegrityError:
            continue
        return token, PlainToken(raw)
    raise OrganizationError(
        str(_("Could not create a token; try again.")), code="organizations.token_prefix"
    )


def _with_creator_check(tokens: QuerySet[ApiToken]) -> QuerySet[ApiToken]:
    """Annotate ``creator_authorised``: the creator is active and an admin of the token's
    organisation, or an active platform admin; or the operator made it."""
    holds_role = Membership.objects.filter(
        organization=OuterRef("organization"), user=OuterRef("created_by"), role__in=TOKEN_ROLES
    )
    authorised = Q(by_operator=True) | (
        Q(created_by__is_active=True) & (Q(Exists(holds_role)) | Q(created_by__is_superuser=True))
    )
    return tokens.annotate(
        creator_authorised=ExpressionWrapper(authorised, output_field=BooleanField())
    )


def tokens_of(organization: Organization) -> QuerySet[ApiToken]:
    """The organisation's tokens, newest first, each with ``creator_authorised``."""
    tokens = ApiToken.objects.filter(organization=organization).select_related("created_by")
    return _with_creator_check(tokens).order_by("-created")


def revoke_token(organization: Organization, public_id: str) -> ApiToken | None:
    """Revoke a token of ``organization`` (None if it has no such token)."""
    token = ApiToken.objects.filter(organization=organization, public_id=public_id).first()
    if token is not None and token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate_token(raw: str) -> TokenGrant | None:
    """The grant of a valid, unrevoked token, else None; records when it was last used.

    Raises InactiveTokenError for a genuine token whose creator lost the authority to hold
    it, so the caller learns why rather than seeing an unknown token.
    """
    prefix = _split(raw.strip())
    if prefix is None:
        return None
    found = ApiToken.objects.select_related("organization", "created_by").filter(prefix=prefix)
    token = _with_creator_check(found).first()
    if token is None or not hmac.compare_digest(token_digest(raw.strip()), token.secret_hash):
        return None
    if token.revoked_at is not None:
        return None
    if not token.creator_authorised:  # type: ignore[attr-defined]
        raise InactiveTokenError(
            str(
                _(
                    "This token's creator is no longer an admin of the organisation, so the "
                    "token no longer works. An admin can create a new one."
                )
            )
        )
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return TokenGrant(
        organization=token.organization,
        scopes=frozenset(token.scopes),
        token_id=token.public_id,
        token_name=token.name,
        created_by=token.created_by,
    )


def require_scope(grant: TokenGrant, scope: str) -> None:
    """Refuse (ScopeError) unless the grant includes ``scope``."""
    if scope not in Scope.ALL:
        raise ValueError(f"unknown scope {scope!r}")
    if scope not in grant.scopes:
        raise ScopeError(
            str(_("This token does not have the “%(scope)s” scope.")) % {"scope": scope}
        )
