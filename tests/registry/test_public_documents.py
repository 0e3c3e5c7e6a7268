"""Everything a platform credential names resolves at the public host, for an outsider.

The deployment here is ``https://uni.example``: the credential must name no other host,
and every URL in it must answer (over the test client, as the public host would) with the
right media type, readable from any origin.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, Issued, idempotency_key, issue_awards
from microcred.organizations.keys import did_for, signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner
from microcred.vc.contexts.integrity import pinned_bytes
from microcred.vc.elements import ELEMENTS_CONTEXT_URL
from microcred.vc.verify import verify_credential
from tests.issuing.conftest import kek as kek  # the fixture: a KEK for the organisation's keys
from tests.issuing.conftest import published as published  # the fixture: a published version

pytestmark = pytest.mark.django_db

HOST = "uni.example"
BASE = f"https://{HOST}"
JSON = "application/ld+json, application/json;q=0.9"


@pytest.fixture(autouse=True)
def public_host(settings: Settings) -> None:
    settings.MICROCRED_PUBLIC_URL = BASE
    settings.MICROCRED_DID_WEB_HOST = HOST
    settings.ALLOWED_HOSTS = [HOST, "testserver"]


def issue_one(version: SpecificationVersion, email: str = "ayse@learners.example") -> Issued:
    request = AwardRequest(
        Learner(email, "Ayşe Yılmaz", "AA", date(2026, 6, 1)),
        idempotency_key(version.public_id, email),
    )
    with signer_for(version.specification.organization) as signer:
        [issued] = issue_awards(version, [request], signer=signer, include_name=True)
    return issued


def get(client: Client, url: str, accept: str = JSON, **headers: str) -> Any:
    parts = urlsplit(url)
    assert parts.netloc == HOST, url
    return client.get(parts.path, headers={"Accept": accept, **headers}, HTTP_HOST=HOST)


STANDARD_HOSTS = {"www.w3.org", "purl.imsglobal.org", "w3id.org", "data.europa.eu"}


def dereferenced(credential: dict[str, Any]) -> list[str]:
    """What a verifier or wallet follows: contexts, the issuer, the key, status lists, the
    achievement and the issuer's profile, related resources."""
    return [
        *credential["@context"],
        credential["issuer"]["id"],
        credential["issuer"]["url"],
        credential["proof"]["verificationMethod"],
        *(e["statusListCredential"] for e in credential["credentialStatus"]),
        credential["credentialSubject"]["achievement"]["id"],
        *(r["id"] for r in credential.get("relatedResource", [])),
    ]


def test_a_credential_names_only_the_public_host(published: SpecificationVersion) -> None:
    credential = issue_one(published).award.credential
    hosts = set()
    for url in dereferenced(credential):
        if url.startswith("did:web:"):
            hosts.add(url.split(":")[2])
        else:
            hosts.add(urlsplit(url).netloc)
    assert hosts - STANDARD_HOSTS == {HOST}, hosts
    assert credential["issuer"]["id"] == f"did:web:{HOST}:orgs:anadolu-uni"
    assert credential["issuer"]["url"] == f"{BASE}/orgs/anadolu-uni/profile"
    assert f"{BASE}/contexts/elements/v1.jsonld" in credential["@context"]
    assert ELEMENTS_CONTEXT_URL not in credential["@context"]


def test_every_url_it_names_resolves(client: Client, published: SpecificationVersion) -> None:
    credential = issue_one(published).award.credential
    did = get(client, f"{BASE}/orgs/anadolu-uni/did.json")
    assert did.status_code == 200
    assert did["Content-Type"] == "application/did+json"
    assert json.loads(did.content)["id"] == credential["issuer"]["id"]
    for entry in credential["credentialStatus"]:
        listed = get(client, entry["statusListCredential"])
        assert listed.status_code == 200
        assert listed["Content-Type"] == "application/vc"
        assert listed["Access-Control-Allow-Origin"] == "*"
        assert json.loads(listed.content)["id"] == entry["statusListCredential"]
    achievement = credential["credentialSubject"]["achievement"]
    served = get(client, achievement["id"])
    assert served.status_code == 200
    assert served["Content-Type"] == "application/ld+json"
    assert served["Access-Control-Allow-Origin"] == "*"
    body = json.loads(served.content)
    assert {k: v for k, v in body.items() if k not in ("@context", "relatedResource")} == (
        achievement
    )
    profile = get(client, credential["issuer"]["url"])
    assert profile.status_code == 200
    assert json.loads(profile.content)["id"] == credential["issuer"]["id"]
    assert json.loads(profile.content)["type"] == ["Profile"]


