"""Recognition of providers by quality-assurance bodies: applications and decisions.

Personal data: ``Application.contact_*`` (the person the body may contact about the
application: needed for the review), the ``author``/``decided_by``/``uploaded_by`` links
(accountability for what was said and decided). Decisions and their reasons are public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models import Organization, new_public_id
from microcred.registry.append_only import AppendOnly


class Application(models.Model):
    """A provider's request to be recognised (or recognised again) by a QA body.

    Its state is a workflow (draft → submitted ⇄ changes requested → decided); what was
    said and decided along the way is kept in :class:`ApplicationEvent` and
    :class:`Decision`, which are never edited.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        DECIDED = "decided", _("Decided")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    provider = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    qa_body = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    renewal = models.BooleanField(default=False)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    #: criterion code → the provider's own account of how it meets the criterion.
    answers = models.JSONField(default=dict, blank=True)
    fields_of_study = models.JSONField(default=list, blank=True)
    eqf_levels = models.JSONField(default=list, blank=True)
    tqf_levels = models.JSONField(default=list, blank=True)
    #: The automatic indicators as they stood when the application was last submitted.
    indicators = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "qa_body"],
                condition=~Q(state="decided"),
                name="one_open_application_per_body",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} → {self.qa_body} ({self.state})"


class ApplicationEvent(AppendOnly):
    """What happened to an application, in order: the conversation and the workflow."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        COMMENT = "comment", _("Comment")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        EVIDENCE_ADDED = "evidence_added", _("Evidence added")
        DECIDED = "decided", _("Decision")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(blank=True)
    #: Whether the author spoke for the QA body (else for the provider).
    by_qa_body = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class EvidenceFile(AppendOnly):
    """A document the provider attached; the file lives under the var directory with a
    random name (``stored_name``) and is served only to the provider and the body."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="evidence")
    name = models.CharField(max_length=120)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class Decision(AppendOnly):
    """A body's decision on a provider, effective from ``effective``; public, never edited.

    ``recognised`` opens a period of recognition (``effective`` → ``valid_until``) within
    a scope; ``suspended`` and ``withdrawn`` end every period still open at ``effective``
    (credentials signed before keep their standing); ``refused`` changes no period.
    """

    class Outcome(models.TextChoices):
        RECOGNISED = "recognised", _("Recognised")
        REFUSED = "refused", _("Refused")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    provider = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    qa_body = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    reason = models.TextField()
    effective = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)
    fields_of_study = models.JSONField(default=list, blank=True)
    eqf_levels = models.JSONField(default=list, blank=True)
    tqf_levels = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective", "recorded", "id"]
        indexes = [models.Index(fields=["provider", "qa_body"])]


class TrustListVersion(AppendOnly):
    """One signed version of a body's trust list; every version stays served."""

    qa_body = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    credential = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["qa_body", "number"], name="one_trust_list_number")
        ]


class RenewalReminder(AppendOnly):
    """A reminder sent for a recognition's expiry (so each is sent once)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    days_before = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "days_before"], name="one_reminder")
        ]
