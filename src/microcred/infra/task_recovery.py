"""Telling a busy database from a broken one, and a dead worker's tasks from live ones.

A worker that met "database is locked" used to die, and ``scripts/server`` then stopped
everything; a worker killed mid-task left its task "running" for ever. Here are the two
judgements the workers need to do better: which errors are worth waiting out, and which
running tasks no process is running any more.
"""

from __future__ import annotations

import os
import re
import socket
from typing import Any

from django.db import OperationalError

from microcred.infra.errors import MicrocredError

#: PostgreSQL: serialization failure, deadlock, lock not available — retry, they pass.
CONTENTION_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
_SQLITE_BUSY = ("database is locked", "database table is locked")
#: ``<name>@<host>:<pid>[:<slot>]``: the worker ids ``scripts/server`` and ``task_worker``
#: give, so another process on the same host can tell whether that pid still runs.
_WORKER_ID = re.compile(r"^[^@]*@(?P<host>[^:]+):(?P<pid>\d+)(?::\d+)?$")


class WorkerGoneError(MicrocredError):
    """Recorded as the failure of a task whose worker stopped while running it."""

    code = "infra.worker_gone"


def is_contention(exc: BaseException) -> bool:
    """A lock another transaction holds, as opposed to a database that is gone or broken."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in CONTENTION_SQLSTATES:
        return True
    return any(text in str(exc).lower() for text in _SQLITE_BUSY)


def this_host() -> str:
    return socket.gethostname() or "localhost"


def worker_is_gone(worker_id: str, *, host: str | None = None) -> bool:
    """The id names a process on this host that no longer runs (other hosts: unknown)."""
    found = _WORKER_ID.match(worker_id)
    if found is None or found["host"] != (host or this_host()):
        return False
    try:
        os.kill(int(found["pid"]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


def orphaned_results(*, own_id: str = "") -> list[Any]:
    """Running task results whose worker is gone: a process on this host that no longer
    runs, or ``own_id`` — the id this starting worker took over from a dead predecessor."""
    from django_tasks_db.models import DBTaskResult

    orphans = []
    for result in DBTaskResult.objects.filter(status="RUNNING"):
        last = result.worker_ids[-1] if result.worker_ids else ""
        if last and (last == own_id or worker_is_gone(last)):
            orphans.append(result)
    return orphans


def fail_orphans(*, own_id: str = "") -> list[Any]:
    """Record every orphaned task as failed (it will not finish); returns them."""
    orphans = orphaned_results(own_id=own_id)
    for result in orphans:
        last = result.worker_ids[-1]
        result.set_failed(WorkerGoneError(f"worker {last} stopped while running this task"))
    return orphans
