"""Deciding a request, the learner's one appeal, and the final answer to it.

- **full**: the target's ECTS, all of them; **partial**: some ECTS, more than none and at
  most the target's; **refused**: none. A reason is required for partial and refused (a
  full recognition by a reviewer may say why too).
- A granted recognition is issued as a credential (``decision_credential``) in the same
  transaction as the decision: a decision is never recorded without its credential.
- **Appeal once**: the learner writes new arguments (and may attach new evidence) after
  the first decision; a second appeal is refused.
- **The answer** needs a reason and is final. It may uphold or improve the decision, never
  worsen it (an appeal must not put the learner in a worse place). When it grants more,
  a new credential is issued that renews the first (``relatedResource``), and the first
  is revoked with the answer as its reason.
- **Who answers**: a reviewer other than the one who decided first, when the desk has one;
  a desk with a single reviewer answers through that reviewer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from microcred.issuing.revocation import StatusAction, change_status
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Membership, new_public_id
from microcred.organizations.roles import Role
from microcred.recognition import notifications
from microcred.recognition.decision_credential import issue_decision
from microcred.recognition.errors import RecognitionError
from microcred.recognition.evidence import store_evidence
from microcred.recognition.models import Appeal, Decision, Outcome, Request, StandingRule
from microcred.recognition.stages import first_decision
from microcred.registry.evidence import CheckedFile
from microcred.wallet import claims
from microcred.wallet.errors import WalletError

__all__ = ["MAX_TEXT", "answer_appeal", "appeal", "decide", "granted_ects"]

logger = logging.getLogger(__name__)
MAX_TEXT = 4000
_RANK = {Outcome.REFUSED: 0, Outcome.PARTIAL: 1, Outcome.FULL: 2}


def granted_ects(request: Request, outcome: str, ects: Decimal | None) -> Decimal:
    """The ECTS an outcome grants, checked against the target (``RecognitionError``)."""
    total = request.target.ects
    if outcome == Outcome.FULL:
        return total
    if outcome == Outcome.REFUSED:
        return Decimal(0)
    if outcome != Outcome.PARTIAL:
        raise RecognitionError(_("Choose a decision."), code="recognition.outcome")
    if ects is None or ects <= 0 or ects >= total:
        raise RecognitionError(
            _(
                "A partial recognition grants more than 0 and fewer than the target's "
                "%(total)s ECTS; for all of them, choose full recognition."
            )
            % {"total": f"{total.normalize():f}"},
            code="recognition.partial_ects",
        )
    return ects


def _reason(outcome: str, reason: str) -> str:
    reason = reason.strip()[:MAX_TEXT]
    if not reason and outcome != Outcome.FULL:
        raise RecognitionError(
            _("Give the reason for a partial recognition or a refusal."), code="recognition.reason"
        )
    return reason


def decide(
    request: Request,
    *,
    outcome: str,
    ects: Decimal | None = None,
    reason: str = "",
    by: Any = None,
    rule: StandingRule | None = None,
) -> Decision:
    """The first decision on ``request``: a reviewer's (``by``) or a standing rule's."""
    granted = granted_ects(request, outcome, ects)
    reason = rule.reason if rule is not None else _reason(outcome, reason)
    decision_id = new_public_id()
    try:
        with transaction.atomic():
            locked = Request.objects.select_for_update().get(pk=request.pk)
            if Decision.objects.filter(request=locked).exists():
                raise RecognitionError(
                    _("This request was already decided."), code="recognition.decided"
                )
            award = issue_decision(
                locked,
                decision_id=decision_id,
                outcome=outcome,
                ects=granted,
                reason=reason,
                rule=rule,
                by=by,
            )
            made = Decision.objects.create(
                public_id=decision_id,
                request=locked,
                stage=Decision.Stage.FIRST,
                outcome=outcome,
                ects=granted,
                reason=reason,
                decided_by=by,
                rule=rule,
                award=award,
            )
    except IntegrityError:  # two reviewers at once: the other one's decision stands
        raise RecognitionError(
            _("This request was already decided."), code="recognition.decided"
        ) from None
    logger.info("recognition decided", extra={"request": request.public_id, "outcome": outcome})
    _deliver(made)
    return made


def appeal(request: Request, *, argument: str, files: Sequence[CheckedFile] = ()) -> Appeal:
    """The learner's one appeal against the first decision (the caller checked it is theirs)."""
    argument = argument.strip()[:MAX_TEXT]
    if not argument:
        raise RecognitionError(_("Write why you appeal the decision."), code="recognition.argument")
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if first_decision(locked) is None:
            raise RecognitionError(
                _("Your request has not been decided yet; there is nothing to appeal."),
                code="recognition.not_decided",
            )
        if Appeal.objects.filter(request=locked).exists():
            raise RecognitionError(
                _("You have already appealed this decision; a decision can be appealed once."),
                code="recognition.appealed",
            )
        made = Appeal.objects.create(request=locked, argument=argument)
        store_evidence(locked, files, appeal=made)
    notifications.tell_reviewers(request, appealed=True)
    return made


