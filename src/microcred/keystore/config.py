"""Which key store the deployment uses: ``settings.MICROCRED_KEYSTORE``, a dotted path.

The class must provide ``from_settings()`` returning an instance that satisfies
:class:`~microcred.keystore.base.KeyStore`. The instance is built once and
kept (a KMS client is expensive); a settings change in tests rebuilds it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from microcred.keystore.base import KeyStore
from microcred.keystore.errors import KeyStoreError

DEFAULT_KEYSTORE = "microcred.keystore.envelope.EnvelopeKeyStore"


def keystore_path() -> str:
    return str(getattr(settings, "MICROCRED_KEYSTORE", DEFAULT_KEYSTORE))


def load_keystore_class(path: str) -> Any:
    try:
        return import_string(path)
    except ImportError as exc:
        raise KeyStoreError(
            f"MICROCRED_KEYSTORE={path!r} cannot be imported: {exc}", code="keystore.unavailable"
        ) from None


@cache
def get_keystore() -> KeyStore:
    """The configured store (built on first use)."""
    store = load_keystore_class(keystore_path()).from_settings()
    if not isinstance(store, KeyStore):
        raise KeyStoreError(
            f"{keystore_path()} does not implement the KeyStore protocol",
            code="keystore.unavailable",
        )
    return store


@receiver(setting_changed)
def _forget_keystore(*, setting: str, **kwargs: Any) -> None:
    if setting in {"MICROCRED_KEYSTORE", "DEBUG", "VAR_DIR"}:
        get_keystore.cache_clear()
