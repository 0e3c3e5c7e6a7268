"""A slow task for the server script's stop tests, importable by the worker it starts
(the worker finds a task by its module path, so it lives in a module of its own)."""

from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task


@task()
def pause(folder: str, seconds: float) -> str:
    """Marks its start and its end with files in ``folder``."""
    (Path(folder) / "started").touch()
    time.sleep(seconds)
    (Path(folder) / "finished").touch()
    return "done"
