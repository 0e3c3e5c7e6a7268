"""What every rule of one verification run may read: the input, the injected world, memos."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from microcred.vc.contexts import DocumentLoader
from microcred.vc.did import DidResolver, Fetcher
from microcred.vc.fields import issuer_id
from microcred.vc.proofs.jose import JwtParts
from microcred.vc.status import DecodedLists
from microcred.vc.verify.budget import Budget
from microcred.vc.verify.parse import Parsed
from microcred.vc.verify.report import Check

#: URL → the exact bytes of a related resource, or None (see ``rules_related``).
ResourceLoader = Callable[[str], bytes | None]


@dataclass
class Run:
    """One verification run. Built by the pipeline; rules read it and may fill memos."""

    credential: dict[str, Any]
    jwt: JwtParts | None
    now: datetime
    max_clock_skew: timedelta
    document_loader: DocumentLoader
    resolver: DidResolver
    documents: Mapping[str, Any]
    fetcher: Fetcher | None
    status_cache: MutableMapping[str, Any] | None
    budget: Budget = field(default_factory=Budget)
    check_status: bool = True
    check_endorsements: bool = True
    #: Status lists of this run by URL: verified (the credential) or refused (the check),
    #: so that many entries naming one list fetch and verify it once.
    verified_lists: dict[str, Mapping[str, Any] | Check] = field(default_factory=dict)
    #: Their decoded bitstrings (or the refusal), so each is inflated once per run.
    decoded_lists: DecodedLists = field(default_factory=dict)
    #: RDFC-1.0 canonical N-Quads of the unsecured credential, once computed.
    canonical_document: bytes | None = None
    jsonld_error: str | None = field(default=None)
    #: What the verifier expects of every proof (VC-API options; Data Integrity §4.2).
    expected_proof_purpose: str = "assertionMethod"
    challenge: str | None = None
    domain: str | None = None
    resource_loader: ResourceLoader | None = None
    #: Credentials the verifier holds beside a stack (parsed, or why they could not be).
    components: list[Parsed | Check] | None = None

    @property
    def issuer_id(self) -> str | None:
        return issuer_id(self.credential)
