"""Exact scores on the tiny knowledge base (worked out by hand in the comments)."""

from __future__ import annotations

import pytest

from microcred.strategy.readiness.engine import Context, assess, normalise

from .tiny import tiny_kb

EMPTY = Context()


def test_normalise_both_answer_kinds() -> None:
    assert [normalise("ypn", a) for a in ("no", "partly", "yes")] == [0.0, 0.5, 1.0]
    assert [normalise("scale", v) for v in range(5)] == [0.0, 0.25, 0.5, 0.75, 1.0]
    with pytest.raises(ValueError, match="yes/partly/no"):
        normalise("ypn", 3)
    with pytest.raises(ValueError, match="0–4"):
        normalise("scale", 5)
    with pytest.raises(ValueError, match="0–4"):
        normalise("scale", True)


def test_weighted_mean_per_practice_and_mean_per_dimension() -> None:
    kb = tiny_kb()
    # PS-01 = (2×1.0 + 1×0.75) / 3 = 91.67; PS-02 = (0.75 + 0.5) / 2 = 62.5
    # ID-01 = 0 (answered no); ID-02 = 1/4 = 25, and blocked by ID-01 → min(25, 50) = 25
    a = assess({"s1": "yes", "s2": 3, "s3": "partly", "s4": "no", "s5": 1}, EMPTY, kb)
    assert a.practices["PS-01"].raw == 91.67
    assert a.practices["PS-02"].score == 62.5
    assert a.practices["PS-02"].in_place
    assert a.practices["ID-01"].score == 0.0
    assert a.practices["ID-02"].score == 25.0
    assert a.practices["ID-02"].blocked_by == ("ID-01",)
    assert a.dimensions["d1"].score == round((91.67 + 62.5) / 2, 2)
    assert a.dimensions["d1"].in_place == 2
    assert a.dimensions["d2"].score == 12.5
    assert a.dimensions["d2"].in_place == 0


def test_unanswered_counts_as_zero_and_is_counted() -> None:
    kb = tiny_kb()
    a = assess({"s1": "yes"}, EMPTY, kb)
    # PS-01 = 2×1 / 3 = 66.67 with one of its two signals answered
    assert a.practices["PS-01"].score == 66.67
    assert (a.practices["PS-01"].answered, a.practices["PS-01"].signal_count) == (1, 2)
    assert a.practices["ID-01"].score == 0.0


def test_unknown_signal_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown signals: nope"):
        assess({"nope": "yes"}, EMPTY, tiny_kb())


def test_wrong_answer_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="s1: expected yes/partly/no"):
        assess({"s1": 2}, EMPTY, tiny_kb())
    with pytest.raises(ValueError, match="s2: expected an integer"):
        assess({"s2": "yes"}, EMPTY, tiny_kb())


def test_assessment_round_trips_through_json() -> None:
    kb = tiny_kb()
    a = assess({"s1": "partly", "s2": 2}, EMPTY, kb)
    again = type(a).model_validate_json(a.model_dump_json())
    assert again == a
