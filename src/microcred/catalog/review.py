"""The review of a specification version by a quality-assurance body, step by step.

draft ──submit──▶ submitted ──return──▶ draft (the designer fixes it and submits again)
                           └──approve──▶ approved ──publish──▶ published

Every step is one transaction that writes its event to the history (who, when, what), so a
refused step leaves nothing half-written. Who may take a step is the views' business
(``org_view``); what state allows it is decided here, with a translated reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.catalog import qa_criteria
from microcred.catalog.approvals import record_event
from microcred.catalog.endorsing import sign_endorsement
from microcred.catalog.errors import ReviewRefused, UnderReview
from microcred.catalog.models import SpecificationVersion
from microcred.catalog.models_review import Approval, Review, ReviewEvent
from microcred.catalog.services import readiness, under_review_message
from microcred.organizations.models import Organization

Status = SpecificationVersion.Status
Action = ReviewEvent.Action
Outcome = Review.Outcome
MAX_TEXT = 5000


@dataclass(frozen=True, slots=True)
class Answer:
    """A reviewer's answer to one criterion (``answer`` is a code of ``qa_criteria``)."""

    answer: str
    note: str = ""


def qa_bodies() -> QuerySet[Organization]:
    return Organization.objects.filter(kind=Organization.Kind.QA_BODY).order_by("name")


def queue(qa_body: Organization) -> QuerySet[Review]:
    """Reviews waiting for ``qa_body``, oldest first."""
    return _reviews(qa_body).filter(outcome=Outcome.PENDING).order_by("submitted_at", "pk")


def decided(qa_body: Organization, limit: int = 50) -> list[Review]:
    return list(_reviews(qa_body).exclude(outcome=Outcome.PENDING).order_by("-decided_at")[:limit])


def _reviews(qa_body: Organization) -> QuerySet[Review]:
    return Review.objects.filter(qa_body=qa_body).select_related(
        "version__specification__organization", "submitted_by"
    )


def get_review(qa_body: Organization, public_id: str) -> Review | None:
    return _reviews(qa_body).filter(public_id=public_id).first()


def history_of(version: SpecificationVersion) -> QuerySet[ReviewEvent]:
    """Every event of every review of ``version``, oldest first."""
    return (
        ReviewEvent.objects.filter(review__version=version)
        .select_related("review__qa_body")
        .order_by("at", "pk")
    )


def open_review(version: SpecificationVersion) -> Review | None:
    return version.reviews.filter(outcome=Outcome.PENDING).select_related("qa_body").first()


def _text(value: str, what: str) -> str:
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise ReviewRefused(
            _("The %(what)s is longer than %(limit)d characters.")
            % {"what": what, "limit": MAX_TEXT}
        )
    return text


@transaction.atomic
def submit(
    version: SpecificationVersion, qa_body: Organization, *, by: User, note: str = ""
) -> Review:
    """Send a complete draft to ``qa_body``; it cannot change until the body decides."""
    current = SpecificationVersion.objects.select_for_update().get(pk=version.pk)
    if qa_body.kind != Organization.Kind.QA_BODY:
        raise ReviewRefused(_("%(name)s is not a quality-assurance body.") % {"name": qa_body.name})
    if current.status == Status.SUBMITTED:
        raise UnderReview(under_review_message())
    if current.status != Status.DRAFT:
        raise ReviewRefused(
            _("Only a draft can be submitted for review; this version is “%(status)s”.")
            % {"status": current.get_status_display()}
        )
    note = _text(note, _("note"))
    if not readiness(current).complete:
        raise ReviewRefused(
            _("Complete the specification before submitting it: the checks below are still open.")
        )
    review = Review.objects.create(version=current, qa_body=qa_body, submitted_by=by)
    current.status = Status.SUBMITTED
    current.save(update_fields=["status"])
    _event(review, by, Action.SUBMITTED, comment=note)
    return review


def _event(
    review: Review,
    by: User | None,
    action: str,
    *,
    comment: str = "",
    details: dict[str, Any] | None = None,
) -> ReviewEvent:
    provider = review.version.specification.organization
    return record_event(provider, by, action, review=review, comment=comment, details=details or {})


