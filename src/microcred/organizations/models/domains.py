"""An organisation's own internet domain, proven, and used as its issuing DID.

Personal data: ``claimed_by`` (the admin who started the proof: accountability).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from microcred.organizations.models.organization import Organization

__all__ = ["OwnDomain"]


class OwnDomain(models.Model):
    """One claim of a domain by an organisation, from challenge to use.

    ``token`` is published by the organisation at ``/.well-known/microcred-domain.json`` on
    the domain; ``proven_at`` records when we read it back there. ``did_checked_at`` and
    ``did_checked_key`` record the last time the domain's ``/.well-known/did.json`` named
    the organisation's active key: issuing as ``did:web:<domain>`` needs that to be true
    for the key that signs. ``in_use``: the organisation issues as that DID.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253)
    token = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proven_at = models.DateTimeField(null=True, blank=True)
    did_checked_at = models.DateTimeField(null=True, blank=True)
    did_checked_key = models.CharField(max_length=32, blank=True)
    in_use = models.BooleanField(default=False)

    class Meta:
        ordering = ["organization", "-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "domain"], name="one_claim_per_domain_and_organisation"
            ),
            models.UniqueConstraint(
                fields=["domain"],
                condition=models.Q(proven_at__isnull=False),
                name="a_domain_is_proven_by_one_organisation",
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(in_use=True),
                name="one_domain_in_use_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain} ({self.organization})"
