"""A quality-assurance body's decisions on providers: recognise, refuse, suspend, withdraw.

Each is one :class:`Decision` row (never edited), an event on the application it answers,
and a newly signed version of the body's trust list, all in one transaction: if signing
fails, nothing of the decision is kept. Reviewers (QA reviewer or admin of the body)
decide; the views check the role, these functions check everything else.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.organizations.models import Organization
from microcred.registry import trust_lists
from microcred.registry.errors import RegistryError
from microcred.registry.models import Application, ApplicationEvent, Decision
from microcred.registry.standing import periods_of

__all__ = ["MAX_REASON", "decide_application", "end_recognition"]

MAX_REASON = 4000
Outcome = Decision.Outcome


def _now() -> datetime:
    """Now, to the second: credentials and trust lists carry times to the second, so a
    withdrawal recorded at 10:23:05.6 ends standing from 10:23:05 (a credential signed in
    that second loses it rather than keeps it)."""
    return timezone.now().replace(microsecond=0)


def _reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise RegistryError(
            _("State the reason for the decision."), code="registry.reason_required"
        )
    if len(text) > MAX_REASON:
        raise RegistryError(
            _("The reason is longer than %(n)d characters.") % {"n": MAX_REASON},
            code="registry.reason_too_long",
        )
    return text


@transaction.atomic
def decide_application(
    application: Application,
    *,
    outcome: str,
    reason: str,
    by: User,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    fields_of_study: list[str] | None = None,
    eqf_levels: list[int] | None = None,
    tqf_levels: list[int] | None = None,
) -> Decision:
    """Recognise or refuse a submitted application."""
    current = Application.objects.select_for_update().get(pk=application.pk)
    if current.state != Application.State.SUBMITTED:
        raise RegistryError(
            _("Only a submitted application can be decided."),
            code="registry.application_not_submitted",
        )
    if outcome not in (Outcome.RECOGNISED, Outcome.REFUSED):
        raise RegistryError(_("Choose a valid decision."), code="registry.outcome_invalid")
    text = _reason(reason)
    now = _now()
    decision = Decision(
        provider=current.provider,
        qa_body=current.qa_body,
        application=current,
        outcome=outcome,
        reason=text,
        effective=now,
        decided_by=by,
    )
    if outcome == Outcome.RECOGNISED:
        _recognition(decision, now, valid_from, valid_until)
        decision.fields_of_study = fields_of_study or []
        decision.eqf_levels = eqf_levels or []
        decision.tqf_levels = tqf_levels or []
    decision.save()
    current.state = Application.State.DECIDED
    current.save(update_fields=["state"])
    ApplicationEvent.objects.create(
        application=current,
        kind=ApplicationEvent.Kind.DECIDED,
        text=f"{Outcome(outcome).label}: {text}",
        by_qa_body=True,
        author=by,
    )
    if outcome == Outcome.RECOGNISED:
        trust_lists.publish(current.qa_body)
    return decision


def _recognition(
    decision: Decision, now: datetime, valid_from: datetime | None, valid_until: datetime | None
) -> None:
    start = valid_from or now
    if valid_until is None:
        raise RegistryError(
            _("Say until when the recognition is valid."), code="registry.valid_until_required"
        )
    if valid_until <= max(start, now):
        raise RegistryError(
            _("The recognition must end after it starts, and in the future."),
            code="registry.valid_until_invalid",
        )
    decision.effective = start
    decision.valid_until = valid_until


@transaction.atomic
def end_recognition(
    provider: Organization,
    qa_body: Organization,
    *,
    outcome: str,
    reason: str,
    by: User,
    effective: datetime | None = None,
) -> Decision:
    """Suspend or withdraw the provider's recognition from ``effective`` (now by default;
    an earlier date for a finding that reaches back, never a later one)."""
    Organization.objects.select_for_update().filter(pk=qa_body.pk).first()
    if outcome not in (Outcome.SUSPENDED, Outcome.WITHDRAWN):
        raise RegistryError(_("Choose a valid decision."), code="registry.outcome_invalid")
    text = _reason(reason)
    now = _now()
    moment = effective or now
    if moment > now:
        raise RegistryError(
            _("A suspension or withdrawal takes effect now or from a past date."),
            code="registry.effective_in_future",
        )
    decisions = list(Decision.objects.filter(provider=provider, qa_body=qa_body))
    if not any(p.open_at(moment) for p in periods_of(decisions)):
        raise RegistryError(
            _("There is no recognition in force at that date to suspend or withdraw."),
            code="registry.nothing_to_end",
        )
    decision = Decision.objects.create(
        provider=provider,
        qa_body=qa_body,
        outcome=outcome,
        reason=text,
        effective=moment,
        decided_by=by,
    )
    trust_lists.publish(qa_body)
    return decision
