"""The platform's one error root: every refusal of an app is a :class:`MicrocredError`.

A refusal carries a stable machine-readable ``code`` and a ``message`` a person can act on
(translated into the active language where a person will read it). Codes are dotted
lowercase, ``area.reason`` — ``issuing.grade_below_pass_mark``, ``wallet.share_expired`` —
so a client can tell one app's ``empty`` from another's and group them by area.

The trust core (``microcred.vc``) keeps its own root, ``VcError``: it stands alone and is
installed without the platform. Platform errors do not inherit from it; a view that calls
the trust core catches ``VcError`` for that, and ``MicrocredError`` for the platform.

Where each family lives (``api/errors.py`` maps them to HTTP, in one place)::

    MicrocredError                       infra/errors.py
    ├── WorkerGoneError                  infra/task_recovery.py
    ├── KeyStoreError                    keystore/errors.py
    ├── AccountsError                    accounts/errors.py
    │   ├── EmailVerificationError
    │   └── TwoFactorError
    ├── OrganizationError                organizations/errors.py
    │   ├── LastAdminError · NotAMemberError · InvitationError · ScopeError
    │   ├── InactiveTokenError · KeyManagementError · DomainError · LogoError
    ├── CatalogError                     catalog/errors.py
    ├── IssuingError                     issuing/errors.py
    ├── RegistryError                    registry/errors.py
    ├── WalletError                      wallet/errors.py
    └── ApiError                         api/errors.py (the API's own refusals, with a status)
"""

from __future__ import annotations


class MicrocredError(Exception):
    """A refused action: ``code`` (``area.reason``, stable) and ``message`` (for people).

    Subclasses set a default ``code``; a raise site names a more precise one with
    ``code=``. The message is the exception's text, so ``str(error)`` shows it.
    """

    code: str = "microcred.error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
