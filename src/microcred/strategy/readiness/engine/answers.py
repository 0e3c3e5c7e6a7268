"""Answers to signals and their normalisation to 0–1.

Two answer kinds: yes/partly/no and a 0–4 maturity scale. Normalising both to 0–1 lets
the engine treat them alike, and keeps "partly" honestly halfway.
"""

from __future__ import annotations

from typing import Literal

from microcred.strategy.readiness.engine.models import AnswerKind

YesPartlyNo = Literal["yes", "partly", "no"]
Answer = YesPartlyNo | int

_YPN: dict[str, float] = {"no": 0.0, "partly": 0.5, "yes": 1.0}
SCALE_MAX = 4


def normalise(kind: AnswerKind, answer: Answer) -> float:
    """Map an answer to 0–1; a wrong kind of answer is a caller error (ValueError)."""
    if kind == "ypn":
        if isinstance(answer, str) and answer in _YPN:
            return _YPN[answer]
        raise ValueError(f"expected yes/partly/no, got {answer!r}")
    if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer <= SCALE_MAX:
        return answer / SCALE_MAX
    raise ValueError(f"expected an integer 0–{SCALE_MAX}, got {answer!r}")
