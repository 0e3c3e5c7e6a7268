"""Forms of the issuing pages: what an officer types, checked before anything is signed.

The specification choices are always the organisation's own published versions, so a form
can never name another organisation's specification.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.models import Award
from microcred.issuing.plain_text import has_control_characters
from microcred.organizations.models import Organization

MAX_REASON = 1000


def version_choices(org: Organization, *, published_only: bool) -> list[tuple[str, str]]:
    """(public id, label) of the organisation's specification versions, newest first."""
    choices: list[tuple[str, str]] = []
    for spec in catalog.versions_of(org):
        for version in spec.versions.all():
            if published_only and version.status != SpecificationVersion.Status.PUBLISHED:
                continue
            label = _("%(title)s (version %(number)s)") % {
                "title": version.title,
                "number": version.number,
            }
            choices.append((version.public_id, str(label)))
    return choices


class IssueOneForm(forms.Form):
    version = forms.ChoiceField(label=_("Specification"))
    name = forms.CharField(label=_("Learner's name"), max_length=200)
    email = forms.EmailField(label=_("Learner's e-mail"))
    grade = forms.CharField(label=_("Grade"), max_length=64, required=False)
    awarded_on = forms.DateField(
        label=_("Date of completion"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    evidence_url = forms.URLField(label=_("Evidence URL"), required=False, assume_scheme="https")
    include_name = forms.BooleanField(
        label=_("Include the learner's name in the credential"), required=False
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = version_choices(organization, published_only=True)

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"])
        if has_control_characters(name):
            raise forms.ValidationError(
                _("The name cannot contain line breaks or other control characters.")
            )
        return name

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean_awarded_on(self) -> Any:
        day = self.cleaned_data["awarded_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class StatusChangeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=MAX_REASON, widget=forms.Textarea(attrs={"rows": 3})
    )


class BulkStatusForm(StatusChangeForm):
    confirm_count = forms.IntegerField(label=_("Type the number of awards to confirm"), min_value=0)

    def __init__(self, *args: Any, expected: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expected = expected

    def clean_confirm_count(self) -> int:
        value = int(self.cleaned_data["confirm_count"])
        if value != self.expected:
            raise forms.ValidationError(
                _("Type %(count)s: the number of awards this will change.")
                % {"count": self.expected}
            )
        return value


class AwardFilterForm(forms.Form):
    """The filters of the awards list; also names the set a bulk status change applies to."""

    specification = forms.ChoiceField(label=_("Specification"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any")), *Award.State.choices]
    )
    email = forms.CharField(label=_("E-mail contains"), required=False, max_length=254)
    issued_from = forms.DateField(
        label=_("Issued from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    issued_to = forms.DateField(
        label=_("Issued until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        field = self.fields["specification"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Any")), *version_choices(organization, published_only=True)]

    def awards(self) -> QuerySet[Award]:
        """The organisation's awards matching the (valid) filters; none if they are invalid."""
        found = Award.objects.filter(organization=self.organization)
        if not self.is_valid():
            return found.none()
        data = self.cleaned_data
        if data["specification"]:
            found = found.filter(specification_version__public_id=data["specification"])
        if data["state"]:
            found = found.filter(state=data["state"])
        if data["email"]:
            found = found.filter(learner_email__icontains=data["email"].strip())
        if data["issued_from"]:
            found = found.filter(created__date__gte=data["issued_from"])
        if data["issued_to"]:
            found = found.filter(created__date__lte=data["issued_to"])
        return found.select_related("specification_version").order_by("-created", "-pk")


class CsvUploadForm(forms.Form):
    version = forms.ChoiceField(label=_("Specification"))
    file = forms.FileField(label=_("CSV file"))

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = version_choices(organization, published_only=True)
