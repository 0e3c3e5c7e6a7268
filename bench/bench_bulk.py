"""Bulk-issuance benchmark: one 10,000-row CSV through ``prepare_batch`` and the batch task.

Runs in-process against a fresh SQLite database in a temporary var dir (the deployment's
default), so it measures the whole path a worker takes: stream and check the file, store the
rows, then compose, sign, verify-what-was-signed and store every award chunk by chunk.
Prints one Markdown line. ``python -m bench.bench_bulk [--rows N]`` from the repository root.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def _configure(var_dir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "microcred.web.settings"
    os.environ.update(MICROCRED_VAR_DIR=str(var_dir), MICROCRED_DEBUG="1")
    os.environ.update(MICROCRED_DATABASE="sqlite")
    os.environ["MICROCRED_TASK_BACKEND"] = "django_tasks_db.DatabaseBackend"
    from microcred.organizations.keystore.kek import generate_kek_text

    os.environ["MICROCRED_KEK"] = generate_kek_text()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("name,email,grade,date\r\n")
        for i in range(rows):
            out.write(f"Learner {i},learner{i}@uni.example,{60 + i % 40},2026-05-01\r\n")


def run(rows: int) -> str:
    from tests.vc.elements.conftest import full_elements

    from microcred.catalog import services as catalog
    from microcred.issuing.batches import prepare_batch, start_batch
    from microcred.issuing.models import Award
    from microcred.issuing.tasks import issue_batch
    from microcred.organizations.models import Organization

    org = Organization.objects.create(slug="bench-uni", name="Bench University", country="TR")
    spec = catalog.create_specification(org, None, full_elements(), hours_per_ects=28)
    version = catalog.publish(spec)
    csv_path = Path(os.environ["MICROCRED_VAR_DIR"]) / "learners.csv"
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

    start_batch(preview.batch, by=None)
    started = time.perf_counter()
    result = issue_batch.call(preview.batch.public_id)  # what the worker runs
    issue_s = time.perf_counter() - started
    assert result["issued"] == rows, result
    assert Award.objects.count() == rows

    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return (
        f"| bulk issue, {rows:,} CSV rows, SQLite, 1 worker | prepare {prepare_s:.2f} s "
        f"({rows / prepare_s:,.0f} rows/s, peak {prepare_peak / 2**20:.1f} MiB traced) "
        f"| issue {issue_s:.1f} s = **{rows / issue_s:,.0f} credentials/s** "
        f"| max RSS {maxrss_mb:,.0f} MiB | Python {sys.version.split()[0]} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="microcred-bench-") as var_dir:
        _configure(Path(var_dir))
        print(run(args.rows))


if __name__ == "__main__":
    main()
