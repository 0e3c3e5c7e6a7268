"""Fixtures for the trust core's tests: vectors on disk, fresh keys, a fixed clock."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def load_vector(relative: str) -> Any:
    return json.loads((VECTORS / relative).read_text("utf-8"))


@pytest.fixture
def now() -> datetime:
    return NOW
