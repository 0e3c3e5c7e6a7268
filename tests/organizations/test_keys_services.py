"""Signing-key services: keys sealed at rest, rotation, retirement, the DID document."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from microcred.keystore import KeyStoreError, get_keystore
from microcred.organizations import keys
from microcred.organizations.errors import KeyManagementError
from microcred.organizations.models import Organization
from microcred.organizations.models.keys import SigningKey
from microcred.vc.issue import issue_credential
from microcred.vc.verify import verify_credential
from tests.organizations.keys_support import URLCONF, kek, leaks, seed_of  # noqa: F401
from tests.vc.factories import Issuer, unsigned_credential

pytestmark = [pytest.mark.usefixtures("kek"), pytest.mark.urls(URLCONF)]


def fetch_did_json(client: Client, org: Organization) -> dict[str, Any]:
    response = client.get(f"/orgs/{org.slug}/did.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def sign_now(org: Organization, **extra: Any) -> tuple[dict[str, Any], str]:
    """A credential signed now by the organisation's active key, and the key's fragment."""
    now = timezone.now()
    with keys.signer_for(org) as signer:
        issuer = Issuer(key=signer.key, did=signer.did, method=signer.verification_method)
        credential = issue_credential(
            unsigned_credential(issuer, now, **extra),
            key=signer.key,
            verification_method=signer.verification_method,
            now=now,
            documents=signer.documents,
        )
    assert isinstance(credential, dict)
    return credential, signer.verification_method.rpartition("#")[2]


def verify_with(client: Client, org: Organization, credential: dict[str, Any]) -> Any:
    documents = {keys.did_for(org): fetch_did_json(client, org)}
    return verify_credential(credential, now=timezone.now(), documents=documents)


def test_did_names_the_organisation(organization: Organization, settings: Settings) -> None:
    assert keys.did_for(organization) == "did:web:microcred.localhost%3A8000:orgs:anadolu-uni"
    settings.MICROCRED_DID_WEB_HOST = "credentials.example.edu"
    assert keys.did_for(organization) == "did:web:credentials.example.edu:orgs:anadolu-uni"
    settings.MICROCRED_DID_WEB_HOST = "mc.example:8443"
    assert keys.did_for(organization) == "did:web:mc.example%3A8443:orgs:anadolu-uni"


def test_ensure_signing_key_makes_one_key_once(organization: Organization) -> None:
    first = keys.ensure_signing_key(organization)
    assert keys.ensure_signing_key(organization) == first
    assert (first.fragment, first.status) == ("key-1", SigningKey.Status.ACTIVE)
    assert keys.active_key(organization) == first
    assert keys.verification_method(first) == keys.did_for(organization) + "#key-1"
    assert first.activated is not None


def test_the_row_holds_neither_seed_nor_data_key(
    organization: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_keys: list[bytes] = []
    generate = AESGCM.generate_key

    def recording(bit_length: int) -> bytes:
        data_keys.append(generate(bit_length))
        return data_keys[-1]

    monkeypatch.setattr(AESGCM, "generate_key", staticmethod(recording))
    key = keys.ensure_signing_key(organization)
    with keys.signer_for(organization) as signer:
        seed = seed_of(signer.key)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {SigningKey._meta.db_table} WHERE id = %s", [key.pk])
        row = cursor.fetchone()
    raw = b"\x00".join(
        bytes(v) if isinstance(v, bytes | memoryview) else str(v).encode() for v in row
    )
    assert len(data_keys) == 1
    assert len(seed) == 32
    assert bytes(key.sealed_seed) in raw  # we did read the sealed columns
    assert not leaks(raw, seed)
    assert not leaks(raw, data_keys[0])


def test_rotation_keeps_old_keys_valid(organization: Organization, client: Client) -> None:
    old = keys.ensure_signing_key(organization)
    credential, fragment = sign_now(organization)
    new = keys.rotate(organization, by=None)
    old.refresh_from_db()
    assert (fragment, old.status, new.fragment) == ("key-1", "superseded", "key-2")
    assert keys.active_key(organization) == new
    document = fetch_did_json(client, organization)
    did = keys.did_for(organization)
    assert [m["id"] for m in document["verificationMethod"]] == [f"{did}#key-1", f"{did}#key-2"]
    assert document["assertionMethod"] == [f"{did}#key-1", f"{did}#key-2"]
    assert verify_with(client, organization, credential).verified
    _, signing_fragment = sign_now(organization)
    assert signing_fragment == "key-2"


def test_a_retired_key_no_longer_verifies(organization: Organization, client: Client) -> None:
    key = keys.ensure_signing_key(organization)
    effective = timezone.now() - timedelta(hours=1)
    keys.rotate(organization, by=None)
    credential_before, _ = sign_now(organization)  # key-2: unaffected by retiring key-1
    keys.retire(key, effective=effective, reason="laptop stolen", by=None)
    key.refresh_from_db()
    assert (key.status, key.retired_at, key.retire_reason) == (
        "retired",
        effective,
        "laptop stolen",
    )
    document = fetch_did_json(client, organization)
    did = keys.did_for(organization)
    [listed] = [m for m in document["verificationMethod"] if m["id"] == f"{did}#key-1"]
    assert "revoked" in listed
    assert document["assertionMethod"] == [f"{did}#key-2"]
    assert verify_with(client, organization, credential_before).verified


def test_a_credential_signed_with_a_retired_key_after_retirement_fails(
    organization: Organization, client: Client
) -> None:
    key = keys.ensure_signing_key(organization)
    now = timezone.now()
    retired_at = now - timedelta(days=1)
    # The thief signs after the retirement date with the stolen key (here: unsealed directly).
    with get_keystore().signer(key.ref()) as stolen:
        issuer = Issuer(key=stolen, did=keys.did_for(organization), method="")
        issuer.method = keys.verification_method(key)
        forged = issue_credential(
            unsigned_credential(issuer, now),
            key=stolen,
            verification_method=issuer.method,
            now=now,
            documents={issuer.did: keys.did_document(organization)},
        )
    assert isinstance(forged, dict)
    keys.retire(key, effective=retired_at, reason="key copied", by=None)
    report = verify_with(client, organization, forged)
    assert not report.verified
    [failure] = [c for c in report.failures if c.check == "verification_method"]
    assert failure.code == "verification_method_unresolvable"
    assert "revoked" in failure.params["detail"]


def test_retiring_the_active_key_puts_a_new_one_in_its_place(organization: Organization) -> None:
    key = keys.ensure_signing_key(organization)
    keys.retire(key, effective=timezone.now(), reason="compromised", by=None)
    replacement = keys.active_key(organization)
    assert replacement is not None
    assert replacement.fragment == "key-2"
    assert keys.did_document(organization)["assertionMethod"] == [
        keys.verification_method(replacement)
    ]
    _, fragment = sign_now(organization)
    assert fragment == "key-2"


@pytest.mark.parametrize(
    ("reason", "shift", "code"),
    [
        ("  ", timedelta(0), "organizations.retire_reason_required"),
        ("x" * (keys.MAX_REASON_LENGTH + 1), timedelta(0), "organizations.retire_reason_too_long"),
        ("compromised", timedelta(days=1), "organizations.retire_date_in_future"),
    ],
)
def test_bad_retirements_change_nothing(
    organization: Organization, reason: str, shift: timedelta, code: str
) -> None:
    key = keys.ensure_signing_key(organization)
    with pytest.raises(KeyManagementError) as caught:
        keys.retire(key, effective=timezone.now() + shift, reason=reason, by=None)
    assert caught.value.code == code
    key.refresh_from_db()
    assert key.status == "active"
    assert SigningKey.objects.count() == 1


def test_a_key_is_retired_once(organization: Organization) -> None:
    key = keys.ensure_signing_key(organization)
    keys.retire(key, effective=timezone.now(), reason="lost", by=None)
    with pytest.raises(KeyManagementError) as caught:
        keys.retire(key, effective=timezone.now(), reason="again", by=None)
    assert caught.value.code == "organizations.key_already_retired"


def test_one_active_key_per_organisation(organization: Organization) -> None:
    key = keys.ensure_signing_key(organization)
    with pytest.raises(IntegrityError), transaction.atomic():
        SigningKey.objects.create(
            organization=organization, fragment="key-9", public_multikey=key.public_multikey
        )


def test_no_document_before_the_first_key(organization: Organization) -> None:
    with pytest.raises(KeyManagementError) as caught:
        keys.did_document(organization)
    assert caught.value.code == "organizations.no_signing_key"
    assert keys.public_did_document(organization.slug) is None
    assert keys.public_did_document("nobody-here") is None


def test_the_signer_refuses_a_key_of_another_store(
    organization: Organization, settings: Settings
) -> None:
    keys.ensure_signing_key(organization)
    settings.MICROCRED_KEYSTORE = "tests.organizations.test_keys_services.OtherStore"
    with pytest.raises(KeyStoreError) as caught, keys.signer_for(organization):
        pass
    assert caught.value.code == "keystore.mismatch"


def test_keys_of_one_organisation_do_not_sign_for_another(
    organization: Organization, other_organization: Organization
) -> None:
    mine = keys.ensure_signing_key(organization)
    theirs = keys.ensure_signing_key(other_organization)
    SigningKey.objects.filter(pk=theirs.pk).update(
        wrapped_data_key=mine.wrapped_data_key, sealed_seed=mine.sealed_seed
    )
    theirs.refresh_from_db()
    with pytest.raises(KeyStoreError) as caught, keys.signer_for(other_organization):
        pass
    assert caught.value.code == "keystore.key_unseal_failed"


def test_signer_repr_shows_no_secret(organization: Organization) -> None:
    with keys.signer_for(organization) as signer:
        shown = repr(signer) + str(signer)
        seed = seed_of(signer.key)
    assert "secret=<hidden>" in shown
    assert not leaks(shown.encode(), seed)


class OtherStore:
    """Stands in for a KMS-backed store; the mismatch is found before it is ever built."""
