"""The verdicts a share page shows, kept for a minute per credential.

A share link is public: anyone holding it may reload the page as often as they like, and
each view used to verify every shared credential again (canonicalisation, signatures,
status lists). The answer is kept per wallet item for :data:`TTL` seconds in each server
process instead, so reloads cost a lookup. The key holds the version of each of *our*
status lists the credential names, so a revocation here shows at the next view; another
issuer's revocation shows within the minute (as with their list's own caching).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from microcred.issuing import public_documents
from microcred.vc.verify import VerificationReport
from microcred.verification.cache import TtlCache
from microcred.verification.services import verify_document
from microcred.wallet.models import WalletItem

TTL = 60.0
_answers: TtlCache[VerificationReport] = TtlCache(ttl=TTL, size=1024)


def report_for(item: WalletItem) -> VerificationReport:
    """The item's verification report, verified at most once per :data:`TTL` here."""
    key = (item.pk, item.raw, _our_list_versions(item.credential))
    found = _answers.get(key)
    if found is None:
        data: Any = item.raw if item.media_type == "application/vc+jwt" else item.credential
        found = verify_document(data)
        _answers.put(key, found)
    return found


def _our_list_versions(credential: Any) -> tuple[Hashable, ...]:
    """The current version of each status list of ours the credential names."""
    status = credential.get("credentialStatus") if isinstance(credential, dict) else None
    entries = status if isinstance(status, list) else [status]
    urls = [e.get("statusListCredential") for e in entries if isinstance(e, dict)]
    list_ids = [public_documents.local_list_id(u) for u in urls if isinstance(u, str)]
    return tuple(public_documents.list_version(i) for i in list_ids if i is not None)


def forget() -> None:
    """Drop every kept verdict (tests; an operator after a key emergency)."""
    _answers.clear()
