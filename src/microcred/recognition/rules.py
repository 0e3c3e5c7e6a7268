"""Standing rules: "micro-credential X from provider Y counts for target Z (full / N ECTS)".

A rule matches a submitted credential that verified and whose achievement id and issuer id
are exactly the rule's (the issuer's id is its DID: the signature proved it). When several
live rules of the target match, the one that grants the most decides. A rule is made by a
reviewer, from scratch or from a decision ("make this a rule"), and withdrawn, never edited.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.recognition.errors import RecognitionError
from microcred.recognition.models import (
    Decision,
    Outcome,
    Request,
    StandingRule,
    SubmittedCredential,
    Target,
)

__all__ = ["create_rule", "live_rules", "matching_rule", "rule_from_decision", "withdraw"]


def live_rules(target: Target) -> QuerySet[StandingRule]:
    return StandingRule.objects.filter(target=target, withdrawn_at__isnull=True)


def create_rule(
    target: Target,
    *,
    achievement_id: str,
    issuer_id: str,
    outcome: str,
    ects: Decimal | None,
    reason: str,
    by: Any,
    achievement_name: str = "",
    issuer_name: str = "",
) -> StandingRule:
    achievement_id, issuer_id, reason = achievement_id.strip(), issuer_id.strip(), reason.strip()
    if not achievement_id or not issuer_id:
        raise RecognitionError(
            _("Name the micro-credential (its achievement id) and its issuer (id or DID)."),
            code="recognition.rule_ids",
        )
    if not reason:
        raise RecognitionError(_("Give the reason for the rule."), code="recognition.reason")
    if outcome == Outcome.FULL:
        granted = target.ects
    elif outcome == Outcome.PARTIAL and ects is not None and 0 < ects < target.ects:
        granted = ects
    else:
        raise RecognitionError(
            _(
                "A rule grants full recognition, or part of the target's %(total)s ECTS "
                "(more than 0, fewer than all)."
            )
            % {"total": f"{target.ects.normalize():f}"},
            code="recognition.rule_ects",
        )
    if live_rules(target).filter(achievement_id=achievement_id, issuer_id=issuer_id).exists():
        raise RecognitionError(
            _("A rule for this micro-credential and issuer already exists for this target."),
            code="recognition.rule_exists",
        )
    return StandingRule.objects.create(
        target=target,
        achievement_id=achievement_id,
        issuer_id=issuer_id,
        achievement_name=achievement_name[:300],
        issuer_name=issuer_name[:300],
        outcome=outcome,
        ects=granted,
        reason=reason,
        created_by=by,
    )


def rule_from_decision(
    decision: Decision, credential: SubmittedCredential, *, by: Any
) -> StandingRule:
    """ "Make this a rule": the decision's outcome and reason, for the credential's
    achievement and issuer."""
    if decision.outcome == Outcome.REFUSED:
        raise RecognitionError(
            _("Only a granted recognition can become a standing rule."),
            code="recognition.rule_refused",
        )
    if not credential.report.get("verified"):
        raise RecognitionError(
            _("Only a verified credential can become a standing rule."),
            code="recognition.rule_unverified",
        )
    return create_rule(
        decision.request.target,
        achievement_id=credential.achievement_id,
        issuer_id=credential.issuer_id,
        outcome=decision.outcome,
        ects=decision.ects,
        reason=decision.reason or _("Recognised in an earlier decision."),
        by=by,
        achievement_name=credential.facts.get("title", ""),
        issuer_name=credential.facts.get("issuer_name", ""),
    )


def withdraw(rule: StandingRule) -> None:
    StandingRule.objects.filter(pk=rule.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


def matching_rule(request: Request) -> StandingRule | None:
    """The live rule that decides ``request``, if any (the most generous one)."""
    pairs = {
        (c.achievement_id, c.issuer_id)
        for c in request.credentials.all()
        if c.report.get("verified") and c.achievement_id and c.issuer_id
    }
    found = [r for r in live_rules(request.target) if (r.achievement_id, r.issuer_id) in pairs]
    rank = {Outcome.PARTIAL: 1, Outcome.FULL: 2}
    found.sort(key=lambda r: (rank[Outcome(r.outcome)], r.ects, -r.pk), reverse=True)
    return found[0] if found else None
