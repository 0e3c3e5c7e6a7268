"""The learner's wallet: held credentials, share links, the claim record and the holder key.

Personal data:
- ``WalletItem``: the credential the learner holds (it may carry their name, grade and a
  hash of their e-mail) — kept because the learner asked us to keep it for them.
- ``ShareLink``: which of the learner's credentials they chose to show, and whether their
  name may be shown with them (``show_name``, the learner's choice); the token itself is
  never stored (only its SHA-256). Deleted some days after it expired or was withdrawn
  (``retention``).
- ``HolderKey``: the learner's holder ``did:key``; its private half sealed under the KEK.
- ``Claim``: none (an award's public id and when it was claimed, for the issuer's counts).
All rows but ``Claim`` go with the account when it is deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models import new_public_id


class WalletItem(models.Model):
    """One credential in a learner's passport, exactly as it was issued or uploaded."""

    class Source(models.TextChoices):
        PLATFORM = "platform", _("Claimed from this platform")
        IMPORTED = "imported", _("Imported")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wallet_items"
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    #: The award's public id for platform credentials (status comes from issuing).
    award_public_id = models.CharField(max_length=32, blank=True)
    #: Exactly what was issued: the JSON text or the compact ``vc+jwt``.
    raw = models.TextField()
    media_type = models.CharField(max_length=32, default="application/vc")
    #: The credential as JSON (the JWT's payload for a ``vc+jwt``), for display.
    credential = models.JSONField()
    #: Imported only: the verification report (JSON) and whether it passed.
    report = models.JSONField(default=dict, blank=True)
    verified = models.BooleanField(default=True)
    #: Imported only: the learner kept it although it did not verify.
    kept_unverified = models.BooleanField(default=False)
    #: Imported only: the status found at the last check (valid, expired, revoked, …).
    checked_status = models.CharField(max_length=16, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "award_public_id"],
                condition=~models.Q(award_public_id=""),
                name="award_once_per_wallet",
            )
        ]


class Claim(models.Model):
    """That an award was claimed into some wallet (kept when the wallet is deleted)."""

    award_public_id = models.CharField(max_length=32, unique=True)
    organization_public_id = models.CharField(max_length=32, db_index=True)
    claimed_at = models.DateTimeField(auto_now_add=True)


class ShareLink(models.Model):
    """A link showing chosen credentials to anyone who has it, until expired or revoked."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=200, blank=True)
    items = models.ManyToManyField(WalletItem, related_name="share_links")
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField(default=0)
    #: The learner chose to show their name on the page (off unless they tick it).
    show_name = models.BooleanField(default=False)
    #: The token is derived from the server's secret and the public id (``shares.token_for``),
    #: so the holder's list can show the link again; links made before are random and were
    #: shown once.
    reshowable = models.BooleanField(default=False)
    #: The printable certificate's link for this credential: every PDF reuses it.
    certificate_for = models.ForeignKey(
        WalletItem, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)


class HolderKey(models.Model):
    """The learner's Ed25519 holder key (``did:key``), sealed by the platform key store."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="holder_key"
    )
    key_id = models.CharField(max_length=64)
    public_multikey = models.CharField(max_length=128)
    kek_id = models.CharField(max_length=32)
    wrapped_data_key = models.BinaryField()
    sealed_seed = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True)
