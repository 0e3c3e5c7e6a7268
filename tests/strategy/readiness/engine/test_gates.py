"""Prerequisites act as gates: dependents are capped and deferred, the prerequisite first."""

from __future__ import annotations

from microcred.strategy.readiness.engine import Context, assess, recommend

from .tiny import ANSWERS, tiny_kb


def test_blocked_practice_is_capped_and_flagged() -> None:
    a = assess(ANSWERS, Context(), tiny_kb())
    ps02 = a.practices["PS-02"]
    assert ps02.raw == 75.0
    assert ps02.score == 50.0
    assert not ps02.in_place
    assert ps02.blocked_by == ("PS-01",)


def test_unblocked_once_prerequisite_in_place() -> None:
    a = assess({**ANSWERS, "s1": "yes"}, Context(), tiny_kb())
    assert a.practices["PS-01"].in_place
    assert a.practices["PS-02"].blocked_by == ()
    assert a.practices["PS-02"].score == 75.0


def test_prerequisite_outranks_the_practice_it_blocks() -> None:
    kb = tiny_kb()
    recs = recommend(assess(ANSWERS, Context(), kb), kb)
    assert [r.practice for r in recs] == ["PS-01", "PS-02"]
    ps01, ps02 = recs
    # PS-01: gate 4 × gap 50 / 10 = 20, + unblock bonus 3 for PS-02 = 23
    assert ps01.priority == 23.0
    assert [(r.kind, r.ref) for r in ps01.reasons] == [
        ("signal", "s1"),
        ("signal", "s2"),
        ("unblocks", "PS-02"),
    ]
    # PS-02: high 3 × gap 50 / 10 = 15, halved because blocked = 7.5
    assert ps02.priority == 7.5
    assert ps02.blocked_by == ("PS-01",)
    assert ("blocked_by", "PS-01") in [(r.kind, r.ref) for r in ps02.reasons]


def test_in_place_practices_are_not_recommended() -> None:
    kb = tiny_kb()
    recs = recommend(assess(ANSWERS, Context(), kb), kb)
    assert "ID-01" not in [r.practice for r in recs]
    assert "ID-02" not in [r.practice for r in recs]
