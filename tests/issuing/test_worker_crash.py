"""THE crash test: a real ``manage.py db_worker`` is SIGKILLed half-way through a batch;
``resume_batches --workers-gone`` and two fresh workers (running the batch concurrently)
finish it with every learner issued exactly once.

Every process (seeding, workers, resume) shares one SQLite file in a temporary var dir,
so this exercises the same code paths and locking as a deployment.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = 2000

SEED = f"""
import io
from microcred.catalog import services as catalog
from microcred.issuing.batches import prepare_batch, start_batch
from microcred.organizations.models import Organization
from tests.vc.elements.conftest import full_elements

org = Organization.objects.create(slug="crash-uni", name="Crash University", country="TR")
version = catalog.publish(
    catalog.create_specification(org, None, full_elements(), hours_per_ects=28)
)
lines = ["name,email,date"] + [
    f"Learner {{i}},learner{{i}}@uni.example,2026-05-01" for i in range({ROWS})
]
upload = io.BytesIO(("\\n".join(lines) + "\\n").encode())
preview = prepare_batch(org, version, upload, filename="crash.csv", by=None)
assert preview.valid == {ROWS}, preview.problems
start_batch(preview.batch, by=None)
print(preview.batch.public_id)
"""


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def worker(env: dict[str, str], log: Path, *extra: str) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:  # the child keeps its own descriptor
        return subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",  # DEBUG turns the reloader on: the worker would be a grandchild
                "--no-startup-delay",
                "--interval",
                "0.1",
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def query(db: Path, sql: str, *params: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db, timeout=20)) as connection:
        return connection.execute(sql, params).fetchall()


def batch_state(db: Path, public_id: str) -> tuple[str, int]:
    [(state, issued)] = query(
        db, "SELECT state, issued FROM issuing_batch WHERE public_id = ?", public_id
    )
    return str(state), int(str(issued))


def wait_for(predicate: object, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_killed_worker_resumes_without_issuing_twice(tmp_path: Path, kek: str) -> None:
    env = {
        **os.environ,
        "MICROCRED_VAR_DIR": str(tmp_path),
        "MICROCRED_DEBUG": "1",
        "MICROCRED_DATABASE": "sqlite",
        "MICROCRED_KEK": kek,
        "MICROCRED_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "MICROCRED_BATCH_RUNS": "1",  # one run, so killing its worker stalls the batch
    }
    db = tmp_path / "microcred.sqlite3"
    manage(env, "migrate", "--verbosity", "0")
    public_id = manage(env, "shell", "-c", SEED).strip().splitlines()[-1]
    assert batch_state(db, public_id) == ("queued", 0)

    first = worker(env, tmp_path / "worker1.log")
    try:
        wait_for(
            lambda: batch_state(db, public_id)[1] >= ROWS // 10, seconds=60, what="first chunks"
        )
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    state, issued = batch_state(db, public_id)
    assert state == "running"
    assert ROWS // 10 <= issued <= ROWS * 9 // 10, issued  # killed mid-batch
    [(status,)] = query(
        db,
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE ?",
        "%.issue_batch",
    )
    assert status == "RUNNING"  # what a dead worker leaves behind

    assert f"resumed {public_id}" in manage(env, "resume_batches", "--workers-gone")
    # A second, concurrent run of the same batch: the two must take turns, never double up.
    manage(env, "shell", "-c", f"from microcred.issuing.tasks import issue_batch as t; "
           f"t.enqueue({public_id!r})")  # fmt: skip
    workers = [worker(env, tmp_path / f"worker{n}.log", "--batch") for n in (2, 3)]
    try:
        wait_for(
            lambda: batch_state(db, public_id)[0] == "done", seconds=90, what="batch to finish"
        )
        for process in workers:
            assert process.wait(timeout=30) == 0
    finally:
        for process in workers:
            if process.poll() is None:
                process.kill()
                process.wait()

    assert batch_state(db, public_id) == ("done", ROWS)
    [(awards, keys)] = query(
        db, "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM issuing_award"
    )
    assert (awards, keys) == (ROWS, ROWS)
    [(linked, distinct)] = query(
        db, "SELECT COUNT(award_id), COUNT(DISTINCT award_id) FROM issuing_batchrow"
    )
    assert (linked, distinct) == (ROWS, ROWS)
    [(mismatched,)] = query(
        db,
        "SELECT COUNT(*) FROM issuing_batchrow r JOIN issuing_award a ON a.id = r.award_id "
        "WHERE a.idempotency_key != r.idempotency_key",
    )
    assert mismatched == 0
    runs = query(
        db,
        "SELECT task_path, status, traceback FROM django_tasks_database_dbtaskresult",
    )
    statuses = sorted(str(s) for (path, s, _) in runs if str(path).endswith(".issue_batch"))
    # The killed run is recorded as failed, not left "running" for ever.
    assert statuses == ["FAILED", "SUCCESSFUL", "SUCCESSFUL"], [
        t for (_, s, t) in runs if s == "FAILED"
    ]
    mail = [(s, t) for (path, s, t) in runs if str(path).endswith(".mail_awards")]
    assert mail, "the awards were never queued for mailing"
    assert all(s == "SUCCESSFUL" for s, _ in mail), mail
