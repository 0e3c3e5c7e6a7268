"""STEEP arithmetic: score, ranking, and the risk level a threat becomes on the canvas.

Pure functions over plain factor dicts (``{"id", "title", "orientation", "impact",
"likelihood", …}``) so ranking and send-to-canvas rules are testable without a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

HIGH_SCORE = 15
MEDIUM_SCORE = 8


def score(impact: int, likelihood: int) -> int:
    """Impact × likelihood on 1–5 scales: 1 (negligible) to 25 (certain and severe)."""
    if not (1 <= impact <= 5 and 1 <= likelihood <= 5):
        raise ValueError("impact and likelihood run from 1 to 5")
    return impact * likelihood


def band(value: int) -> str:
    """ "high" from 15 (the canvas must act), "medium" from 8, else "low"."""
    if value >= HIGH_SCORE:
        return "high"
    return "medium" if value >= MEDIUM_SCORE else "low"


def ranked(factors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Highest score first; ties by impact (a severe surprise matters more), then by title."""
    return sorted(
        factors,
        key=lambda f: (-score(f["impact"], f["likelihood"]), -f["impact"], str(f["title"])),
    )
