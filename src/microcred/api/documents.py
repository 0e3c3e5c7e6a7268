"""The documents a verifier needs, from this platform's own database — never the network.

A credential issued here names our did:web DIDs and our status list URLs; both are in the
database, so verifying them needs no HTTP round trip to ourselves. Anything foreign is left
out, and the verifier (without a fetcher) then fails closed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from microcred.issuing.public_documents import local_list_id, signed_status_list
from microcred.organizations.keys import local_did_document
from microcred.vc import as_list, issuer_id


def _dids(credential: Mapping[str, Any]) -> Iterator[str]:
    yield issuer_id(credential) or ""
    for proof in as_list(credential.get("proof")):
        if isinstance(proof, Mapping):
            yield str(proof.get("verificationMethod", "")).partition("#")[0]


def _status_urls(credential: Mapping[str, Any]) -> Iterator[str]:
    for entry in as_list(credential.get("credentialStatus")):
        if isinstance(entry, Mapping) and isinstance(entry.get("statusListCredential"), str):
            yield entry["statusListCredential"]


def _own_status_list(url: str) -> dict[str, Any] | None:
    list_id = local_list_id(url)
    return signed_status_list(list_id) if list_id is not None else None


def local_documents(credential: Any) -> dict[str, Any]:
    """DID documents and status lists of this platform that ``credential`` refers to."""
    if not isinstance(credential, Mapping):
        return {}
    documents: dict[str, Any] = {}
    for did in set(_dids(credential)):
        if did.startswith("did:web:") and (doc := local_did_document(did)) is not None:
            documents[did] = doc
    for url in set(_status_urls(credential)):
        if (signed := _own_status_list(url)) is not None:
            documents[url] = signed
    return documents
