"""The specification editor's form: every EU element as plain HTML inputs.

Choice labels come from the trust core's English/Turkish vocabulary (``label``), so the
form, the credential page and the criteria narrative name each value the same way.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from microcred.catalog.element_rows import country_choices
from microcred.catalog.elements_form import PERIOD
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


def _language() -> Language:
    return "tr" if (get_language() or "en").startswith("tr") else "en"


def _choices(enum: type[StrEnum], blank: bool) -> list[tuple[str, str]]:
    language = _language()
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


LANGUAGE_CODE_FORM = re.compile(r"^[a-z]{2,3}$")
DURATION_UNITS = (("Y", _("years")), ("M", _("months")), ("W", _("weeks")), ("D", _("days")))


class SpecificationForm(forms.Form):
    """Every input may stay empty in a draft; publishing asks for the mandatory ones.

    Title, description and outcomes come in Turkish (``title``…) and English
    (``title_en``…); either language may be left out.
    """

    title = forms.CharField(label=_("Title in Turkish"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Short description in Turkish"), widget=forms.Textarea, required=False
    )
    description_en = forms.CharField(
        label=_("Short description in English"), widget=forms.Textarea, required=False
    )
    awarding_body_name = forms.CharField(label=_("Awarding body"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.RegexField(
        label=_("Region: a province of Türkiye, or another country's ISO 3166-2 code"),
        regex=r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
        required=False,
        # the provinces by name (editor.html's datalist); the credential keeps the code
        widget=forms.TextInput(attrs={"list": "regions", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Choose a province from the list, or type a code such as DE-BY.")
        },
    )
    learning_outcomes = forms.CharField(
        label=_("Learning outcomes in Turkish (one per line)"),
        widget=forms.Textarea,
        required=False,
    )
    learning_outcomes_en = forms.CharField(
        label=_("Learning outcomes in English (one per line)"),
        widget=forms.Textarea,
        required=False,
    )
    ects = forms.DecimalField(
        label=_("ECTS credits"), min_value=0, max_digits=5, decimal_places=2, required=False
    )
    workload_hours = forms.IntegerField(label=_("Workload (hours)"), min_value=0, required=False)
    hours_per_ects = forms.IntegerField(
        label=_("Hours per ECTS credit (25-30)"),
        min_value=25,
        max_value=30,
        initial=25,
        required=False,
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
    languages = forms.CharField(
        label=_("Languages of teaching and assessment (e.g. tr, en)"), required=False
    )
    validity_number = forms.IntegerField(
        label=_("Valid for"), min_value=1, max_value=3660, required=False
    )
    validity_unit = forms.ChoiceField(
        label=_("Unit"), choices=DURATION_UNITS, initial="Y", required=False
    )
    #: A stored period the picker cannot show (``P1Y2D``): kept unless a new one is chosen.
    validity_kept = forms.RegexField(
        regex=PERIOD,
        widget=forms.HiddenInput,
        required=False,
    )
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
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)
        country.choices = [("", "—"), *country_choices(_language())]

    def clean_languages(self) -> str:
        """Two- or three-letter codes only: they go into the credential as BCP 47 tags."""
        text = self.cleaned_data.get("languages") or ""
        codes = [code.strip().lower() for code in re.split(r"[,\s]+", text) if code.strip()]
        wrong = [code for code in codes if not LANGUAGE_CODE_FORM.match(code)]
        if wrong:
            raise forms.ValidationError(
                _("“%(code)s” is not a language code: write codes such as tr, en, de."),
                params={"code": wrong[0]},
            )
        return ", ".join(codes)

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
