"""The accounts app's refusals, under the platform's one root (``infra/errors.py``)::

    AccountsError               accounts.error
    ├── EmailVerificationError  accounts.email_link_invalid · email_link_expired ·
    │                           email_link_wrong_account · email_taken · …
    └── TwoFactorError          accounts.two_factor_wrong_code · two_factor_on · …

Each carries a translated message, shown to the person on the page that refused.
"""

from __future__ import annotations

from microcred.infra.errors import MicrocredError


class AccountsError(MicrocredError):
    code = "accounts.error"


class EmailVerificationError(AccountsError):
    """A verification link or an address that cannot be accepted (``code`` says why)."""

    code = "accounts.email_refused"


class TwoFactorError(AccountsError):
    """A code or a change that cannot be accepted (``code`` says why)."""

    code = "accounts.two_factor_refused"
