"""The learner's own data: everything we hold about them as one JSON export, and an
account deletion that really deletes it.

Deleting the user row cascades to their addresses, wallet items, share links and holder
key (all ``on_delete=CASCADE``); memberships go too, and so do the sessions of every
device signed in to the account. The ``Claim`` counts issuers see
keep no link to the person. The export never contains the holder's private key or a
share token (we do not have the tokens; the sealed key is useless outside this system).
"""

from __future__ import annotations

from datetime import datetime
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction

from microcred.accounts import emails
from microcred.accounts.models import User
from microcred.pathways import services as pathways
from microcred.wallet.holder import holder_did
from microcred.wallet.models import HolderKey, ShareLink, WalletItem

EXPORT_FORMAT = "microcred-personal-data/1"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(user: User) -> dict[str, Any]:
    """Every row about ``user`` in the accounts, wallet and pathways apps, as plain JSON."""
    key = HolderKey.objects.filter(owner=user).first()
    return {
        "format": EXPORT_FORMAT,
        "account": {
            "email": user.email,
            "name": user.display_name,
            "joined": _iso(user.date_joined),
        },
        "emailAddresses": [
            {"email": a.email, "verified": _iso(a.verified_at)} for a in emails.addresses_of(user)
        ],
        "credentials": [_item(i) for i in WalletItem.objects.filter(owner=user).order_by("pk")],
        "shareLinks": [_share(s) for s in ShareLink.objects.filter(owner=user).order_by("pk")],
        "holder": {"did": holder_did(key), "created": _iso(key.created)} if key else None,
        "pathways": pathways.personal_data(user),
    }


def _item(item: WalletItem) -> dict[str, Any]:
    return {
        "id": item.public_id,
        "source": item.source,
        "mediaType": item.media_type,
        "added": _iso(item.added),
        "keptUnverified": item.kept_unverified,
        "credential": item.raw,
    }


def _share(link: ShareLink) -> dict[str, Any]:
    return {
        "id": link.public_id,
        "label": link.label,
        "credentials": [i.public_id for i in link.items.all()],
        "created": _iso(link.created),
        "expires": _iso(link.expires_at),
        "revoked": _iso(link.revoked_at),
        "views": link.view_count,
    }


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the person and everything that hangs off them, in one transaction."""
    end_sessions(user)
    User.objects.filter(pk=user.pk).delete()


def end_sessions(user: User) -> None:
    """Delete the user's sessions on every device, not only the one asking.

    A session row is not tied to the user by a foreign key, so the cascade misses it: it
    would stay behind holding the person's id until it expired. Only stores that keep
    sessions in the database can be searched; cookie sessions die with the user row.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    get_model = getattr(store_class, "get_model_class", None)
    if get_model is None:
        return
    wanted = str(user.pk)
    for row in get_model().objects.iterator():  # expired rows hold the id too
        if str(row.get_decoded().get(SESSION_KEY)) == wanted:
            store_class(row.session_key).delete()
