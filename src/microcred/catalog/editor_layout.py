"""The editor's inputs grouped by the EU standard elements (Council Recommendation 2022,
Annex I), each group with a legend and a line of help, in the order the Annex lists them.

Designers recognise the Recommendation's headings; grouping by them also makes a missing
element easy to find, since the checks name the same elements.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.forms import BoundField
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from microcred.catalog.checks import CheckReport, Finding
from microcred.catalog.forms import SpecificationForm


@dataclass(frozen=True, slots=True)
class Group:
    code: str
    legend: str | Promise
    help: str | Promise
    fields: tuple[str, ...]


GROUPS = (
    Group(
        "identification",
        _("Title and provider"),
        _(
            "The name learners and employers will read, in Turkish, English or both, and who "
            "awards the credential."
        ),
        (
            "title",
            "title_en",
            "description",
            "description_en",
            "awarding_body_name",
            "country",
            "region",
            "languages",
        ),
    ),
    Group(
        "learning_outcomes",
        _("Learning outcomes"),
        _("What a learner can do afterwards, one outcome per line, each with an observable verb."),
        ("learning_outcomes", "learning_outcomes_en"),
    ),
    Group(
        "workload",
        _("Workload"),
        _("ECTS credits and the hours of work they stand for (25 to 30 hours per credit)."),
        ("ects", "workload_hours", "hours_per_ects"),
    ),
    Group(
        "level",
        _("Level"),
        _("The level in the European (EQF) and Turkish (TQF) qualifications frameworks."),
        ("eqf_level", "tqf_level"),
    ),
    Group(
        "assessment",
        _("Assessment"),
        _("How the outcomes are assessed, under what supervision, and what counts as a pass."),
        (
            "assessment_types",
            "assessment_description",
            "supervision",
            "grading_scheme",
            "grading_values",
            "grading_min",
            "grading_max",
            "pass_mark",
        ),
    ),
    Group(
        "participation",
        _("Form of participation"),
        _("Online, on site or both."),
        ("participation",),
    ),
    Group(
        "quality_assurance",
        _("Quality assurance"),
        _("How the quality of the course and its assessment is assured, and by whom."),
        ("qa_types", "qa_description", "qa_body_name"),
    ),
    Group(
        "prerequisites",
        _("Prerequisites"),
        _("What learners need before they start; leave empty if the course is open to all."),
        ("prerequisites",),
    ),
    Group(
        "stackability",
        _("Stackability and validity"),
        _(
            "Whether the credential stands alone or counts towards a larger one, and how long "
            "it is valid."
        ),
        ("integration", "stackable_towards", "validity_number", "validity_unit"),
    ),
    Group(
        "skills",
        _("Skills (ESCO)"),
        _("Skills from the European ESCO classification that the outcomes develop."),
        (),
    ),
    Group(
        "further",
        _("Further information"),
        _("Anything else a learner or an employer should know."),
        ("further_information",),
    ),
)


@dataclass(frozen=True, slots=True)
class Item:
    field: BoundField
    findings: tuple[Finding, ...]


def grouped(form: SpecificationForm, report: CheckReport | None) -> list[dict[str, object]]:
    """The groups with their bound fields, each with the findings about it."""
    findings = report.by_field() if report is not None else {}
    return [
        {
            "code": group.code,
            "legend": group.legend,
            "help": group.help,
            "items": [Item(form[name], tuple(findings.get(name, ()))) for name in group.fields],
        }
        for group in GROUPS
    ]
