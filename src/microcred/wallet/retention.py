"""Personal data is kept only as long as its purpose needs (docs/privacy.md, KVKK art. 4(2)(d)).

Each rule deletes exactly what is past its period, counted from a date the row records:

- an award nobody saved to a passport keeps its learner's e-mail address
  ``MICROCRED_RETAIN_UNCLAIMED_EMAIL_DAYS`` after it was issued; then the address is erased
  (the credential itself carries only a salted hash of it, so it stays verifiable and an
  account that confirmed the address can still claim it);
- a share link that expired or was withdrawn is deleted ``MICROCRED_RETAIN_ENDED_SHARES_DAYS``
  later (the learner sees for a while that it ended);
- an audit event is deleted ``MICROCRED_RETAIN_AUDIT_YEARS`` after it happened;
- a counter of failed attempts (it names an address or an IP address) is deleted a day
  after its window started.

Unconfirmed accounts expire on their own schedule (``accounts.expiry``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from microcred.accounts.models.throttle import ThrottleCounter
from microcred.issuing.models import AuditEvent, Award
from microcred.wallet.models import Claim, ShareLink

#: Defaults of the settings named above.
UNCLAIMED_EMAIL_DAYS, ENDED_SHARES_DAYS, AUDIT_YEARS = 365, 30, 10
COUNTER_DAYS = 1


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def erase_unclaimed_emails(now: datetime) -> int:
    cutoff = now - timedelta(
        days=_setting("MICROCRED_RETAIN_UNCLAIMED_EMAIL_DAYS", UNCLAIMED_EMAIL_DAYS)
    )
    claimed = Claim.objects.filter(award_public_id=OuterRef("public_id"))
    due = (
        Award.objects.filter(created__lt=cutoff).exclude(learner_email="").exclude(Exists(claimed))
    )
    return due.update(learner_email="")


def delete_ended_shares(now: datetime) -> int:
    cutoff = now - timedelta(days=_setting("MICROCRED_RETAIN_ENDED_SHARES_DAYS", ENDED_SHARES_DAYS))
    ended = ShareLink.objects.filter(Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff))
    return ended.delete()[1].get(ShareLink._meta.label, 0)


def delete_old_audit_events(now: datetime) -> int:
    years = _setting("MICROCRED_RETAIN_AUDIT_YEARS", AUDIT_YEARS)
    cutoff = now - timedelta(days=round(365.25 * years))
    return AuditEvent.objects.filter(at__lt=cutoff).delete()[0]


def delete_stale_counters(now: datetime) -> int:
    cutoff = now - timedelta(days=COUNTER_DAYS)
    return ThrottleCounter.objects.filter(window_start__lt=cutoff).delete()[0]


def apply_retention(now: datetime | None = None) -> dict[str, int]:
    """Every rule once; how many rows each erased or deleted."""
    moment = now or timezone.now()
    return {
        "unclaimed_emails": erase_unclaimed_emails(moment),
        "share_links": delete_ended_shares(moment),
        "audit_events": delete_old_audit_events(moment),
        "counters": delete_stale_counters(moment),
    }
