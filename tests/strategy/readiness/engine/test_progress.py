"""compare() reports change per dimension and per practice."""

from __future__ import annotations

from microcred.strategy.readiness.engine import Context, assess, compare

from .tiny import tiny_kb


def test_progress_per_dimension_and_practice() -> None:
    kb = tiny_kb()
    before = assess({"s1": "partly", "s4": "yes", "s5": 4}, Context(), kb)
    after = assess({"s1": "yes", "s2": 4, "s4": "no", "s5": 4}, Context(), kb)
    progress = compare(before, after)
    assert progress.same_kb_version
    d1 = progress.dimensions["d1"]
    # before: PS-01 = 33.33, PS-02 = 0; after: PS-01 = 100, PS-02 = 50 → 75
    before_d1 = round((33.33 + 0) / 2, 2)  # means are taken over the rounded practice scores
    assert (d1.before, d1.after, d1.delta) == (before_d1, 75.0, round(75.0 - before_d1, 2))
    d2 = progress.dimensions["d2"]
    # ID-02 capped at 50 once ID-01 drops out of place: (0 + 50) / 2 = 25 from 100
    assert (d2.before, d2.after, d2.delta) == (100.0, 25.0, -75.0)
    assert progress.improved == ("PS-01", "PS-02")
    assert progress.regressed == ("ID-01", "ID-02")
    assert progress.newly_in_place == ("PS-01",)


def test_different_kb_versions_are_flagged() -> None:
    kb = tiny_kb()
    a = assess({}, Context(), kb)
    b = a.model_copy(update={"kb_version": "tiny-2"})
    assert not compare(a, b).same_kb_version
    assert compare(a, a).dimensions["d1"].delta == 0
