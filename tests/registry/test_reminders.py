"""Renewal reminders: each threshold once, to the provider's admins, not while a renewal is
under review; the task queues its own next round."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from microcred.accounts.models import User
from microcred.registry import applications, decisions
from microcred.registry.models import Application
from microcred.registry.reminders import send_due_reminders

from .conftest import filled

pytestmark = pytest.mark.django_db(transaction=True)


def test_reminders_before_expiry(
    submitted: Application, reviewer: User, provider_admin: User
) -> None:
    now = timezone.now()
    decisions.decide_application(
        submitted,
        outcome="recognised",
        reason="ok",
        by=reviewer,
        valid_until=now + timedelta(days=100),
    )
    assert send_due_reminders(now) == 0  # 100 days left: nothing due
    assert send_due_reminders(now + timedelta(days=11)) == 1  # under 90 days
    assert mail.outbox[-1].to == [provider_admin.email]
    assert "Kalite Kurulu" in mail.outbox[-1].subject
    assert send_due_reminders(now + timedelta(days=12)) == 0  # once per threshold
    renewal = applications.open_application(
        submitted.provider, submitted.qa_body, by=provider_admin
    )
    applications.submit(filled(renewal), by=provider_admin)
    assert send_due_reminders(now + timedelta(days=75)) == 0  # a renewal is under review


def test_the_task_sends_and_queues_its_next_round(settings: object) -> None:
    from django_tasks_db.models import DBTaskResult

    from microcred.registry.tasks import ensure_scheduled, renewal_reminders

    ensure_scheduled()
    ensure_scheduled()  # one round waits, not two
    queued = DBTaskResult.objects.filter(task_path=renewal_reminders.module_path, status="READY")
    assert queued.count() == 1
