"""An issuer officer issues 500 credentials from a CSV, then revokes one, in a real browser.

What must be shown (issue 3): the three bad rows are listed with their line numbers; the
officer explicitly issues the valid rows only; the batch runs as a background task while
the progress bar (HTMX polling) moves to 497 issued; one award is revoked with a reason;
the revoked credential then fails verification on the public verify page.

Which task backend runs: the test settings' default, ``django_tasks_db.DatabaseBackend``
(asserted below), so starting the batch only queues a task row; nothing is issued until a
worker takes it. The worker is django-tasks-db's own ``Worker`` (the loop behind
``manage.py db_worker``), run in a thread of this process because the live server's
SQLite test database lives in memory and another process could not open it; the thread
shares the live server's connection exactly as the live server's own threads do. (A worker
*process*, killed and restarted, is tested in tests/issuing/test_worker_crash.py.) The
worker is held after its first committed chunk until the browser has shown that mid-way
state, so the progress bar is seen moving, not only finished, on any machine speed.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import OperationalError, connections
from django.db.backends.signals import connection_created
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import Page, expect

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing import batches
from microcred.issuing.models import Award, Batch
from microcred.issuing.tasks import issue_batch
from microcred.keystore import generate_kek_text, get_keystore
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.vc.elements.conftest import full_elements

pytestmark = pytest.mark.django_db(transaction=True)

LEARNERS = 500
#: Data row i is on line i + 2 of the file (line 1 is the header).
BAD_EMAIL, NO_NAME, BAD_DATE = 41, 250, 477
REASON = "Plagiarism found in the final project after issuing."
WAIT = 30_000


@pytest.fixture(autouse=True)
def kek(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Signing keys are sealed with a key-encryption key from the environment."""
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    yield
    get_keystore.cache_clear()


@pytest.fixture
def readers_never_wait() -> Iterator[None]:
    """Lets the live server's page reads pass the worker's uncommitted writes.

    The test database is SQLite in memory with a shared cache, where every thread's
    connection shares table locks and a reader that meets a writer fails at once with
    "database table is locked" (no busy timeout applies; production's WAL file database
    has none of this). Readers that read uncommitted take no table locks, so the progress
    polls and the worker's chunk transactions cannot refuse each other.
    """

    def read_uncommitted(connection: Any, **_: Any) -> None:
        if connection.vendor == "sqlite":
            connection.cursor().execute("PRAGMA read_uncommitted = 1")

    connection_created.connect(read_uncommitted)
    yield
    connection_created.disconnect(read_uncommitted)


@pytest.fixture
def published(organization: Organization) -> SpecificationVersion:
    version = catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    return catalog.publish(version)


def learners_csv() -> bytes:
    """500 learners; three rows are wrong, each in a different way."""
    day = (timezone.localdate() - timedelta(days=30)).isoformat()
    lines = ["name,email,date"]
    for i in range(LEARNERS):
        name, email, when = f"Learner {i:03d}", f"learner{i:03d}@uni.example", day
        if i == BAD_EMAIL:
            email = "learner041.uni.example"
        elif i == NO_NAME:
            name = ""
        elif i == BAD_DATE:
            when = "2026-13-45"
        lines.append(f"{name},{email},{when}")
    return ("\n".join(lines) + "\n").encode()


