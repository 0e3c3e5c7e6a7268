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
import logging
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import (
    Allocation,
    AwardRequest,
    Prepared,
    allocate_entries,
    existing_awards,
    idempotency_key,
    pending_requests,
    prepare_awards,
    store_awards,
)
from microcred.issuing.csv_rows import GradeRule, RowProblem, read_rows
from microcred.issuing.errors import IssuingError
from microcred.issuing.grading import refusal, scheme_of
from microcred.issuing.mail_tasks import mail_awards
from microcred.issuing.models import AuditEvent, Award, Batch, BatchRow
from microcred.organizations.keys import OrgSigner, signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner, VcError

logger = logging.getLogger(__name__)

#: Rows written per INSERT while preparing (bounded memory, few round trips).
STORE_CHUNK = 1000
#: Problems listed on the preview page; the rest are counted. A file of bad rows would
#: otherwise make a page as large as the file, several times over.
SHOWN_PROBLEMS = 100
#: Rows issued per transaction: small enough to keep the write lock short, large enough to
#: share one status-list allocation and one key unsealing.
ISSUE_CHUNK = 200
#: How long a run's claim on a chunk holds before another run may take the rows over
#: (signing and storing a chunk takes well under a second).
CLAIM_LEASE = timedelta(seconds=60)
CLAIM_POLL_SECONDS = 0.25
#: Errors that mean "this row can never be issued as it is" — anything else (database gone,
#: key store down) aborts the run so it can be resumed.
PERMANENT_ERRORS: tuple[type[Exception], ...] = (IssuingError, VcError, ValidationError)


@dataclass(frozen=True, slots=True)
class BatchPreview:
    batch: Batch
    valid: int
    #: The first ``SHOWN_PROBLEMS`` problems, in line order.
    problems: list[RowProblem]
    #: How many more problems the file has beyond those shown.
    more_problems: int = 0
    #: Valid rows whose learner already has this award (a re-upload): not issued again.
    already_issued: int = 0

    @property
    def new(self) -> int:
        return self.valid - self.already_issued

    @property
    def problem_count(self) -> int:
        return len(self.problems) + self.more_problems


@dataclass(slots=True)
class _CheckedFile:
    """A file read and checked, before any database work: its valid learners by line."""

    learners: list[tuple[int, Learner]]
    problems: list[RowProblem]
    more_problems: int
    sha256: str


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


def row_key(version: SpecificationVersion, email: str, awarded_on: date | None) -> str:
    """The idempotency key of one learner's award from one version (on one date)."""
    return idempotency_key(version.public_id, email, awarded_on.isoformat() if awarded_on else "")


def prepare_batch(
    organization: Organization,
    version: SpecificationVersion,
    upload: IO[bytes],
    *,
    filename: str,
    by: User | None,
    include_name: bool = True,
    language: str = "",
) -> BatchPreview:
    """Store the valid rows of ``upload`` as a new batch; raises CsvFileError, keeping nothing.

    The skipped rows' problems are kept on the batch, so its page says why each was left
    out. ``language`` is the e-mail language of rows whose file names none.
    The file is read and checked first, outside any transaction: on SQLite a write
    transaction holds the one write lock, and a large file parsed inside it made every
    other writer (the task workers included) wait for it, then fail.
    """
    checked = _check_file(upload, grade_rule_for(version))
    language = language or organization.default_language
    problem_count = len(checked.problems) + checked.more_problems
    with transaction.atomic():
        batch = Batch.objects.create(
            organization=organization,
            specification_version=version,
            filename=filename[:255],
            created_by=by,
            file_sha256=checked.sha256,
            total=len(checked.learners),
            include_name=include_name,
            problems=[problem_record(p) for p in checked.problems],
            problem_count=problem_count,
        )
        already = 0
        for start in range(0, len(checked.learners), STORE_CHUNK):
            chunk = checked.learners[start : start + STORE_CHUNK]
            rows = [_batch_row(batch, version, line, learner, language) for line, learner in chunk]
            BatchRow.objects.bulk_create(rows)
            already += len(existing_awards(version, [r.idempotency_key for r in rows]))
        _audit(batch, by, "batch_prepared", {"valid": batch.total, "problems": problem_count})
    _refresh_row_statistics()
    return BatchPreview(batch, batch.total, checked.problems, checked.more_problems, already)


