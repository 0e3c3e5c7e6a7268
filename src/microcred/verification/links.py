"""Share links given to the verify page: ours are opened, others fetched safely.

A link to one of our own pages is answered by redirecting to its path (never to the
given host, so the page cannot be used as an open redirect); any other link is fetched
with the SSRF-safe fetcher, and the JSON it returns is verified like an upload.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from microcred.organizations.deployment import public_base_url
from microcred.vc import DocumentLoadError
from microcred.verification import services


def is_own_page(url: str, request_host: str) -> bool:
    """True if ``url`` points at this site (the host asked for, or our public URL)."""
    host = urlsplit(url).netloc.lower()
    return bool(host) and host in {request_host.lower(), urlsplit(public_base_url()).netloc}


def fetch_credential(url: str) -> Mapping[str, Any] | str:
    """The credential a foreign share link serves (JSON, or a wrapper holding one)."""
    document = services.remote_fetcher()(url)
    if isinstance(document, Mapping) and "verifiableCredential" in document:
        document = document["verifiableCredential"]
    if not isinstance(document, (Mapping, str)):
        raise DocumentLoadError(f"{url} did not return a credential", code="fetch_not_credential")
    return document
