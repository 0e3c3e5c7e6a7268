"""Renewal reminders: the provider's admins hear before a recognition runs out.

A task sends them once a day (it queues its own next run with ``run_after``, like the
housekeeping round that starts it): for every recognition in force that ends within one
of ``MICROCRED_RENEWAL_REMINDER_DAYS`` (default 90, 30 and 7 days) and has no renewal
under review, each threshold once. The reminder says how to apply for renewal.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from microcred.organizations.deployment import public_base_url
from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role
from microcred.registry.models import Application, Decision, RenewalReminder
from microcred.registry.standing import standing_of

__all__ = ["DEFAULT_DAYS", "reminder_days", "send_due_reminders"]

DEFAULT_DAYS = (90, 30, 7)


def reminder_days() -> tuple[int, ...]:
    raw = getattr(settings, "MICROCRED_RENEWAL_REMINDER_DAYS", DEFAULT_DAYS)
    return tuple(sorted({int(d) for d in raw if int(d) > 0}, reverse=True))


def _pairs(now: datetime, horizon: datetime) -> set[tuple[int, int]]:
    """(provider, body) pairs with a recognition ending between now and the horizon."""
    return set(
        Decision.objects.filter(
            outcome=Decision.Outcome.RECOGNISED, valid_until__gt=now, valid_until__lte=horizon
        ).values_list("provider_id", "qa_body_id")
    )


def send_due_reminders(now: datetime | None = None) -> int:
    """Send what is due; return how many e-mails went out."""
    now = now or timezone.now()
    days = reminder_days()
    if not days:
        return 0
    sent = 0
    for provider_id, body_id in _pairs(now, now + timedelta(days=days[0])):
        provider = Organization.objects.get(pk=provider_id)
        body = Organization.objects.get(pk=body_id)
        standing = standing_of(provider, body, now)
        if standing.period is None or standing.period.until is None:
            continue
        renewal_pending = (
            Application.objects.filter(provider=provider, qa_body=body)
            .exclude(state__in=[Application.State.DRAFT, Application.State.DECIDED])
            .exists()
        )
        if renewal_pending:
            continue
        left = standing.period.until - now
        due = [d for d in days if left <= timedelta(days=d)]
        if due:
            sent += _remind(standing.period.decision, min(due), provider, body)
    return sent


def _remind(decision: Decision, days: int, provider: Organization, body: Organization) -> int:
    try:
        with transaction.atomic():
            RenewalReminder.objects.create(decision=decision, days_before=days)
            messages = _messages(decision, provider, body)
            transaction.on_commit(lambda: get_connection().send_messages(messages))
    except IntegrityError:
        return 0  # sent before
    return len(messages)


def _messages(decision: Decision, provider: Organization, body: Organization) -> list[EmailMessage]:
    admins = Membership.objects.filter(organization=provider, role=Role.ADMIN).select_related(
        "user"
    )
    messages = []
    for language in ("tr", "en") if provider.country == "TR" else ("en",):
        with translation.override(language):
            link = public_base_url() + reverse(
                "registry:applications", kwargs={"org": provider.slug}
            )
            subject = _("Recognition by %(body)s ends on %(date)s") % {
                "body": body.name,
                "date": decision.valid_until.date().isoformat() if decision.valid_until else "",
            }
            text = render_to_string(
                "registry/email/renewal.txt",
                {"provider": provider, "body": body, "decision": decision, "link": link},
            )
        messages.append((subject, text))
    subject = " / ".join(s for s, _t in messages)
    body_text = "\n\n---\n\n".join(t for _s, t in messages)
    return [EmailMessage(subject=subject[:200], body=body_text, to=[m.user.email]) for m in admins]
