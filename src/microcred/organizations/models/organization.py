"""Organisations and their members.

Personal data: ``Membership`` links a user to an organisation with a role (needed to decide
what the user may do); no other personal data is stored here.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.organizations.roles import Role


def new_public_id() -> str:
    """An opaque, URL-safe id for public URLs (never a database key)."""
    return secrets.token_urlsafe(12)


class Organization(models.Model):
    """A provider that issues micro-credentials, or a quality-assurance body.

    ``slug`` names the organisation in its URLs and in its did:web identifier
    (``did:web:<host>:orgs:<slug>``), so it never changes once keys exist.
    """

    class Kind(models.TextChoices):
        PROVIDER = "provider", _("Provider")
        QA_BODY = "qa_body", _("Quality-assurance body")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    slug = models.SlugField(max_length=63, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PROVIDER)
    country = models.CharField(_("country (ISO 3166-1)"), max_length=2, blank=True)
    website = models.URLField(_("website"), blank=True)
    #: Where learners write about their credentials (named in revocation e-mails).
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    #: The language of learners' e-mails when an award names none.
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    #: The logo, checked and served by the platform (``organizations.logos``): PNG and JPEG
    #: re-encoded, SVG kept only when it has no script, link or external reference.
    logo = models.BinaryField(blank=True, default=b"")
    logo_type = models.CharField(max_length=32, blank=True)
    logo_version = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in an organisation; one row per role held."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user", "role"], name="one_row_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.role}"
