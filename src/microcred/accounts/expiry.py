"""Accounts whose address was never confirmed stop holding it after a week.

Anyone can sign up with anyone's address; until the link in the verification mail is
opened the account proves nothing, and without an end it would keep the address from its
real owner for good. An account that never confirmed its address, belongs to no
organisation and keeps nothing in its passport is deleted once it is
``MICROCRED_UNVERIFIED_ACCOUNT_DAYS`` old; the address can then be registered again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress

#: Default for ``MICROCRED_UNVERIFIED_ACCOUNT_DAYS``.
UNVERIFIED_DAYS = 7


def unverified_days() -> int:
    return int(getattr(settings, "MICROCRED_UNVERIFIED_ACCOUNT_DAYS", UNVERIFIED_DAYS))


def is_unverified(user: User) -> bool:
    """No address of this account has been confirmed."""
    return not EmailAddress.objects.filter(user=user, verified_at__isnull=False).exists()


def expired_accounts(now: datetime | None = None) -> QuerySet[User]:
    """Accounts signed up more than the allowed days ago that never confirmed an address.

    Only accounts made by the sign-up page (it records their address, unconfirmed) count:
    accounts from before address verification existed, or made from the command line,
    have no such row and are never touched.
    """
    cutoff = (now or timezone.now()) - timedelta(days=unverified_days())
    return abandoned_accounts().filter(date_joined__lt=cutoff)


def abandoned_accounts() -> QuerySet[User]:
    """Accounts signed up on the page that never confirmed an address, belong to no
    organisation and keep nothing in their passport, whatever their age."""
    own_address = EmailAddress.objects.filter(
        user=OuterRef("pk"), email=OuterRef("email"), verified_at__isnull=True
    )
    confirmed = EmailAddress.objects.filter(user=OuterRef("pk"), verified_at__isnull=False)
    return (
        User.objects.filter(is_staff=False, is_superuser=False)
        .filter(Exists(own_address))
        .exclude(Exists(confirmed))
        .exclude(memberships__isnull=False)
        .exclude(wallet_items__isnull=False)
        .distinct()
    )


def expire_unverified_accounts(now: datetime | None = None) -> int:
    """Delete the expired accounts; returns how many."""
    ids = list(expired_accounts(now).values_list("pk", flat=True))
    User.objects.filter(pk__in=ids).delete()
    return len(ids)


def awaits_confirmation(user: User) -> bool:
    """Signed up on the page and has not confirmed an address yet.

    Such an account may not found organisations or send invitations: otherwise anyone
    could sign up with a made-up address and use the site to mail strangers. Accounts made
    through an invitation link (the link reached that mailbox), from the command line or
    before verification existed have no pending address row and are not held back.
    """
    if user.is_superuser:
        return False
    own = EmailAddress.objects.filter(user=user, email=user.email, verified_at__isnull=True)
    return own.exists() and is_unverified(user)
