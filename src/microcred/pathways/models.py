"""Pathways: rules over micro-credentials that lead to a larger qualification.

Personal data:
- ``Follow.user``: which pathways a learner chose to follow (their passport shows the
  progress); deleted with the account.
- ``StackedCredential.learner``: whom a stacked credential was issued to, so a second
  request returns the same credential; the credential itself is an issuing ``Award``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models import Organization, new_public_id


class Pathway(models.Model):
    """A pathway an organisation defines: its target qualification and its rules.

    ``rules`` is the JSON form of :mod:`microcred.pathways.rules` (checked by the service
    before every save). ``target`` is the organisation's specification whose Achievement
    the stacked credential carries. Personal data: ``created_by`` (the staff member who
    made it, for accountability), no learner data.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    name_en = models.CharField(max_length=200)
    name_tr = models.CharField(max_length=200)
    description_en = models.TextField(blank=True)
    description_tr = models.TextField(blank=True)
    target = models.ForeignKey("catalog.Specification", on_delete=models.PROTECT, related_name="+")
    rules = models.JSONField(default=list, blank=True)
    #: Issue the stacked credential as soon as a follower completes the pathway.
    auto_issue = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name_en

    def name(self, lang: str) -> str:
        return self.name_tr if lang == "tr" else self.name_en

    def description(self, lang: str) -> str:
        return self.description_tr if lang == "tr" else self.description_en


class Follow(models.Model):
    """A learner follows a published pathway. Personal data: ``user`` (their choice)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="follows")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "pathway"], name="follow_once")]


class StackedCredential(models.Model):
    """The stacked credential issued to a learner who completed a pathway.

    ``components`` are the ``relatedResource`` entries it binds (id and digest of each
    counted credential). Personal data: ``learner`` (who received it).
    """

    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="stacks")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    award_public_id = models.CharField(max_length=32)
    components = models.JSONField(default=list)
    #: Requested by the learner, or issued by the pathway's automatic rule.
    automatic = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pathway", "learner"], name="one_stack_per_learner")
        ]
