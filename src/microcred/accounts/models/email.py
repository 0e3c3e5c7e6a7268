"""The e-mail addresses of an account, and whether each has been proved to belong to it.

Personal data: ``email`` (to recognise the learner in credentials that carry a hash of it,
and to send verification links); ``links_sent``/``links_since`` count the links mailed
lately, so the site cannot be used to flood an inbox. A verified address belongs to one
account only, so two people cannot both claim credentials issued to it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_public_id() -> str:
    return secrets.token_urlsafe(12)


class EmailAddress(models.Model):
    """One address of a user; ``verified_at`` is set once the user opened a signed link."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_addresses"
    )
    email = models.EmailField(_("e-mail address"))
    verified_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    #: Verification links mailed since ``links_since`` (bounds mail to one address).
    links_sent = models.PositiveIntegerField(default=0)
    links_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "email"], name="one_row_per_user_address"),
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(verified_at__isnull=False),
                name="verified_address_has_one_owner",
            ),
        ]

    @property
    def verified(self) -> bool:
        return self.verified_at is not None

    def __str__(self) -> str:
        return self.email
