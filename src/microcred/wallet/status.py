"""A held credential's status in one word, with the issuer's reason and date.

Platform credentials: the issuer's own record (through :mod:`microcred.issuing.history`),
so the learner sees the reason the issuer stated. Imported ones: the last verification's
verdict. Nothing is ever hidden: a revoked credential stays in the passport, marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from microcred.issuing.history import AwardStatus
from microcred.vc.verify import VerificationReport

VALID, EXPIRED, SUSPENDED, REVOKED = "valid", "expired", "suspended", "revoked"
UNVERIFIED, NOT_YET_VALID = "unverified", "not_yet_valid"
LABELS: dict[str, Promise] = {
    VALID: _("Valid"),
    EXPIRED: _("Expired"),
    SUSPENDED: _("Suspended"),
    REVOKED: _("Revoked"),
    UNVERIFIED: _("Not verified"),
    NOT_YET_VALID: _("Not yet valid"),
}
#: Failure codes of the trust core that name a status rather than a forgery.
_FAILURE_STATUS = {"revoked": REVOKED, "suspended": SUSPENDED, "expired": EXPIRED}
_FAILURE_STATUS["not_yet_valid"] = NOT_YET_VALID


@dataclass(frozen=True, slots=True)
class ItemStatus:
    code: str
    reason: str = ""
    changed: datetime | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.code])

    @property
    def is_valid(self) -> bool:
        return self.code == VALID


def from_award(
    award: AwardStatus | None, *, valid_until: datetime | None, now: datetime
) -> ItemStatus:
    """The issuer's record first; an active award past its ``validUntil`` has expired."""
    if award is None:
        return ItemStatus(UNVERIFIED)
    if award.state in (REVOKED, SUSPENDED):
        return ItemStatus(award.state, award.reason, award.changed)
    if valid_until is not None and valid_until < now:
        return ItemStatus(EXPIRED, changed=valid_until)
    return ItemStatus(VALID)


def from_report(report: VerificationReport) -> str:
    """The status code a verification report amounts to."""
    if report.verified:
        return VALID
    codes = [c.code for c in report.failures]
    if all(code in _FAILURE_STATUS for code in codes):  # genuine, but no longer in force
        return _FAILURE_STATUS[codes[0]]
    return UNVERIFIED


def from_check(code: str, checked_at: datetime | None) -> ItemStatus:
    return ItemStatus(code if code in LABELS else UNVERIFIED, changed=checked_at)
