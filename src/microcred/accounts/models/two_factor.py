"""Two-factor sign-in: a TOTP authenticator, recovery codes, and organisations requiring it.

Personal data: ``TwoFactorDevice.secret`` (the shared TOTP secret; it must stay readable to
check codes, so it is kept like a password-equivalent: never shown again after enrolment,
never logged) and ``last_step`` (the last code's time step, so a code works once);
``RecoveryCode.code_hash`` (SHA-256 of a one-time code: the codes themselves are shown once
and never stored); ``OrganizationTwoFactor`` names who turned the rule on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TwoFactorDevice(models.Model):
    """A user's authenticator app; ``confirmed_at`` is set once a first code proved it works."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor"
    )
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    #: The time step of the last accepted code (RFC 6238 §5.2: a code is accepted once).
    last_step = models.BigIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)


class RecoveryCode(models.Model):
    """One of a user's one-time recovery codes, by hash; ``used_at`` once spent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_once")
        ]


class OrganizationTwoFactor(models.Model):
    """An organisation whose admins and issuer officers must sign in with a second factor."""

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="two_factor_rule"
    )
    required_since = models.DateTimeField(auto_now_add=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
