"""The assessment rule of a micro-credential: is this grade in its scheme, and does it pass?

Pure, so the editor, the three ways of issuing (form, CSV, API) and anyone re-checking a
credential apply the same rule. The scheme is an OB 3.0 ``ResultDescription``
(:class:`~microcred.vc.elements.model.GradingScheme`):

- an ordered scale (``allowedValue``; OB 3.0 orders it "from low to high"): a grade must be
  one of the values, and passes when it is not below ``requiredValue``, the pass mark. A
  pass/fail scheme is the two-value scale ``fail, pass`` with the pass mark ``pass``;
- a numeric range (``valueMin``/``valueMax``): a grade must be a number in the range, and
  passes when it is at least ``requiredValue``.

A scheme with neither accepts any grade (the EU elements make grading optional). An
empty grade is always accepted: whether a grade is required is not the scheme's to say.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum

from microcred.vc.elements.model import GradingScheme


class GradeProblem(StrEnum):
    """Why a grade cannot be awarded; the values are the API's error codes."""

    NOT_IN_SCHEME = "grade_not_in_scheme"
    BELOW_PASS_MARK = "grade_below_pass_mark"  # noqa: S105 (a code, not a password)


class SchemeProblem(StrEnum):
    """Why a scheme is not a usable rule (the editor reports these)."""

    VALUES_AND_RANGE = "values_and_range"
    NOT_A_NUMBER = "not_a_number"
    RANGE_INVERTED = "range_inverted"
    PASS_MARK_NOT_IN_SCALE = "pass_mark_not_in_scale"  # noqa: S105 (a code)
    PASS_MARK_OUT_OF_RANGE = "pass_mark_out_of_range"  # noqa: S105 (a code)


def number(text: str | None) -> Decimal | None:
    """``text`` as a finite number (a decimal comma allowed, as Turkish writes it), or None."""
    if text is None:
        return None
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def is_numeric(scheme: GradingScheme) -> bool:
    """A scheme of numbers (a range, no list of allowed values): its grades are compared."""
    return not scheme.allowed_values and (
        scheme.value_min is not None or scheme.value_max is not None
    )


def scheme_problems(scheme: GradingScheme) -> list[SchemeProblem]:
    """What makes ``scheme`` unusable as a rule; empty when it is sound."""
    if scheme.allowed_values and (scheme.value_min is not None or scheme.value_max is not None):
        return [SchemeProblem.VALUES_AND_RANGE]
    if scheme.allowed_values:
        required = scheme.required_value
        if required is not None and required not in scheme.allowed_values:
            return [SchemeProblem.PASS_MARK_NOT_IN_SCALE]
        return []
    bounds = [scheme.value_min, scheme.value_max, scheme.required_value]
    if any(text is not None and number(text) is None for text in bounds):
        return [SchemeProblem.NOT_A_NUMBER]
    low, high, mark = (number(text) for text in bounds)
    if low is not None and high is not None and low > high:
        return [SchemeProblem.RANGE_INVERTED]
    if mark is not None and not _within(mark, low, high):
        return [SchemeProblem.PASS_MARK_OUT_OF_RANGE]
    return []


def _within(value: Decimal, low: Decimal | None, high: Decimal | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def grade_problem(scheme: GradingScheme | None, grade: str) -> GradeProblem | None:
    """Why ``grade`` cannot be awarded under ``scheme``, or None when it can."""
    grade = grade.strip()
    if scheme is None or not grade:
        return None
    if scheme.allowed_values:
        if grade not in scheme.allowed_values:
            return GradeProblem.NOT_IN_SCHEME
        required = scheme.required_value
        if required in scheme.allowed_values:
            order = scheme.allowed_values
            if order.index(grade) < order.index(required):
                return GradeProblem.BELOW_PASS_MARK
        return None
    if not is_numeric(scheme) and scheme.required_value is None:
        return None
    value = number(grade)
    low, high = number(scheme.value_min), number(scheme.value_max)
    if value is None or not _within(value, low, high):
        return GradeProblem.NOT_IN_SCHEME
    mark = number(scheme.required_value)
    if mark is not None and value < mark:
        return GradeProblem.BELOW_PASS_MARK
    return None


def pass_mark(scheme: GradingScheme | None) -> str | None:
    """The lowest passing grade, as people read it (None when the scheme sets none)."""
    return None if scheme is None else scheme.required_value


__all__ = [
    "GradeProblem",
    "SchemeProblem",
    "grade_problem",
    "is_numeric",
    "number",
    "pass_mark",
    "scheme_problems",
]
