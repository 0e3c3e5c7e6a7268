"""People's access to an organisation besides membership: invitations and API tokens.

Both hold a secret that travels outside the site (in an e-mail, in a client's configuration);
the database keeps only its SHA-256 digest, so a copy of the database does not let anyone
join an organisation or call the API.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.organizations.models.organization import Organization, new_public_id
from microcred.organizations.roles import Role


class Invitation(models.Model):
    """An invitation to join ``organization`` with ``role``, sent to ``email``.

    Personal data: ``email`` (the invitee's address: where the link is sent, and the only
    account allowed to accept) and ``created_by`` (who invited, shown to the organisation's
    admins). ``token_hash`` is the SHA-256 of the link's secret, never the secret itself.
    """

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(max_length=8, default="en")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.email} → {self.organization} ({self.role})"


class ApiToken(models.Model):
    """A credential with which a program acts for ``organization`` within ``scopes``.

    Personal data: ``created_by`` (who created the token: accountability for what it does).
    ``prefix`` is public (shown to tell tokens apart); ``secret_hash`` is the SHA-256 of the
    whole token, shown to its creator once and never stored.
    """

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: Made by the platform operator (``manage.py create_token``), not by a member: no
    #: membership bounds its life, only its revocation.
    by_operator = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
