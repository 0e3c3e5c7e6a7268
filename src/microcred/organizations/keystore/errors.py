"""Errors of the key store, in the trust core's tree so callers catch one family.

VcError
└── KeyStoreError   kek_missing · kek_malformed · kek_mismatch · key_unseal_failed ·
                    keystore_unavailable · keystore_mismatch · private_key_not_exportable
"""

from __future__ import annotations

from microcred.vc import VcError


class KeyStoreError(VcError):
    """A signing key cannot be created, unsealed or used; ``code`` says why."""

    code = "keystore_error"
