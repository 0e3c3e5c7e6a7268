"""Signing keys of organisations: public half in clear, private half sealed (or elsewhere).

Personal data: ``created_by`` and ``retired_by`` point at the admin who created or retired
a key — kept because key changes must be accountable. No other personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.keystore.base import KeyRef, SealedKey
from microcred.organizations.models.organization import Organization, new_public_id

__all__ = ["OrganizationDid", "SigningKey"]


class SigningKey(models.Model):
    """One Ed25519 key of an organisation, listed in its did:web document as ``#<fragment>``.

    ``active``: signs new credentials (one per organisation). ``superseded``: replaced by a
    rotation; still authorised (``assertionMethod``) so earlier credentials verify.
    ``retired``: withdrawn (e.g. compromised) from ``retired_at``; still listed, marked
    ``revoked``, and no longer authorised. ``wrapped_data_key`` and ``sealed_seed`` are
    ciphertext written by the key store named in ``keystore``; empty for stores (KMS, HSM)
    that keep the private key themselves.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUPERSEDED = "superseded", _("Superseded")
        RETIRED = "retired", _("Retired")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="signing_keys"
    )
    public_id = models.CharField(max_length=64, unique=True, default=new_public_id, editable=False)
    fragment = models.CharField(max_length=32)
    public_multikey = models.CharField(max_length=128)
    keystore = models.CharField(max_length=200)
    kek_id = models.CharField(max_length=32, blank=True)
    wrapped_data_key = models.BinaryField(blank=True, default=b"", editable=False)
    sealed_seed = models.BinaryField(blank=True, default=b"", editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    created = models.DateTimeField(auto_now_add=True)
    activated = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    retire_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organization", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fragment"], name="signing_key_fragment_unique"
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status="active"),
                name="one_active_signing_key",
            ),
        ]

    def ref(self) -> KeyRef:
        """The key store's handle on this key."""
        sealed = None
        if self.sealed_seed:
            sealed = SealedKey(self.kek_id, bytes(self.wrapped_data_key), bytes(self.sealed_seed))
        return KeyRef(self.public_id, self.organization.public_id, self.public_multikey, sealed)

    def __str__(self) -> str:
        return f"{self.organization} · {self.fragment} ({self.status})"

    def __repr__(self) -> str:  # the default would be fine; this states the intent
        return f"<SigningKey {self.public_id} {self.fragment} {self.status}>"


class OrganizationDid(models.Model):
    """A DID the organisation has signed as; its document is served for as long as we run.

    A credential names its issuer's DID forever. When the deployment's did:web host changes
    (a new domain), or the organisation moves to its own domain, credentials signed under
    the earlier DID must keep resolving: every DID ever used is recorded here the first
    time a key signs under it, and ``orgs/<slug>/did.json`` asked for through that DID's
    host answers with that DID's document (same keys, same states).
    """

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="dids")
    did = models.CharField(max_length=500, unique=True)
    first_used = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization", "first_used"]

    def __str__(self) -> str:
        return self.did
