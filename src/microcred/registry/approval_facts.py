"""The seam to the approval of micro-credentials by quality-assurance bodies.

The registry shows "approved by …" beside a published micro-credential only from this one
function: the catalogue records approvals (``catalog.approvals``), the registry shows
them as facts (the endorsement a QA body signed is in every credential as well).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from microcred.catalog import approvals
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
    found = approvals.approval_of(version)
    if found is None:
        return None
    body = found.qa_body
    return Approval(body_name=body.name, body_slug=body.slug, approved_at=found.approved_at)
