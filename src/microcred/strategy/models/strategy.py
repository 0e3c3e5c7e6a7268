"""Strategies, their design team and their history.

The canvas itself is one validated JSON document on ``Strategy`` (``canvas/document.py`` says
why); STEEP factors are rows (``models/steep.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models import Organization, new_public_id
from microcred.strategy.canvas.document import KINDS, empty_canvas
from microcred.strategy.content import block_texts


class Strategy(models.Model):
    """One micro-credential strategy of an organisation, for a period.

    Personal data: ``created_by`` (the staff member who started it); the canvas may name
    owners and contacts as free text, which the team writes for accountability.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="strategies"
    )
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    title = models.CharField(max_length=200)
    period = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    canvas = models.JSONField(default=empty_canvas)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title


class DesignRole(models.TextChoices):
    """The six roles of a micro-credential design team (after Bigelow et al., 2022)."""

    INITIATIVE_LEAD = "initiative_lead", _("Initiative lead")
    EMPLOYER_ENGAGEMENT = "employer_engagement_lead", _("Employer engagement lead")
    SUBJECT_EXPERT = "subject_matter_expert", _("Subject-matter expert")
    PEDAGOGY = "pedagogical_support", _("Pedagogical and ed-tech support")
    VISUAL_DESIGN = "visual_design_support", _("Visual design support")
    CHAMPION = "leadership_champion", _("Leadership champion")


class TeamRole(models.Model):
    """The design-team role a member takes in one strategy (at most one per member).

    Personal data: ``user`` (which member holds the role, shown to the organisation's team).
    """

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=40, choices=DesignRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["strategy", "user"], name="strategy_one_role_each")
        ]


class Revision(models.Model):
    """The canvas after one change, with who made it: the strategy's full history.

    Personal data: ``author`` (who changed the canvas: the team's accountability).
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Created the canvas")
        ADDED = "added", _("Added")
        CHANGED = "changed", _("Changed")
        REMOVED = "removed", _("Removed")
        NOTES = "notes", _("Edited the notes of")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField()
    action = models.CharField(max_length=16, choices=Action.choices)
    subject = models.CharField(max_length=40, blank=True)
    """The item kind or block the change touched."""
    label = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="revision_number_once")
        ]

    @property
    def summary(self) -> str:
        """One readable line in the active language, e.g. "Added Cost centre “Licences”"."""
        action = self.get_action_display()
        if self.action == self.Action.CREATED:
            return str(action)
        blocks = block_texts()
        if self.subject in KINDS:
            subject: object = KINDS[self.subject].label
        else:
            subject = blocks[self.subject].title if self.subject in blocks else self.subject
        label = f" “{self.label}”" if self.label else ""
        return f"{action} {subject}{label}"
