"""The accounts app's models, one concept per module; import them from here.

``user`` (the person who signs in), ``email`` (their verified addresses), ``throttle``
(sign-in attempt counters), ``two_factor`` (devices, recovery codes, the organisations'
rule).
"""

from microcred.accounts.models.email import EmailAddress
from microcred.accounts.models.throttle import ThrottleCounter
from microcred.accounts.models.two_factor import (
    OrganizationTwoFactor,
    RecoveryCode,
    TwoFactorDevice,
)
from microcred.accounts.models.user import User, UserManager

__all__ = [
    "EmailAddress",
    "OrganizationTwoFactor",
    "RecoveryCode",
    "ThrottleCounter",
    "TwoFactorDevice",
    "User",
    "UserManager",
]
