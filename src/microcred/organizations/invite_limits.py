"""How many invitations an organisation, and a person, may send in an hour.

Each invitation is an e-mail to an address the sender chose; without a limit one admin
account sent 30 in a second and a half, which makes the site a spam relay. Counted per
organisation and per sender (``accounts.throttle``, in the database): a person who admins
several organisations gets no more than one budget.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from microcred.accounts import throttle
from microcred.accounts.models import User
from microcred.organizations.models import Organization

#: Default for ``MICROCRED_INVITATIONS_PER_HOUR``.
PER_HOUR = 20


def _keys(organization: Organization, user: User) -> list[str]:
    return [f"invite:org:{organization.pk}", f"invite:user:{user.pk}"]


def spend(organization: Organization, user: User) -> int:
    """Count one invitation: 0 when allowed, else seconds until one more may be sent."""
    limit = throttle.Limit(
        int(getattr(settings, "MICROCRED_INVITATIONS_PER_HOUR", PER_HOUR)), timedelta(hours=1)
    )
    keys = _keys(organization, user)
    wait = max(throttle.wait_seconds(key, limit) for key in keys)
    if wait == 0:
        for key in keys:
            throttle.record(key, limit)
    return wait
