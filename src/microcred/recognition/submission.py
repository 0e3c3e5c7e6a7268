"""A learner's request: credentials from the passport verified now, evidence checked, then
everything stored at once — or nothing at all.

Each credential is verified as the platform verifies anything (``verify_document``:
signature, status, validity, and the issuer's standing with the quality-assurance bodies
the platform follows). One that does not verify stops the submission with a message that
names it and says why; a missing recognition by a body is not a failure but a fact the
reviewers see. A standing rule that matches then decides the request at once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.recognition import notifications, rules
from microcred.recognition.decisions import decide
from microcred.recognition.errors import RecognitionError
from microcred.recognition.evidence import store_evidence
from microcred.recognition.facts import freeze
from microcred.recognition.models import Request, SubmittedCredential, Target
from microcred.registry.evidence import CheckedFile
from microcred.vc.verify import VerificationReport
from microcred.verification.services import verify_document
from microcred.verification.summary import summarize
from microcred.wallet.models import WalletItem

__all__ = ["MAX_CREDENTIALS", "MAX_STATEMENT", "open_targets", "submit"]

logger = logging.getLogger(__name__)
MAX_CREDENTIALS = 20
MAX_STATEMENT = 4000


def open_targets() -> QuerySet[Target]:
    """Every target a learner may ask for, by institution."""
    return (
        Target.objects.filter(open=True)
        .select_related("organization")
        .order_by("organization__name", "code", "title_en")
    )


def _items(learner: User, item_ids: Sequence[str]) -> list[WalletItem]:
    if len(item_ids) > MAX_CREDENTIALS:
        raise RecognitionError(
            _("Submit at most %(n)d credentials.") % {"n": MAX_CREDENTIALS},
            code="recognition.too_many",
        )
    found = {
        i.public_id: i for i in WalletItem.objects.filter(owner=learner, public_id__in=item_ids)
    }
    if len(found) != len(set(item_ids)):
        raise RecognitionError(
            _("One of the chosen credentials is not in your passport."), code="recognition.not_held"
        )
    return [found[i] for i in dict.fromkeys(item_ids)]


def _verified(
    items: Sequence[WalletItem], lang: str, now: datetime | None
) -> list[VerificationReport]:
    reports = []
    for item in items:
        report = verify_document(item.raw, now=now)
        if not report.verified:
            summary = summarize(item.credential, lang)
            title = (summary.achievement if summary else None) or str(
                item.credential.get("name") or item.public_id
            )
            with translation.override(lang):
                message = _("“%(title)s” did not verify: %(reason)s Nothing was sent.") % {
                    "title": title,
                    "reason": report.failures[0].message(lang),
                }
            raise RecognitionError(message, code="recognition.not_verified")
        reports.append(report)
    return reports


def submit(
    learner: User,
    *,
    target: Target,
    item_ids: Sequence[str],
    files: Sequence[CheckedFile] = (),
    statement: str = "",
    language: str = "en",
    now: datetime | None = None,
) -> Request:
    """Verify, then store the request with its frozen facts and evidence (all or nothing)."""
    if not target.open:
        raise RecognitionError(
            _("This target takes no new requests."), code="recognition.target_closed"
        )
    if not item_ids and not files:
        raise RecognitionError(
            _("Choose at least one credential from your passport, or attach a file."),
            code="recognition.nothing_submitted",
        )
    lang = "tr" if language == "tr" else "en"
    items = _items(learner, item_ids)
    reports = _verified(items, lang, now)
    with transaction.atomic():
        request = Request.objects.create(
            target=target,
            learner=learner,
            learner_email=learner.email,
            learner_name=learner.display_name,
            language=lang,
            statement=statement.strip()[:MAX_STATEMENT],
        )
        for item, report in zip(items, reports, strict=True):
            _keep(request, item, report)
        store_evidence(request, files)  # last: nothing after it can fail and strand a file
    notifications.tell_reviewers(request)
    _apply_rule(request)
    return request


def _keep(request: Request, item: WalletItem, report: VerificationReport) -> None:
    facts: dict[str, Any] = freeze(item.credential, report)
    SubmittedCredential.objects.create(
        request=request,
        wallet_item=item.public_id,
        credential=item.credential,
        report=report.to_json("en"),
        facts=facts,
        achievement_id=facts["achievement_id"],
        issuer_id=facts["issuer_id"],
    )


def _apply_rule(request: Request) -> None:
    """Decide at once when a standing rule matches; a failure leaves it to the reviewers."""
    rule = rules.matching_rule(request)
    if rule is None:
        return
    try:
        decide(request, outcome=rule.outcome, ects=rule.ects, rule=rule)
    except Exception:  # the request is kept either way: the reviewers decide it
        logger.exception("standing rule could not decide", extra={"request": request.public_id})
