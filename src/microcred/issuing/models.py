"""Awards, status lists and the audit log.

Personal data:
- ``Award.learner_email``: to tell the learner about the award and status changes, and to
  let them claim it; the credential itself carries only a salted hash of it.
- ``Award.learner_name``: shown to the organisation's officers; in the credential unless the
  officer unticks ``include_name`` (employers need to see whose credential it is).
- ``Award.language``: the language the learner's e-mails are written in.
- ``AuditEvent.actor``: who did what, for accountability (kept with the organisation's log).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models import Organization, new_public_id


class StatusPurpose(models.TextChoices):
    REVOCATION = "revocation", _("Revocation")
    SUSPENSION = "suspension", _("Suspension")


class StatusList(models.Model):
    """One Bitstring Status List of an organisation (one per purpose, more when full).

    ``encoded_list`` is the source of truth (GZIP + base64url, as published);
    ``signed_credential`` is the cached, signed BitstringStatusListCredential served on public
    GETs, re-signed only when a status changes (``version`` counts the changes).
    Personal data: none.
    """

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    purpose = models.CharField(max_length=16, choices=StatusPurpose.choices)
    size = models.PositiveIntegerField(default=131_072)
    encoded_list = models.TextField()
    allocated = models.PositiveIntegerField(default=0)
    #: Secret key of the list's index permutation (see issuing.index_permutation); empty on
    #: lists made before it existed, which take no new entries.
    permutation_key = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(default=0)
    signed_credential = models.JSONField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    #: The URL its credentials name and the DID it is signed as, fixed when it is opened:
    #: a later change of the deployment's host or of the organisation's DID must not move
    #: what was issued (new entries then go to a new list).
    url = models.CharField(max_length=500, blank=True)
    issuer_did = models.CharField(max_length=500, blank=True)


class Award(models.Model):
    """A credential issued to one learner from one specification version.

    ``idempotency_key`` is unique per organisation: issuing the same row twice (a re-upload,
    a retried batch, a replayed API call) returns the existing award instead of a new one.
    """

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    # Unique through a constraint (Meta), not unique=True: on PostgreSQL that would add a
    # second, LIKE-pattern index nobody queries, which every bulk insert pays for.
    public_id = models.CharField(max_length=32, default=new_public_id)
    # No index of its own on this and the two list keys: each leads a unique constraint
    # below, which serves the same lookups (and every index costs each of the bulk inserts).
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    specification_version = models.ForeignKey(
        "catalog.SpecificationVersion", on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(max_length=128)
    #: SHA-256 of the normalised API request that made the award (empty for the form, the
    #: CSV and awards made before it was kept): a replayed key must come with the same body.
    request_hash = models.CharField(max_length=64, blank=True, default="")
    learner_email = models.EmailField()
    learner_name = models.CharField(max_length=200, blank=True)
    grade = models.CharField(max_length=64, blank=True)
    awarded_on = models.DateField(null=True, blank=True)
    evidence_url = models.URLField(blank=True)
    #: The learner's language ("en", "tr"): every e-mail about the award is written in it.
    #: Empty when nobody stated it: the organisation's default language then applies.
    language = models.CharField(max_length=8, blank=True, default="")
    credential = models.JSONField()
    credential_format = models.CharField(max_length=16, default="di-rdfc")
    #: The credential's ``validUntil`` (issue date + the specification's validity period),
    #: kept as a column for the expiry notices and lists; None: it does not expire.
    valid_until = models.DateTimeField(null=True, blank=True)
    #: When the learner first saved it to a passport (the wallet tells us: ``mark_claimed``).
    claimed_at = models.DateTimeField(null=True, blank=True)
    #: When the learner was told the credential is about to expire (once per award).
    expiry_notice_sent = models.DateTimeField(null=True, blank=True)
    #: The learner's language, once known (their claim or contest): their e-mails use it.
    learner_language = models.CharField(max_length=8, blank=True)
    #: The award this one renews (after re-assessment, evidence of practice or a contest):
    #: the credential names it too (``relatedResource``, see ``issuing/renewal.py``).
    renews = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewed_by"
    )
    revocation_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    revocation_index = models.PositiveIntegerField()
    suspension_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    suspension_index = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.ACTIVE)
    state_reason = models.TextField(blank=True)
    state_changed = models.DateTimeField(null=True, blank=True)
    claim_token_hash = models.CharField(max_length=64, blank=True)  # indexed in Meta
    batch = models.ForeignKey("issuing.Batch", null=True, blank=True, on_delete=models.SET_NULL)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["claim_token_hash"], name="award_claim_token_hash")]
        constraints = [
            models.UniqueConstraint(fields=["public_id"], name="award_public_id_unique"),
            models.UniqueConstraint(
                fields=["organization", "idempotency_key"], name="award_once_per_key"
            ),
            models.UniqueConstraint(
                fields=["revocation_list", "revocation_index"], name="one_award_per_revocation_bit"
            ),
            models.UniqueConstraint(
                fields=["suspension_list", "suspension_index"], name="one_award_per_suspension_bit"
            ),
        ]


class ApiCredential(models.Model):
    """A credential a program had signed through the VC-API (``POST /credentials/issue``).

    Not an award: its content is the caller's, not composed from a specification. Kept so
    that everything signed in the organisation's name is on record, can be revoked or
    suspended (its own status entries, allocated like an award's) and can never share an
    ``id`` with another credential of the organisation.
    Personal data: whatever the caller put in ``credential`` (the organisation's choice).
    """

    State = Award.State

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    credential_id = models.CharField(max_length=500)
    credential = models.JSONField()
    revocation_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    revocation_index = models.PositiveIntegerField()
    suspension_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    suspension_index = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.ACTIVE)
    state_reason = models.TextField(blank=True)
    state_changed = models.DateTimeField(null=True, blank=True)
    #: The API token that asked for it (its public id survives the token's deletion).
    token_id = models.CharField(max_length=32)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "credential_id"], name="api_credential_id_once"
            ),
            models.UniqueConstraint(
                fields=["revocation_list", "revocation_index"],
                name="one_api_credential_per_revocation_bit",
            ),
            models.UniqueConstraint(
                fields=["suspension_list", "suspension_index"],
                name="one_api_credential_per_suspension_bit",
            ),
        ]


class Batch(models.Model):
    """A bulk issuance from one CSV upload, worked through by a background task.

    The validated rows live in ``BatchRow``; the task issues them in order and records each
    result, so a crashed worker resumes where it stopped without issuing anything twice.
    Personal data: none here (see BatchRow).
    """

    class State(models.TextChoices):
        VALIDATED = "validated", _("Validated")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    specification_version = models.ForeignKey(
        "catalog.SpecificationVersion", on_delete=models.PROTECT, related_name="+"
    )
    file_sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=255, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.VALIDATED)
    total = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    #: Put the learners' names into the credentials (the upload form's choice).
    include_name = models.BooleanField(default=True)
    #: The rows skipped when the file was checked (the first ``SHOWN_PROBLEMS``, as
    #: ``{"line", "column", "message"}``) and how many there were in all: kept so the
    #: batch page still says why each was left out.
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)


class BatchRow(models.Model):
    """One valid row of a batch, waiting to be issued (or issued, with its award).

    Personal data: the learner's e-mail, name, grade and evidence URL, kept until issued so
    a restarted worker can finish the batch.
    """

    batch = models.ForeignKey(  # indexed by the constraints below, which it leads
        Batch, on_delete=models.CASCADE, related_name="rows", db_index=False
    )
    line = models.PositiveIntegerField()
    idempotency_key = models.CharField(max_length=128)
    learner_email = models.EmailField()
    learner_name = models.CharField(max_length=200, blank=True)
    grade = models.CharField(max_length=64, blank=True)
    awarded_on = models.DateField(null=True, blank=True)
    evidence_url = models.URLField(blank=True)
    language = models.CharField(max_length=8, blank=True, default="")
    award = models.ForeignKey(Award, null=True, blank=True, on_delete=models.SET_NULL)
    error = models.TextField(blank=True)
    #: The worker run signing this row now, and until when its claim holds: lets several
    #: workers share a batch without signing the same rows (a lost claim only costs time —
    #: the idempotency key still stops a double issue).
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["batch", "line"], name="one_row_per_line")]
        # The rows still to issue, in line order: each claim reads the next chunk straight
        # from it, instead of skipping every row already issued (quadratic in the batch).
        indexes = [
            models.Index(
                fields=["batch", "line"],
                condition=models.Q(award__isnull=True, error=""),
                name="batchrow_pending",
            )
        ]


class Contest(models.Model):
    """A learner's objection to the revocation or suspension of their award, and the answer.

    Every step is also an audit event of the award (its history, shown to the learner).
    Personal data: ``learner`` (who contested) and the argument they wrote.
    """

    class Outcome(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        REINSTATED = "reinstated", _("Reinstated")
        REISSUED = "reissued", _("Re-issued")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="contests")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The state contested (revoked or suspended) when the contest was opened.
    contested_state = models.CharField(max_length=16, choices=Award.State.choices)
    argument = models.TextField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.OPEN)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["award"], condition=models.Q(outcome="open"), name="one_open_contest"
            )
        ]


class AuditEvent(models.Model):
    """Who did what, when and why — append-only; organisation admins read and export it."""

    organization = models.ForeignKey(  # indexed by (organization, at) below
        Organization, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=32)
    target = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["organization", "at"])]
