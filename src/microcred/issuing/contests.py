"""A learner's right to contest a revocation or suspension, and the issuer's duty to answer.

The learner writes their argument from the passport; the organisation's officers and
admins are told by e-mail and see the open contests on their awards pages; one of them
answers with a reason:

- **uphold**: the revocation or suspension stands;
- **reinstate**: a suspension is lifted (the status bit is cleared);
- **re-issue**: a revoked credential stays revoked for ever (its bit is final), so the
  learner gets a new credential that names it (``renewal.renew``, basis "contest").

Each step is an audit event of the award — its history, which the learner reads — and the
learner is told the answer by e-mail, in their language.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from microcred.issuing.errors import IssuingError
from microcred.issuing.expiry import language_of, remember_language
from microcred.issuing.models import AuditEvent, Award, Contest
from microcred.issuing.plain_text import single_line
from microcred.issuing.renewal import RenewalBasis, renew
from microcred.issuing.revocation import StatusAction, change_status
from microcred.issuing.signer import IssuerSigner
from microcred.organizations.deployment import public_base_url
from microcred.organizations.roles import Role
from microcred.organizations.services import members_of

MAX_TEXT = 4000
CONTESTABLE = (Award.State.REVOKED, Award.State.SUSPENDED)


class Decision(StrEnum):
    UPHOLD = "uphold"
    REINSTATE = "reinstate"
    REISSUE = "reissue"


_OUTCOME = {
    Decision.UPHOLD: Contest.Outcome.UPHELD,
    Decision.REINSTATE: Contest.Outcome.REINSTATED,
    Decision.REISSUE: Contest.Outcome.REISSUED,
}


def decisions_for(contest: Contest) -> list[Decision]:
    """What an officer may answer: reinstating lifts a suspension, re-issuing replaces a
    revoked credential; upholding is always possible."""
    if contest.award.state == Award.State.SUSPENDED:
        return [Decision.UPHOLD, Decision.REINSTATE]
    if contest.award.state == Award.State.REVOKED:
        return [Decision.UPHOLD, Decision.REISSUE]
    return [Decision.UPHOLD]


def open_contest_of(award: Award) -> Contest | None:
    return award.contests.filter(outcome=Contest.Outcome.OPEN).first()


def contests_of(award_public_id: str) -> list[Contest]:
    """Every contest of the award, oldest first (the learner's and the officers' pages)."""
    return list(Contest.objects.filter(award__public_id=award_public_id).order_by("created", "pk"))


def open_contests(organization: Any) -> QuerySet[Contest]:
    return (
        Contest.objects.filter(award__organization=organization, outcome=Contest.Outcome.OPEN)
        .select_related("award", "award__specification_version")
        .order_by("created", "pk")
    )


def _text(value: str, empty: str) -> str:
    value = value.strip()
    if not value:
        raise IssuingError(empty, code="issuing.empty")
    return value[:MAX_TEXT]


def contest(award: Award, *, learner: Any, argument: str, language: str | None) -> Contest:
    """Open the learner's contest of ``award`` (the caller checked the award is theirs)."""
    argument = _text(argument, _("Please write why you contest the decision."))
    if award.state not in CONTESTABLE:
        raise IssuingError(
            _("Only a revoked or suspended award can be contested."), code="issuing.state"
        )
    remember_language(award, language)
    try:
        with transaction.atomic():
            made = Contest.objects.create(
                award=award, learner=learner, contested_state=award.state, argument=argument
            )
    except IntegrityError:
        raise IssuingError(
            _("Your contest is already open; the issuer will answer it."),
            code="issuing.contest_open",
        ) from None
    AuditEvent.objects.create(
        organization=award.organization,
        actor=learner,
        action="contested",
        target=award.public_id,
        reason=argument,
    )
    _tell_officers(made)
    return made


@transaction.atomic
def answer(
    made: Contest, *, decision: Decision, reason: str, by: Any, signer: IssuerSigner
) -> Contest:
    """Answer an open contest; the decision takes effect in the same transaction."""
    reason = _text(reason, _("A reason is required."))
    locked = Contest.objects.select_for_update().get(pk=made.pk)
    if locked.outcome != Contest.Outcome.OPEN:
        raise IssuingError(_("This contest was already answered."), code="issuing.answered")
    if decision not in decisions_for(made):
        raise IssuingError(
            _("This answer does not fit the award's state."), code="issuing.decision"
        )
    award = made.award
    details: dict[str, Any] = {"contest": made.public_id}
    if decision is Decision.REINSTATE:
        change_status([award], StatusAction.REINSTATE, reason=reason, by=by, signer=signer)
    elif decision is Decision.REISSUE:
        issued = renew(award, basis=RenewalBasis.CONTEST, reason=reason, by=by, signer=signer)
        details["renewed_by"] = issued.award.public_id
    made.outcome, made.answer = _OUTCOME[decision], reason
    made.answered_by, made.answered_at = by, timezone.now()
    made.save(update_fields=["outcome", "answer", "answered_by", "answered_at"])
    AuditEvent.objects.create(
        organization=award.organization,
        actor=by,
        action=f"contest_{made.outcome}",
        target=award.public_id,
        reason=reason,
        details=details,
    )
    _tell_learner(made)
    return made


def _send_after_commit(messages: Sequence[EmailMessage]) -> None:
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(list(messages)))


def _tell_officers(made: Contest) -> None:
    award = made.award
    path = reverse(
        "issuing:award", kwargs={"org": award.organization.slug, "award_id": award.public_id}
    )
    officers = [
        m.user.email
        for m in members_of(award.organization)
        if {Role.ISSUER, Role.ADMIN} & set(m.roles) and m.user.is_active
    ]
    context = {
        "title": award.specification_version.title,
        "learner": award.learner_name or award.learner_email,
        "argument": made.argument,
        "link": public_base_url() + path,
    }
    with translation.override(str(settings.LANGUAGE_CODE)):  # the officers' deployment
        subject = _("A learner contests a decision: %(title)s") % {"title": context["title"]}
        body = render_to_string("issuing/email/contested.txt", context)
    _send_after_commit(
        [EmailMessage(subject=single_line(subject), body=body, to=[to]) for to in officers]
    )


def _tell_learner(made: Contest) -> None:
    award = made.award
    if not award.learner_email:
        return
    context = {
        "title": award.specification_version.title,
        "organization": award.organization,
        "outcome": made.outcome,
        "answer": made.answer,
    }
    with translation.override(language_of(award)):
        subject = _("Your contest was answered: %(title)s") % {"title": context["title"]}
        body = render_to_string("issuing/email/contest_answer.txt", context)
    _send_after_commit(
        [EmailMessage(subject=single_line(subject), body=body, to=[award.learner_email])]
    )