def _pending(review: Review) -> Review:
    current = Review.objects.select_for_update().select_related("version").get(pk=review.pk)
    if current.outcome != Outcome.PENDING:
        raise ReviewRefused(
            _("This review is closed: the version was already “%(outcome)s”.")
            % {"outcome": current.get_outcome_display()}
        )
    return current


def _checked_answers(answers: dict[str, Answer]) -> dict[str, dict[str, str]]:
    known, choices = set(qa_criteria.codes()), {code for code, _ in qa_criteria.answer_choices()}
    out: dict[str, dict[str, str]] = {}
    for code, given in answers.items():
        if code not in known:
            raise ReviewRefused(_("Unknown criterion “%(code)s”.") % {"code": code})
        if given.answer and given.answer not in choices:
            raise ReviewRefused(_("Unknown answer “%(answer)s”.") % {"answer": given.answer})
        if given.answer or given.note.strip():
            out[code] = {"answer": given.answer, "note": _text(given.note, _("note"))}
    return out


@transaction.atomic
def record(review: Review, *, by: User, answers: dict[str, Answer], comment: str = "") -> Review:
    """Save the reviewer's answers and, if any, a comment for the designer."""
    current = _pending(review)
    checked = _checked_answers(answers)
    if checked != current.answers:
        current.answers = checked
        current.save(update_fields=["answers"])
        _event(current, by, Action.ANSWERED, details={"answers": checked})
    comment = _text(comment, _("comment"))
    if comment:
        _event(current, by, Action.COMMENTED, comment=comment)
    return current


@transaction.atomic
def return_for_changes(
    review: Review, *, by: User, answers: dict[str, Answer], comment: str
) -> Review:
    """Back to draft with what to change (a comment is required: the designer must know)."""
    current = record(review, by=by, answers=answers)
    comment = _text(comment, _("comment"))
    if not comment:
        raise ReviewRefused(_("Say what to change: a comment is required to return a version."))
    _decide(current, by, Outcome.RETURNED, Status.DRAFT)
    _event(current, by, Action.RETURNED, comment=comment, details={"answers": current.answers})
    return current


@transaction.atomic
def approve(review: Review, *, by: User, answers: dict[str, Answer], comment: str = "") -> Approval:
    """Approve: every criterion answered and none unmet; the QA body signs its endorsement."""
    current = record(review, by=by, answers=answers)
    comment = _text(comment, _("comment"))
    _require_approvable(current, by)
    moment = timezone.now().replace(microsecond=0)
    endorsement = sign_endorsement(current.version, current.qa_body, comment=comment, at=moment)
    _decide(current, by, Outcome.APPROVED, Status.APPROVED, at=moment)
    approval = Approval.objects.create(
        version=current.version,
        review=current,
        qa_body=current.qa_body,
        approved_by=by,
        approved_at=moment,
        comment=comment,
        endorsement=endorsement,
    )
    _event(current, by, Action.APPROVED, comment=comment, details={"answers": current.answers})
    return approval


def _require_approvable(review: Review, by: User) -> None:
    unanswered = [c for c in qa_criteria.codes() if not review.answers.get(c, {}).get("answer")]
    if unanswered:
        raise ReviewRefused(
            _("Answer every criterion before approving (%(count)d still open).")
            % {"count": len(unanswered)}
        )
    if any(a.get("answer") == "not_met" for a in review.answers.values()):
        raise ReviewRefused(
            _("A criterion is marked “not met”: return the version for changes instead.")
        )
    if review.submitted_by_id is not None and review.submitted_by_id == by.pk:
        raise ReviewRefused(_("You submitted this version: someone else must approve it."))


def _decide(
    review: Review, by: User, outcome: str, status: str, *, at: datetime | None = None
) -> None:
    review.outcome, review.decided_by = outcome, by
    review.decided_at = at or timezone.now()
    review.save(update_fields=["outcome", "decided_by", "decided_at"])
    SpecificationVersion.objects.filter(pk=review.version_id).update(status=status)
    review.version.status = status
