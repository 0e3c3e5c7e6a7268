"""The specification's assessment rule, applied to every grade before anything is signed.

The rule is the trust core's (``vc.elements.grading``); this module finds the scheme of a
version and words a refusal for the officer. The form, the CSV check and the API all come
here, and ``prepare_awards`` checks again, so no path can issue a grade the rule refuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from microcred.catalog import services as catalog
from microcred.issuing.errors import GradeRefusedError
from microcred.vc.elements import GradeProblem, GradingScheme, grade_problem, is_numeric


def scheme_of(version: Any) -> GradingScheme | None:
    return catalog.elements_of(version).grading_scheme


def _scale(scheme: GradingScheme) -> str:
    if is_numeric(scheme):
        return f"{scheme.value_min or '…'}–{scheme.value_max or '…'}"
    return ", ".join(reversed(scheme.allowed_values))  # best first, as designers wrote it


def refusal(scheme: GradingScheme | None, grade: str) -> GradeRefusedError | None:
    """Why ``grade`` cannot be awarded under ``scheme`` (an error with the API's code)."""
    problem = grade_problem(scheme, grade)
    if problem is None or scheme is None:
        return None
    values = {"grade": grade.strip(), "scale": _scale(scheme), "mark": scheme.required_value}
    if problem is GradeProblem.NOT_IN_SCHEME:
        message = _("“%(grade)s” is not a grade of this micro-credential's scheme (%(scale)s).")
    else:
        message = _(
            "“%(grade)s” is below the pass mark (%(mark)s): a failing grade cannot be awarded."
        )
    return GradeRefusedError(message % values, code=f"issuing.{problem}")


def check_grades(version: Any, grades: Iterable[str]) -> None:
    """Raise the first refusal among ``grades`` (nothing is issued when one is refused)."""
    scheme = scheme_of(version)
    for grade in grades:
        if (error := refusal(scheme, grade)) is not None:
            raise error
