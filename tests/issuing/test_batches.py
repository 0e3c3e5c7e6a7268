"""Bulk issuance: the file is checked and kept row by row, the officer starts it, the task
issues each learner exactly once — across re-uploads, re-runs and lost links."""

from __future__ import annotations

import hashlib
import random
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, issue_awards
from microcred.issuing.batches import (
    CLAIM_LEASE,
    batch_progress,
    row_key,
    run_batch,
    start_batch,
)
from microcred.issuing.errors import CsvFileError, IssuingError
from microcred.issuing.models import AuditEvent, Award, Batch, BatchRow
from microcred.issuing.tasks import issue_batch, resume_stalled_batches
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.vc.compose import Learner, compose_credential
from microcred.vc.verify import verify_credential
from tests.queued_mail import run_queued_mail

from .helpers import fetch_documents, learners_csv, prepare

pytestmark = pytest.mark.django_db

BAD_LINES = {57: "email", 201: "date", 480: "name"}  # physical lines (header is line 1)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


#: Grades of the fixtures' scheme at or above its pass mark (DD).
def test_prepare_keeps_valid_rows_and_reports_every_problem(
    organization: Organization, published: SpecificationVersion
) -> None:
    data = learners_csv(500, bad=BAD_LINES)
    preview = prepare(organization, published, data)
    assert preview.valid == 497
    assert [(p.line, p.column) for p in preview.problems] == sorted(BAD_LINES.items())
    batch = preview.batch
    assert (batch.state, batch.total, batch.filename) == ("validated", 497, "cohort.csv")
    assert batch.file_sha256 == hashlib.sha256(data).hexdigest()
    rows = BatchRow.objects.filter(batch=batch).order_by("line")
    assert rows.count() == 497
    assert set(BAD_LINES).isdisjoint(rows.values_list("line", flat=True))
    first = rows.first()
    assert first is not None
    assert first.idempotency_key == row_key(published, "learner0@uni.example", first.awarded_on)
    assert Award.objects.count() == 0  # preparing never issues


def test_unreadable_file_keeps_nothing(
    organization: Organization, published: SpecificationVersion
) -> None:
    data = learners_csv(1500) + b"\xff\xfe broken,row\r\n"  # past the first stored chunk
    with pytest.raises(CsvFileError, match="UTF-8"):
        prepare(organization, published, data)
    assert (Batch.objects.count(), BatchRow.objects.count()) == (0, 0)


def test_task_issues_every_row_once_and_credentials_verify(
    client: Client, organization: Organization, published: SpecificationVersion
) -> None:
    batch = prepare(organization, published, learners_csv(500, bad=BAD_LINES)).batch
    with override_settings(TASKS=IMMEDIATE):
        start_batch(batch, by=None)
    batch.refresh_from_db()
    assert (batch.state, batch.issued, batch.failed) == ("done", 497, 0)
    assert batch.finished is not None
    assert batch_progress(batch).percent == 100
    assert Award.objects.filter(batch=batch).count() == 497
    rows = BatchRow.objects.filter(batch=batch)
    assert rows.filter(award__isnull=True).count() == 0
    assert len(set(rows.values_list("award", flat=True))) == 497
    assert AuditEvent.objects.filter(action="batch_started", target=batch.public_id).exists()
    for row in random.Random(7).sample(list(rows.select_related("award")), 3):
        assert row.award is not None
        assert row.award.learner_email == row.learner_email
        report = verify_credential(
            row.award.credential,
            now=row.award.created,
            documents=fetch_documents(client, organization, row.award),
        )
        assert report.verified, [c.code for c in report.failures]


def test_same_file_twice_issues_each_learner_once(
    organization: Organization, published: SpecificationVersion
) -> None:
    data = learners_csv(500, bad=BAD_LINES)
    first = prepare(organization, published, data).batch
    second = prepare(organization, published, data).batch
    for batch in (first, second):
        Batch.objects.filter(pk=batch.pk).update(state=Batch.State.QUEUED)
        issue_batch.call(batch.public_id)
    assert Award.objects.count() == 497
    second_awards = set(BatchRow.objects.filter(batch=second).values_list("award", flat=True))
    assert second_awards == set(
        BatchRow.objects.filter(batch=first).values_list("award", flat=True)
    )
    assert Batch.objects.get(pk=second.pk).issued == 497  # linked to the existing awards