def problem_record(problem: RowProblem) -> dict[str, Any]:
    return {"line": problem.line, "column": problem.column, "message": problem.message}


def already_issued_rows(batch: Batch) -> int:
    """Rows of the batch whose award an earlier upload (or another way) had issued."""
    return (
        BatchRow.objects.filter(batch=batch, award__isnull=False)
        .exclude(award__batch=batch)
        .count()
    )


def grade_rule_for(version: SpecificationVersion) -> GradeRule:
    """The version's assessment rule as the CSV check applies it: a refusal's words."""
    scheme = scheme_of(version)

    def rule(grade: str) -> str | None:
        error = refusal(scheme, grade)
        return None if error is None else str(error)

    return rule


def _check_file(upload: IO[bytes], grade_rule: GradeRule | None = None) -> _CheckedFile:
    """Every row checked; the problems beyond the first ``SHOWN_PROBLEMS`` only counted."""
    raw = _HashingReader(upload)
    checked = _CheckedFile([], [], 0, "")
    rows = read_rows(io.BufferedReader(raw), today=timezone.localdate(), grade_rule=grade_rule)
    for row in rows:
        if row.learner is not None:
            checked.learners.append((row.line, row.learner))
            continue
        room = SHOWN_PROBLEMS - len(checked.problems)
        checked.problems.extend(row.problems[: max(room, 0)])
        checked.more_problems += max(len(row.problems) - max(room, 0), 0)
    while raw.read(65536):  # whatever the reader left unread still belongs to the file
        pass
    checked.sha256 = raw.digest.hexdigest()
    return checked


def _refresh_row_statistics() -> None:
    """PostgreSQL: tell the planner about the rows just added, before any claim runs.

    Until autovacuum gets round to it (up to a minute), the planner thinks the table holds
    none of these rows and answers each claim by sorting every pending row of every batch
    instead of reading the pending-rows index in line order. ANALYZE samples; it is cheap.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(BatchRow._meta.db_table)}")


def _batch_row(
    batch: Batch, version: SpecificationVersion, line: int, learner: Learner, language: str
) -> BatchRow:
    return BatchRow(
        batch=batch,
        line=line,
        idempotency_key=row_key(version, learner.email, learner.awarded_on),
        learner_email=learner.email,
        learner_name=learner.name,
        grade=learner.grade,
        awarded_on=learner.awarded_on,
        evidence_url=learner.evidence_url,
        language=learner.language or language,
    )


def start_batch(batch: Batch, *, by: User | None) -> None:
    """The officer's decision to issue the valid rows: queue the background run."""
    from microcred.issuing.tasks import enqueue_runs  # tasks imports this module

    with transaction.atomic():
        updated = Batch.objects.filter(pk=batch.pk, state=Batch.State.VALIDATED).update(
            state=Batch.State.QUEUED
        )
        if not updated:
            raise IssuingError(
                _("This batch has already been started."), code="issuing.batch_started"
            )
        _audit(batch, by, "batch_started", {"rows": batch.total})
        # Same database as the task queue: the batch and its tasks commit together.
        enqueue_runs(batch.public_id)
    batch.state = Batch.State.QUEUED


def run_batch(batch_public_id: str, *, chunk_size: int = ISSUE_CHUNK, run_id: str = "") -> Progress:
    """Issue every row not yet issued, in line order; safe to run twice, concurrently or
    after a crash. Each run claims a chunk, signs it without holding the write lock, then
    stores it; several runs (one per worker) share a batch chunk by chunk. ``run_id`` names
    the run's claims (its task's id), so they can be released when its worker is gone."""
    batch = Batch.objects.select_related("specification_version__specification").get(
        public_id=batch_public_id
    )
    if batch.state not in (Batch.State.QUEUED, Batch.State.RUNNING):
        return batch_progress(batch)  # never started by an officer, or already finished
    Batch.objects.filter(pk=batch.pk, state=Batch.State.QUEUED).update(state=Batch.State.RUNNING)
    run_id = run_id or secrets.token_hex(8)
    claim_next = partial(_claim, batch, run_id, chunk_size)
    with signer_for(batch.organization) as signer:
        claimed = claim_next()
        while claimed or _wait_for_other_runs(batch):
            # Storing a chunk claims the next one, in the same write transaction.
            claimed = _issue_rows(batch, *claimed, signer, claim_next) if claimed else claim_next()
    _finish_if_complete(batch)
    batch.refresh_from_db()
    return batch_progress(batch)


