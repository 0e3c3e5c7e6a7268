"""The editor's checks: what is missing, wrong or doubtful in a specification, in plain words.

One function, :func:`check_specification`, serves the live fragment shown while the
designer types, the messages next to the fields, and the publish gate, so "complete"
means the same thing everywhere. Findings come in two kinds:

- **errors** (a value that cannot be used as typed: a level of 9, a region outside the
  country, 300 hours for 5 ECTS) must be fixed before publishing; the draft is saved
  anyway, with what was typed, so no work is lost;
- **warnings** (advice that may not apply: an outcome verb our list does not know, hours
  that differ from the organisation's conversion) explain why they matter and can be
  acknowledged; the acknowledgement is stored with the version (``acknowledged``).

No library message reaches a person: model errors are foreseen here and reported with
our own words, and anything unforeseen is named by its field only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pydantic import ValidationError

from microcred.catalog.elements_form import element_fields, texts_from
from microcred.catalog.forms import SpecificationForm
from microcred.catalog.verbs import outcome_verdict
from microcred.vc.elements import (
    ECTS_HOURS,
    MANDATORY_ELEMENTS,
    IntegrationOption,
    MicroCredentialElements,
    missing_mandatory,
    workload_consistency,
)

_LABELS = {info.code: (info.label_en, info.label_tr) for info in MANDATORY_ELEMENTS}


@dataclass(frozen=True, slots=True)
class Finding:
    """One message about one input (``field``, a form field name; "" for the whole form).

    A warning has a ``key`` (stable while the input it is about does not change, so an
    acknowledgement stays valid exactly as long as the text it acknowledged) and ``why``.
    """

    field: str
    message: str
    key: str = ""
    why: str = ""


@dataclass
class CheckReport:
    """The outcome of checking a specification; ``complete`` when it may be published."""

    missing: list[str] = field(default_factory=list)
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    acknowledged: frozenset[str] = frozenset()
    elements: MicroCredentialElements | None = None
    hours_per_ects: int = 25
    description: str = ""

    @property
    def open_warnings(self) -> list[Finding]:
        return [w for w in self.warnings if w.key not in self.acknowledged]

    @property
    def complete(self) -> bool:
        return not (self.missing or self.errors or self.open_warnings) and bool(self.elements)

    @property
    def problems(self) -> list[str]:
        """Every error and unacknowledged warning, one line each (review pages, refusals)."""
        return [f.message for f in (*self.errors, *self.open_warnings)]

    def by_field(self) -> dict[str, list[Finding]]:
        found: dict[str, list[Finding]] = {}
        for finding in (*self.errors, *self.warnings):
            found.setdefault(finding.field, []).append(finding)
        return found


def _language() -> str:
    return "tr" if (get_language() or "en").startswith("tr") else "en"


def element_label(code: str) -> str:
    english, turkish = _LABELS[code]
    return turkish if _language() == "tr" else english


def check_specification(
    form: SpecificationForm,
    *,
    awarding_body_id: str,
    acknowledged: frozenset[str] = frozenset(),
) -> CheckReport:
    """Validate the form, build the elements from what is usable, and list every finding."""
    report = CheckReport(acknowledged=acknowledged)
    form.is_valid()
    for name, errors in form.errors.items():
        report.errors += [Finding(name, f"{form.fields[name].label}: {m}") for m in errors]
    data = form.cleaned_data
    report.hours_per_ects = data.get("hours_per_ects") or 25
    report.description = texts_from(data).description
    fields = element_fields(data, awarding_body_id=awarding_body_id)
    report.errors += _language_errors(data) + _model_errors(data, fields)
    workload_errors, workload_warnings = workload_findings(
        fields["ects"], fields["workload_hours"], report.hours_per_ects
    )
    if workload_errors:
        fields["workload_hours"] = None  # reported here; the rest is kept
    report.errors += workload_errors
    report.warnings += workload_warnings + outcome_warnings(data)
    report.elements = build_elements(fields, report.errors)
    report.missing = [
        element_label(code) for code in missing_mandatory(report.elements, for_specification=True)
    ]
    return report


def _language_errors(data: dict[str, Any]) -> list[Finding]:
    """Texts in a language without its title would be lost from the credential."""
    found = []
    for suffix, title_label in (("", _("Title in Turkish")), ("_en", _("Title in English"))):
        has_texts = any((data.get(n + suffix) or "").strip() for n in _TEXTS)
        other_title = (data.get("title" + ("_en" if suffix == "" else "")) or "").strip()
        if has_texts and other_title and not (data.get("title" + suffix) or "").strip():
            found.append(
                Finding(
                    "title" + suffix,
                    _("%(label)s: give the title too, or leave this language's texts empty.")
                    % {"label": title_label},
                )
            )
    return found


_TEXTS = ("description", "learning_outcomes")


def _model_errors(data: dict[str, Any], fields: dict[str, Any]) -> list[Finding]:
    """The model's own consistency rules, checked first so that we can say them in words."""
    found = []
    region, country = data.get("region") or "", data.get("country") or ""
    if region and country and not region.startswith(country + "-"):
        found.append(Finding("region", _("Region: the region is not in the chosen country.")))
    if fields["stackable_towards"] and fields["integration"] != IntegrationOption.STACKABLE:
        found.append(
            Finding(
                "stackable_towards",
                _("Stacks towards: choose “stackable” under stackability, or remove the links."),
            )
        )
        fields["stackable_towards"] = ()
    return found


