"""Forms of the review: submitting a version, the reviewer's answers, the provider's policy.

Choices are built per request, in the active language (QA bodies by name, the criteria's
answers by their label from ``qa_criteria``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microcred.catalog import qa_criteria
from microcred.catalog.review import MAX_TEXT, Answer, qa_bodies

ACTIONS = ("save", "return", "approve")


class SubmitForm(forms.Form):
    qa_body = forms.ChoiceField(label=_("Quality-assurance body"))
    note = forms.CharField(
        label=_("Note for the reviewers (optional)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["qa_body"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(body.slug, body.name) for body in qa_bodies()]


class ReviewForm(forms.Form):
    """One answer and note per criterion, a comment, and which step to take."""

    comment = forms.CharField(
        label=_("Comment for the designer"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = [("", "—"), *qa_criteria.answer_choices()]
        for criterion in qa_criteria.criteria():
            self.fields[f"answer_{criterion.code}"] = forms.ChoiceField(
                label=criterion.text, choices=answers, required=False
            )
            self.fields[f"note_{criterion.code}"] = forms.CharField(
                label=_("Note"), required=False, max_length=MAX_TEXT
            )

    @staticmethod
    def initial_from(answers: dict[str, dict[str, str]]) -> dict[str, str]:
        initial: dict[str, str] = {}
        for code, given in answers.items():
            initial[f"answer_{code}"] = given.get("answer", "")
            initial[f"note_{code}"] = given.get("note", "")
        return initial

    def answers(self) -> dict[str, Answer]:
        data = self.cleaned_data
        return {
            code: Answer(data.get(f"answer_{code}") or "", data.get(f"note_{code}") or "")
            for code in qa_criteria.codes()
        }

    def rows(self) -> list[tuple[qa_criteria.Criterion, forms.BoundField, forms.BoundField]]:
        """(criterion, answer field, note field) in order, for the template."""
        return [
            (c, self[f"answer_{c.code}"], self[f"note_{c.code}"]) for c in qa_criteria.criteria()
        ]


class PolicyForm(forms.Form):
    approval_required = forms.BooleanField(
        label=_("Specifications need a quality-assurance body's approval before publishing"),
        required=False,
    )
