"""Targets, standing rules, requests, the credentials and files submitted, decisions, appeals.

History is append-only (``AppendOnly``): a submitted credential, an evidence file, a
decision and an appeal are written once and never changed; a request's stage is read from
them (``stages.py``), so the desk, the learner and the audit cannot disagree.

Personal data:
- ``Request``: the learner (who asks), their e-mail address and language (to tell them the
  decision), their name (written in the recognition credential) and their statement.
- ``SubmittedCredential``: a copy of each credential the learner submitted (it may carry
  their name, grade and a hash of their e-mail), kept as the evidence the decision rests on.
- ``EvidenceFile``: the files the learner attached (stored privately under the var dir).
- ``Appeal``: the learner's argument.
- ``Decision.decided_by``, ``StandingRule.created_by``: the reviewer (accountability).
- ``Target``, ``Desk``: none.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models import Organization, new_public_id
from microcred.registry.append_only import AppendOnly


class Desk(models.Model):
    """An organisation's recognition desk: the specification its decision credentials are
    recorded under (issuing keeps every award against a specification version).
    Personal data: none."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="+")
    decision_version = models.ForeignKey(
        "catalog.SpecificationVersion", on_delete=models.PROTECT, related_name="+"
    )


class Target(models.Model):
    """What an organisation recognises prior learning for. Personal data: none."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        PROGRAMME = "programme", _("Programme")
        MICRO_CREDENTIAL = "micro_credential", _("Micro-credential")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    code = models.CharField(max_length=40, blank=True)
    title_en = models.CharField(max_length=300)
    title_tr = models.CharField(max_length=300)
    ects = models.DecimalField(max_digits=5, decimal_places=2)
    eqf_level = models.PositiveSmallIntegerField(null=True, blank=True)
    tqf_level = models.PositiveSmallIntegerField(null=True, blank=True)
    #: The learning outcomes, one per entry.
    outcomes = models.JSONField(default=list)
    #: For a micro-credential target: the version its facts were taken from.
    specification_version = models.ForeignKey(
        "catalog.SpecificationVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: Closed targets take no new requests (requests already made are still decided).
    open = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "title_en", "pk"]

    def title(self, lang: str) -> str:
        return self.title_tr if lang == "tr" else self.title_en

    def label(self, lang: str) -> str:
        """ "CS101 — Programming" (the code, when it has one, then the title)."""
        return f"{self.code} — {self.title(lang)}" if self.code else self.title(lang)


class StandingRule(models.Model):
    """ "Micro-credential X from provider Y counts for target Z (full / N ECTS)".

    Never edited; withdrawing it stamps ``withdrawn_at`` (requests it decided keep saying
    so). Personal data: ``created_by`` (the reviewer who made it).
    """

    class Outcome(models.TextChoices):
        FULL = "full", _("Full recognition")
        PARTIAL = "partial", _("Partial recognition")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="rules")
    achievement_id = models.CharField(max_length=500)
    issuer_id = models.CharField(max_length=500)
    #: What the achievement and its issuer are called (for people; matching uses the ids).
    achievement_name = models.CharField(max_length=300, blank=True)
    issuer_name = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    ects = models.DecimalField(max_digits=5, decimal_places=2)
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)


class Request(models.Model):
    """A learner's request to have prior learning recognised for a target."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="requests")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    learner_email = models.EmailField()
    learner_name = models.CharField(max_length=200, blank=True)
    #: The language the learner wrote in: their e-mails and credential use it.
    language = models.CharField(max_length=8, default="en")
    statement = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]


class SubmittedCredential(AppendOnly):
    """One credential of a request, as verified on submission, with its facts frozen."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="credentials")
    #: The passport item it came from (its public id; the item may be removed later).
    wallet_item = models.CharField(max_length=32)
    #: The credential as held (JSON, the JWT's payload for a vc+jwt), and its report.
    credential = models.JSONField()
    report = models.JSONField()
    #: What the reviewers compare (``facts.py``): issuer and standing, outcomes, ECTS, …
    facts = models.JSONField()
    achievement_id = models.CharField(max_length=500, blank=True)
    issuer_id = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]


class Appeal(AppendOnly):
    """The learner's one appeal against the first decision."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="appeal")
    argument = models.TextField()
    created = models.DateTimeField(auto_now_add=True)


class EvidenceFile(AppendOnly):
    """A file the learner attached to the request (or to the appeal)."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="evidence")
    appeal = models.ForeignKey(
        Appeal, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    name = models.CharField(max_length=120)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class Outcome(models.TextChoices):
    FULL = "full", _("Full recognition")
    PARTIAL = "partial", _("Partial recognition")
    REFUSED = "refused", _("Refused")


class Decision(AppendOnly):
    """A decision on a request: the first one (a reviewer's or a standing rule's), then,
    after an appeal, the final answer."""

    class Stage(models.TextChoices):
        FIRST = "first", _("Decision")
        APPEAL = "appeal", _("Answer to the appeal")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="decisions")
    stage = models.CharField(max_length=8, choices=Stage.choices)
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    ects = models.DecimalField(max_digits=5, decimal_places=2)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rule = models.ForeignKey(
        StandingRule, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    #: The recognition credential issued for it (none for a refusal or an upheld decision).
    award = models.ForeignKey(
        "issuing.Award", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "stage"], name="one_decision_per_stage")
        ]
