"""The assessment rule on its own: grades in and out of a scheme, above and below the mark."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from microcred.vc.elements import GradingScheme
from microcred.vc.elements.grading import GradeProblem, SchemeProblem, grade_problem
from microcred.vc.elements.grading import scheme_problems as problems
from microcred.vc.elements.validity import valid_until

LETTERS = GradingScheme(
    id="https://uni.example/grading",
    name="Harf notu",
    allowed_values=("FF", "DD", "DC", "CC", "CB", "BB", "BA", "AA"),  # low to high (OB 3.0)
    required_value="DD",
)
PASS_FAIL = GradingScheme(
    id="https://uni.example/pf", name="Pass/fail", allowed_values=("fail", "pass"),
    required_value="pass",
)  # fmt: skip
SCORES = GradingScheme(
    id="https://uni.example/score", name="Score", result_type="RawScore",
    value_min="0", value_max="100", required_value="60",
)  # fmt: skip


@pytest.mark.parametrize(
    ("scheme", "grade", "expected"),
    [
        (LETTERS, "AA", None),
        (LETTERS, "DD", None),  # the pass mark itself passes
        (LETTERS, "FF", GradeProblem.BELOW_PASS_MARK),
        (LETTERS, "ZZ", GradeProblem.NOT_IN_SCHEME),
        (LETTERS, "aa", GradeProblem.NOT_IN_SCHEME),  # grades are exact
        (LETTERS, "", None),  # no grade given: the scheme does not require one
        (PASS_FAIL, "pass", None),
        (PASS_FAIL, "fail", GradeProblem.BELOW_PASS_MARK),
        (SCORES, "60", None),
        (SCORES, "87,5", None),  # a decimal comma, as Turkish writes it
        (SCORES, "59.9", GradeProblem.BELOW_PASS_MARK),
        (SCORES, "101", GradeProblem.NOT_IN_SCHEME),
        (SCORES, "-1", GradeProblem.NOT_IN_SCHEME),
        (SCORES, "B", GradeProblem.NOT_IN_SCHEME),
        (SCORES, "NaN", GradeProblem.NOT_IN_SCHEME),
        (None, "anything", None),
    ],
)
def test_grade_rule(scheme: GradingScheme | None, grade: str, expected: GradeProblem) -> None:
    assert grade_problem(scheme, grade) == expected


def test_a_scale_without_a_pass_mark_only_checks_membership() -> None:
    open_scale = LETTERS.model_copy(update={"required_value": None})
    assert grade_problem(open_scale, "FF") is None
    assert grade_problem(open_scale, "ZZ") is GradeProblem.NOT_IN_SCHEME


def test_problem_values_are_the_api_codes() -> None:
    assert [str(p) for p in GradeProblem] == ["grade_not_in_scheme", "grade_below_pass_mark"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"required_value": "ZZ"}, [SchemeProblem.PASS_MARK_NOT_IN_SCALE]),
        ({"value_min": "0"}, [SchemeProblem.VALUES_AND_RANGE]),
    ],
)
def test_scale_soundness(changes: dict[str, str], expected: list[SchemeProblem]) -> None:
    assert problems(LETTERS.model_copy(update=changes)) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"required_value": "pass"}, [SchemeProblem.NOT_A_NUMBER]),
        ({"value_min": "100", "value_max": "0"}, [SchemeProblem.RANGE_INVERTED]),
        ({"required_value": "120"}, [SchemeProblem.PASS_MARK_OUT_OF_RANGE]),
    ],
)
def test_range_soundness(changes: dict[str, str], expected: list[SchemeProblem]) -> None:
    assert problems(SCORES.model_copy(update=changes)) == expected


ISSUED = datetime(2026, 5, 15, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("issued", "period", "end"),
    [
        (ISSUED, "P5Y", datetime(2031, 5, 15, 9, 30, tzinfo=UTC)),
        (ISSUED, "P18M", datetime(2027, 11, 15, 9, 30, tzinfo=UTC)),
        (ISSUED, "P1D", ISSUED + timedelta(days=1)),
        (ISSUED, "P2W", ISSUED + timedelta(weeks=2)),
        (ISSUED, "PT36H", ISSUED + timedelta(hours=36)),
        (ISSUED, "P1Y2M3DT4H5M6S", datetime(2027, 7, 18, 13, 35, 6, tzinfo=UTC)),
        # a day the target month lacks: its last day
        (datetime(2024, 2, 29, tzinfo=UTC), "P1Y", datetime(2025, 2, 28, tzinfo=UTC)),
        (datetime(2026, 1, 31, tzinfo=UTC), "P1M", datetime(2026, 2, 28, tzinfo=UTC)),
    ],
)
def test_validity_period_end(issued: datetime, period: str, end: datetime) -> None:
    assert valid_until(issued, period) == end


@pytest.mark.parametrize("period", ["5Y", "P", "PT", "P1.5Y", "P5Y ", "P-1D"])
def test_a_malformed_period_is_refused(period: str) -> None:
    with pytest.raises(ValueError, match="ISO 8601 duration"):
        valid_until(ISSUED, period)
