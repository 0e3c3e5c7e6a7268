"""Compact vc+jwt tokens over payload *text* (duplicate keys, claims, hostile nesting)."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from microcred.vc.contexts import VC_V2
from microcred.vc.dates import format_datetime

from .factories import Issuer


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token_over(issuer: Issuer, payload_text: str) -> str:
    """A correctly signed token whose payload is exactly ``payload_text``."""
    header = {"alg": "EdDSA", "kid": issuer.method, "typ": "vc+jwt", "cty": "vc"}
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(payload_text.encode())}"
    return f"{signing_input}.{b64(issuer.key.sign(signing_input.encode()))}"


def plain_credential(issuer: Issuer, now: datetime, **extra: Any) -> dict[str, Any]:
    """A minimal VC 2.0 credential that verifies as a vc+jwt with a did:key issuer."""
    return {
        "@context": [VC_V2],
        "type": ["VerifiableCredential"],
        "issuer": issuer.did,
        "validFrom": format_datetime(now),
        "name": "Data Literacy",
        "credentialSubject": {"id": "did:example:learner"},
        **extra,
    }
