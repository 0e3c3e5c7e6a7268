"""Two-factor sign-in with an authenticator app, recovery codes, and the organisation rule.

A code is accepted once (the device remembers the last time step used), within one step of
clock drift either way. Recovery codes are one-time and kept only as hashes; new ones
replace all old ones. Organisation admins may require a second factor of the admins and
issuer officers of their organisation (``OrganizationTwoFactor``); those members cannot
turn theirs off while it is required, and members without one are sent to enrol first
(``two_factor_gate``).
"""

from __future__ import annotations

import secrets
import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts import totp
from microcred.accounts.models import User
from microcred.accounts.models_two_factor import (
    OrganizationTwoFactor,
    RecoveryCode,
    TwoFactorDevice,
)
from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role
from microcred.vc import VcError

#: Roles an organisation's rule applies to: those who can sign in the organisation's name.
GUARDED_ROLES = (Role.ADMIN, Role.ISSUER)
RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed


class TwoFactorError(VcError):
    """A code or a change that cannot be accepted (``code`` says why)."""


def is_enabled(user: User) -> bool:
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def start_enrolment(user: User) -> TwoFactorDevice:
    """An unconfirmed device with a fresh secret (an unfinished earlier one is replaced)."""
    if is_enabled(user):
        raise TwoFactorError(_("Two-factor sign-in is already on."), code="two_factor_on")
    TwoFactorDevice.objects.filter(user=user).delete()
    return TwoFactorDevice.objects.create(user=user, secret=totp.new_secret())


def pending_device(user: User) -> TwoFactorDevice | None:
    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=True).first()


@transaction.atomic
def confirm_enrolment(user: User, code: str, *, now: float | None = None) -> list[str]:
    """Turn the pending device on once ``code`` proves the app has its secret; returns the
    recovery codes, to be shown once."""
    device = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
    if device is None or device.confirmed_at is not None:
        raise TwoFactorError(_("Start the set-up again."), code="two_factor_no_enrolment")
    step = totp.matching_step(totp.secret_bytes(device.secret), code, _now(now))
    if step is None:
        raise _wrong_code()
    device.confirmed_at, device.last_step = timezone.now(), step
    device.save(update_fields=["confirmed_at", "last_step"])
    return new_recovery_codes(user)


def _now(now: float | None) -> float:
    return time.time() if now is None else now


def _wrong_code() -> TwoFactorError:
    return TwoFactorError(
        _("That code is not right. Type the six digits your app shows now, or a recovery code."),
        code="two_factor_wrong_code",
    )


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Ten new one-time codes (``xxxxx-xxxxx``); every earlier code stops working."""
    RecoveryCode.objects.filter(user=user).delete()
    codes = []
    for _i in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_ALPHABET) for _j in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=totp.hash_code(c)) for c in codes
    )
    return codes


def remaining_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def check(user: User, code: str, *, now: float | None = None) -> None:
    """Accept a current authenticator code (once) or an unused recovery code (spent now);
    TwoFactorError otherwise."""
    candidate = code.strip().replace(" ", "")
    if candidate.isdigit():
        if _check_totp(user, candidate, _now(now)):
            return
    elif _spend_recovery_code(user, candidate):
        return
    raise _wrong_code()


@transaction.atomic
def _check_totp(user: User, code: str, now: float) -> bool:
    device = (
        TwoFactorDevice.objects.select_for_update()
        .filter(user=user, confirmed_at__isnull=False)
        .first()
    )
    if device is None:
        return False
    step = totp.matching_step(totp.secret_bytes(device.secret), code, now)
    if step is None or step <= device.last_step:  # a code already used does not work again
        return False
    device.last_step = step
    device.save(update_fields=["last_step"])
    return True


def _spend_recovery_code(user: User, code: str) -> bool:
    spent = RecoveryCode.objects.filter(
        user=user, code_hash=totp.hash_code(code), used_at__isnull=True
    ).update(used_at=timezone.now())
    return spent == 1


def disable(user: User) -> None:
    """Turn the second factor off, unless an organisation of the user requires it."""
    if requiring_organizations(user):
        raise TwoFactorError(
            _("An organisation you act for requires two-factor sign-in; it cannot be turned off."),
            code="two_factor_required",
        )
    TwoFactorDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()


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
            code="two_factor_admin_first",
        )
    OrganizationTwoFactor.objects.get_or_create(organization=organization, defaults={"set_by": by})
