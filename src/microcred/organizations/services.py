"""Organisations and their members: the decisions, kept out of views and models.

Errors form one small tree, so a view (or later the API) maps them to a response in
one place::

    OrganizationError          (.code, .message: translated, safe to show)
    ├── LastAdminError         an organisation would be left without an admin
    ├── NotAMemberError        the person named is not a member
    ├── InvitationError        unknown / expired / used / wrong account
    └── ScopeError             an API token lacks the scope an action needs
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import User
from microcred.organizations.errors import (
    LastAdminError,
    NotAMemberError,
    OrganizationError,
)
from microcred.organizations.models import Membership, Organization
from microcred.organizations.names import name_problem
from microcred.organizations.roles import Role


@dataclass(frozen=True, slots=True)
class MemberSummary:
    """A person in an organisation with every role they hold there."""

    user: User
    roles: tuple[str, ...]

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles]


@dataclass(frozen=True, slots=True)
class OrganizationSummary:
    """One of a user's organisations, with the user's roles in it."""

    organization: Organization
    roles: tuple[str, ...]

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles]


def _ordered(roles: Iterable[str]) -> tuple[str, ...]:
    order = list(Role.values)
    return tuple(sorted(set(roles), key=order.index))


@transaction.atomic
def create_organization(
    *,
    creator: User,
    name: str,
    slug: str,
    kind: str,
    country: str = "",
    website: str = "",
) -> Organization:
    """Create an organisation whose creator is its first admin (never an orphan).

    Self-service creates providers only, under a name no recognised organisation holds;
    quality-assurance bodies come from the operator (``registry.qa_bodies``).
    """
    if kind != Organization.Kind.PROVIDER:
        raise OrganizationError(
            str(_("Only the platform operator registers quality-assurance bodies.")),
            code="organizations.qa_body_by_operator_only",
        )
    problem = name_problem(name)
    if problem:
        raise OrganizationError(problem, code="organizations.name_reserved")
    organization = Organization.objects.create(
        name=name, slug=slug, kind=kind, country=country.upper(), website=website
    )
    Membership.objects.create(organization=organization, user=creator, role=Role.ADMIN)
    return organization


def organizations_of(user: User) -> list[OrganizationSummary]:
    """The organisations ``user`` belongs to, by name, with the roles held in each."""
    rows = Membership.objects.filter(user=user).select_related("organization")
    grouped: dict[int, tuple[Organization, list[str]]] = {}
    for row in rows:
        grouped.setdefault(row.organization_id, (row.organization, []))[1].append(row.role)
    summaries = [OrganizationSummary(org, _ordered(roles)) for org, roles in grouped.values()]
    return sorted(summaries, key=lambda s: s.organization.name.casefold())


def all_organizations() -> QuerySet[Organization]:
    """Every organisation (for the platform admin)."""
    return Organization.objects.order_by("name")


def members_of(organization: Organization) -> list[MemberSummary]:
    """The members of ``organization`` by e-mail address, with their roles."""
    rows = Membership.objects.filter(organization=organization).select_related("user")
    grouped: dict[int, tuple[User, list[str]]] = {}
    for row in rows:
        grouped.setdefault(row.user_id, (row.user, []))[1].append(row.role)
    summaries = [MemberSummary(user, _ordered(roles)) for user, roles in grouped.values()]
    return sorted(summaries, key=lambda s: s.user.email)


def _member(organization: Organization, email: str) -> User:
    user = User.objects.filter(
        email=email.strip().lower(), memberships__organization=organization
    ).first()
    if user is None:
        raise NotAMemberError(str(_("This person is not a member of the organisation.")))
    return user


def _other_admins(organization: Organization, user: User) -> bool:
    """Whether someone besides ``user`` is an admin (checked under a row lock)."""
    admins = Membership.objects.select_for_update().filter(
        organization=organization, role=Role.ADMIN
    )
    return admins.exclude(user=user).exists()


@transaction.atomic
def set_roles(organization: Organization, *, email: str, roles: Iterable[str]) -> MemberSummary:
    """Replace a member's roles; at least one role, and never remove the last admin."""
    wanted = set(_ordered(Role(role) for role in roles))
    if not wanted:
        raise OrganizationError(
            str(_("Choose at least one role, or remove the member instead.")),
            code="organizations.no_role",
        )
    user = _member(organization, email)
    if Role.ADMIN not in wanted and not _other_admins(organization, user):
        raise LastAdminError(
            str(_("%(email)s is the only admin. Make someone else an admin first."))
            % {"email": user.email}
        )
    current = Membership.objects.filter(organization=organization, user=user)
    current.exclude(role__in=wanted).delete()
    held = set(current.values_list("role", flat=True))
    for role in wanted - held:
        Membership.objects.create(organization=organization, user=user, role=role)
    return MemberSummary(user, _ordered(wanted))


@transaction.atomic
def remove_member(organization: Organization, *, email: str) -> User:
    """Remove every role a member holds; the last admin cannot be removed."""
    user = _member(organization, email)
    if not _other_admins(organization, user):
        is_admin = Membership.objects.filter(
            organization=organization, user=user, role=Role.ADMIN
        ).exists()
        if is_admin:
            raise LastAdminError(
                str(_("%(email)s is the only admin and cannot be removed.")) % {"email": user.email}
            )
    Membership.objects.filter(organization=organization, user=user).delete()
    return user


def add_role(organization: Organization, user: User, role: str) -> None:
    """Give ``user`` ``role`` in ``organization`` (nothing happens if already held)."""
    Membership.objects.get_or_create(organization=organization, user=user, role=Role(role))