class HeldWorker:
    """The database backend's worker in a thread, held after its first chunk on request."""

    def __init__(self) -> None:
        self.first_chunk_done = threading.Event()
        self.release = threading.Event()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="db-worker", daemon=True)

    def start(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real = batches._issue_rows

        def chunk_then_hold(
            batch: Batch, rows: Any, allocation: Any, signer: Any, then: Any
        ) -> Any:
            claimed = real(batch, rows, allocation, signer, then)  # committed when this returns
            if not self.first_chunk_done.is_set():
                self.first_chunk_done.set()
                if not self.release.wait(timeout=60):
                    raise TimeoutError("the test never released the worker")
            return claimed

        monkeypatch.setattr(batches, "_issue_rows", chunk_then_hold)
        self._thread.start()

    def _run(self) -> None:
        worker = Worker(
            queue_names=["*"],
            interval=0.05,
            batch=True,  # stop once the queue is empty
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="browser-test-worker",
            excluded_queue_names=[],
        )
        try:
            self._run_until_the_queue_is_empty(worker)
        except BaseException as exc:  # reported by join(), in the test's thread
            self.error = exc
        finally:
            connections.close_all()

    @staticmethod
    def _run_until_the_queue_is_empty(worker: Worker) -> None:
        """Run the worker; start it again if it could not even begin fetching a task.

        Between tasks the worker opens an exclusive transaction to fetch the next one. In the
        test database (SQLite in memory, shared cache) that fails at once, with "database
        table is locked", whenever a page request happens to be reading at that moment —
        no busy timeout applies there, unlike production's WAL file. Nothing was taken yet,
        so starting the loop again on a fresh connection is exactly what a restarted worker
        does; any other error, or a lock that persists, still fails the test.
        """
        for attempt in range(20):
            try:
                worker.run()
                return
            except OperationalError as exc:
                if "locked" not in str(exc) or attempt == 19:
                    raise
                connections.close_all()
                time.sleep(0.05)

    def join(self) -> None:
        self.release.set()
        self._thread.join(timeout=60)
        assert not self._thread.is_alive(), "the worker did not finish"
        if self.error is not None:
            raise self.error


def progress_text(issued: int) -> str:
    percent = issued * 100 // (LEARNERS - 3)
    return f"{percent}% · {issued} new, 0 already issued, 0 failed, of {LEARNERS - 3}"


def test_officer_issues_497_of_500_rows_and_revokes_one(
    live_server: Any,
    page: Page,
    organization: Organization,
    published: SpecificationVersion,
    make_member: Any,
    screenshot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    readers_never_wait: None,
) -> None:
    assert isinstance(task_backends["default"], DatabaseBackend)  # a queue, not run-on-enqueue
    officer = make_member(organization, Role.ISSUER)
    sign_in(page, live_server.url, officer.email, PASSWORD)
    base = f"{live_server.url}/en/issuing/{organization.slug}"

    # 1. Upload: every bad row is listed with its line number; nothing is issued yet.
    page.goto(f"{base}/upload/")
    page.get_by_label("Micro-credential").select_option(published.public_id)
    page.get_by_label("CSV file").set_input_files(
        {"name": "learners.csv", "mimeType": "text/csv", "buffer": learners_csv()}
    )
    page.get_by_role("button", name="Check the file").click()
    counts = page.locator(".preview .valid-count")
    expect(counts).to_contain_text("497 valid rows. 497 new, 0 already issued")
    expect(page.locator(".preview h2")).to_have_text("3 problems")
    rows = page.locator(".preview tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(f"{BAD_EMAIL + 2}email")
    expect(rows.nth(0)).to_contain_text("“learner041.uni.example” is not an e-mail address.")
    expect(rows.nth(1)).to_contain_text(f"{NO_NAME + 2}nameThe name is empty.")
    expect(rows.nth(2)).to_contain_text(f"{BAD_DATE + 2}date")
    expect(rows.nth(2)).to_contain_text("“2026-13-45” is not a date (use YYYY-MM-DD).")
    screenshot(page, "1-row-errors")
    assert not Award.objects.exists()

    # 2. The explicit choice: issue the valid rows only. The task is queued, not run.
    page.get_by_role("button", name="Issue the 497 new micro-credentials").click()
    progress = page.locator("#batch-progress")
    expect(progress).to_contain_text(progress_text(0))
    expect(progress.locator(".state")).to_have_text("Queued")
    runs = DBTaskResult.objects.filter(task_path=issue_batch.module_path)
    assert [run.status for run in runs] == ["READY"] * settings.MICROCRED_BATCH_RUNS
    assert not Award.objects.exists()

    # 3. A worker takes the task; the page's progress bar follows it, mid-way then done.
    worker = HeldWorker()
    worker.start(monkeypatch)
    try:
        assert worker.first_chunk_done.wait(timeout=60)
        expect(progress).to_contain_text(progress_text(batches.ISSUE_CHUNK), timeout=WAIT)
        expect(progress.locator(".state")).to_have_text("Running")
        expect(progress.locator("progress")).to_have_attribute("value", str(batches.ISSUE_CHUNK))
        screenshot(page, "2-progress-midway")
        worker.release.set()
        expect(progress).to_contain_text(progress_text(LEARNERS - 3), timeout=WAIT)
        expect(progress.locator(".state")).to_have_text("Done")
        expect(progress.locator("progress")).to_have_attribute("value", str(LEARNERS - 3))
    finally:
        worker.join()
    screenshot(page, "3-progress-done")
    assert {result.status for result in DBTaskResult.objects.all()} == {"SUCCESSFUL"}
    batch = Batch.objects.get()
    assert (batch.state, batch.issued, batch.failed) == (Batch.State.DONE, 497, 0)
    assert Award.objects.count() == Award.objects.values("learner_email").distinct().count() == 497
    skipped = [f"learner{i:03d}@uni.example" for i in (NO_NAME, BAD_DATE)]
    assert not Award.objects.filter(learner_email__in=skipped).exists()

    # 4. The award list; one award is revoked, with the reason stated.
    page.goto(f"{base}/awards/")
    expect(page.locator("main")).to_contain_text("497 awards match.")
    screenshot(page, "4-award-list")
    first = page.locator("main tbody tr").first
    email = first.locator("td").nth(1).inner_text()
    first.get_by_role("link").click()
    target = Award.objects.get(learner_email=email)
    expect(page).to_have_url(f"{base}/awards/{target.public_id}/")
    page.get_by_role("link", name="Revoke").click()
    page.get_by_label("Public reason").fill(REASON)
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("dd.state")).to_have_text("Revoked")
    expect(page.locator("main dl")).to_contain_text(REASON)
    screenshot(page, "5-revoked")
    target.refresh_from_db()
    assert (target.state, target.state_reason) == (Award.State.REVOKED, REASON)

    # 5. The revoked credential, downloaded, fails verification and the page says why.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download (.json)").click()
    saved = tmp_path / "credential.json"
    download.value.save_as(saved)
    page.goto(f"{live_server.url}/en/verify/")
    page.get_by_label("Or paste the credential").fill(saved.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Verify").click()
    verdict = page.locator("section.verdict")
    expect(verdict).to_have_class(re.compile(r"\bverdict-bad\b"))
    expect(verdict).to_contain_text(re.compile("revoked", re.IGNORECASE))
    expect(verdict).to_contain_text(REASON)
    screenshot(page, "6-verify-revoked")
