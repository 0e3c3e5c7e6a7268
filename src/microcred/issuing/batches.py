"""Bulk issuance from a CSV: check and keep the rows, then issue them in the background.

The flow has an explicit human decision in the middle: ``prepare_batch`` reads the file and
stores the valid rows (nothing is issued); the officer sees every problem and then chooses
``start_batch``; a task (``run_batch``) issues the rows chunk by chunk. Each chunk's awards
and the links from its rows to them commit together, and every row carries the same
idempotency key an award would get, so a killed worker, a second worker or a re-uploaded
file can never issue a learner's credential twice.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.compose import Learner
from microcred.issuing.csv_rows import RowProblem, read_rows
from microcred.issuing.errors import IssuingError
from microcred.issuing.models import AuditEvent, Batch, BatchRow
from microcred.issuing.notifications import notify_awarded
from microcred.organizations.keys import signer_for
from microcred.vc.errors import VcError

#: Rows written per INSERT while preparing (bounded memory, few round trips).
STORE_CHUNK = 1000
#: Rows issued per transaction: small enough to keep the write lock short, large enough to
#: share one status-list allocation and one key unsealing.
ISSUE_CHUNK = 200
#: Errors that mean "this row can never be issued as it is" — anything else (database gone,
#: key store down) aborts the run so it can be resumed.
PERMANENT_ERRORS: tuple[type[Exception], ...] = (IssuingError, VcError, ValidationError)


@dataclass(frozen=True, slots=True)
class BatchPreview:
    batch: Batch
    valid: int
    problems: list[RowProblem]


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    issued: int
    failed: int
    state: str
    percent: int


class _HashingReader(io.RawIOBase):
    """Hashes the upload's bytes as the CSV reader pulls them, so the file is read once."""

    def __init__(self, upload: IO[bytes]) -> None:
        super().__init__()
        self._upload = upload
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._upload.read(len(buffer))
        self.digest.update(data)
        buffer[: len(data)] = data
        return len(data)


def row_key(version: Any, email: str, awarded_on: date | None) -> str:
    """The idempotency key of one learner's award from one version (on one date)."""
    return idempotency_key(version.public_id, email, awarded_on.isoformat() if awarded_on else "")


@transaction.atomic
def prepare_batch(
    organization: Any, version: Any, upload: IO[bytes], *, filename: str, by: Any
) -> BatchPreview:
    """Store the valid rows of ``upload`` as a new batch; raises CsvFileError, keeping nothing."""
    raw = _HashingReader(upload)
    batch = Batch.objects.create(
        organization=organization,
        specification_version=version,
        filename=filename[:255],
        created_by=by,
    )
    problems: list[RowProblem] = []
    pending: list[BatchRow] = []
    valid = 0
    for row in read_rows(io.BufferedReader(raw), today=timezone.localdate()):
        if row.learner is None:
            problems.extend(row.problems)
            continue
        valid += 1
        pending.append(_batch_row(batch, version, row.line, row.learner))
        if len(pending) >= STORE_CHUNK:
            BatchRow.objects.bulk_create(pending)
            pending.clear()
    BatchRow.objects.bulk_create(pending)
    while raw.read(65536):  # whatever the reader left unread still belongs to the file
        pass
    batch.file_sha256 = raw.digest.hexdigest()
    batch.total = valid
    batch.save(update_fields=["file_sha256", "total"])
    _audit(batch, by, "batch_prepared", {"valid": valid, "problems": len(problems)})
    return BatchPreview(batch, valid, problems)


def _batch_row(batch: Batch, version: Any, line: int, learner: Learner) -> BatchRow:
    return BatchRow(
        batch=batch,
        line=line,
        idempotency_key=row_key(version, learner.email, learner.awarded_on),
        learner_email=learner.email,
        learner_name=learner.name,
        grade=learner.grade,
        awarded_on=learner.awarded_on,
        evidence_url=learner.evidence_url,
    )


def start_batch(batch: Batch, *, by: Any) -> None:
    """The officer's decision to issue the valid rows: queue the background run."""
    from microcred.issuing.tasks import issue_batch  # tasks imports this module

    with transaction.atomic():
        updated = Batch.objects.filter(pk=batch.pk, state=Batch.State.VALIDATED).update(
            state=Batch.State.QUEUED
        )
        if not updated:
            raise IssuingError(_("This batch has already been started."), code="batch_started")
        _audit(batch, by, "batch_started", {"rows": batch.total})
        # Same database as the task queue: the batch and its task commit together.
        issue_batch.enqueue(batch.public_id)
    batch.state = Batch.State.QUEUED


