"""Accounts for an address a link has proved: the award e-mail's claim link.

The claim link was mailed to the learner's address, so whoever opens it has shown control
of that mailbox, as a confirmation link would. The claim page may therefore make an
account whose address is confirmed at once, or confirm the address of the account signed
in. It never takes over a confirmed account: a forwarded link is not a password.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from microcred.accounts import emails, expiry
from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from microcred.accounts.services import sign_up


def owner_of(address: str) -> User | None:
    """The account that holds ``address``: the one that confirmed it, else the one signed
    up with it — unless that one never confirmed anything and holds nothing (it is the
    kind of account that expires, so the link holder may take the address)."""
    address = emails.normalise(address)
    confirmed = EmailAddress.objects.filter(email=address, verified_at__isnull=False).first()
    if confirmed is not None:
        return confirmed.user
    holder = User.objects.filter(email__iexact=address).first()
    if holder is None or _abandoned(holder):
        return None
    return holder


def _abandoned(user: User) -> bool:
    return expiry.abandoned_accounts().filter(pk=user.pk).exists()


@transaction.atomic
def create_confirmed(*, email: str, display_name: str, password: str) -> User:
    """A new account with ``email`` confirmed (a never-confirmed, empty account holding the
    address is deleted first)."""
    address = emails.normalise(email)
    stale = expiry.abandoned_accounts().filter(email__iexact=address)
    User.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
    user = sign_up(email=address, display_name=display_name, password=password)
    EmailAddress.objects.create(user=user, email=address, verified_at=timezone.now())
    return user


def confirm(user: User, email: str) -> EmailAddress:
    """Mark ``email`` confirmed for ``user``; EmailVerificationError if another account
    confirmed it first."""
    row = emails.add_address(user, email)
    if row.verified_at is None:
        row.verified_at = timezone.now()
        row.save(update_fields=["verified_at"])
    return row