def workload_findings(
    ects: Decimal | None, hours: int | None, per_ects: int
) -> tuple[list[Finding], list[Finding]]:
    """Outside 25-30 hours per credit is an error (ECTS says so); a difference from the
    organisation's own conversion is a warning (some programmes count differently)."""
    if ects is None or hours is None:
        return [], []
    credits = _number(Decimal(ects))
    check = workload_consistency(ects, hours)
    if not check:
        low, high = ECTS_HOURS
        message = _(
            "Workload: %(ects)s ECTS means %(low)s to %(high)s hours of work (%(min)s-%(max)s "
            "hours per credit), not %(hours)s."
        ) % {
            "ects": credits,
            "low": _number(check.min_hours),
            "high": _number(check.max_hours),
            "min": low,
            "max": high,
            "hours": hours,
        }
        return [Finding("workload_hours", message)], []
    if workload_consistency(ects, hours, (per_ects, per_ects)):
        return [], []
    expected = _number(Decimal(ects) * per_ects)
    message = _(
        "%(ects)s ECTS at %(per)s hours per credit is %(expected)s hours, not %(hours)s."
    ) % {
        "ects": credits,
        "per": per_ects,
        "expected": expected,
        "hours": hours,
    }
    why = _(
        "Credits and hours describe the same workload, and other institutions compare them. "
        "Acknowledge this if the programme counts hours differently on purpose."
    )
    key = f"workload:{Decimal(ects).normalize():f}:{hours}:{per_ects}"
    return [], [Finding("workload_hours", message, key=key, why=why)]


def _number(value: Decimal) -> str:
    """A number as people write it in the active language (``7,5`` in Turkish, no exponent)."""
    return number_format(Decimal(format(value.normalize(), "f")))


def outcome_warnings(data: dict[str, Any]) -> list[Finding]:
    """Outcomes without an observable verb: advice, since no list knows every verb."""
    found = []
    for name in ("learning_outcomes", "learning_outcomes_en"):
        for outcome in _lines(data.get(name)):
            finding = _verb_warning(name, outcome)
            if finding is not None:
                found.append(finding)
    return found


def _verb_warning(name: str, outcome: str) -> Finding | None:
    verdict = outcome_verdict(outcome)
    if verdict == "observable":
        return None
    if verdict == "vague":
        message = _("“%(outcome)s”: its verb describes an inner state; use an observable one.")
    else:
        message = _("“%(outcome)s”: no observable action verb (e.g. explains, designs, açıklar).")
    why = _(
        "An outcome that starts (in English) or ends (in Turkish) with an observable verb can "
        "be assessed: an assessor can see a learner explain or design, not understand. If "
        "your verb is observable and our list does not know it, acknowledge this warning."
    )
    digest = hashlib.sha256(outcome.encode()).hexdigest()[:16]
    return Finding(name, message % {"outcome": outcome}, key=f"verb:{digest}", why=why)


def _lines(text: Any) -> list[str]:
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def build_elements(fields: dict[str, Any], errors: list[Finding]) -> MicroCredentialElements:
    """The elements from whatever is usable: a field the model refuses is left out (and
    named in ``errors``), so a draft is always stored, however unfinished."""
    for _attempt in range(len(fields)):
        try:
            return MicroCredentialElements(**fields)
        except ValidationError as error:
            names = {str(d["loc"][0]) for d in error.errors() if d["loc"]}
            names &= set(fields) - {"title"}
            if not names:
                break
            for name in sorted(names):
                errors.append(
                    Finding(
                        name,
                        _("%(label)s: this value could not be used.") % {"label": _label_of(name)},
                    )
                )
                fields.pop(name)
    errors.append(Finding("", _("Some inputs could not be used; only the title was kept.")))
    return MicroCredentialElements(title=fields["title"])


def _label_of(name: str) -> str:
    found = SpecificationForm.base_fields.get(name)
    return str(found.label) if found is not None and found.label else _("An input")


def stored_report(
    version_data: dict[str, Any], *, awarding_body_id: str, acknowledged: frozenset[str]
) -> CheckReport:
    """The checks of a stored draft (its inputs as typed, as a browser posts them)."""
    form = SpecificationForm(data=version_data)
    return check_specification(form, awarding_body_id=awarding_body_id, acknowledged=acknowledged)


def elements_report(
    el: MicroCredentialElements,
    outcomes: dict[str, Any],
    *,
    hours_per_ects: int,
    description: str,
    acknowledged: frozenset[str],
) -> CheckReport:
    """The checks of elements stored without the editor (the API, the demo): they passed
    the model already, so only completeness, the conversion and the verbs are left.
    ``outcomes``: the outcome inputs as the editor would show them."""
    _errors, warnings = workload_findings(el.ects, el.workload_hours, hours_per_ects)
    return CheckReport(
        missing=[element_label(c) for c in missing_mandatory(el, for_specification=True)],
        warnings=warnings + outcome_warnings(outcomes),
        acknowledged=acknowledged,
        elements=el,
        hours_per_ects=hours_per_ects,
        description=description,
    )
