"""Forms of the recognition pages: they check input; services decide."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microcred.registry.applications import MAX_ANSWER, MAX_COMMENT
from microcred.registry.criteria import criteria
from microcred.registry.decisions import MAX_REASON
from microcred.registry.scope import clean_fields, clean_levels

LEVELS = [(str(n), str(n)) for n in range(1, 9)]


def start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


class ScopeFields(forms.Form):
    fields_of_study = forms.CharField(
        label=_("Fields of study"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. “Computer science” or “ISCED-F 0613”."),
    )
    eqf_levels = forms.MultipleChoiceField(
        label=_("EQF levels"), choices=LEVELS, required=False, widget=forms.CheckboxSelectMultiple
    )
    tqf_levels = forms.MultipleChoiceField(
        label=_("TQF levels"), choices=LEVELS, required=False, widget=forms.CheckboxSelectMultiple
    )

    def scope(self) -> dict[str, Any]:
        return {
            "fields_of_study": clean_fields(self.cleaned_data.get("fields_of_study") or ""),
            "eqf_levels": clean_levels(self.cleaned_data.get("eqf_levels") or []),
            "tqf_levels": clean_levels(self.cleaned_data.get("tqf_levels") or []),
        }


class ApplicationForm(ScopeFields):
    """The self-evaluation: one answer per criterion, the scope asked for, a contact."""

    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail address"), required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=40, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in criteria():
            self.fields[f"answer_{criterion.code}"] = forms.CharField(
                label=criterion.title,
                help_text=criterion.asks,
                required=False,
                max_length=MAX_ANSWER,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def answer_fields(self) -> list[tuple[Any, forms.BoundField]]:
        return [(c, self[f"answer_{c.code}"]) for c in criteria()]

    def data_for_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "answers": {c.code: data.get(f"answer_{c.code}", "") for c in criteria()},
            "contact_name": data.get("contact_name", ""),
            "contact_email": data.get("contact_email", ""),
            "contact_phone": data.get("contact_phone", ""),
            **self.scope(),
        }


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Message"), max_length=MAX_COMMENT, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(ScopeFields):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[("recognised", _("Recognise")), ("refused", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (published in the registry)"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    valid_from = forms.DateField(
        label=_("Recognised from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: from now."),
    )
    valid_until = forms.DateField(
        label=_("Recognised until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[("suspended", _("Suspend")), ("withdrawn", _("Withdraw"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (published in the registry)"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    effective = forms.DateField(
        label=_("Effective from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: from now. An earlier date reaches back to credentials signed since."),
    )
