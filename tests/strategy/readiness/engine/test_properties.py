"""Property tests over the shipped knowledge base: bounds, monotonicity, determinism."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.strategy.readiness.engine import Answer, Context, assess, default_kb, recommend

KB = default_kb()
SIGNALS = {s.id: s.kind for s in KB.signals}
YPN_ORDER: list[Answer] = ["no", "partly", "yes"]


def _answer(kind: str) -> st.SearchStrategy[Answer]:
    if kind == "ypn":
        return st.sampled_from(YPN_ORDER)
    return st.integers(min_value=0, max_value=4)


answers_st = st.fixed_dictionaries(
    {}, optional={sid: _answer(kind) for sid, kind in SIGNALS.items()}
)


def _raise(kind: str, answer: Answer | None) -> Answer:
    """The next better answer (unanswered counts as the lowest)."""
    if kind == "ypn":
        idx = -1 if answer is None else YPN_ORDER.index(answer)
        return YPN_ORDER[min(idx + 1, 2)]
    return 0 if answer is None else min(int(answer) + 1, 4)


@settings(max_examples=60, deadline=None)
@given(answers=answers_st)
def test_scores_stay_within_0_and_100(answers: dict[str, Answer]) -> None:
    a = assess(answers, Context(), KB)
    for p in a.practices.values():
        assert 0 <= p.score <= p.raw <= 100
        assert p.in_place == (p.score >= KB.scoring.in_place_threshold)
    for d in a.dimensions.values():
        assert 0 <= d.score <= 100


@settings(max_examples=60, deadline=None)
@given(answers=answers_st, signal=st.sampled_from(sorted(SIGNALS)))
def test_better_answer_never_lowers_a_score(answers: dict[str, Answer], signal: str) -> None:
    better = {**answers, signal: _raise(SIGNALS[signal], answers.get(signal))}
    before = assess(answers, Context(), KB)
    after = assess(better, Context(), KB)
    for pid, p in before.practices.items():
        assert after.practices[pid].score >= p.score
    for did, d in before.dimensions.items():
        assert after.dimensions[did].score >= d.score


@settings(max_examples=30, deadline=None)
@given(answers=answers_st, limit=st.integers(min_value=1, max_value=20))
def test_recommendations_are_open_practices_in_order(
    answers: dict[str, Answer], limit: int
) -> None:
    a = assess(answers, Context(), KB)
    recs = recommend(a, KB, limit=limit)
    assert len(recs) <= limit
    assert all(not a.practices[r.practice].in_place for r in recs)
    assert all(r.priority >= 0 for r in recs)
    assert [r.practice for r in recs] == [r.practice for r in recommend(a, KB, limit=limit)]
    open_count = sum(not p.in_place for p in a.practices.values())
    assert len(recs) == min(limit, open_count)
