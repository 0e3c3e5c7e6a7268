"""Invitations: an admin names an e-mail address and a role; the link in the e-mail lets
the person with that address (and only them) join.

The link's secret is 32 random bytes; the database keeps its SHA-256, so the link cannot be
rebuilt from a database copy. A link works once and for seven days.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import User
from microcred.infra.token_digest import token_digest
from microcred.organizations.errors import InvitationError
from microcred.organizations.models import Organization
from microcred.organizations.models.people import Invitation
from microcred.organizations.roles import Role
from microcred.organizations.services import add_role

#: How long a link stays valid.
LIFETIME = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class SentInvitation:
    invitation: Invitation
    link: str


@transaction.atomic
def invite(
    organization: Organization,
    *,
    email: str,
    role: str,
    inviter: User,
    language: str,
    absolute: Callable[[str], str],
    now: datetime | None = None,
) -> SentInvitation:
    """Record an invitation and e-mail its link in the inviter's ``language``.

    ``absolute`` turns a path into a full URL (``request.build_absolute_uri``). If sending
    fails, the invitation is not kept: no one holds a link to it.
    """
    raw = secrets.token_urlsafe(32)
    created = now or timezone.now()
    invitation = Invitation.objects.create(
        organization=organization,
        email=email.strip().lower(),
        role=Role(role),
        token_hash=token_digest(raw),
        language=language,
        created_by=inviter,
        expires_at=created + LIFETIME,
    )
    with translation.override(language):
        link = absolute(reverse("accounts:invitation", kwargs={"token": raw}))
        context = {
            "organization": organization,
            "inviter": inviter,
            "role": Role(role).label,
            "link": link,
            "expires_at": invitation.expires_at,
        }
        subject = str(_("Invitation to join %(name)s on Microcred")) % {"name": organization.name}
        body = render_to_string("organizations/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    return SentInvitation(invitation=invitation, link=link)


def pending(organization: Organization, *, now: datetime | None = None) -> QuerySet[Invitation]:
    """Invitations not yet accepted and still valid, newest first."""
    moment = now or timezone.now()
    return Invitation.objects.filter(
        organization=organization, accepted_at__isnull=True, expires_at__gt=moment
    ).order_by("-created")


def cancel(organization: Organization, public_id: str) -> bool:
    """Withdraw an unaccepted invitation; False if there was none."""
    deleted, _rows = Invitation.objects.filter(
        organization=organization, public_id=public_id, accepted_at__isnull=True
    ).delete()
    return deleted > 0


def find(raw: str, *, now: datetime | None = None) -> Invitation:
    """The usable invitation behind a link, or InvitationError saying exactly why not."""
    invitation = (
        Invitation.objects.select_related("organization")
        .filter(token_hash=token_digest(raw))
        .first()
    )
    if invitation is None:
        raise InvitationError(
            str(_("This invitation link is not valid. Check that you copied all of it.")),
            code="organizations.invitation_unknown",
        )
    if invitation.accepted_at is not None:
        raise InvitationError(
            str(_("This invitation has already been used. Ask for a new one if you need it.")),
            code="organizations.invitation_used",
        )
    if invitation.expires_at <= (now or timezone.now()):
        raise InvitationError(
            str(_("This invitation has expired. Ask an admin of %(name)s to invite you again."))
            % {"name": invitation.organization.name},
            code="organizations.invitation_expired",
        )
    return invitation


def check_account(invitation: Invitation, user: User) -> None:
    """Refuse unless ``user`` has the invited address."""
    if user.email.lower() != invitation.email.lower():
        raise InvitationError(
            str(
                _(
                    "This invitation was sent to %(invited)s, but you are signed in as "
                    "%(current)s. Sign out, then sign in or sign up as %(invited)s."
                )
            )
            % {"invited": invitation.email, "current": user.email},
            code="organizations.invitation_wrong_account",
        )


@transaction.atomic
def accept(raw: str, user: User, *, now: datetime | None = None) -> Invitation:
    """Join the organisation with the invited role; the link is spent."""
    moment = now or timezone.now()
    found = find(raw, now=moment)
    check_account(found, user)
    # Spend the link first, conditionally: of two simultaneous uses, one wins.
    spent = Invitation.objects.filter(pk=found.pk, accepted_at__isnull=True).update(
        accepted_at=moment
    )
    if spent != 1:
        raise InvitationError(
            str(_("This invitation has already been used. Ask for a new one if you need it.")),
            code="organizations.invitation_used",
        )
    add_role(found.organization, user, found.role)
    found.accepted_at = moment
    return found