#: A run's claim: its rows, in line order, and a status entry of each purpose for each.
Claim = tuple[list[BatchRow], Allocation]


def _claim(batch: Batch, run_id: str, chunk_size: int) -> Claim | None:
    """Claim the next unissued, unclaimed rows for this run, with status entries for them, in
    one short write transaction (on SQLite every write transaction may wait for the lock);
    called inside the transaction that stores the previous chunk, it adds none."""
    now = timezone.now()
    with transaction.atomic():
        # Serialises claimers (PostgreSQL; SQLite's IMMEDIATE transactions already do).
        Batch.objects.select_for_update().filter(pk=batch.pk).first()
        free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
        rows = list(BatchRow.objects.filter(_pending(batch), free).order_by("line")[:chunk_size])
        if not rows:
            return None
        BatchRow.objects.filter(pk__in=[r.pk for r in rows]).update(
            claimed_by=run_id, claimed_until=now + CLAIM_LEASE
        )
        allocation = allocate_entries(batch.organization, len(rows))
    return rows, allocation


def _wait_for_other_runs(batch: Batch) -> bool:
    """Rows left but all claimed by other runs: wait a little and look again (True), or
    nothing left (False). If a claimant died, its lease runs out and this run takes over."""
    if not BatchRow.objects.filter(_pending(batch)).exists():
        return False
    time.sleep(CLAIM_POLL_SECONDS)
    return True


def _pending(batch: Batch) -> Q:
    return Q(batch=batch, award__isnull=True, error="")


def _finish_if_complete(batch: Batch) -> None:
    """Mark the batch done once no row is pending — whichever run stores the last chunk."""
    with transaction.atomic():
        Batch.objects.select_for_update().filter(pk=batch.pk).first()
        if BatchRow.objects.filter(_pending(batch)).exists():
            return  # another run still holds a claim (or died: resume_batches requeues)
        rows = BatchRow.objects.filter(batch=batch)
        issued, failed = rows.filter(award__isnull=False).count(), rows.exclude(error="").count()
        finished = Batch.objects.filter(pk=batch.pk, state=Batch.State.RUNNING).update(
            state=Batch.State.DONE, finished=timezone.now(), issued=issued, failed=failed
        )
    if finished:
        logger.info(
            "batch finished",
            extra={
                "event": "batch_finished",
                "batch": batch.public_id,
                "issued": issued,
                "failed": failed,
            },
        )


def release_run_claims(run_id: str) -> int:
    """Drop the claims of one run (it failed, or its worker died); returns how many."""
    return (
        BatchRow.objects.filter(claimed_by=run_id, award__isnull=True, error="")
        .exclude(claimed_by="")
        .update(claimed_by="", claimed_until=None)
    )


def has_live_claim(batch: Batch, now: datetime) -> bool:
    """A run holds an unexpired lease on some pending row: it is at work."""
    return BatchRow.objects.filter(_pending(batch), claimed_until__gte=now).exists()


def release_claims(batch: Batch) -> int:
    """Drop every claim on a batch's rows (its workers are presumed dead); returns how many."""
    return (
        BatchRow.objects.filter(_pending(batch))
        .exclude(claimed_by="")
        .update(claimed_by="", claimed_until=None)
    )