def test_rerun_and_lost_links_issue_nothing_twice(
    organization: Organization, published: SpecificationVersion
) -> None:
    batch = prepare(organization, published, learners_csv(30)).batch
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.QUEUED)
    # A crash after the awards but before the rows were linked (cannot happen inside one
    # transaction, but the keys must cover it): the next run finds and links the award.
    row = BatchRow.objects.get(batch=batch, line=5)
    with signer_for(organization) as signer:
        [orphan] = issue_awards(
            published,
            [AwardRequest(Learner(row.learner_email, row.learner_name), row.idempotency_key)],
            signer=signer,
        )
    run_batch(batch.public_id, chunk_size=7)
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.RUNNING)  # as if re-queued
    progress = run_batch(batch.public_id, chunk_size=7)
    assert (progress.state, progress.issued, progress.total) == ("done", 30, 30)
    assert Award.objects.count() == 30
    row.refresh_from_db()
    assert row.award_id == orphan.award.pk


def test_a_row_that_cannot_be_issued_fails_alone(
    organization: Organization, published: SpecificationVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    def compose(**kwargs: Any) -> dict[str, Any]:
        if kwargs["learner"].email == "learner3@uni.example":
            raise IssuingError("Learner 3 cannot receive this credential.")
        return compose_credential(**kwargs)

    monkeypatch.setattr("microcred.issuing.awards.compose_credential", compose)
    batch = prepare(organization, published, learners_csv(10)).batch
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.QUEUED)
    progress = run_batch(batch.public_id, chunk_size=4)
    assert (progress.state, progress.issued, progress.failed) == ("done", 9, 1)
    failed = BatchRow.objects.get(batch=batch, award__isnull=True)
    assert (failed.line, failed.error) == (5, "Learner 3 cannot receive this credential.")
    assert Award.objects.count() == 9


def test_batch_runs_only_after_the_officer_starts_it_and_only_once(
    organization: Organization, published: SpecificationVersion
) -> None:
    batch = prepare(organization, published, learners_csv(3)).batch
    assert run_batch(batch.public_id).state == "validated"  # a stray task issues nothing
    assert Award.objects.count() == 0
    start_batch(batch, by=None)  # the database backend: queued, not run
    assert (Batch.objects.get(pk=batch.pk).state, Award.objects.count()) == ("queued", 0)
    with pytest.raises(IssuingError) as caught:
        start_batch(batch, by=None)
    assert caught.value.code == "issuing.batch_started"
    assert batch_progress(batch) == batch_progress(Batch.objects.get(pk=batch.pk))
    assert batch_progress(batch).percent == 0


def test_resume_requeues_only_dead_runs(
    organization: Organization, published: SpecificationVersion
) -> None:
    from django_tasks_db.models import DBTaskResult

    batch = prepare(organization, published, learners_csv(3)).batch
    start_batch(batch, by=None)
    assert resume_stalled_batches() == []  # its task is still waiting for a worker
    started = timezone.now()
    DBTaskResult.objects.update(status="RUNNING", started_at=started)
    assert resume_stalled_batches(now=started) == []  # running, and has just started
    lease_end = started + CLAIM_LEASE * 3
    BatchRow.objects.filter(batch=batch).update(claimed_by="run1", claimed_until=lease_end)
    assert resume_stalled_batches(now=lease_end - timedelta(seconds=1)) == []  # a live lease
    assert resume_stalled_batches(now=lease_end + timedelta(seconds=1)) == [batch.public_id]
    # The run that let its lease lapse is recorded as failed; its rows are free again.
    runs = settings.MICROCRED_BATCH_RUNS
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED"] * runs + ["READY"] * runs
    for failed in DBTaskResult.objects.filter(status="FAILED"):
        assert failed.exception_class_path.endswith("WorkerGoneError")
    assert not BatchRow.objects.filter(batch=batch).exclude(claimed_by="").exists()
    DBTaskResult.objects.filter(status="READY").delete()
    assert resume_stalled_batches() == [batch.public_id]  # only a failed run left
    DBTaskResult.objects.all().delete()
    assert resume_stalled_batches() == [batch.public_id]  # queued with no task at all
    for result in DBTaskResult.objects.all():
        result.task.call(*result.args_kwargs["args"])
    assert Award.objects.count() == 3
    assert resume_stalled_batches() == []  # done


