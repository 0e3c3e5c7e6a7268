"""The VC-API issuer as the W3C suites drive it: options, VC 2.0 MUSTs refused before
signing, inline contexts, eddsa-jcs-2022, and Bitstring Status List status."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from microcred.issuing.models import ApiCredential, StatusList
from microcred.organizations.models import Organization
from microcred.vc.status import BitstringStatusList
from microcred.verification.resources import use_resources

from .conftest import MakeToken, call

pytestmark = pytest.mark.django_db
V2 = "https://www.w3.org/ns/credentials/v2"
RESOURCE = b'{"hello": "world"}'
RESOURCE_URL = "https://resources.example/hello.json"


@pytest.fixture(autouse=True)
def _setup(settings: Any) -> Iterator[None]:
    settings.MICROCRED_PUBLIC_URL = "https://microcred.example"
    settings.MICROCRED_VERIFY_RATE = "off"
    use_resources(lambda url: RESOURCE if url == RESOURCE_URL else b"")
    yield
    use_resources(None)


@pytest.fixture
def token(organization: Organization, make_token: MakeToken) -> str:
    return make_token(organization, "issue", "revoke", "read")


def unsigned(**extra: Any) -> dict[str, Any]:
    return {
        "@context": [V2],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:learner", "name": "Ayşe"},
        **extra,
    }


def issue(client: Client, token: str, credential: dict[str, Any], **options: Any) -> Any:
    body = {"credential": credential, "options": options}
    return call(client, "post", "/credentials/issue", body, token)


def verify(client: Client, credential: Any) -> Any:
    body = {"verifiableCredential": credential, "options": {"checks": ["proof"]}}
    return call(client, "post", "/credentials/verify", body)


def test_eddsa_jcs_2022_is_issued_on_request_and_verifies(client: Client, token: str) -> None:
    """vc-di-eddsa §3.3 eddsa-jcs-2022, chosen with options.cryptosuite."""
    response = issue(client, token, unsigned(), cryptosuite="eddsa-jcs-2022")
    assert response.status_code == 201, response.content
    vc = response.json()["verifiableCredential"]
    assert vc["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert vc["proof"]["@context"] == vc["@context"]
    assert verify(client, vc).status_code == 200
    default = issue(client, token, unsigned()).json()["verifiableCredential"]
    assert default["proof"]["cryptosuite"] == "eddsa-rdfc-2022"


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"cryptosuite": "ecdsa-rdfc-2019"}, "api.cryptosuite_not_supported"),
        ({"mandatoryPointers": ["/issuer"]}, "api.option_not_supported"),
        ({"credentialStatus": {"type": "StatusList2021Entry"}}, "api.status_type_not_supported"),
    ],
)
def test_unsupported_issue_options_are_refused_by_name(
    client: Client, token: str, options: dict[str, Any], code: str
) -> None:
    response = issue(client, token, unsigned(), **options)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not ApiCredential.objects.exists()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"type": ["ExampleCredential"]}, "credential_type_missing"),
        ({"credentialSubject": None}, "subject_empty"),
        ({"credentialSubject": {}}, "subject_empty"),
        ({"credentialSubject": [{}, {}]}, "subject_empty"),
        ({"credentialSchema": {"id": "https://example.org/s.json"}}, "property_type_missing"),
        ({"refreshService": {"id": "https://example.org/r"}}, "property_type_missing"),
        ({"termsOfUse": {"id": "https://example.org/t"}}, "property_type_missing"),
        ({"evidence": {"id": "https://example.org/e"}}, "property_type_missing"),
        ({"credentialStatus": {"id": "https://example.org/s#1"}}, "property_type_missing"),
        ({"relatedResource": [RESOURCE_URL]}, "related_resource_invalid"),
        ({"relatedResource": [{"digestSRI": "sha384-x"}]}, "related_resource_invalid"),
        ({"relatedResource": [{"id": RESOURCE_URL}]}, "related_resource_digest_missing"),
        ({"validFrom": "2024-01-01"}, "date_invalid"),
        ({"validFrom": "2026-01-01T00:00:00Z", "validUntil": "2025-01-01T00:00:00Z"},
         "validity_period_inverted"),
        ({"statusEntry": {"type": "BitstringStatusListEntry", "statusListIndex": True,
                          "statusListCredential": "https://example.com"}},
         "status_entry_malformed"),
    ],
)  # fmt: skip
def test_the_issuer_refuses_what_breaks_vc2_musts(
    client: Client, token: str, change: dict[str, Any], code: str
) -> None:
    """VC 2.0 §4.5, §4.8, §4.9, §4.10, §4.11, §5.3–§5.6; Bitstring Status List §2.1."""
    credential = {**unsigned(), **change}
    if change.get("credentialSubject", "") is None:
        del credential["credentialSubject"]
        code = "subject_missing"
    response = issue(client, token, credential)
    assert response.status_code == 400, response.content
    assert response.json()["code"] == f"vc.{code}"  # the trust core's refusal, by its code
    assert not ApiCredential.objects.exists()


def _sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def test_related_resource_digests_are_checked_against_the_resource(
    client: Client, token: str
) -> None:
    """VC 2.0 §5.3: a digest that does not match the retrieved resource is an error."""
    good = {"id": RESOURCE_URL, "digestSRI": _sri(RESOURCE)}
    response = issue(client, token, unsigned(relatedResource=[good]))
    assert response.status_code == 201, response.content
    assert verify(client, response.json()["verifiableCredential"]).status_code == 200
    bad = {"id": RESOURCE_URL, "digestSRI": _sri(b"something else")}
    refused = issue(client, token, unsigned(relatedResource=[bad]))
    assert refused.status_code == 400
    assert "related_resource_digest_mismatch" in refused.json()["message"]
    dup = issue(client, token, unsigned(relatedResource=[good, good]))
    assert dup.json()["code"] == "vc.related_resource_duplicate"


def test_vc_1_1_input_is_refused_with_a_precise_code(client: Client, token: str) -> None:
    credential = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"},
    }
    response = issue(client, token, credential)
    assert response.status_code == 400
    assert response.json()["code"] == "vc.credential_v1_not_supported"


def test_inline_contexts_are_issued_and_protected_terms_stay_protected(
    client: Client, token: str
) -> None:
    """VC 2.0 §4.3 (decision 0008): objects processable as a JSON-LD context."""
    inline = {"ExampleVerifiableCredential": "https://example.org/#ExampleVerifiableCredential"}
    credential = unsigned(type=["VerifiableCredential", "ExampleVerifiableCredential"])
    credential["@context"] = [V2, inline]
    response = issue(client, token, credential)
    assert response.status_code == 201, response.content
    assert verify(client, response.json()["verifiableCredential"]).status_code == 200
    credential["@context"] = [V2, {"VerifiableCredential": "https://example.org/#Other"}]
    refused = issue(client, token, credential)
    assert refused.status_code == 400
    assert refused.json()["code"] == "vc.jsonld_protected_term_redefinition"
    credential["@context"] = [V2, {"@vocab": None}]
    vocab = issue(client, token, credential)
    assert vocab.status_code == 400
    assert vocab.json()["code"] == "vc.jsonld_invalid_context"
    assert "@vocab" in vocab.json()["message"]


def test_a_future_valid_from_is_issued(client: Client, token: str) -> None:
    response = issue(client, token, unsigned(validFrom="2999-01-01T00:00:00Z"))
    assert response.status_code == 201


def test_one_status_purpose_gives_one_entry_and_the_suites_update_works(
    client: Client, token: str
) -> None:
    """Bitstring Status List: the suite reads credentialStatus as one object, sets it with
    {credentialId, credentialStatus: {type, statusPurpose}} (no status) and publishes."""
    wanted = {"type": "BitstringStatusListEntry", "statusPurpose": "revocation"}
    vc = issue(client, token, unsigned(id="urn:uuid:one"), credentialStatus=wanted).json()[
        "verifiableCredential"
    ]
    entry = vc["credentialStatus"]
    assert isinstance(entry, dict)
    assert entry["statusPurpose"] == "revocation"
    body = {"credentialId": "urn:uuid:one", "credentialStatus": wanted}
    changed = call(client, "post", "/credentials/status", body, token)
    assert changed.status_code == 200, changed.content
    assert changed.json()["state"] == "revoked"
    list_id = entry["statusListCredential"].rsplit("/", 1)[1]
    published = call(client, "post", f"/status/{list_id}/publish", {}, token)
    assert published.status_code == 204
    signed = StatusList.objects.get(public_id=list_id).signed_credential
    assert signed is not None
    bits = BitstringStatusList.decode(signed["credentialSubject"]["encodedList"])
    assert bits.get(int(entry["statusListIndex"])) == 1
    suspend = {**wanted, "statusPurpose": "suspension"}
    body = {"credentialId": "urn:uuid:one", "credentialStatus": suspend}
    refused = call(client, "post", "/credentials/status", body, token)
    assert refused.json()["code"] == "api.status_purpose_not_carried"


def test_publishing_another_organisations_list_is_not_found(
    client: Client, other_organization: Organization, make_token: MakeToken, token: str
) -> None:
    vc = issue(client, token, unsigned()).json()["verifiableCredential"]
    list_id = vc["credentialStatus"][0]["statusListCredential"].rsplit("/", 1)[1]
    stranger = make_token(other_organization, "revoke")
    assert call(client, "post", f"/status/{list_id}/publish", {}, stranger).status_code == 404
