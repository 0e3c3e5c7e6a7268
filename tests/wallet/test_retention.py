"""The retention rules delete exactly what is past its period, by explicit dates, and the
task and the command run them."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from pytest_django.fixtures import Settings

from microcred.accounts.models.throttle import ThrottleCounter
from microcred.issuing.models import AuditEvent, Award
from microcred.organizations.models import Organization
from microcred.wallet import retention, retention_task
from microcred.wallet.models import Claim, ShareLink, WalletItem
from microcred.wallet.shares import create_share

from .conftest import IssueTo, MakeLearner

pytestmark = pytest.mark.django_db


def now() -> datetime:
    return datetime.fromisoformat("2027-06-01T12:00:00+00:00")


def test_unclaimed_awards_lose_the_learners_address_after_the_period(
    issue_to: IssueTo, settings: Settings
) -> None:
    settings.MICROCRED_RETAIN_UNCLAIMED_EMAIL_DAYS = 100
    old = issue_to("old@uni.example").award
    young = issue_to("young@uni.example").award
    claimed = issue_to("claimed@uni.example").award
    Award.objects.filter(pk__in=[old.pk, claimed.pk]).update(created=now() - timedelta(days=101))
    Award.objects.filter(pk=young.pk).update(created=now() - timedelta(days=99))
    Claim.objects.create(award_public_id=claimed.public_id, organization_public_id="x")

    assert retention.erase_unclaimed_emails(now()) == 1
    emails = dict(Award.objects.values_list("pk", "learner_email"))
    assert emails == {old.pk: "", young.pk: "young@uni.example", claimed.pk: "claimed@uni.example"}
    old.refresh_from_db()
    assert old.credential  # the signed credential stays, with only the e-mail's hash
    assert retention.erase_unclaimed_emails(now()) == 0


def test_ended_share_links_are_deleted_after_the_period(
    issue_to: IssueTo, make_learner: MakeLearner, settings: Settings
) -> None:
    settings.MICROCRED_RETAIN_ENDED_SHARES_DAYS = 30
    learner = make_learner("ayse@uni.example")
    issued = issue_to("ayse@uni.example")
    item = WalletItem.objects.create(
        owner=learner, source="platform", award_public_id=issued.award.public_id,
        raw="{}", credential=issued.award.credential,
    )  # fmt: skip
    names = ("expired long ago", "expired lately", "withdrawn long ago", "live", "no expiry")
    links = {name: create_share(learner, [item], label=name)[0] for name in names}
    ShareLink.objects.filter(pk=links["expired long ago"].pk).update(
        expires_at=now() - timedelta(days=31)
    )
    ShareLink.objects.filter(pk=links["expired lately"].pk).update(
        expires_at=now() - timedelta(days=29)
    )
    ShareLink.objects.filter(pk=links["withdrawn long ago"].pk).update(
        revoked_at=now() - timedelta(days=31)
    )
    ShareLink.objects.filter(pk=links["live"].pk).update(expires_at=now() + timedelta(days=5))

    assert retention.delete_ended_shares(now()) == 2
    left = set(ShareLink.objects.values_list("label", flat=True))
    assert left == {"expired lately", "live", "no expiry"}
    assert WalletItem.objects.filter(pk=item.pk).exists()  # the credential itself stays


def test_audit_events_are_deleted_after_the_period(
    organization: Organization, settings: Settings
) -> None:
    settings.MICROCRED_RETAIN_AUDIT_YEARS = 2
    old = AuditEvent.objects.create(organization=organization, action="issue", target="a")
    young = AuditEvent.objects.create(organization=organization, action="issue", target="b")
    AuditEvent.objects.filter(pk=old.pk).update(at=now() - timedelta(days=731 + 1))
    AuditEvent.objects.filter(pk=young.pk).update(at=now() - timedelta(days=729))
    assert retention.delete_old_audit_events(now()) == 1
    assert list(AuditEvent.objects.values_list("target", flat=True)) == ["b"]


def test_stale_attempt_counters_are_deleted(db: None) -> None:
    ThrottleCounter.objects.create(
        key="sign-in:client:203.0.113.9", window_start=now() - timedelta(hours=25)
    )
    ThrottleCounter.objects.create(
        key="sign-in:client:203.0.113.8", window_start=now() - timedelta(hours=23)
    )
    assert retention.delete_stale_counters(now()) == 1
    assert list(ThrottleCounter.objects.values_list("key", flat=True)) == [
        "sign-in:client:203.0.113.8"
    ]


def test_the_task_runs_the_rules_and_queues_its_next_run(db: None) -> None:
    from django_tasks_db.models import DBTaskResult

    runs = DBTaskResult.objects.filter(task_path=retention_task.retention.module_path)
    retention_task.ensure_scheduled()
    retention_task.ensure_scheduled()
    assert runs.filter(status="READY").count() == 1
    runs.delete()
    before = timezone.now()
    report = retention_task.retention.call()
    assert set(report) == {"unclaimed_emails", "share_links", "audit_events", "counters"}
    [following] = runs.filter(status="READY")
    assert following.run_after >= before + timedelta(hours=24)


def test_the_command_reports_what_it_did(db: None) -> None:
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "unclaimed_emails: 0" in out.getvalue()
    assert "share_links: 0" in out.getvalue()
