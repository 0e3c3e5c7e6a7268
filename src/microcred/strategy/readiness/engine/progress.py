"""Compare two assessments of the same organisation, per dimension and per practice.

Repeating the self-assessment is how an institution sees whether its plan works; the
comparison is plain differences so the page and the PDF can show them as they like.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from microcred.strategy.readiness.engine.scoring import Assessment


class DimensionProgress(BaseModel):
    model_config = ConfigDict(frozen=True)

    dimension: str
    before: float
    after: float
    delta: float


class Progress(BaseModel):
    model_config = ConfigDict(frozen=True)

    same_kb_version: bool
    dimensions: dict[str, DimensionProgress]
    improved: tuple[str, ...]
    regressed: tuple[str, ...]
    newly_in_place: tuple[str, ...]


def compare(previous: Assessment, current: Assessment) -> Progress:
    """Dimensions or practices present in only one assessment are left out, not guessed."""
    dims = {
        d: DimensionProgress(
            dimension=d,
            before=previous.dimensions[d].score,
            after=cur.score,
            delta=round(cur.score - previous.dimensions[d].score, 2),
        )
        for d, cur in current.dimensions.items()
        if d in previous.dimensions
    }
    common = [p for p in current.practices if p in previous.practices]
    before = previous.practices
    after = current.practices
    return Progress(
        same_kb_version=previous.kb_version == current.kb_version,
        dimensions=dims,
        improved=tuple(p for p in common if after[p].score > before[p].score),
        regressed=tuple(p for p in common if after[p].score < before[p].score),
        newly_in_place=tuple(p for p in common if after[p].in_place and not before[p].in_place),
    )