def test_each_learner_is_mailed_once_with_a_working_claim_link(
    organization: Organization,
    published: SpecificationVersion,
    client: Client,
) -> None:
    from django.core import mail

    batch = prepare(organization, published, learners_csv(5)).batch
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.QUEUED)
    run_batch(batch.public_id, chunk_size=2)
    assert mail.outbox == []  # issuance does not wait for the mail: a task of its own
    assert run_queued_mail() == 3  # one per stored chunk of 2, 2, 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        BatchRow.objects.filter(batch=batch).values_list("learner_email", flat=True)
    )
    for message in mail.outbox:  # the link derived later opens the learner's own award
        link = next(w for w in message.body.split() if "/issuing/claim/" in w)
        response = client.get(link.split("localhost:8000", 1)[1])
        assert response.status_code == 200
        assert response.context["award"].learner_email == message.to[0]
    again = prepare(organization, published, learners_csv(5)).batch
    Batch.objects.filter(pk=again.pk).update(state=Batch.State.QUEUED)
    run_batch(again.public_id)
    assert run_queued_mail() == 0
    assert len(mail.outbox) == 5  # re-uploading issues and mails nothing twice


def test_a_run_that_loses_a_race_stores_only_what_is_missing(
    organization: Organization, published: SpecificationVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run stores some of this chunk's learners between our signing and our storing
    (its claim had expired, say): we keep its awards and store only the others."""
    from microcred.issuing import batches

    batch = prepare(organization, published, learners_csv(6)).batch
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.QUEUED)
    real_prepare = batches.prepare_awards  # type: ignore[attr-defined]
    raced: list[str] = []

    def prepare_then_lose_the_race(version: Any, todo: Any, **kwargs: Any) -> Any:
        prepared = real_prepare(version, todo, **kwargs)
        if not raced:  # the other run stores the first two learners of this chunk first
            rival = [AwardRequest(r.learner, r.idempotency_key) for r in todo[:2]]
            with signer_for(organization) as signer:
                issue_awards(version, rival, signer=signer)
            raced.extend(r.idempotency_key for r in rival)
        return prepared

    monkeypatch.setattr(batches, "prepare_awards", prepare_then_lose_the_race)
    progress = run_batch(batch.public_id)
    assert (progress.state, progress.issued, progress.failed) == ("done", 6, 0)
    assert Award.objects.count() == 6  # the rival's two, and four of ours: nothing twice
    rows = BatchRow.objects.filter(batch=batch).select_related("award")
    assert all(r.award is not None and r.award.idempotency_key == r.idempotency_key for r in rows)
    assert {a.idempotency_key for a in Award.objects.filter(batch__isnull=True)} == set(raced)


def test_a_claim_reads_the_pending_rows_index_right_after_the_upload(
    organization: Organization, published: SpecificationVersion
) -> None:
    """Not a sort of every pending row of every batch per claim (quadratic in the batch)."""
    from django.db.models import Q
    from django.utils import timezone

    prepare(organization, published, learners_csv(50))  # another batch, still pending
    batch = prepare(organization, published, learners_csv(1000)).batch
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=timezone.now())
    claim = BatchRow.objects.filter(batch=batch, award__isnull=True, error="").filter(free)
    assert "batchrow_pending" in claim.order_by("line")[:200].explain()
