"""The strategy app's tables, one module per part; Django and migrations find them all here.

``strategy`` holds the strategy, its design team and history; ``steep`` the STEEP factors and
themes; ``readiness`` the self-assessments and the answers being filled in.
"""

from __future__ import annotations

from microcred.strategy.models.readiness import Assessment, ReadinessDraft
from microcred.strategy.models.steep import SteepFactor, SteepTheme
from microcred.strategy.models.strategy import DesignRole, Revision, Strategy, TeamRole

__all__ = [
    "Assessment",
    "DesignRole",
    "ReadinessDraft",
    "Revision",
    "SteepFactor",
    "SteepTheme",
    "Strategy",
    "TeamRole",
]
