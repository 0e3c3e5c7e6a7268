"""POST /credentials/issue keeps a record of what it signs and never re-signs an award.

The attack this guards against: with an issue-only token, copy a real award, change its
achievement, keep its ``id`` and ``credentialStatus``, and have it signed — a credential
that verifies, is on no record, and can only be revoked together with the real learner's.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microcred.api.documents import local_documents
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.audit import events_of, who
from microcred.issuing.models import ApiCredential, AuditEvent, Award, StatusList
from microcred.organizations.models import Organization
from microcred.organizations.models.people import ApiToken
from microcred.vc.status import BitstringStatusList
from microcred.vc.verify import verify_credential

from .conftest import MakeToken, call

pytestmark = pytest.mark.django_db
V2 = "https://www.w3.org/ns/credentials/v2"


@pytest.fixture(autouse=True)
def _public_url(settings: Any) -> None:
    settings.MICROCRED_PUBLIC_URL = "https://microcred.example"


def unsigned(**extra: Any) -> dict[str, Any]:
    return {
        "@context": [V2],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:learner", "name": "Ayşe"},
        **extra,
    }


def sign(client: Client, token: str, credential: dict[str, Any], **options: Any) -> Any:
    body: dict[str, Any] = {"credential": credential}
    if options:
        body["options"] = options
    return call(client, "post", "/credentials/issue", body, token)


def verified(credential: dict[str, Any]) -> list[str]:
    report = verify_credential(
        credential, now=timezone.now(), documents=local_documents(credential)
    )
    return [c.code for c in report.failures]


def real_award(client: Client, token: str, version: SpecificationVersion) -> dict[str, Any]:
    body = {"specification": version.public_id, "learner": {"email": "ayse@uni.example"}}
    response = call(client, "post", "/api/v1/awards", body, token)
    assert response.status_code == 201, response.content
    return dict(response.json()["credential"])


def test_signed_credential_is_recorded_audited_and_has_its_own_status(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    token = make_token(organization, "issue")
    response = sign(client, token, unsigned())
    assert response.status_code == 201, response.content
    signed = response.json()["verifiableCredential"]
    assert signed["id"].startswith("urn:uuid:")  # minted: the caller gave none
    record = ApiCredential.objects.get()
    assert response["Location"] == f"/api/v1/credentials/{record.public_id}"
    assert (record.organization, record.credential_id, record.credential) == (
        organization,
        signed["id"],
        signed,
    )
    assert record.state == "active"
    entries = signed["credentialStatus"]
    assert [e["statusPurpose"] for e in entries] == ["revocation", "suspension"]
    assert entries[0]["statusListCredential"] == (
        f"https://microcred.example/status/{record.revocation_list.public_id}"
    )
    assert entries[0]["statusListIndex"] == str(record.revocation_index)
    assert verified(signed) == []
    event = AuditEvent.objects.get(action="vc_api_issued")
    api_token = ApiToken.objects.get()
    assert (event.organization, event.target, event.actor) == (
        organization,
        record.public_id,
        api_token.created_by,
    )
    assert event.details["api_token"] == {"id": api_token.public_id, "name": api_token.name}
    assert event.details["credential_id"] == signed["id"]


def test_a_copy_of_an_award_is_refused_and_nothing_is_kept(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    award = real_award(client, make_token(organization, "issue"), published)
    forgery = copy.deepcopy(award)
    del forgery["proof"]
    forgery["credentialSubject"]["achievement"]["name"] = "Something the learner never did"
    token = make_token(organization, "issue")
    taken = sign(client, token, forgery)
    assert taken.status_code == 409
    assert taken.json()["code"] == "issuing.credential_id_taken"
    forgery["id"] = "urn:uuid:0b6e5a1c-4a8e-4d53-9a58-0d1c2a3b4c5d"  # a new id, old status
    stolen_status = sign(client, token, forgery)
    assert stolen_status.status_code == 400
    assert stolen_status.json()["code"] == "issuing.status_entry_not_allocated"
    assert not ApiCredential.objects.exists()
    assert not AuditEvent.objects.filter(action="vc_api_issued").exists()
    assert Award.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "https://microcred.example/status/abc",
        "HTTPS://MICROCRED.EXAMPLE/status/abc",
        "https://microcred.example/%73tatus/abc",
        "https://microcred.example/x/../status/abc",
    ],
)
@pytest.mark.parametrize("key", ["statusListCredential", "id"])
def test_any_spelling_of_our_status_lists_is_refused(
    client: Client, organization: Organization, make_token: MakeToken, url: str, key: str
) -> None:
    entry = {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "7",
        "statusListCredential": "https://lists.example/1",
        "id": "https://lists.example/1#7",
    }
    entry[key] = url
    response = sign(client, make_token(organization, "issue"), unsigned(credentialStatus=entry))
    assert response.status_code == 400
    assert response.json()["code"] == "issuing.status_entry_not_allocated"
    assert not ApiCredential.objects.exists()


def test_a_list_published_under_an_earlier_address_is_still_ours(
    client: Client,
    organization: Organization,
    published: SpecificationVersion,
    make_token: MakeToken,
) -> None:
    award = real_award(client, make_token(organization, "issue"), published)
    entry = award["credentialStatus"][0]
    old = "https://old-host.example/status/" + entry["statusListCredential"].rsplit("/", 1)[1]
    StatusList.objects.filter(url=entry["statusListCredential"]).update(url=old)
    moved = {**entry, "statusListCredential": old, "id": old + "#" + entry["statusListIndex"]}
    response = sign(client, make_token(organization, "issue"), unsigned(credentialStatus=[moved]))
    assert response.status_code == 400
    assert response.json()["code"] == "issuing.status_entry_not_allocated"
    assert not ApiCredential.objects.exists()


def test_a_foreign_status_entry_is_kept_beside_ours(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    foreign = {
        "id": "https://lists.example/1#7",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "7",
        "statusListCredential": "https://lists.example/1",
    }
    response = sign(client, make_token(organization, "issue"), unsigned(credentialStatus=foreign))
    assert response.status_code == 201, response.content
    entries = response.json()["verifiableCredential"]["credentialStatus"]
    assert entries[0] == foreign
    assert [
        e["statusListCredential"].startswith("https://microcred.example/status/") for e in entries
    ] == [False, True, True]


def test_ids_are_unique_within_the_organisation_only(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_token: MakeToken,
) -> None:
    mine = make_token(organization, "issue")
    first = sign(client, mine, unsigned(id="https://uni.example/c/1"))
    assert first.status_code == 201
    again = sign(client, mine, unsigned(), credentialId="https://uni.example/c/1")
    assert again.status_code == 409
    assert again.json()["code"] == "issuing.credential_id_taken"
    theirs = make_token(other_organization, "issue")
    assert (
        sign(client, theirs, unsigned(), credentialId="https://uni.example/c/1").status_code == 201
    )
    assert ApiCredential.objects.count() == 2


def test_options_credential_id_becomes_the_id(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    token = make_token(organization, "issue")
    response = sign(client, token, unsigned(), credentialId="urn:example:42")
    assert response.status_code == 201, response.content
    assert response.json()["verifiableCredential"]["id"] == "urn:example:42"
    conflict = sign(client, token, unsigned(id="urn:example:43"), credentialId="urn:example:44")
    assert conflict.status_code == 400
    assert conflict.json()["code"] == "issuing.credential_id_conflict"
    for bad in ("not a url", 42, "x" * 600):
        response = sign(client, token, unsigned(id=bad))
        assert response.status_code == 400
        assert response.json()["code"] == "issuing.credential_id_invalid"
    other = sign(client, token, unsigned(), challenge="abc")
    assert other.status_code == 400
    assert other.json()["code"] == "api.option_not_supported"
    assert ApiCredential.objects.count() == 1


def status(client: Client, token: str, credential_id: str, *entries: dict[str, Any]) -> Any:
    body = {"credentialId": credential_id, "credentialStatus": list(entries)}
    return call(client, "post", "/credentials/status", body, token)


def entry(purpose: str, value: bool) -> dict[str, Any]:
    return {"type": "BitstringStatusListEntry", "statusPurpose": purpose, "status": value}


def bit(record: ApiCredential, purpose: str) -> int:
    lists = {"revocation": record.revocation_list, "suspension": record.suspension_list}
    index = {"revocation": record.revocation_index, "suspension": record.suspension_index}
    published = StatusList.objects.get(pk=lists[purpose].pk).signed_credential
    assert published is not None
    encoded = published["credentialSubject"]["encodedList"]
    return BitstringStatusList.decode(encoded).get(index[purpose])


def test_vc_api_status_suspends_reinstates_and_revokes(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    signed = sign(client, make_token(organization, "issue"), unsigned()).json()
    credential = signed["verifiableCredential"]
    cid, token = credential["id"], make_token(organization, "revoke")
    suspended = status(client, token, cid, entry("suspension", True))
    assert suspended.status_code == 200, suspended.content
    assert suspended.json()["state"] == "suspended"
    record = ApiCredential.objects.get()
    assert bit(record, "suspension") == 1
    assert verified(credential) == ["suspended"]
    reinstated = status(client, token, cid, entry("suspension", False))
    assert reinstated.json()["state"] == "active"
    assert verified(credential) == []
    revoked = status(client, token, cid, entry("revocation", True))
    assert revoked.json()["state"] == "revoked"
    assert bit(record, "revocation") == 1
    assert verified(credential) == ["revoked"]
    final = status(client, token, cid, entry("revocation", False))
    assert final.status_code == 409
    assert final.json()["code"] == "api.revocation_final"
    actions = list(
        AuditEvent.objects.filter(target=record.public_id).order_by("pk").values_list("action")
    )
    assert actions == [("vc_api_issued",), ("suspend",), ("reinstate",), ("revoke",)]
    last = AuditEvent.objects.filter(target=record.public_id).order_by("pk").last()
    assert last is not None
    assert last.details["api_token"]["id"] == ApiToken.objects.order_by("pk").last().public_id  # type: ignore[union-attr]


def test_vc_api_status_accepts_the_older_single_entry_form(
    client: Client, organization: Organization, make_token: MakeToken
) -> None:
    cid = sign(client, make_token(organization, "issue"), unsigned()).json()[
        "verifiableCredential"
    ]["id"]
    body = {
        "credentialId": cid,
        "credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "revocation"},
        "status": True,
    }
    response = call(client, "post", "/credentials/status", body, make_token(organization, "revoke"))
    assert response.status_code == 200, response.content
    assert ApiCredential.objects.get().state == "revoked"


def test_vc_api_status_refusals_change_nothing(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_token: MakeToken,
) -> None:
    cid = sign(client, make_token(organization, "issue"), unsigned()).json()[
        "verifiableCredential"
    ]["id"]
    token = make_token(organization, "revoke")
    cases = [
        (
            status(client, token, "urn:uuid:unknown", entry("revocation", True)),
            404,
            "api.not_found",
        ),
        (
            status(
                client, make_token(other_organization, "revoke"), cid, entry("revocation", True)
            ),
            404,
            "api.not_found",
        ),
        (
            status(
                client, make_token(organization, "issue", "read"), cid, entry("revocation", True)
            ),
            403,
            "organizations.missing_scope",
        ),
        (
            status(
                client, token, cid, {**entry("revocation", True), "type": "StatusList2021Entry"}
            ),
            400,
            "api.status_type_not_supported",
        ),
        (
            status(client, token, cid, entry("refresh", True)),
            400,
            "api.status_purpose_not_supported",
        ),
        (
            status(client, token, cid, {**entry("revocation", True), "statusListIndex": "1"}),
            400,
            "api.status_entry_mismatch",
        ),
        # The second entry is refused, so the first (a suspension) is rolled back with it.
        (
            status(client, token, cid, entry("suspension", True), entry("refresh", True)),
            400,
            "api.status_purpose_not_supported",
        ),
    ]
    assert [(r.status_code, r.json()["code"]) for r, _s, _c in cases] == [
        (s, c) for _r, s, c in cases
    ]
    record = ApiCredential.objects.get()
    assert record.state == "active"
    assert bit(record, "suspension") == 0
    assert not AuditEvent.objects.filter(action__in=["revoke", "suspend"]).exists()


def test_api_v1_credentials_read_and_change_within_the_organisation(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_token: MakeToken,
) -> None:
    response = sign(client, make_token(organization, "issue"), unsigned())
    where = response["Location"]
    token = make_token(organization, "read", "revoke")
    read = call(client, "get", where, token=token)
    assert read.status_code == 200
    assert read.json()["credential"] == response.json()["verifiableCredential"]
    theirs = make_token(other_organization, "read", "revoke")
    assert call(client, "get", where, token=theirs).status_code == 404
    refused = call(client, "post", f"{where}/revoke", {"reason": "no"}, theirs)
    assert refused.status_code == 404
    read_only = call(
        client, "post", f"{where}/revoke", {"reason": "no"}, make_token(organization, "read")
    )
    assert read_only.status_code == 403
    assert ApiCredential.objects.get().state == "active"
    suspended = call(client, "post", f"{where}/suspend", {"reason": "checking"}, token)
    assert (suspended.status_code, suspended.json()["state"]) == (200, "suspended")
    revoked = call(client, "post", f"{where}/revoke", {"reason": "fraud"}, token)
    assert (revoked.json()["state"], revoked.json()["reason"]) == ("revoked", "fraud")
    again = call(client, "post", f"{where}/reinstate", {"reason": "oops"}, token)
    assert (again.status_code, again.json()["code"]) == (409, "api.invalid_transition")
    assert "revoked" in verified(response.json()["verifiableCredential"])
    revoke_event = events_of(organization).filter(action="revoke").get()
    assert revoke_event.reason == "fraud"
    assert "through API token “test”" in who(revoke_event)
