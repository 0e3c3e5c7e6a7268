"""Specifications of micro-credentials and their numbered versions.

Personal data: none. ``created_by`` links the staff account that created a specification
(accountability inside the organisation); the elements describe a course, never a learner.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models import Organization, new_public_id


class Specification(models.Model):
    """A micro-credential an organisation offers; its content lives in its versions.

    Personal data: ``created_by`` (the staff member who created it), no learner data.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="specifications"
    )
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    #: Kept by the platform for its own records, never offered (the recognition desk files
    #: its decision credentials under one): out of the designers' and officers' lists.
    internal = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.public_id


class SpecificationVersion(models.Model):
    """One numbered version of a specification's EU elements.

    ``elements`` is ``MicroCredentialElements`` JSON (validated by the service before every
    save). Once ``locked`` (a credential was issued from it) a version never changes: the
    credential points at it. A draft is stored however unfinished: ``draft_input`` keeps
    the editor's inputs exactly as typed (``elements`` holds only what could be used), and
    ``acknowledged`` the keys of the warnings the designers accepted for this version.
    Personal data: none.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    specification = models.ForeignKey(
        Specification, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    elements = models.JSONField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    hours_per_ects = models.PositiveSmallIntegerField(default=25)
    draft_input = models.JSONField(default=dict, blank=True)
    acknowledged = models.JSONField(default=list, blank=True)
    locked = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["specification", "number"]
        constraints = [
            models.UniqueConstraint(fields=["specification", "number"], name="one_number_per_spec"),
            models.CheckConstraint(
                condition=models.Q(hours_per_ects__gte=25, hours_per_ects__lte=30),
                name="hours_per_ects_25_to_30",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    @property
    def display_title(self) -> str:
        """The title, or words saying there is none yet (never an empty link)."""
        return self.title.strip() or str(_("(Untitled draft)"))

    @property
    def deletable(self) -> bool:
        """Only a draft that was never published nor issued from may be deleted."""
        return self.status == self.Status.DRAFT and not self.locked and self.published_at is None
