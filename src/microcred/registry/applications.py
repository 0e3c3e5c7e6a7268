"""A provider's application for recognition, from draft to decision.

The provider's admins write it (self-evaluation against each criterion, scope, contact,
evidence) and submit it; the body's reviewers comment, ask for changes or decide
(``decisions.py``). Reviewers never see a draft. Every step is an event in the history.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.organizations.models import Organization
from microcred.registry import indicators
from microcred.registry.criteria import criteria, criterion_codes
from microcred.registry.errors import RegistryError
from microcred.registry.models import Application, ApplicationEvent, Decision

__all__ = [
    "EDITABLE",
    "MAX_ANSWER",
    "MAX_COMMENT",
    "applications_for_body",
    "applications_of",
    "comment",
    "open_application",
    "request_changes",
    "save_draft",
    "submit",
]

EDITABLE = (Application.State.DRAFT, Application.State.CHANGES_REQUESTED)
IN_REVIEW = (Application.State.SUBMITTED, Application.State.CHANGES_REQUESTED)
MAX_ANSWER = 5000
MAX_COMMENT = 4000


def applications_of(provider: Organization) -> QuerySet[Application]:
    return Application.objects.filter(provider=provider).select_related("qa_body").order_by("-id")


def applications_for_body(qa_body: Organization) -> QuerySet[Application]:
    """What the body's reviewers see: everything but drafts."""
    return (
        Application.objects.filter(qa_body=qa_body)
        .exclude(state=Application.State.DRAFT)
        .select_related("provider")
        .order_by("-submitted_at", "-id")
    )


def open_application(provider: Organization, qa_body: Organization, *, by: User) -> Application:
    """The provider's open application to the body, or a new draft."""
    if qa_body.kind != Organization.Kind.QA_BODY or provider.kind != Organization.Kind.PROVIDER:
        raise RegistryError(_("Only a provider applies, and only to a quality-assurance body."))
    existing = (
        Application.objects.filter(provider=provider, qa_body=qa_body)
        .exclude(state=Application.State.DECIDED)
        .first()
    )
    if existing is not None:
        return existing
    renewal = Decision.objects.filter(
        provider=provider, qa_body=qa_body, outcome=Decision.Outcome.RECOGNISED
    ).exists()
    try:
        with transaction.atomic():
            return Application.objects.create(
                provider=provider, qa_body=qa_body, renewal=renewal, created_by=by
            )
    except IntegrityError:  # another admin opened it a moment ago
        return Application.objects.exclude(state=Application.State.DECIDED).get(
            provider=provider, qa_body=qa_body
        )


def _editable(application: Application) -> None:
    if application.state not in EDITABLE:
        raise RegistryError(
            _("This application is under review or decided and can no longer be changed."),
            code="registry.application_locked",
        )


@transaction.atomic
def save_draft(application: Application, data: dict[str, Any]) -> Application:
    """Store the form's fields (cleaned by the form) on an editable application."""
    current = Application.objects.select_for_update().get(pk=application.pk)
    _editable(current)
    answers = {
        code: str(text).strip()[:MAX_ANSWER]
        for code, text in data.get("answers", {}).items()
        if code in criterion_codes()
    }
    current.answers = answers
    for name in ("contact_name", "contact_email", "contact_phone"):
        setattr(current, name, data.get(name, ""))
    current.fields_of_study = data.get("fields_of_study", [])
    current.eqf_levels = data.get("eqf_levels", [])
    current.tqf_levels = data.get("tqf_levels", [])
    current.save()
    return current


def missing_for_submission(application: Application) -> list[str]:
    """What must be filled in before submitting, in words."""
    missing = [
        _("Answer: %(criterion)s") % {"criterion": c.title}
        for c in criteria()
        if not str(application.answers.get(c.code, "")).strip()
    ]
    if not (application.contact_name and application.contact_email):
        missing.append(_("A contact person and e-mail address"))
    if not (application.eqf_levels or application.tqf_levels):
        missing.append(_("The EQF or TQF levels you ask to be recognised for"))
    return missing


@transaction.atomic
def submit(application: Application, *, by: User) -> Application:
    current = Application.objects.select_for_update().get(pk=application.pk)
    _editable(current)
    missing = missing_for_submission(current)
    if missing:
        raise RegistryError(
            _("Not ready to submit. Missing: %(items)s") % {"items": "; ".join(missing)},
            code="registry.application_incomplete",
        )
    current.state = Application.State.SUBMITTED
    current.submitted_at = timezone.now()
    current.indicators = indicators.snapshot(current.provider)
    current.save(update_fields=["state", "submitted_at", "indicators"])
    ApplicationEvent.objects.create(
        application=current, kind=ApplicationEvent.Kind.SUBMITTED, author=by
    )
    return current


def _text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise RegistryError(_("Write something first."), code="registry.text_required")
    if len(cleaned) > MAX_COMMENT:
        raise RegistryError(
            _("The text is longer than %(n)d characters.") % {"n": MAX_COMMENT},
            code="registry.text_too_long",
        )
    return cleaned


@transaction.atomic
def comment(application: Application, text: str, *, by: User, by_qa_body: bool) -> None:
    current = Application.objects.select_for_update().get(pk=application.pk)
    if current.state not in IN_REVIEW:
        raise RegistryError(
            _("Comments are for applications under review."), code="registry.not_in_review"
        )
    ApplicationEvent.objects.create(
        application=current,
        kind=ApplicationEvent.Kind.COMMENT,
        text=_text(text),
        author=by,
        by_qa_body=by_qa_body,
    )


@transaction.atomic
def request_changes(application: Application, text: str, *, by: User) -> None:
    current = Application.objects.select_for_update().get(pk=application.pk)
    if current.state != Application.State.SUBMITTED:
        raise RegistryError(
            _("Only a submitted application can be returned for changes."),
            code="registry.application_not_submitted",
        )
    body = _text(text)
    current.state = Application.State.CHANGES_REQUESTED
    current.save(update_fields=["state"])
    ApplicationEvent.objects.create(
        application=current,
        kind=ApplicationEvent.Kind.CHANGES_REQUESTED,
        text=body,
        author=by,
        by_qa_body=True,
    )
