"""Start-up checks for signing keys: a server that could not sign (or would sign with a
key-encryption key nobody configured) refuses to start.

Registered by ``OrganizationsConfig.ready()``; ``manage.py`` and the WSGI/ASGI entry
points run every registered check before serving.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks

from microcred.keystore import (
    DEFAULT_KEYSTORE,
    EnvelopeKeyStore,
    KeyStore,
    KeyStoreError,
    keystore_path,
    parse_kek,
)
from microcred.keystore.config import load_keystore_class
from microcred.keystore.kek import KEK_ENV
from microcred.organizations.keys import did_web_host
from microcred.vc import DidError, did_web_for

E_KEYSTORE = "microcred.organizations.E001"
E_KEK_MISSING = "microcred.organizations.E002"
E_KEK_MALFORMED = "microcred.organizations.E003"
E_DID_HOST = "microcred.organizations.E004"
_KEK_HINT = (
    "Set MICROCRED_KEK to 32 random bytes in base64url, for example the output of "
    "`python -c 'import secrets, base64; "
    'print(base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode())\'`; '
    "keep it outside the database and its backups. On a development machine, "
    "MICROCRED_DEBUG=1 makes one in the var directory."
)


@checks.register(checks.Tags.security)
def check_keystore(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """The configured key store loads, and the default one has a usable KEK."""
    path = keystore_path()
    try:
        store_class = load_keystore_class(path)
    except KeyStoreError as exc:
        return [checks.Error(str(exc), hint=f"The default is {DEFAULT_KEYSTORE}.", id=E_KEYSTORE)]
    if not isinstance(store_class, type) or not issubclass(store_class, KeyStore):
        return [
            checks.Error(
                f"MICROCRED_KEYSTORE={path!r} is not a KeyStore class.",
                hint="It needs create, public_key, sign, signer and a from_settings classmethod.",
                id=E_KEYSTORE,
            )
        ]
    if issubclass(store_class, EnvelopeKeyStore):
        return _check_kek()
    return []


def _check_kek() -> list[checks.CheckMessage]:
    given = os.environ.get(KEK_ENV, "").strip()
    if given:
        try:
            parse_kek(given)
        except KeyStoreError as exc:
            return [checks.Error(f"{exc}.", hint=_KEK_HINT, id=E_KEK_MALFORMED)]
        return []
    if settings.DEBUG:
        return []
    return [
        checks.Error(
            "MICROCRED_KEK is not set and development mode (MICROCRED_DEBUG) is off: "
            "signing keys could be neither created nor used.",
            hint=_KEK_HINT,
            id=E_KEK_MISSING,
        )
    ]


@checks.register()
def check_did_web_host(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Every organisation's DID is built from this host: a bad one breaks them all."""
    try:
        did_web_for(did_web_host())
    except DidError as exc:
        return [
            checks.Error(
                f"MICROCRED_DID_WEB_HOST={did_web_host()!r} cannot name a did:web: {exc}.",
                hint="Use the public domain name the site is served on, e.g. "
                "'credentials.example.edu' or 'microcred.localhost%3A8000'.",
                id=E_DID_HOST,
            )
        ]
    return []
