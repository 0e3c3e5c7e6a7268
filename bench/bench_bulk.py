"""Bulk-issuance benchmark: one 10,000-row CSV, end to end through real task workers.

What a deployment does, in order: the upload is streamed and checked (``prepare_batch``, in
this process, like the web request that receives it); the officer starts the batch, which
queues its runs; ``manage.py db_worker`` processes — started before the clock — claim chunks,
compose, sign, verify what they signed and store. The clock stops when the batch is done;
the award e-mails (queued per stored chunk) are timed separately, as delivery. Peak memory
is each worker's high-water mark (VmHWM), read before it exits. CPU time per credential is
read from /proc for the workers and, on PostgreSQL, the server's processes (the bench process
itself only polls), so a slow run can be told apart from a busy machine.

``python -m bench.bench_bulk [--rows N] [--workers N]`` from the repository root; on
PostgreSQL, run it under ``scripts/pg-throwaway`` (which sets ``MICROCRED_DATABASE``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.fresh_site import configure

ROOT = Path(__file__).resolve().parents[1]


def _configure(var_dir: Path, workers: int) -> dict[str, str]:
    """Environment shared by this process and the workers; migrates the database."""
    return configure(
        var_dir,
        MICROCRED_TASK_BACKEND="django_tasks_db.DatabaseBackend",
        MICROCRED_BATCH_RUNS=str(workers),
        # Rendered and handed to a backend that drops them: locmem would keep every message
        # in memory, growing the worker with the batch as no SMTP server does.
        MICROCRED_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )


def _write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("name,email,grade,date\r\n")
        for i in range(rows):
            grade = ("AA", "BA", "BB", "CB", "CC")[i % 5]  # in the scheme, above its pass mark
            out.write(f"Learner {i},learner{i}@uni.example,{grade},2026-05-01\r\n")


def _start_workers(env: dict[str, str], count: int) -> list[subprocess.Popen[bytes]]:
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    return [
        subprocess.Popen(
            [*command, "--interval", "0.05"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]


def _peak_mib(process: subprocess.Popen[bytes]) -> float:
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue  # a database backend that has exited
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _database_pids() -> list[int]:
    """The PostgreSQL server's processes (none for SQLite, which runs inside the workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _wait(predicate: object, what: str, timeout: float = 900) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return time.perf_counter()
        time.sleep(0.05)  # each poll is a query: coarser polling leaves the cores to the workers
    raise SystemExit(f"bench_bulk: timed out waiting for {what}")


def run(rows: int, workers: int, env: dict[str, str]) -> str:
    from django.db import connection
    from django_tasks_db.models import DBTaskResult
    from tests.vc.elements.conftest import full_elements

    from microcred.catalog import services as catalog
    from microcred.issuing.batches import prepare_batch, start_batch
    from microcred.issuing.models import Award, Batch
    from microcred.organizations.models import Organization

    org = Organization.objects.create(slug="bench-uni", name="Bench University", country="TR")
    spec = catalog.create_specification(org, None, full_elements(), hours_per_ects=28)
    version = catalog.publish(spec)
    csv_path = Path(env["MICROCRED_VAR_DIR"]) / "learners.csv"
    _write_csv(csv_path, rows)

    started = time.perf_counter()
    with csv_path.open("rb") as upload:
        preview = prepare_batch(org, version, upload, filename=csv_path.name, by=None)
    prepare_s = time.perf_counter() - started
    assert preview.valid == rows, preview.problems[:3]
    tracemalloc.start()  # memory on a re-upload of the same file: tracing slows it down
    with csv_path.open("rb") as upload:
        prepare_batch(org, version, upload, filename=csv_path.name, by=None)
    _, prepare_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    processes = _start_workers(env, workers)
    try:
        time.sleep(3)  # let the workers import Django and start polling
        batch = preview.batch
        worker_pids = [p.pid for p in processes]
        cpu_before = _cpu_seconds(worker_pids), _cpu_seconds(_database_pids())
        started = time.perf_counter()
        start_batch(batch, by=None)
        done = _wait(
            lambda: Batch.objects.filter(pk=batch.pk, state=Batch.State.DONE).exists(),
            "the batch",
        )
        cpu_workers = _cpu_seconds(worker_pids) - cpu_before[0]
        cpu_database = _cpu_seconds(_database_pids()) - cpu_before[1]
        issue_peaks = [_peak_mib(p) for p in processes]
        connection.close()
        mailed = _wait(
            lambda: not DBTaskResult.objects.exclude(status__in=["SUCCESSFUL"]).exists(),
            "the e-mails",
        )
        peaks = [_peak_mib(p) for p in processes]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
    assert Award.objects.count() == rows
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    issue_s, mail_s = done - started, mailed - done
    database = "PostgreSQL" if env["MICROCRED_DATABASE"].startswith("postgres") else "SQLite"
    return (
        f"| bulk issue, {rows:,} CSV rows, {database}, {workers} workers "
        f"| prepare {prepare_s:.2f} s ({rows / prepare_s:,.0f} rows/s, "
        f"peak {prepare_peak / 2**20:.1f} MiB traced) "
        f"| issue {issue_s:.1f} s = **{rows / issue_s:,.0f} credentials/s** "
        f"| CPU per credential: workers {cpu_workers / rows * 1e3:.2f} ms, "
        f"database server {cpu_database / rows * 1e3:.2f} ms "
        f"| then e-mails {mail_s:.1f} s | worker peak RSS {max(issue_peaks):,.0f} MiB issuing, "
        f"{max(peaks):,.0f} MiB after the e-mails "
        f"| Python {sys.version.split()[0]} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="microcred-bench-") as var_dir:
        env = _configure(Path(var_dir), args.workers)
        print(run(args.rows, args.workers, env))


if __name__ == "__main__":
    main()
