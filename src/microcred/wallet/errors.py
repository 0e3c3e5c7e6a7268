"""The wallet's refusals: one class, a stable ``code`` per reason, a message for people."""

from __future__ import annotations

from microcred.vc import VcError


class WalletError(VcError):
    code = "wallet_error"