def test_the_context_is_the_pinned_file_byte_for_byte(
    client: Client, published: SpecificationVersion
) -> None:
    credential = issue_one(published).award.credential
    url = f"{BASE}/contexts/elements/v1.jsonld"
    served = get(client, url)
    assert served.status_code == 200
    assert served["Content-Type"] == "application/ld+json"
    assert served["Access-Control-Allow-Origin"] == "*"
    assert served.content == pinned_bytes(ELEMENTS_CONTEXT_URL)
    [related] = [r for r in credential["relatedResource"] if r["id"] == url]
    digest = base64.b64encode(hashlib.sha384(served.content).digest()).decode()
    assert related["digestSRI"] == f"sha384-{digest}"
    again = get(client, url, **{"If-None-Match": served["ETag"]})
    assert again.status_code == 304


def test_a_preflight_is_answered_for_any_origin(client: Client) -> None:
    response = client.options(
        "/contexts/elements/v1.jsonld",
        headers={"Origin": "https://wallet.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert client.post("/contexts/elements/v1.jsonld").status_code == 405


def test_a_browser_is_sent_to_the_page_in_its_language(
    client: Client, published: SpecificationVersion
) -> None:
    credential = issue_one(published).award.credential
    achievement_id = credential["credentialSubject"]["achievement"]["id"]
    response = get(
        client,
        achievement_id,
        accept="text/html,application/xhtml+xml",
        **{"Accept-Language": "tr"},
    )
    assert response.status_code == 303
    assert response["Location"] == f"/tr/registry/achievements/{published.public_id}/"
    assert {"Accept", "Accept-Language"} <= {v.strip() for v in response["Vary"].split(",")}
    profile = get(client, credential["issuer"]["url"], accept="text/html")
    assert profile.status_code == 303
    assert profile["Location"] == "/en/registry/issuers/anadolu-uni/"


def test_the_achievement_page_shows_every_element(
    client: Client, published: SpecificationVersion
) -> None:
    english = client.get(f"/en/registry/achievements/{published.public_id}/")
    turkish = client.get(f"/tr/registry/achievements/{published.public_id}/")
    assert english.status_code == turkish.status_code == 200
    for element in (
        "title",
        "awarding_body",
        "country",
        "learning_outcomes",
        "workload",
        "level",
        "assessment_type",
        "participation",
        "quality_assurance",
    ):
        assert f'data-element="{element}"' in english.content.decode(), element
    text = turkish.content.decode()
    assert "Öğrenme çıktıları" in text
    assert "Türkiye" in text
    assert "AKTS" in text
    assert "AYÇ" in text


def test_drafts_and_unknown_ids_are_not_public(
    client: Client, organization: Organization, published: SpecificationVersion
) -> None:
    from microcred.catalog import services as catalog
    from tests.vc.elements.conftest import full_elements

    draft = catalog.create_specification(organization, None, full_elements(), hours_per_ects=28)
    assert draft.status == SpecificationVersion.Status.DRAFT
    for path in (
        f"/catalog/achievements/{draft.public_id}",
        f"/en/registry/achievements/{draft.public_id}/",
        "/catalog/achievements/nope",
        "/orgs/no-such-org/profile",
        "/en/registry/issuers/no-such-org/",
    ):
        assert client.get(path, headers={"Accept": JSON}).status_code == 404, path


def test_the_issuer_page_lists_what_it_offers(
    client: Client, organization: Organization, published: SpecificationVersion
) -> None:
    issue_one(published)
    page = client.get("/tr/registry/issuers/anadolu-uni/").content.decode()
    assert "Anadolu Üniversitesi" in page
    assert did_for(organization) in page
    assert f"/tr/registry/achievements/{published.public_id}/" in page
    assert "Türkiye" in page


def test_the_served_documents_verify_the_credential(
    client: Client, published: SpecificationVersion
) -> None:
    """The trust core, given only what the public host served, verifies the credential."""
    from django.utils import timezone

    credential = issue_one(published).award.credential
    documents: dict[str, Any] = {}
    did = credential["issuer"]["id"]
    documents[did] = json.loads(get(client, f"{BASE}/orgs/anadolu-uni/did.json").content)
    for entry in credential["credentialStatus"]:
        url = entry["statusListCredential"]
        documents[url] = json.loads(get(client, url).content)
    report = verify_credential(credential, now=timezone.now(), documents=documents)
    assert report.verified, report.failures
