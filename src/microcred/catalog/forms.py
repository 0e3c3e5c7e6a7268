"""The specification editor's form: every EU element as plain HTML inputs.

Choice labels come from the trust core's English/Turkish vocabulary (``label``), so the
form, the credential page and the criteria narrative name each value the same way.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from microcred.catalog.grading_fields import SCHEME_MESSAGES, scheme_from
from microcred.catalog.skills import skill_by_uri
from microcred.vc.elements import (
    AssessmentType,
    IntegrationOption,
    Language,
    ParticipationForm,
    QualityAssuranceType,
    SupervisionType,
    label,
    scheme_problems,
)

LEVEL_ERRORS = {
    "min_value": _("Levels run from 1 to 8."),
    "max_value": _("Levels run from 1 to 8."),
}


def _choices(enum: type[StrEnum], blank: bool) -> list[tuple[str, str]]:
    language: Language = "tr" if (get_language() or "en").startswith("tr") else "en"
    found = [(str(value), label(value, language)) for value in enum]
    return [("", "—"), *found] if blank else found


class SkillsField(forms.Field):
    """ESCO skill URIs picked with the search box; each must be in the shipped list."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        return [str(v) for v in value or [] if str(v).strip()]

    def validate(self, value: Any) -> None:
        unknown = [uri for uri in value if skill_by_uri(uri) is None]
        if unknown:
            raise forms.ValidationError(
                _("Unknown ESCO skill: %(uri)s"), params={"uri": unknown[0]}
            )


class SpecificationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Short description"), widget=forms.Textarea, required=False
    )
    awarding_body_name = forms.CharField(label=_("Awarding body"), max_length=200, required=False)
    country = forms.RegexField(
        label=_("Country (ISO 3166-1, e.g. TR)"), regex=r"^[A-Z]{2}$", required=False
    )
    region = forms.RegexField(
        label=_("Region (ISO 3166-2, e.g. TR-35)"),
        regex=r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
        required=False,
    )
    learning_outcomes = forms.CharField(
        label=_("Learning outcomes (one per line)"), widget=forms.Textarea, required=False
    )
    ects = forms.DecimalField(
        label=_("ECTS credits"), min_value=0, max_digits=5, decimal_places=2, required=False
    )
    workload_hours = forms.IntegerField(label=_("Workload (hours)"), min_value=0, required=False)
    hours_per_ects = forms.IntegerField(
        label=_("Hours per ECTS credit (25-30)"), min_value=25, max_value=30, initial=25
    )
    eqf_level = forms.IntegerField(
        label=_("EQF level"), required=False, min_value=1, max_value=8, error_messages=LEVEL_ERRORS
    )
    tqf_level = forms.IntegerField(
        label=_("TQF level"), required=False, min_value=1, max_value=8, error_messages=LEVEL_ERRORS
    )
    assessment_types = forms.MultipleChoiceField(
        label=_("Type of assessment"), widget=forms.CheckboxSelectMultiple, required=False
    )
    assessment_description = forms.CharField(
        label=_("Assessment details"), widget=forms.Textarea, required=False
    )
    participation = forms.ChoiceField(label=_("Form of participation"), required=False)
    supervision = forms.ChoiceField(label=_("Supervision and identity check"), required=False)
    qa_types = forms.MultipleChoiceField(
        label=_("Type of quality assurance"), widget=forms.CheckboxSelectMultiple, required=False
    )
    qa_description = forms.CharField(label=_("Quality assurance details"), required=False)
    qa_body_name = forms.CharField(label=_("Quality assurance body"), required=False)
    prerequisites = forms.CharField(label=_("Prerequisites"), widget=forms.Textarea, required=False)
    grading_scheme = forms.CharField(label=_("Grading scheme"), required=False)
    grading_values = forms.CharField(
        label=_("Allowed grades, best first (comma-separated, e.g. AA, BA, BB or pass, fail)"),
        required=False,
    )
    grading_min = forms.DecimalField(label=_("Lowest possible score"), required=False)
    grading_max = forms.DecimalField(label=_("Highest possible score"), required=False)
    pass_mark = forms.CharField(
        label=_("Pass mark: the lowest passing grade or score (e.g. DD, 60 or pass)"),
        max_length=64,
        required=False,
    )
    integration = forms.ChoiceField(label=_("Stackability"), required=False)
    stackable_towards = forms.CharField(
        label=_("Stacks towards (one URL per line)"), widget=forms.Textarea, required=False
    )
    further_information = forms.CharField(
        label=_("Further information"), widget=forms.Textarea, required=False
    )
    languages = forms.CharField(label=_("Languages (e.g. tr, en)"), required=False)
    validity_period = forms.CharField(label=_("Validity period (e.g. P5Y)"), required=False)
    esco_skills = SkillsField(label=_("ESCO skills"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_fields = {
            "assessment_types": (AssessmentType, False),
            "participation": (ParticipationForm, True),
            "supervision": (SupervisionType, True),
            "qa_types": (QualityAssuranceType, False),
            "integration": (IntegrationOption, True),
        }
        for name, (enum, blank) in choice_fields.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = _choices(enum, blank)

    def clean(self) -> dict[str, Any]:
        """The grading scheme must be a usable rule: issuing enforces it (vc.elements.grading)."""
        data = super().clean() or {}
        scheme = scheme_from(data, scheme_id="#grading")
        if scheme is not None:
            for problem in scheme_problems(scheme):
                self.add_error("pass_mark", SCHEME_MESSAGES[problem])
        elif (data.get("pass_mark") or "").strip() or data.get("grading_values"):
            self.add_error("grading_scheme", _("Name the grading scheme."))
        return data
