"""Signing up without telling strangers which addresses have accounts.

Whatever the address, the person who filled in the form sees the same page ("we sent you
a message") and is not signed in; only the mailbox learns what happened:

- a new address gets an account and a link to confirm it;
- an address an account has confirmed gets a note to its owner ("someone tried to sign up
  with your address; sign in instead"), and nothing changes;
- an address held by an account that never confirmed it gets that account's confirmation
  link again, to that address only — a squatter cannot take the address from its owner,
  and the unconfirmed account expires (``expiry``), freeing the address.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from microcred.accounts import emails, throttle
from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from microcred.accounts.services import sign_up

#: Notes to the owner of a taken address, at most this many an hour (no mail flood).
NOTICES_PER_HOUR = 3


class Outcome(StrEnum):
    CREATED = "created"
    RESENT = "resent"
    OWNER_TOLD = "owner_told"


def register(
    *, email: str, display_name: str, password: str, base_url: str, next_url: str = ""
) -> Outcome:
    """Create the account, or mail whoever holds the address; the caller answers alike."""
    address = emails.normalise(email)
    if EmailAddress.objects.filter(email=address, verified_at__isnull=False).exists():
        _tell_owner(address, base_url)
        return Outcome.OWNER_TOLD
    holder = User.objects.filter(email__iexact=address).first()
    if holder is None:
        try:
            with transaction.atomic():
                user = sign_up(email=address, display_name=display_name, password=password)
        except IntegrityError:  # the same address signed up a moment ago
            return Outcome.RESENT
        emails.register_primary(user, base_url=base_url, next_url=next_url)
        return Outcome.CREATED
    row, _created = EmailAddress.objects.get_or_create(user=holder, email=address)
    emails.send_verification(row, base_url=base_url, next_url=next_url)
    return Outcome.RESENT


def _tell_owner(address: str, base_url: str) -> None:
    budget = throttle.Limit(NOTICES_PER_HOUR, timedelta(hours=1))
    if throttle.spend(f"sign-up-notice:{address}", budget):
        return
    context = {"email": address, "sign_in": base_url + reverse("accounts:sign_in")}
    body = render_to_string("accounts/email/sign_up_attempt.txt", context)
    send_mail(_("Someone tried to sign up with your address"), body, None, [address])
