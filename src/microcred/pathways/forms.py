"""The pathway's forms: its basics, and one rule at a time (built into the rules' JSON)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microcred.pathways.rules import MAX_TEXT, RULE_KINDS
from microcred.pathways.services import Basics

KIND_LABELS = {
    "all_of": _("All of these micro-credentials"),
    "n_of": _("At least N of these micro-credentials"),
    "min_ects": _("At least X ECTS credits"),
    "min_level": _("A minimum EQF or TQF level"),
    "window": _("A time window"),
}


class BasicsForm(forms.Form):
    name_tr = forms.CharField(label=_("Name (Turkish)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    description_tr = forms.CharField(
        label=_("Description (Turkish)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    target = forms.ChoiceField(
        label=_("The qualification (the micro-credential the stacked credential is issued from)")
    )
    auto_issue = forms.BooleanField(
        label=_("Issue the stacked credential automatically when a follower completes the pathway"),
        required=False,
    )

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = targets

    def basics(self) -> Basics:
        data = self.cleaned_data
        return Basics(
            name_en=data["name_en"],
            name_tr=data["name_tr"],
            description_en=data["description_en"],
            description_tr=data["description_tr"],
            target=data["target"],
            auto_issue=data["auto_issue"],
        )


class RuleForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of rule"), choices=[(k, KIND_LABELS[k]) for k in RULE_KINDS]
    )
    specs = forms.MultipleChoiceField(
        label=_("Micro-credentials of your organisation"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    achievements = forms.CharField(
        label=_("Achievements of other issuers, one per line: achievement id | issuer id | name"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    fields_of_study = forms.CharField(
        label=_("Any provider the registry recognises for these fields of study, one per line"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    n = forms.IntegerField(label=_("N (for “at least N of”)"), required=False, min_value=1)
    ects = forms.DecimalField(
        label=_("ECTS credits (for “at least X ECTS”)"),
        required=False,
        max_digits=6,
        decimal_places=2,
    )
    framework = forms.ChoiceField(
        label=_("Framework"), choices=[("eqf", "EQF"), ("tqf", "TQF")], required=False
    )
    level = forms.IntegerField(label=_("Level"), required=False, min_value=1, max_value=8)
    months = forms.IntegerField(
        label=_("Within this many months of each other"), required=False, min_value=1, max_value=240
    )
    after = forms.DateField(
        label=_("Issued on or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, specs: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["specs"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = specs

    def components(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        parts: list[dict[str, str]] = [{"kind": "spec", "ref": ref} for ref in data["specs"]]
        for line in data["achievements"].splitlines():
            if line.strip():
                ref, _bar, rest = line.partition("|")
                issuer, _bar, name = rest.partition("|")
                part = {"kind": "achievement", "ref": ref.strip()[: MAX_TEXT + 1]}
                part |= {"issuer": issuer.strip(), "name": name.strip()}
                parts.append(part)
        for line in data["fields_of_study"].splitlines():
            if line.strip():
                parts.append({"kind": "field", "ref": " ".join(line.split())})
        return parts

    def rule_json(self) -> dict[str, Any]:
        """The rule as the service reads it (it refuses what does not make sense)."""
        data = self.cleaned_data
        kind = data["kind"]
        rule: dict[str, Any] = {"kind": kind}
        if kind in ("all_of", "n_of"):
            rule["components"] = self.components()
        if kind == "n_of":
            rule["n"] = data["n"] if data["n"] is not None else ""
        if kind == "min_ects":
            rule["ects"] = "" if data["ects"] is None else str(data["ects"])
        if kind == "min_level":
            rule |= {"framework": data["framework"], "level": data["level"] or ""}
        if kind == "window":
            after = data["after"]
            rule |= {"months": data["months"] or "", "after": after.isoformat() if after else ""}
        return rule
