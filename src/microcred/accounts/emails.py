"""Proving that an e-mail address belongs to an account: a signed, expiring link.

The link carries the address itself, signed with Django's ``TimestampSigner`` (the
project's SECRET_KEY, a purpose-specific salt): nothing is stored until it is opened,
a changed link fails the signature, and an old one fails ``max_age``. Only verified
addresses count when a learner claims a credential issued to an e-mail hash.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.accounts.models_email import EmailAddress
from microcred.vc import VcError

_SALT = "microcred.accounts.email-verification"
#: How long a verification link works (seconds); ``MICROCRED_EMAIL_LINK_MAX_AGE`` overrides.
DEFAULT_MAX_AGE = 3 * 24 * 3600
#: Links mailed to one address per hour; ``MICROCRED_EMAIL_LINKS_PER_HOUR`` overrides.
DEFAULT_LINKS_PER_HOUR = 5


class EmailVerificationError(VcError):
    """A verification link or an address that cannot be accepted (``code`` says why)."""


def max_age() -> int:
    return int(getattr(settings, "MICROCRED_EMAIL_LINK_MAX_AGE", DEFAULT_MAX_AGE))


def normalise(email: str) -> str:
    return email.strip().lower()


def addresses_of(user: User) -> list[EmailAddress]:
    return list(EmailAddress.objects.filter(user=user).order_by("created", "pk"))


def verified_emails(user: User) -> list[str]:
    """The addresses this account has proved it owns."""
    rows = EmailAddress.objects.filter(user=user, verified_at__isnull=False)
    return list(rows.order_by("email").values_list("email", flat=True))


def add_address(user: User, email: str) -> EmailAddress:
    """The user's row for ``email`` (new or existing); refused if another account owns it."""
    address = normalise(email)
    taken = EmailAddress.objects.filter(email=address, verified_at__isnull=False)
    if taken.exclude(user=user).exists():
        raise EmailVerificationError(
            _("This address is already verified by another account."), code="email_taken"
        )
    row, _created = EmailAddress.objects.get_or_create(user=user, email=address)
    return row


def make_token(row: EmailAddress) -> str:
    return signing.dumps({"u": row.user_id, "e": row.email}, salt=_SALT, compress=True)


def links_per_hour() -> int:
    return int(getattr(settings, "MICROCRED_EMAIL_LINKS_PER_HOUR", DEFAULT_LINKS_PER_HOUR))


@transaction.atomic
def _within_budget(row: EmailAddress) -> bool:
    """Count one more link to ``row.email``; False once the hour's budget is spent.

    Counted per address across accounts, not per account: anyone can add anyone's
    address to a fresh account, so a per-account limit would still let the site be used
    to flood a stranger's inbox. Kept in the database so every server process agrees.
    """
    now = timezone.now()
    since = now - timedelta(hours=1)
    rows = list(EmailAddress.objects.select_for_update().filter(email=row.email))
    recent = [r for r in rows if r.links_since is not None and r.links_since > since]
    if sum(r.links_sent for r in recent) >= links_per_hour():
        return False
    mine = next(r for r in rows if r.pk == row.pk)
    if mine in recent:
        mine.links_sent += 1
    else:
        mine.links_sent, mine.links_since = 1, now
    mine.save(update_fields=["links_sent", "links_since"])
    return True


def send_verification(row: EmailAddress, *, base_url: str, next_url: str = "") -> bool:
    """Mail a link to ``row.email``; ``base_url`` is scheme + host, e.g. from the request.
    False (and nothing sent) when the address has had its hourly number of links."""
    if not _within_budget(row):
        return False
    link = base_url + reverse("accounts:email_confirm", kwargs={"token": make_token(row)})
    if next_url:
        link += "?" + urlencode({"next": next_url})
    context = {"link": link, "email": row.email, "days": max(1, max_age() // 86400)}
    body = render_to_string("accounts/email/verify.txt", context)
    subject = _("Confirm your e-mail address")
    send_mail(subject, body, None, [row.email])
    return True


def read_token(token: str) -> tuple[int, str]:
    """The (user id, address) a link names; precise errors for expired and altered links."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise EmailVerificationError(
            _("This link has expired. Ask for a new one from your account's e-mail page."),
            code="email_link_expired",
        ) from None
    except signing.BadSignature:
        raise EmailVerificationError(
            _("This link is not valid. Copy the whole link from the e-mail, or ask for a new one."),
            code="email_link_invalid",
        ) from None
    return int(data["u"]), str(data["e"])


@transaction.atomic
def confirm(token: str, user: User) -> EmailAddress:
    """Mark the link's address verified for ``user`` (who must be the one it was sent for)."""
    user_id, email = read_token(token)
    if user_id != user.pk:
        raise EmailVerificationError(
            _("This link was sent for another account. Sign in with that account to use it."),
            code="email_link_wrong_account",
        )
    row = add_address(user, email)
    if row.verified_at is None:
        row.verified_at = timezone.now()
        try:
            with transaction.atomic():
                row.save(update_fields=["verified_at"])
        except IntegrityError:
            raise EmailVerificationError(
                _("This address is already verified by another account."), code="email_taken"
            ) from None
    return row


def register_primary(user: User, *, base_url: str, next_url: str = "") -> EmailAddress:
    """At sign-up: the account's own address, unverified until its link is opened."""
    row = add_address(user, user.email)
    send_verification(row, base_url=base_url, next_url=next_url)
    return row
