"""This platform's own documents, answered from the database instead of over HTTP.

A credential issued here names our did:web DIDs and our status list URLs. Fetching them
from ourselves would cost a request per verification (and deadlock a single worker), so
the platform fetcher recognises our URLs and reads the same documents the public views
serve; everything else goes to the remote fetcher (the SSRF-safe one in production).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from microcred.issuing import public_documents
from microcred.organizations.keys import local_did_document
from microcred.vc import DocumentLoadError, Fetcher, VcError, did_web_for
from microcred.verification.cache import TtlCache

_DID_PATH = re.compile(r"/orgs/(?P<slug>[-a-zA-Z0-9_]+)/did\.json\Z")


def own_did(url: str) -> str | None:
    """The did:web DID whose document ``url`` is, if it has the shape of one of ours."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.query or parts.fragment or not parts.netloc:
        return None
    found = _DID_PATH.match(parts.path)
    if found is None:
        return None
    try:
        return did_web_for(parts.netloc, f"orgs/{found['slug']}")
    except VcError:
        return None


class PlatformFetcher:
    """Our documents from the database; anything else from ``remote`` (or nowhere).

    ``dids``, if given, keeps our DID documents for its TTL: reading and rebuilding one
    costs three queries and a key parse, the largest part of verifying one of our own
    credentials. A key rotation or retirement therefore shows after at most that TTL (a
    few seconds), much like another issuer's document in the remote cache. Status lists
    are never read through such a cache: a revocation must show at once.
    """

    def __init__(self, remote: Fetcher | None, *, dids: TtlCache[Any] | None = None) -> None:
        self._remote, self._dids = remote, dids

    def __call__(self, url: str) -> Any:
        did = own_did(url)
        if did is not None and (document := self._did_document(did)) is not None:
            return document
        list_id = public_documents.local_list_id(url)
        if list_id is not None:
            return _found(public_documents.signed_status_list(list_id), url)
        if self._remote is None:
            raise DocumentLoadError(f"{url} is not on this platform and nothing may be fetched")
        return self._remote(url)

    def _did_document(self, did: str) -> dict[str, Any] | None:
        """Ours from the database (through the short cache); None if not ours."""
        found = self._dids.get(did) if self._dids is not None else None
        if found is None:
            found = local_did_document(did)
            if found is not None and self._dids is not None:
                self._dids.put(did, found)
        return found


def _found(document: dict[str, Any] | None, url: str) -> dict[str, Any]:
    if document is None:
        raise DocumentLoadError(f"{url} is not published on this platform", code="not_found")
    return document
