"""Running the microcred command as a user would, for the CLI's tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

MICROCRED = [sys.executable, "-m", "microcred.cli"]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MICROCRED, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def verify_json(tmp: Path, *args: str | Path) -> tuple[int, list[dict[str, Any]]]:
    result = run("verify", "--json", *args, cwd=tmp)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.returncode, lines
