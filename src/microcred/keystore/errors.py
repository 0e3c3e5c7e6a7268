"""Errors of the key store, under the platform's root (``infra/errors.py``).

MicrocredError
└── KeyStoreError   keystore.kek_missing · kek_malformed · kek_mismatch · key_unseal_failed ·
                    unavailable · mismatch · private_key_not_exportable

Their messages are for the operator (the log, a start-up check), not for a person
issuing: the API answers them with a generic 503 (``api/errors.py``).
"""

from __future__ import annotations

from microcred.infra.errors import MicrocredError


class KeyStoreError(MicrocredError):
    """A signing key cannot be created, unsealed or used; ``code`` says why."""

    code = "keystore.error"
