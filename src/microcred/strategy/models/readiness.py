"""A self-assessment of an organisation's readiness, kept per strategy.

The computed result is stored with the answers (as plain JSON, with the practice titles,
dimension names and rendered recommendations in both languages): the knowledge base will be
revised, and an assessment made last year must still read as it did then.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from microcred.organizations.models import new_public_id


class Assessment(models.Model):
    """One completed readiness questionnaire of a strategy's team.

    Personal data: ``author`` (the staff member who submitted it, for the team's record).
    """

    strategy = models.ForeignKey(
        "strategy.Strategy", on_delete=models.CASCADE, related_name="assessments"
    )
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    kb_version = models.CharField(max_length=40)
    answers = models.JSONField(default=dict)
    result = models.JSONField(default=dict)

    class Meta:
        ordering = ("-created", "-pk")

    def __str__(self) -> str:
        return f"{self.strategy} · {self.created:%Y-%m-%d}"

    @property
    def scores(self) -> dict[str, Any]:
        """The engine's ``Assessment`` as stored (practices, dimensions, fired rules)."""
        value = self.result.get("assessment", {})
        return value if isinstance(value, dict) else {}


class ReadinessDraft(models.Model):
    """One member's answers to the questionnaire of a strategy while they are filling it in.

    Every answer is saved as it is given (autosave, or each page's "Save and continue"), so a
    second sign-in, another device or a lost connection keeps them; ``section`` is where the
    member was, to resume there. Finishing scores the answers into an ``Assessment``; the draft
    keeps them, so the next assessment starts from the last one's answers.

    Personal data: ``user`` (whose answers these are, seen only by that member).
    """

    strategy = models.ForeignKey(
        "strategy.Strategy", on_delete=models.CASCADE, related_name="readiness_drafts"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(default=dict)
    section = models.PositiveSmallIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["strategy", "user"], name="readiness_draft_once")
        ]