def run_batch(batch_public_id: str, *, chunk_size: int = ISSUE_CHUNK) -> Progress:
    """Issue every row not yet issued, in line order; safe to run twice or after a crash."""
    batch = Batch.objects.select_related("specification_version__specification").get(
        public_id=batch_public_id
    )
    if batch.state not in (Batch.State.QUEUED, Batch.State.RUNNING):
        return batch_progress(batch)  # never started by an officer, or already finished
    Batch.objects.filter(pk=batch.pk, state=Batch.State.QUEUED).update(state=Batch.State.RUNNING)
    while _issue_next_chunk(batch, chunk_size):
        pass
    with transaction.atomic():
        rows = BatchRow.objects.filter(batch=batch)
        Batch.objects.filter(pk=batch.pk, state=Batch.State.RUNNING).update(
            state=Batch.State.DONE,
            finished=timezone.now(),
            issued=rows.filter(award__isnull=False).count(),
            failed=rows.exclude(error="").count(),
        )
    batch.refresh_from_db()
    return batch_progress(batch)


def _issue_next_chunk(batch: Batch, chunk_size: int) -> bool:
    """Issue the next chunk; False when nothing is left. One transaction per chunk."""
    with transaction.atomic():
        # Serialises concurrent runs of the same batch (PostgreSQL; SQLite's IMMEDIATE
        # transactions already do), so the unissued rows read here stay unissued until commit.
        Batch.objects.select_for_update().filter(pk=batch.pk).first()
        rows = list(
            BatchRow.objects.filter(batch=batch, award__isnull=True, error="").order_by("line")[
                :chunk_size
            ]
        )
        if not rows:
            return False
        _issue_rows(batch, rows)
        BatchRow.objects.bulk_update(rows, ["award", "error"])
        failed = sum(1 for r in rows if r.error)
        Batch.objects.filter(pk=batch.pk).update(
            issued=F("issued") + len(rows) - failed, failed=F("failed") + failed
        )
    return True


def _issue_rows(batch: Batch, rows: Sequence[BatchRow]) -> None:
    """Link each row to its award, or record why it cannot be issued (one by one on error)."""
    version = batch.specification_version
    with signer_for(batch.organization) as signer:

        def issue(chunk: Sequence[BatchRow]) -> None:
            with transaction.atomic():  # a savepoint: a failed chunk leaves nothing behind
                issued = issue_awards(
                    version,
                    [AwardRequest(_learner(r), r.idempotency_key) for r in chunk],
                    signer=signer,
                    issued_by=batch.created_by,
                    batch=batch,
                )
                # Mailed after the chunk commits (and only for awards this run created).
                notify_awarded(issued, settings.LANGUAGE_CODE)
            for row, item in zip(chunk, issued, strict=True):
                row.award = item.award

        try:
            issue(rows)
        except PERMANENT_ERRORS:
            for row in rows:
                try:
                    issue([row])
                except PERMANENT_ERRORS as exc:
                    row.error = str(exc) or type(exc).__name__


def _learner(row: BatchRow) -> Learner:
    return Learner(
        email=row.learner_email,
        name=row.learner_name,
        grade=row.grade,
        awarded_on=row.awarded_on,
        evidence_url=row.evidence_url,
    )


def batch_progress(batch: Batch) -> Progress:
    """What the progress bar shows: rows handled (issued or failed) out of the valid rows."""
    done = batch.issued + batch.failed
    if batch.total:
        percent = min(100, done * 100 // batch.total)
    else:
        percent = 100 if batch.state == Batch.State.DONE else 0
    return Progress(batch.total, batch.issued, batch.failed, batch.state, percent)


def _audit(batch: Batch, by: Any, action: str, details: dict[str, Any]) -> None:
    AuditEvent.objects.create(
        organization=batch.organization,
        actor=by,
        actor_label=str(getattr(by, "email", "") or ""),
        action=action,
        target=batch.public_id,
        details=details,
    )


__all__ = [
    "BatchPreview",
    "Progress",
    "batch_progress",
    "prepare_batch",
    "row_key",
    "run_batch",
    "start_batch",
]
