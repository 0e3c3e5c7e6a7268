"""Keeping what the application writes under ``var/`` to its own user.

The SQLite file holds every credential, password hash and (encrypted) signing key; the
development key and the demo accounts file are secrets outright. ``manage.py`` and
``scripts/server`` set a 077 umask, but a server started another way (gunicorn under a
service manager with the usual 022) would still create them world-readable, so the
database file is also tightened whenever a connection opens.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Any

#: Files only the application's user may read or write; the var directory likewise.
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """``chmod`` unless already as strict; a file we do not own is left as it is."""
    with suppress(OSError):
        if path.stat().st_mode & 0o777 & ~mode:
            path.chmod(mode)


def private_sqlite_files(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: the SQLite database and its WAL files are 0600."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or "mode=memory" in name:
        return
    database = Path(name)
    make_private(database.parent, PRIVATE_DIR)
    for path in (database, Path(f"{name}-wal"), Path(f"{name}-shm")):
        make_private(path)
