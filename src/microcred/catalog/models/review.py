"""Review of specification versions by a quality-assurance body, and its outcome.

A designer submits a version to a QA body (``Review``); the body's reviewers answer the QA
criteria, comment, and return it or approve it. An approval (``Approval``) keeps the
endorsement credential the QA body signed, which every credential issued from the version
then carries. ``ReviewEvent`` is the append-only history of all of it (who, when, what),
shown to both sides. ``ApprovalPolicy`` is a provider's rule that publishing needs approval.

Personal data: the staff accounts that acted (``submitted_by``, ``decided_by``,
``approved_by``, ``actor``, ``changed_by``) and the e-mail address an event was recorded
under (``actor_label``: the record must still say who acted if the account goes). No
learner data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.catalog.models.specification import SpecificationVersion
from microcred.organizations.models import Organization, new_public_id


class ApprovalPolicy(models.Model):
    """Whether a provider's specifications need a QA body's approval before publishing.

    Personal data: ``changed_by`` (the admin who last changed the rule).
    """

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="approval_policy"
    )
    approval_required = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return (
            f"{self.organization}: approval {'required' if self.approval_required else 'optional'}"
        )


class Review(models.Model):
    """One submission of a version to a QA body, open until returned or approved.

    Personal data: ``submitted_by`` and ``decided_by`` (staff accountable for the steps).
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Under review")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    version = models.ForeignKey(
        SpecificationVersion, on_delete=models.PROTECT, related_name="reviews"
    )
    qa_body = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="reviews")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    #: The reviewers' answers so far: criterion code → {"answer": …, "note": …}.
    answers = models.JSONField(default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version"],
                condition=models.Q(outcome="pending"),
                name="one_open_review_per_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} → {self.qa_body} ({self.outcome})"


class Approval(models.Model):
    """A QA body's approval of one version, with the endorsement credential it signed.

    Personal data: ``approved_by`` (the reviewer); the endorsement names organisations only.
    """

    version = models.OneToOneField(
        SpecificationVersion, on_delete=models.PROTECT, related_name="approval"
    )
    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="approval")
    qa_body = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="approvals")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField()
    comment = models.TextField(blank=True)
    #: The signed OB 3.0 EndorsementCredential, embedded in the version's Achievement.
    endorsement = models.JSONField()

    def __str__(self) -> str:
        return f"{self.version} approved by {self.qa_body}"


class ReviewEvent(models.Model):
    """Who did what, when, in a review or to an approval policy — append-only.

    Personal data: ``actor`` and ``actor_label`` (the staff member's e-mail address when
    they acted, so the record still says who if the account is deleted).
    """

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        COMMENTED = "commented", _("Commented")
        ANSWERED = "answered", _("Answered the criteria")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")
        POLICY_ON = "policy_on", _("Required approval before publishing")
        POLICY_OFF = "policy_off", _("Stopped requiring approval before publishing")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    comment = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"
