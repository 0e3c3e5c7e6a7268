"""Forget our cached DID documents (and our bodies' trust lists) the moment this process
changes a key, an organisation or a recognition.

The verifier keeps our own DID documents for a few seconds (``services.LOCAL_DID_TTL``).
A change made in this process (a key created, rotated or retired; an organisation saved or
deleted) clears them at once; other server processes see it when their copy expires. We
only listen to the organisations app's saves: nothing here reads or writes its tables.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from microcred.organizations.models import Organization
from microcred.organizations.models.keys import SigningKey
from microcred.registry.models import Decision
from microcred.verification.services import forget_local_dids
from microcred.verification.trust_lists import forget_local_lists

_UID = "microcred.verification.invalidation"


def _changed(sender: type[Any], **_: Any) -> None:
    forget_local_dids()
    forget_local_lists()


def _decided(sender: type[Any], **_: Any) -> None:
    forget_local_lists()


def connect() -> None:
    for model in (Organization, SigningKey):
        name = model.__name__
        post_save.connect(_changed, sender=model, dispatch_uid=f"{_UID}.save.{name}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{_UID}.delete.{name}")
    post_save.connect(_decided, sender=Decision, dispatch_uid=f"{_UID}.save.Decision")
