"""Our own DID documents are cached briefly for speed, never at the cost of a key change.

The load benchmark showed that reading and rebuilding the issuer's DID document was the
largest part of verifying one of our credentials; it is now kept for a few seconds. These
tests hold the cache to its promise: a key change made in this process shows at once, and
one made elsewhere shows when the entry expires.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from microcred.issuing.models import Award
from microcred.organizations.keys import did_for, retire, rotate, signer_for
from microcred.organizations.models import Organization
from microcred.vc.issue import issue_credential
from microcred.vc.testing import sample_credential
from microcred.verification.cache import TtlCache
from microcred.verification.local import PlatformFetcher
from microcred.verification.services import verify_document

from .conftest import award  # noqa: F401 - the fixture


def _organisation_queries(credential: Any) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert verify_document(credential).verified
    return [q["sql"] for q in captured.captured_queries if "organizations_" in q["sql"]]


def test_second_verification_reads_no_key_from_the_database(award: Award) -> None:  # noqa: F811
    assert _organisation_queries(award.credential) != []
    assert _organisation_queries(award.credential) == []


def test_a_retired_key_is_refused_at_once_in_this_process(award: Award) -> None:  # noqa: F811
    assert verify_document(award.credential).verified  # the document is now cached
    org = award.organization
    (key,) = org.signing_keys.all()
    retire(key, effective=timezone.now() - timedelta(days=365), reason="Leaked", by=None)
    report = verify_document(award.credential)
    assert not report.verified  # with the cached document it would still pass
    failed = {c.code for c in report.failures}
    assert failed & {"key_revoked", "key_not_authorized", "verification_method_unresolvable"}


def test_a_rotated_key_is_known_at_once(award: Award, organization: Organization) -> None:  # noqa: F811
    assert verify_document(award.credential).verified  # the one-key document is now cached
    rotate(organization, by=None)
    with signer_for(organization) as signer:
        assert signer.verification_method.endswith("#key-2")
        signed = issue_credential(
            sample_credential(issuer=signer.did),
            key=signer.key,
            verification_method=signer.verification_method,
            now=timezone.now(),
            documents=signer.documents,
        )
    report = verify_document(signed)
    assert report.verified, [c.code for c in report.failures]


def test_an_entry_from_elsewhere_expires(organization: Organization, award: Award) -> None:  # noqa: F811
    now = [0.0]
    cache: TtlCache[Any] = TtlCache(ttl=5.0, size=8, clock=lambda: now[0])
    fetcher = PlatformFetcher(None, dids=cache)
    url = _did_url(organization)
    before = fetcher(url)
    # Another process rotates: no signal reaches this cache, so it answers from memory...
    cache.put(before["id"], {**before, "stale": True})
    rotate(organization, by=None)
    assert fetcher(url)["stale"] is True
    # ...until the entry expires.
    now[0] = 5.0
    assert "stale" not in fetcher(url)
    assert len(fetcher(url)["verificationMethod"]) == 2


def _did_url(organization: Organization) -> str:
    did = did_for(organization)
    host = did.split(":")[2].replace("%3A", ":")
    return f"https://{host}/orgs/{organization.slug}/did.json"
