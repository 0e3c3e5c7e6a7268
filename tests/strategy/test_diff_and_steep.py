"""Pure parts: the revision diff, STEEP scoring and ranking (the matrix: charts/test_matrix.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from microcred.strategy.canvas.diff import compare
from microcred.strategy.steep.scoring import band, ranked, score


def test_diff_matches_items_by_id_per_block() -> None:
    old = {
        "notes": {"budget": "draft"},
        "cost_centres": [{"id": "c1", "name": "Licences"}, {"id": "c2", "name": "Rooms"}],
    }
    new = {
        "notes": {"budget": "agreed"},
        "cost_centres": [
            {"id": "c1", "name": "Platform licences", "amount": "1200.00"},
            {"id": "c3", "name": "Marketing"},
        ],
    }
    diffs = {d.block: d for d in compare(old, new)}
    budget = diffs["budget"]
    assert budget.notes == ("draft", "agreed")
    changes = {(c.item, c.change) for c in budget.items}
    assert changes == {("c1", "changed"), ("c2", "removed"), ("c3", "added")}
    (renamed,) = [c for c in budget.items if c.change == "changed"]
    assert [(str(f.label), f.old, f.new) for f in renamed.fields] == [
        ("Cost centre", "Licences", "Platform licences"),
        ("Amount", "", "1,200.00"),
    ]
    assert [b for b, d in diffs.items() if d.changed] == ["budget"]
    with translation.override("tr"):
        (renamed,) = [c for c in compare(old, new)[5].items if c.change == "changed"]
        assert renamed.fields[1].new == "1.200,00"


def test_score_band_and_rank() -> None:
    assert score(5, 3) == 15
    assert band(15) == "high"
    assert band(14) == "medium"
    assert band(7) == "low"
    with pytest.raises(ValueError, match="1 to 5"):
        score(6, 1)
    factors = [
        {"title": "b", "impact": 2, "likelihood": 5},
        {"title": "a", "impact": 5, "likelihood": 2},
        {"title": "c", "impact": 5, "likelihood": 5},
        {"title": "d", "impact": 1, "likelihood": 1},
    ]
    assert [f["title"] for f in ranked(factors)] == ["c", "a", "b", "d"]
