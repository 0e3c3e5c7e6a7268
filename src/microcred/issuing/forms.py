"""Forms of the issuing pages: what an officer types, checked before anything is signed.

The specification choices are always the organisation's own published versions, so a form
can never name another organisation's specification.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import carries_name
from microcred.issuing.models import Award
from microcred.issuing.plain_text import has_control_characters
from microcred.organizations.models import Organization
from microcred.vc import Learner

MAX_REASON = 1000


def iso_date_input() -> forms.DateInput:
    """A browser date picker: its value must be ISO (YYYY-MM-DD) whatever the page's language,
    or the browser drops it (a Turkish page rendered 07/12/2026 and every submit failed)."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def language_field(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=settings.LANGUAGES,
        required=False,  # left out: the organisation's default language
        help_text=_("The e-mails to the learner are written in this language."),
    )


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


def include_name_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Include the learner's name in the credential"),
        required=False,
        initial=True,
        help_text=_(
            "Employers then see whose credential it is. Untick only if the learner asked "
            "for a credential without their name."
        ),
    )


class LearnerFields(forms.Form):
    """What a credential says about its learner: typed by an officer, checked here."""

    def learner(self) -> Learner:
        """The learner the valid form describes (the issue form's and the correction's)."""
        data = self.cleaned_data
        return Learner(
            email=data["email"],
            name=data["name"].strip(),
            grade=data["grade"].strip(),
            awarded_on=data["awarded_on"],
            evidence_url=data["evidence_url"],
            language=data["language"],
        )

    name = forms.CharField(label=_("Learner's name"), max_length=200)
    email = forms.EmailField(label=_("Learner's e-mail"))
    grade = forms.CharField(label=_("Grade"), max_length=64, required=False)
    awarded_on = forms.DateField(
        label=_("Date of completion"), initial=timezone.localdate, widget=iso_date_input()
    )
    evidence_url = forms.URLField(label=_("Evidence URL"), required=False, assume_scheme="https")
    language = language_field(_("Learner's language"))
    include_name = include_name_field()

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


class IssueOneForm(LearnerFields):
    version = forms.ChoiceField(label=_("Micro-credential"))

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = version_choices(organization, published_only=True)
        self.fields["language"].initial = organization.default_language
        self.order_fields(["version"])


class ReissueForm(LearnerFields):
    """Correct an award: the corrected learner details, the specification to issue (the same
    or another) and the public reason the wrong one is revoked with."""

    version = forms.ChoiceField(label=_("Micro-credential to issue"))
    reason = forms.CharField(
        label=_("Public reason for revoking the wrong one"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to anyone who checks the revoked credential, and to the learner."),
    )
    internal_note = forms.CharField(
        label=_("Internal note (optional)"),
        max_length=MAX_REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only your organisation sees it, in the audit log."),
    )

    def __init__(self, *args: Any, award: Award, **kwargs: Any) -> None:
        initial = {
            "version": award.specification_version.public_id,
            "name": award.learner_name,
            "email": award.learner_email,
            "grade": award.grade,
            "awarded_on": award.awarded_on or award.created.date(),
            "evidence_url": award.evidence_url,
            "language": award.language or award.organization.default_language,
            "include_name": carries_name(award),
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = version_choices(award.organization, published_only=True)
        self.order_fields(["version"])


class StatusChangeForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Public: shown to anyone who checks the credential, and sent to the learner."),
    )
    internal_note = forms.CharField(
        label=_("Internal note (optional)"),
        max_length=MAX_REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only your organisation sees it, in the audit log."),
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
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=254,
        help_text=_("Part of the learner's name or e-mail, or an award's id."),
    )
    email = forms.CharField(label=_("E-mail contains"), required=False, max_length=254)
    issued_from = forms.DateField(label=_("Issued from"), required=False, widget=iso_date_input())
    issued_to = forms.DateField(label=_("Issued until"), required=False, widget=iso_date_input())

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
        if query := data["q"].strip():
            found = found.filter(
                Q(learner_name__icontains=query)
                | Q(learner_email__icontains=query)
                | Q(public_id=query)
            )
        if data["email"]:
            found = found.filter(learner_email__icontains=data["email"].strip())
        if data["issued_from"]:
            found = found.filter(created__date__gte=data["issued_from"])
        if data["issued_to"]:
            found = found.filter(created__date__lte=data["issued_to"])
        return found.select_related("specification_version").order_by("-created", "-pk")


class CsvUploadForm(forms.Form):
    version = forms.ChoiceField(label=_("Micro-credential"))
    file = forms.FileField(label=_("CSV file"))
    include_name = include_name_field()
    language = language_field(_("Learners' language (when the file has no language column)"))

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = version_choices(organization, published_only=True)
        self.fields["language"].initial = organization.default_language
