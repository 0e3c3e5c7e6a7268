"""Share links: a secret URL showing chosen credentials to whoever has it.

Only the token's SHA-256 is stored, so a database leak yields no working link; the token is
derived from the server's secret (``token_for``), so the holder can see the link again. A link
can expire, can be revoked at any time, and counts its views; it shows only the
credentials it was made for — never the holder's other credentials or e-mail.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from microcred.accounts.models import User
from microcred.infra.token_digest import token_digest
from microcred.wallet.errors import WalletError
from microcred.wallet.models import ShareLink, WalletItem

MAX_TOKEN_LENGTH = 128


@transaction.atomic
def create_share(
    user: User,
    items: Sequence[WalletItem],
    *,
    label: str = "",
    expires_at: datetime | None = None,
    show_name: bool = False,
    certificate_for: WalletItem | None = None,
) -> tuple[ShareLink, str]:
    """A new link for ``items`` (all the user's own); returns the link and its token."""
    if not items:
        raise WalletError(_("Choose at least one credential to share."), code="wallet.share_empty")
    if any(item.owner_id != user.pk for item in items):
        raise WalletError(
            _("You can share only your own credentials."), code="wallet.share_not_owner"
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise WalletError(_("The expiry must be in the future."), code="wallet.share_expiry_past")
    link = ShareLink(
        owner=user,
        label=label.strip(),
        expires_at=expires_at,
        show_name=show_name,
        reshowable=True,
        certificate_for=certificate_for,
    )
    token = token_for(link.public_id)
    link.token_hash = token_digest(token)
    link.save()
    link.items.set(items)
    return link, token


def token_for(public_id: str) -> str:
    """A share link's secret, derived from the server's SECRET_KEY and the link's public id.

    Derived, like claim links, so the holder's list can show a link again (people lose
    what was shown once) while the database keeps only its hash: a database leak alone
    still opens nothing.
    """
    digest = salted_hmac("microcred.wallet.share", public_id, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def shown_token(link: ShareLink) -> str | None:
    """The token to show the holder again, or None for a link made before tokens were
    derived (its token was random and shown once)."""
    return token_for(link.public_id) if link.reshowable else None


def certificate_link(user: User, item: WalletItem) -> tuple[ShareLink, str]:
    """The one link a credential's printed certificates (and LinkedIn) point at: reused
    while it is live, so printing again never adds another public link."""
    token = live_certificate_token(item)
    if token is not None and item.owner_id == user.pk:
        link = ShareLink.objects.get(token_hash=token_digest(token))
        return link, token
    return create_share(user, [item], label=_("Certificate link"), certificate_for=item)


def live_certificate_token(item: WalletItem) -> str | None:
    """The token of the credential's live certificate link, if it has one."""
    now = timezone.now()
    links = ShareLink.objects.filter(owner_id=item.owner_id, certificate_for=item, reshowable=True)
    for link in links.order_by("-created"):
        if is_live(link, now):
            return token_for(link.public_id)
    return None


def shares_of(user: User) -> QuerySet[ShareLink]:
    return (
        ShareLink.objects.filter(owner=user)
        .select_related("certificate_for")
        .prefetch_related("items")
        .order_by("-created")
    )


def revoke_share(user: User, public_id: str) -> ShareLink | None:
    """Withdraw the user's link at once; None if the user has no such link."""
    link = ShareLink.objects.filter(owner=user, public_id=public_id).first()
    if link is not None and link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def open_share(token: str, *, now: datetime | None = None) -> ShareLink:
    """The live link a token opens, its view counted; WalletError says why not
    (``share_unknown``, ``share_revoked``, ``share_expired``)."""
    link = None
    if token and len(token) <= MAX_TOKEN_LENGTH:
        link = ShareLink.objects.filter(token_hash=token_digest(token)).first()
    if link is None:
        raise WalletError(_("There is no such share link."), code="wallet.share_unknown")
    if link.revoked_at is not None:
        raise WalletError(
            _("The holder has withdrawn this share link."), code="wallet.share_revoked"
        )
    if link.expires_at is not None and link.expires_at <= (now or timezone.now()):
        raise WalletError(_("This share link has expired."), code="wallet.share_expired")
    return link


def count_view(link: ShareLink) -> None:
    ShareLink.objects.filter(pk=link.pk).update(view_count=F("view_count") + 1)


def shared_items(link: ShareLink) -> list[WalletItem]:
    """The link's credentials in the order its page shows them."""
    return list(link.items.order_by("pk"))


def shared_item(link: ShareLink, ref: str) -> WalletItem | None:
    """The link's credential by its place on the page (``"1"``, ``"2"``…), so the public
    page names no id of ours; an item's public id is still understood."""
    if ref.isdigit():
        items = shared_items(link)
        return items[int(ref) - 1] if 1 <= int(ref) <= len(items) else None
    return link.items.filter(public_id=ref).first()


def is_live(link: ShareLink, now: datetime) -> bool:
    return link.revoked_at is None and (link.expires_at is None or link.expires_at > now)
