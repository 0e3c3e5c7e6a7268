"""What the application writes under ``var/`` is its user's only, whatever the caller's umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from microcred.keystore import generate_kek_text
from microcred.web.file_modes import make_private

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_manage_py_creates_a_private_var_directory(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROCRED_")}
    env.update(
        MICROCRED_VAR_DIR=str(var),
        MICROCRED_DEBUG="1",
        MICROCRED_DATABASE="sqlite",
        MICROCRED_KEK=generate_kek_text(),
        DJANGO_SETTINGS_MODULE="microcred.web.settings",
    )
    # A shell with the usual umask, as a cron job or a hand-run command would have.
    command = f"umask 022 && {sys.executable} manage.py migrate --verbosity 0"
    result = subprocess.run(
        ["sh", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert mode(var) == 0o700
    assert mode(var / "microcred.sqlite3") == 0o600
    assert mode(var / "dev-secret-key") == 0o600
    assert [p.name for p in var.iterdir() if mode(p) & 0o077] == []


def test_an_existing_world_readable_file_is_tightened(tmp_path: Path) -> None:
    loose = tmp_path / "microcred.sqlite3"
    loose.write_bytes(b"")
    loose.chmod(0o644)
    make_private(loose)
    assert mode(loose) == 0o600
    make_private(tmp_path / "absent")  # nothing to do, and no error
