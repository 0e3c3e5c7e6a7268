"""The desk's forms: labels in both languages, values checked again by the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microcred.recognition.decisions import MAX_TEXT
from microcred.recognition.models import Outcome, StandingRule, Target


def _choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def ects_field(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=Decimal(0), max_digits=5, decimal_places=2
    )


class RequestForm(forms.Form):
    target = forms.ChoiceField(label=_("What should be recognised?"))
    credentials = forms.MultipleChoiceField(
        label=_("Credentials from your passport"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    statement = forms.CharField(
        label=_("Why should it be recognised? (optional)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        targets: list[tuple[str, list[tuple[str, str]]]],
        items: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "target", [("", _("Choose…")), *targets])
        _choices(self, "credentials", items)


class AppealForm(forms.Form):
    argument = forms.CharField(
        label=_("Your new arguments"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    ects = ects_field(_("ECTS granted (for a partial recognition)"), required=False)
    reason = forms.CharField(
        label=_("Reason (required for a partial recognition or a refusal)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RuleForm(forms.Form):
    target = forms.ChoiceField(label=_("Counts for"))
    achievement_id = forms.CharField(label=_("Micro-credential (achievement id)"), max_length=500)
    issuer_id = forms.CharField(label=_("Issuer (id or DID)"), max_length=500)
    outcome = forms.ChoiceField(
        label=_("Recognition"), choices=StandingRule.Outcome.choices, widget=forms.RadioSelect
    )
    ects = ects_field(_("ECTS granted (for a partial recognition)"), required=False)
    reason = forms.CharField(
        label=_("Reason"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, targets: list[Target], lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "target", [(t.public_id, t.label(lang)) for t in targets])


class TargetForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(Target.Kind.COURSE, _("Course")), (Target.Kind.PROGRAMME, _("Programme"))],
    )
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    title_tr = forms.CharField(label=_("Title in Turkish"), max_length=300)
    title_en = forms.CharField(label=_("Title in English"), max_length=300)
    ects = ects_field(_("ECTS credits"))
    eqf_level = forms.IntegerField(label=_("EQF level"), required=False, min_value=1, max_value=8)
    tqf_level = forms.IntegerField(label=_("TQF level"), required=False, min_value=1, max_value=8)
    outcomes = forms.CharField(
        label=_("Learning outcomes (one per line)"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class MicroTargetForm(forms.Form):
    version = forms.ChoiceField(label=_("Published micro-credential"))

    def __init__(self, *args: Any, versions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "version", versions)
