"""The database the suite runs on, and the task queue on top of it.

``scripts/test`` runs this suite on SQLite and ``scripts/test --postgres`` runs it again on a
throwaway PostgreSQL cluster; the tests here prove each run really uses the database it
claims to, that every migration applied to it, and that the database task queue works on it
(claiming a task uses ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, an exclusive
transaction on SQLite).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tasks import TaskResultStatus

from microcred.web import env
from microcred.web.tasks import ping

PG = {
    "MICROCRED_DATABASE": "postgres",
    "PGHOST": "/run/pg",
    "PGPORT": "5433",
    "PGDATABASE": "mc",
    "PGUSER": "mc_app",
}


def test_the_suite_runs_on_the_database_the_environment_names() -> None:
    wanted = os.environ.get("MICROCRED_DATABASE", "sqlite")
    assert connection.vendor == {"sqlite": "sqlite", "postgres": "postgresql"}[wanted]


@pytest.mark.django_db
def test_every_migration_is_applied_to_the_test_database() -> None:
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    assert leaves, "no migrations found"
    assert executor.migration_plan(leaves) == []


# A real transaction: the worker closes connections that sit in a transaction it did not
# open (as a test's wrapping transaction would be), exactly as it does in production.
@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_an_enqueued_task_on_this_database() -> None:
    result = ping.enqueue("mikro-yeterlilik ✓")
    assert not result.is_finished
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "mikro-yeterlilik ✓"
    assert len(result.worker_ids) == 1


@pytest.mark.django_db
def test_ping_worker_fails_when_no_worker_answers() -> None:
    with pytest.raises(CommandError, match=r"No worker ran the ping task within 0\.3 s"):
        call_command("ping_worker", timeout=0.3)


def test_postgres_settings_from_libpq_variables(tmp_path: Path) -> None:
    db = env.databases(PG, var_dir=tmp_path)["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("/run/pg", "5433", "mc", "mc_app")
    assert db["CONN_MAX_AGE"] == env.POSTGRES_CONN_MAX_AGE
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["TEST"] == {"NAME": "test_mc"}
    assert not (tmp_path / "microcred.sqlite3").exists()


def test_postgres_defaults_to_a_database_named_microcred(tmp_path: Path) -> None:
    db = env.databases({"MICROCRED_DATABASE": "PostgreSQL"}, var_dir=tmp_path)["default"]
    assert (db["NAME"], db["TEST"]["NAME"]) == ("microcred", "test_microcred")


def test_connection_lifetime_and_test_database_can_be_set(tmp_path: Path) -> None:
    environ = {**PG, "MICROCRED_DB_CONN_MAX_AGE": "0", "MICROCRED_TEST_DATABASE": "ci_mc"}
    db = env.databases(environ, var_dir=tmp_path)["default"]
    assert (db["CONN_MAX_AGE"], db["TEST"]["NAME"]) == (0, "ci_mc")


@pytest.mark.parametrize("raw", ["-1", "1.5", "a minute"])
def test_a_connection_lifetime_that_is_not_whole_seconds_is_refused(
    raw: str, tmp_path: Path
) -> None:
    with pytest.raises(ImproperlyConfigured, match=f"MICROCRED_DB_CONN_MAX_AGE='{raw}'"):
        env.databases({**PG, "MICROCRED_DB_CONN_MAX_AGE": raw}, var_dir=tmp_path)


def test_sqlite_is_set_up_for_a_web_server_and_a_worker_side_by_side(tmp_path: Path) -> None:
    options = env.databases({}, var_dir=tmp_path)["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == env.SQLITE_BUSY_TIMEOUT
    assert "journal_mode=WAL" in options["init_command"]