def _issue_rows(
    batch: Batch,
    rows: Sequence[BatchRow],
    allocation: Allocation,
    signer: OrgSigner,
    claim_next: Callable[[], Claim | None],
) -> Claim | None:
    """Sign and store one claimed chunk, then claim the next (returned); rows that can never
    be issued get their reason."""
    try:
        return _issue_chunk(batch, rows, signer, allocation, claim_next)
    except PERMANENT_ERRORS:
        for row in rows:  # find the culprits one by one; the others still go out
            try:
                _issue_chunk(batch, [row], signer)
            except PERMANENT_ERRORS as exc:
                _record_error(batch, row, str(exc) or type(exc).__name__)
        return claim_next()


def _issue_chunk(
    batch: Batch,
    rows: Sequence[BatchRow],
    signer: OrgSigner,
    allocation: Allocation | None = None,
    claim_next: Callable[[], Claim | None] = lambda: None,
) -> Claim | None:
    """Sign, then store and (in the same transaction) claim the next chunk."""
    version = batch.specification_version
    requests = [AwardRequest(_learner(r), r.idempotency_key) for r in rows]
    existing = existing_awards(version, [r.idempotency_key for r in requests])
    prepared = prepare_awards(
        version,
        pending_requests(requests, existing),
        signer=signer,
        issued_by=batch.created_by,
        batch=batch,
        include_name=batch.include_name,
        allocation=allocation,
    )
    try:
        with transaction.atomic():
            _store_chunk(batch, rows, prepared, signer)
            return claim_next()
    except IntegrityError:
        # Another run stored some of these keys meanwhile (a lost claim): take what exists.
        with transaction.atomic():
            existing = existing_awards(version, [r.idempotency_key for r in requests])
            kept = [
                (a, t)
                for a, t in zip(prepared.awards, prepared.tokens, strict=True)
                if a.idempotency_key not in existing
            ]
            prepared.awards = [a for a, _ in kept]
            prepared.tokens = [t for _, t in kept]
            _store_chunk(batch, rows, prepared, signer)
            return claim_next()


def _store_chunk(
    batch: Batch,
    rows: Sequence[BatchRow],
    prepared: Prepared,
    signer: OrgSigner,
) -> None:
    """One transaction: the awards, the rows' links to them, the counters, the mail task.

    The batch row is locked first, as ``_claim`` locks it before the status lists: taking
    them the other way round (awards referencing a list, then the batch) deadlocked two
    workers on PostgreSQL.
    """
    Batch.objects.filter(pk=batch.pk).update(issued=F("issued") + len(rows))
    if prepared.awards:
        store_awards(prepared, signer=signer, fetch_ids=False)
    # One UPDATE links every row to the award with its idempotency key (unique per
    # organisation, indexed): far cheaper than a per-row CASE from bulk_update.
    linked = BatchRow.objects.filter(pk__in=[r.pk for r in rows]).update(
        award=Subquery(
            Award.objects.filter(
                organization_id=batch.organization_id, idempotency_key=OuterRef("idempotency_key")
            ).values("pk")[:1]
        ),
        claimed_by="",
        claimed_until=None,
    )
    if (
        linked != len(rows)
        or BatchRow.objects.filter(pk__in=[r.pk for r in rows], award__isnull=True).exists()
    ):  # an invariant, not bad input: abort the run (it can be resumed)
        raise RuntimeError(f"batch {batch.public_id}: a row has no award after storing")
    if prepared.awards:  # committed with the chunk: mailed once, only if it was stored
        mail_awards.enqueue([a.public_id for a in prepared.awards], "")


def _record_error(batch: Batch, row: BatchRow, error: str) -> None:
    with transaction.atomic():  # the batch row first, as everywhere (see _store_chunk)
        Batch.objects.filter(pk=batch.pk).update(failed=F("failed") + 1)
        row.error, row.claimed_by, row.claimed_until = error, "", None
        row.save(update_fields=["error", "claimed_by", "claimed_until"])


def _learner(row: BatchRow) -> Learner:
    return Learner(
        email=row.learner_email,
        name=row.learner_name,
        grade=row.grade,
        awarded_on=row.awarded_on,
        evidence_url=row.evidence_url,
        language=row.language,
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
    "already_issued_rows",
    "batch_progress",
    "has_live_claim",
    "prepare_batch",
    "problem_record",
    "release_claims",
    "release_run_claims",
    "row_key",
    "run_batch",
    "start_batch",
]
