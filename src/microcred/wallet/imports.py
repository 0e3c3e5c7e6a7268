"""Importing a credential issued anywhere: verified on the way in, kept as uploaded.

A credential that does not verify is kept only when the learner says so explicitly, and
stays marked as unverified wherever it is shown. The text is stored exactly as given so
the learner can always download what they were given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.vc.verify import Parsed, VerificationReport, contains_nul, parse_input
from microcred.verification.services import verify_document
from microcred.wallet import status
from microcred.wallet.errors import WalletError
from microcred.wallet.models import WalletItem
from microcred.wallet.pathways import queue_auto_issue


@dataclass(frozen=True, slots=True)
class Checked:
    """An uploaded credential and its verification report."""

    raw: str
    media_type: str
    credential: dict[str, Any]
    report: VerificationReport

    @property
    def status(self) -> str:
        return status.from_report(self.report)


def max_bytes() -> int:
    return int(settings.MICROCRED_VERIFY_MAX_BYTES)


def check(raw: str, *, now: datetime | None = None) -> Checked:
    """Parse and verify ``raw`` (JSON text or a compact ``vc+jwt``); WalletError if it is
    too large or not a credential at all."""
    text = raw.strip()
    if not text:
        raise WalletError(_("Upload a file or paste a credential."), code="wallet.import_empty")
    if len(text.encode("utf-8")) > max_bytes():
        raise WalletError(
            _("The credential is larger than %(limit)d KiB; it cannot be imported.")
            % {"limit": max_bytes() // 1024},
            code="wallet.import_too_large",
        )
    parsed = parse_input(text)
    if not isinstance(parsed, Parsed):
        raise WalletError(
            _("This is not a credential we can read: %(reason)s")
            % {"reason": parsed.message(_lang())},
            code="wallet.import_unreadable",
        )
    if contains_nul(parsed.credential):  # PostgreSQL could not store what we would keep
        raise WalletError(
            _("The credential contains a NUL (U+0000) character; it cannot be imported."),
            code="wallet.import_nul",
        )
    media_type = "application/vc+jwt" if parsed.jwt is not None else "application/vc"
    report = verify_document(parsed, now=now)  # parsed once, here
    return Checked(text, media_type, parsed.credential, report)


class NeedsConfirmationError(WalletError):
    """Not verified and not confirmed: carries the report, so the page shows it without
    verifying a second time."""

    code = "wallet.import_needs_confirmation"

    def __init__(self, checked: Checked) -> None:
        super().__init__(
            _("This credential could not be verified. Tick the box to keep it anyway, "
              "marked as not verified.")
        )  # fmt: skip
        self.checked = checked


def keep(user: User, raw: str, *, keep_unverified: bool, now: datetime | None = None) -> WalletItem:
    """Verify again (never trust an earlier answer the browser sent back) and store it."""
    checked = check(raw, now=now)
    verified = checked.report.verified
    if not verified and not keep_unverified:
        raise NeedsConfirmationError(checked)
    item = WalletItem.objects.create(
        owner=user,
        source=WalletItem.Source.IMPORTED,
        raw=checked.raw,
        media_type=checked.media_type,
        credential=checked.credential,
        report=checked.report.to_json(_lang()),
        verified=verified,
        kept_unverified=not verified,
        checked_status=checked.status,
        checked_at=now or timezone.now(),
    )
    queue_auto_issue(user)
    return item


def recheck(item: WalletItem, *, now: datetime | None = None) -> VerificationReport:
    """Verify a held imported credential again and remember the verdict."""
    report = verify_document(item.raw, now=now)  # the strict reader, as on import
    item.checked_status = status.from_report(report)
    item.checked_at = now or timezone.now()
    item.report = report.to_json(_lang())
    item.save(update_fields=["checked_status", "checked_at", "report"])
    return report


def _lang() -> str:
    return "tr" if (get_language() or "en").startswith("tr") else "en"
