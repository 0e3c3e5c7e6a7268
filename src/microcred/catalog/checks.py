"""The editor's live checks: what is missing or wrong in a specification, in plain words.

One function, :func:`check_specification`, serves both the HTMX fragment shown while the
designer types and the publish gate, so "complete" means the same thing in both places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pydantic import ValidationError

from microcred.catalog.elements_form import element_fields
from microcred.catalog.forms import SpecificationForm
from microcred.catalog.verbs import outcome_verdict
from microcred.vc.elements import (
    MANDATORY_ELEMENTS,
    MicroCredentialElements,
    missing_mandatory,
    workload_consistency,
)

_LABELS = {info.code: (info.label_en, info.label_tr) for info in MANDATORY_ELEMENTS}


@dataclass
class CheckReport:
    """The outcome of checking a specification; ``complete`` when nothing is open."""

    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    blocking: bool = False
    """True when the input cannot be saved even as a draft (invalid or inconsistent)."""
    elements: MicroCredentialElements | None = None
    hours_per_ects: int = 25
    description: str = ""

    @property
    def complete(self) -> bool:
        return not self.missing and not self.problems and self.elements is not None


def _language() -> str:
    return "tr" if (get_language() or "en").startswith("tr") else "en"


def element_label(code: str) -> str:
    english, turkish = _LABELS[code]
    return turkish if _language() == "tr" else english


def check_specification(form: SpecificationForm, *, awarding_body_id: str) -> CheckReport:
    """Validate the form, build the elements from what is valid, and list every issue."""
    report = CheckReport()
    form.is_valid()
    for name, errors in form.errors.items():
        report.problems += [f"{form.fields[name].label}: {message}" for message in errors]
    data = form.cleaned_data
    report.hours_per_ects = data.get("hours_per_ects") or 25
    report.description = (data.get("description") or "").strip()
    fields = element_fields(data, awarding_body_id=awarding_body_id)
    workload = workload_problems(fields["ects"], fields["workload_hours"], report.hours_per_ects)
    if workload:
        fields["workload_hours"] = None  # reported here; keep the model's own check quiet
    report.problems += workload + outcome_problems(fields["learning_outcomes"])
    report.elements = _build(fields, report.problems)
    report.blocking = bool(form.errors) or bool(workload) or report.elements is None
    if report.elements is not None:
        report.missing = [
            element_label(code)
            for code in missing_mandatory(report.elements, for_specification=True)
        ]
    return report


def stored_problems(el: MicroCredentialElements, per_ects: int) -> list[str]:
    """Problems of saved elements that block publishing (besides missing elements)."""
    return workload_problems(el.ects, el.workload_hours, per_ects) + outcome_problems(
        el.learning_outcomes
    )


def workload_problems(ects: Decimal | None, hours: int | None, per_ects: int) -> list[str]:
    """ECTS and hours must agree at the organisation's conversion (25-30 h per credit)."""
    if ects is None or hours is None or workload_consistency(ects, hours, (per_ects, per_ects)):
        return []
    expected = (Decimal(ects) * per_ects).normalize()
    return [
        _("%(ects)s ECTS at %(per)s hours per credit is %(expected)s hours, not %(hours)s.")
        % {"ects": Decimal(ects).normalize(), "per": per_ects, "expected": expected, "hours": hours}
    ]


def outcome_problems(outcomes: tuple[str, ...]) -> list[str]:
    problems = []
    for outcome in outcomes:
        verdict = outcome_verdict(outcome)
        if verdict == "vague":
            problems.append(
                _("“%(outcome)s”: its verb describes an inner state; use an observable one.")
                % {"outcome": outcome}
            )
        elif verdict == "none":
            problems.append(
                _("“%(outcome)s”: no observable action verb (e.g. explains, designs, açıklar).")
                % {"outcome": outcome}
            )
    return problems


def _build(fields: dict[str, Any], problems: list[str]) -> MicroCredentialElements | None:
    try:
        return MicroCredentialElements(**fields)
    except ValidationError as error:
        for detail in error.errors():
            where = ".".join(str(part) for part in detail["loc"])
            problems.append(f"{where}: {detail['msg']}" if where else detail["msg"])
    return None
