"""VC 2.0 §5.3 Integrity of Related Resources: a declared digest must match the resource.

The trust core fetches nothing itself: the caller may pass a ``resource_loader`` (URL →
the resource's exact bytes, or None when it cannot be had). A context pinned by content
(decision 0006) is read from the package, so its digest matches by construction. A resource
that could not be retrieved is reported as not checked (a warning, never a pass); one that
was retrieved and differs fails the credential, as §5.3 requires.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from typing import Any

from microcred.vc.contexts.integrity import content_pinned, declared_digests
from microcred.vc.verify.context import ResourceLoader, Run
from microcred.vc.verify.report import Check, CheckStatus

CHECK = "related_resources"
_HASHES: dict[str, Callable[[bytes], Any]] = {
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
    "sha512": hashlib.sha512,
}


def _matches(data: bytes, digests: list[tuple[str, bytes]]) -> bool:
    """Every declared digest must match (a document that lists two must mean both)."""
    return all(_HASHES[name](data).digest() == value for name, value in digests)


def check_related_resources(run: Run, given: Collection[str] = ()) -> list[Check]:
    """``given``: ids the ``components`` check answers for (the verifier holds them)."""
    declared = declared_digests(run.credential)
    if not declared:
        return []
    checks: list[Check] = []
    for url, digests in declared.items():
        if not digests or url in given or content_pinned(url, run.credential) is not None:
            continue
        data = _load(run.resource_loader, url)
        if data is None:
            checks.append(
                Check(CHECK, "related_resource_not_retrieved", CheckStatus.SKIPPED, {"url": url})
            )
        elif not _matches(data, digests):
            checks.append(
                Check(CHECK, "related_resource_digest_mismatch", CheckStatus.FAILED, {"url": url})
            )
        else:
            checks.append(
                Check(CHECK, "related_resource_digest_ok", CheckStatus.PASSED, {"url": url})
            )
    return checks


def _load(loader: ResourceLoader | None, url: str) -> bytes | None:
    if loader is None:
        return None
    try:
        return loader(url)
    except Exception:  # a loader's failure is "not retrieved", never a crash
        return None