def may_answer(request: Request, user: Any) -> bool:
    """Whether ``user`` may answer the appeal: not the first decider while another
    reviewer of the desk exists."""
    first = first_decision(request)
    if first is None or first.decided_by_id is None or first.decided_by_id != user.pk:
        return True
    others = Membership.objects.filter(
        organization=request.target.organization, role=Role.RPL_REVIEWER
    ).exclude(user=user)
    return not others.exists()


def answer_appeal(
    request: Request,
    *,
    outcome: str,
    ects: Decimal | None = None,
    reason: str,
    by: Any,
) -> Decision:
    """The final answer to the appeal (upholds or improves the first decision)."""
    granted = granted_ects(request, outcome, ects)
    reason = reason.strip()[:MAX_TEXT]
    if not reason:
        raise RecognitionError(_("Give the reason for your answer."), code="recognition.reason")
    if not may_answer(request, by):
        raise RecognitionError(
            _("Another reviewer answers this appeal: you made the decision it contests."),
            code="recognition.same_reviewer",
        )
    decision_id = new_public_id()
    try:
        with transaction.atomic():
            made = _answer(request, decision_id, outcome, granted, reason, by)
    except IntegrityError:
        raise RecognitionError(
            _("This appeal was already answered."), code="recognition.answered"
        ) from None
    _deliver(made)
    return made


def _deliver(made: Decision) -> None:
    """Tell the learner, and put the recognition credential into their passport (their
    account's address is the one it was issued to; if it is not confirmed, the credential
    stays on the request's page to download)."""
    notifications.tell_learner(made)
    if made.award is None:
        return
    try:
        claims.claim(made.request.learner, made.award)
    except WalletError:
        logger.info("recognition credential not claimed", extra={"award": made.award.public_id})


def _answer(
    request: Request, decision_id: str, outcome: str, granted: Decimal, reason: str, by: Any
) -> Decision:
    locked = Request.objects.select_for_update().get(pk=request.pk)
    first = first_decision(locked)
    if first is None or not Appeal.objects.filter(request=locked).exists():
        raise RecognitionError(_("There is no appeal to answer."), code="recognition.no_appeal")
    if Decision.objects.filter(request=locked, stage=Decision.Stage.APPEAL).exists():
        raise RecognitionError(_("This appeal was already answered."), code="recognition.answered")
    if _RANK[Outcome(outcome)] < _RANK[Outcome(first.outcome)] or granted < first.ects:
        raise RecognitionError(
            _("An answer to an appeal may uphold or improve the decision, not worsen it."),
            code="recognition.worse",
        )
    award = None
    if granted > first.ects:
        award = issue_decision(
            locked,
            decision_id=decision_id,
            outcome=outcome,
            ects=granted,
            reason=reason,
            rule=None,
            by=by,
            renews=first.award,
        )
        if first.award is not None:
            with signer_for(locked.target.organization) as signer:
                change_status(
                    [first.award], StatusAction.REVOKE, reason=reason, by=by, signer=signer
                )
    return Decision.objects.create(
        public_id=decision_id,
        request=locked,
        stage=Decision.Stage.APPEAL,
        outcome=outcome,
        ects=granted,
        reason=reason,
        decided_by=by,
        award=award,
    )
