"""An organisation may require a second factor of the people who sign in its name.

Admins and issuer officers of an organisation with the rule (``OrganizationTwoFactor``, kept
beside the devices in ``accounts``) cannot turn theirs off, and are sent to enrol before
they act for it (``accounts/two_factor_gate.py``). Sign-in asks through the hook accounts
defines (``accounts/two_factor_rule.py``); :class:`MembershipRule` answers, installed by
``OrganizationsConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from microcred.accounts.errors import TwoFactorError
from microcred.accounts.models import User
from microcred.accounts.models.two_factor import OrganizationTwoFactor
from microcred.accounts.two_factor import is_enabled
from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role

#: Roles an organisation's rule applies to: those who can sign in the organisation's name.
GUARDED_ROLES = (Role.ADMIN, Role.ISSUER)


def requiring_organizations(user: User) -> list[Organization]:
    """Organisations that require a second factor of this user (by the roles held there)."""
    guarded = Membership.objects.filter(user=user, role__in=[str(r) for r in GUARDED_ROLES])
    ids = guarded.values_list("organization_id", flat=True)
    rules = OrganizationTwoFactor.objects.filter(organization_id__in=ids)
    return [rule.organization for rule in rules.select_related("organization")]


def must_enrol(user: User, organization_slug: str) -> bool:
    """The organisation requires a second factor of this member, who has none yet."""
    rule = OrganizationTwoFactor.objects.filter(organization__slug=organization_slug)
    if not rule.exists():
        return False
    roles = [str(r) for r in GUARDED_ROLES]
    held = Membership.objects.filter(
        user=user, organization__slug=organization_slug, role__in=roles
    )
    return held.exists() and not is_enabled(user)


def is_required(organization: Organization) -> bool:
    return OrganizationTwoFactor.objects.filter(organization=organization).exists()


def set_required(organization: Organization, *, required: bool, by: User) -> None:
    """Turn the organisation's rule on or off; on only by an admin who has a second factor
    (otherwise the rule would at once send its author to enrol)."""
    if not required:
        OrganizationTwoFactor.objects.filter(organization=organization).delete()
        return
    if not is_enabled(by):
        raise TwoFactorError(
            _("Turn on two-factor sign-in for your own account first."),
            code="accounts.two_factor_admin_first",
        )
    OrganizationTwoFactor.objects.get_or_create(organization=organization, defaults={"set_by": by})


class MembershipRule:
    """The rule as accounts' sign-in and security page ask for it."""

    def requiring(self, user: User) -> Sequence[Organization]:
        return requiring_organizations(user)

    def must_enrol(self, user: User, organization_slug: str) -> bool:
        return must_enrol(user, organization_slug)

    def administered(self, user: User) -> Sequence[tuple[Organization, bool]]:
        admin_of = Membership.objects.filter(user=user, role=str(Role.ADMIN))
        return [
            (m.organization, is_required(m.organization))
            for m in admin_of.select_related("organization")
        ]
