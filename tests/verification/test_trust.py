"""The ``trust`` check in every verification: recognised by a body this platform follows,
or not (a warning beside a valid signature, never a name presented as established);
standing kept by credentials signed before a withdrawal; signed lists of other bodies
followed by configuration, and refused when they do not verify."""

from __future__ import annotations

import copy
import json
import re
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microcred.issuing.models import Award
from microcred.organizations.models import Organization
from microcred.registry import decisions
from microcred.vc.errors import DocumentLoadError
from microcred.vc.issue import issue_credential
from microcred.vc.trustlist import trust_list_credential
from microcred.vc.verify import TrustedIssuer
from microcred.verification.services import use_remote, verify_document

from ..conftest import Recognise
from ..vc.factories import Issuer, signed

pytestmark = pytest.mark.django_db
ODTU = "Orta Doğu Teknik Üniversitesi"


def trust(report: Any) -> tuple[str, str]:
    check = report.find("trust")
    assert check is not None
    return check.code, str(check.status)


def page(client: Client, credential: Any, lang: str = "en") -> str:
    response = client.post(f"/{lang}/verify/", {"text": json.dumps(credential)})
    assert response.status_code == 200
    return unescape(response.content.decode())


def headline(text: str) -> str:
    found = re.search(r'<h2 id="verdict">(.*?)</h2>', text, re.S)
    assert found is not None
    return found.group(1).strip()


def impostor(now: Any) -> Any:
    """A validly signed credential whose issuer merely calls itself ODTÜ."""
    credential = signed(Issuer.did_key(), now)
    assert isinstance(credential, dict)
    return credential


def test_recognised_issuer_passes_everywhere(
    client: Client, award: Award, recognise: Recognise
) -> None:
    recognise(award.organization)
    assert trust(verify_document(award.credential)) == ("issuer_recognised", "passed")
    body = {"verifiableCredential": award.credential}
    report = client.post("/api/verify", body, content_type="application/json").json()
    (row,) = [c for c in report["checks"] if c["check"] == "trust"]
    assert (row["code"], row["status"]) == ("issuer_recognised", "passed")
    vcapi = client.post("/credentials/verify", body, content_type="application/json").json()
    assert "trust" in vcapi["checks"]
    assert vcapi["warnings"] == []
    text = page(client, award.credential)
    assert "Recognised by Kalite Kurulu since" in text
    assert "Kalite Kurulu tarafından tanınıyor" in page(client, award.credential, "tr")


def test_an_issuer_that_merely_calls_itself_odtu(client: Client) -> None:
    now = timezone.now()
    credential = impostor(now)
    credential_named = copy.deepcopy(credential)
    unsigned = {k: v for k, v in credential_named.items() if k != "proof"}
    unsigned["issuer"] = {**unsigned["issuer"], "name": ODTU}
    issuer = Issuer.did_key()
    named = issue_credential(
        {**unsigned, "issuer": {**unsigned["issuer"], "id": issuer.did}},
        key=issuer.key,
        verification_method=issuer.method,
        now=now,
    )
    report = verify_document(named)
    assert report.verified  # the signature is fine
    assert trust(report) == ("issuer_not_recognised", "warning")
    api = client.post(
        "/api/verify", {"verifiableCredential": named}, content_type="application/json"
    ).json()
    assert api["verified"] is True
    assert [(c["code"], c["status"]) for c in api["checks"] if c["check"] == "trust"] == [
        ("issuer_not_recognised", "warning")
    ]
    vcapi = client.post(
        "/credentials/verify", {"verifiableCredential": named}, content_type="application/json"
    ).json()
    assert [w["code"] for w in vcapi["warnings"]] == ["issuer_not_recognised"]
    text = page(client, named)
    assert ODTU not in headline(text)
    assert headline(text).startswith("The signature is valid, but no quality-assurance body")
    assert f"“{ODTU}” is the name the issuer gives itself" in text
    assert "Issuer (the name it gives itself)" in text
    assert "İmza geçerli, ancak" in headline(page(client, named, "tr"))


def test_withdrawal_keeps_the_standing_of_earlier_credentials(
    organization: Organization, recognise: Recognise, published: Any
) -> None:
    from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
    from microcred.organizations.keys import signer_for
    from microcred.vc import Learner

    def issue(key: str, **when: Any) -> Any:
        learner = Learner(f"{key}@uni.example", "Can Demir", "BA", None)
        request = AwardRequest(learner, idempotency_key(key, learner.email))
        with signer_for(organization) as signer:
            (issued,) = issue_awards(published, [request], signer=signer, **when)
        return issued.award.credential

    body = recognise(organization)
    before = issue("before", now=timezone.now() - timedelta(hours=1))
    decisions.end_recognition(
        organization,
        body,
        outcome="withdrawn",
        reason="Audit failed.",
        by=None,  # type: ignore[arg-type]
    )
    after = issue("after")
    assert trust(verify_document(before)) == ("issuer_recognised", "passed")
    assert trust(verify_document(after)) == ("issuer_recognition_withdrawn", "warning")


def test_following_another_bodys_signed_list(settings: Any) -> None:
    now = timezone.now()
    body = Issuer.did_web("agency.example", "kurul")
    provider = Issuer.did_key()
    url = "https://agency.example/registry/trust-lists/kurul"
    entry = TrustedIssuer(
        id=provider.did,
        name="Uzak Akademi",
        valid_from=now - timedelta(days=9),
        eqf_levels=(5,),
    )
    listed = issue_credential(
        trust_list_credential(
            list_id=url + "/v1",
            version=1,
            issuer_did=body.did,
            issuer_name="Uzak Kurul",
            name="Uzak Kurul",
            entries=[entry],
            issued=now - timedelta(days=1),
        ),
        key=body.key,
        verification_method=body.method,
        now=now - timedelta(days=1),
        documents=body.documents,
    )
    served: dict[str, Any] = {
        url: listed,
        "https://agency.example/kurul/did.json": body.documents[body.did],
    }

    def remote(url: str) -> Any:
        if url not in served:
            raise DocumentLoadError(f"{url} is not served")
        return served[url]

    use_remote(remote)
    credential = signed(provider, now)
    assert trust(verify_document(credential))[0] == "issuer_not_recognised"  # not followed
    settings.MICROCRED_TRUST_LISTS = [f"{body.did}={url}"]
    assert trust(verify_document(credential)) == ("issuer_recognised", "passed")
    from microcred.verification.services import clear_caches

    clear_caches()
    forged = copy.deepcopy(listed)
    assert isinstance(forged, dict)
    forged["credentialSubject"]["recognition"][0]["eqfLevel"] = [8]
    served[url] = forged
    assert trust(verify_document(credential))[0] == "issuer_not_recognised"  # refused list
    clear_caches()
    settings.MICROCRED_TRUST_LISTS = [f"did:web:other.example={url}"]
    served[url] = listed
    assert trust(verify_document(credential))[0] == "issuer_not_recognised"  # wrong signer
