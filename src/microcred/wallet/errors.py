"""The wallet's refusals: one family, a stable ``wallet.<reason>`` code per reason, a
message for people (under the platform's root, ``infra/errors.py``)."""

from __future__ import annotations

from microcred.infra.errors import MicrocredError


class WalletError(MicrocredError):
    code = "wallet.error"
