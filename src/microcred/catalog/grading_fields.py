"""The editor's grading inputs ↔ the OB 3.0 ``ResultDescription`` of the achievement.

Designers list a scale best first (AA, BA, … FF; pass, fail), as they write it on a
transcript; OB 3.0 orders ``allowedValue`` from low to high, so the scale is stored
reversed and shown reversed again. The pass mark becomes ``requiredValue``; a numeric
scheme keeps its range in ``valueMin``/``valueMax``. The rule itself lives in
``microcred.vc.elements.grading``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from microcred.vc.elements import GradingScheme, SchemeProblem, number

SCHEME_MESSAGES = {
    SchemeProblem.VALUES_AND_RANGE: _(
        "Give either a list of grades or a range of scores, not both."
    ),
    SchemeProblem.NOT_A_NUMBER: _("With a range of scores, the pass mark must be a number."),
    SchemeProblem.RANGE_INVERTED: _("The lowest score is above the highest."),
    SchemeProblem.PASS_MARK_NOT_IN_SCALE: _("The pass mark must be one of the allowed grades."),
    SchemeProblem.PASS_MARK_OUT_OF_RANGE: _(
        "The pass mark must lie between the lowest and the highest score."
    ),
}


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def scheme_from(data: dict[str, Any], *, scheme_id: str) -> GradingScheme | None:
    """The grading scheme the (cleaned) inputs describe; None without a scheme name."""
    name = (data.get("grading_scheme") or "").strip()
    if not name:
        return None
    best_first = [v.strip() for v in (data.get("grading_values") or "").split(",") if v.strip()]
    low, high = data.get("grading_min"), data.get("grading_max")
    required = (data.get("pass_mark") or "").strip() or None
    numeric = not best_first and (low is not None or high is not None)
    if numeric and required is not None and (value := number(required)) is not None:
        required = _text(value)
    return GradingScheme(
        id=scheme_id,
        name=name,
        result_type="RawScore" if numeric else "LetterGrade",
        allowed_values=tuple(reversed(best_first)),
        value_min=_text(low),
        value_max=_text(high),
        required_value=required,
    )


def grading_initial(scheme: GradingScheme | None) -> dict[str, Any]:
    """The grading inputs that reproduce ``scheme`` when submitted unchanged."""
    if scheme is None:
        return {"grading_values": "", "grading_min": None, "grading_max": None, "pass_mark": ""}
    return {
        "grading_values": ", ".join(reversed(scheme.allowed_values)),
        "grading_min": number(scheme.value_min),
        "grading_max": number(scheme.value_max),
        "pass_mark": scheme.required_value or "",
    }
