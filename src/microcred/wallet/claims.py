"""Claiming an award into a learner's wallet: only with a confirmed, matching e-mail.

The credential names its learner by a salted hash of an e-mail (an OB 3.0 IdentityObject).
A claim link alone is not enough — links get forwarded — so the account must also have
confirmed an address whose hash is in the credential.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from microcred.accounts import emails
from microcred.accounts.models import User
from microcred.issuing.awards import mark_claimed
from microcred.issuing.models import Award
from microcred.vc import VcError
from microcred.vc.openbadges import IdentityObject, identity_matches
from microcred.wallet.errors import WalletError
from microcred.wallet.models import Claim, WalletItem
from microcred.wallet.pathways import queue_auto_issue


def identities(credential: Mapping[str, Any]) -> list[IdentityObject]:
    """The subject's IdentityObjects (malformed ones are skipped: they match nobody)."""
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    found = subject.get("identifier") if isinstance(subject, Mapping) else None
    result = []
    for node in found if isinstance(found, list) else [found] if found else []:
        try:
            result.append(IdentityObject.from_jsonld(node))
        except (VcError, ValueError, TypeError):
            continue
    return result


def matching_email(credential: Mapping[str, Any], addresses: Iterable[str]) -> str | None:
    objects = identities(credential)
    return next((a for a in addresses if any(identity_matches(o, a) for o in objects)), None)


def mask(email: str) -> str:
    """``a***@uni.example``: enough to recognise one's address, not to harvest it."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def find_claimed(user: User, award: Award) -> WalletItem | None:
    return WalletItem.objects.filter(owner=user, award_public_id=award.public_id).first()


@transaction.atomic
def claim(user: User, award: Award) -> WalletItem:
    """Add ``award`` to the user's wallet (once); WalletError says why it cannot be."""
    existing = find_claimed(user, award)
    if existing is not None:
        return existing
    verified = emails.verified_emails(user)
    if matching_email(award.credential, verified) is None:
        hint = {"email": mask(award.learner_email)}
        if not verified:
            raise WalletError(
                _("Confirm your e-mail address first: this micro-credential was issued to "
                  "%(email)s, and your account has no confirmed address yet.") % hint,
                code="wallet.email_not_verified",
            )  # fmt: skip
        raise WalletError(
            _("This micro-credential was issued to %(email)s, which is not a confirmed "
              "address of your account. Add and confirm that address, then try again.") % hint,
            code="wallet.identity_mismatch",
        )  # fmt: skip
    try:
        with transaction.atomic():  # a double-clicked claim races to the same row
            item = WalletItem.objects.create(
                owner=user,
                source=WalletItem.Source.PLATFORM,
                award_public_id=award.public_id,
                raw=json.dumps(award.credential, ensure_ascii=False, indent=2),
                media_type="application/vc",
                credential=award.credential,
            )
    except IntegrityError:
        return WalletItem.objects.get(owner=user, award_public_id=award.public_id)
    Claim.objects.get_or_create(
        award_public_id=award.public_id,
        defaults={"organization_public_id": award.organization.public_id},
    )
    mark_claimed(award)
    queue_auto_issue(user)
    return item
