"""The seam to the approval of micro-credentials by quality-assurance bodies.

The registry shows "approved by …" beside a published micro-credential only from this one
function, which knows nothing of how approvals are recorded. Until approvals exist it
answers None for every version, and the listing shows nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from microcred.catalog.models import SpecificationVersion

__all__ = ["Approval", "approval_of"]


@dataclass(frozen=True, slots=True)
class Approval:
    """A body's approval of one specification version (a registry fact)."""

    body_name: str
    body_slug: str
    approved_at: datetime


def approval_of(version: SpecificationVersion) -> Approval | None:
    """The approval of ``version`` by a quality-assurance body, if any."""
    return None
