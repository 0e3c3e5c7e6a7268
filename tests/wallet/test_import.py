"""Importing: verified on the way in, the report shown, unverifiable ones kept only when
the learner insists (and marked), size-limited, precise errors."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from microcred.accounts.models import User
from microcred.wallet.models import WalletItem

from .conftest import IssueTo, MakeLearner, page, signed_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client: Client, make_learner: MakeLearner) -> User:
    user = make_learner("ayse@uni.example")
    signed_in(client, user)
    return user


def test_a_valid_file_is_imported_as_uploaded(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    text = json.dumps(issue_to("other@person.example").award.credential, indent=4)
    upload = SimpleUploadedFile("badge.json", text.encode(), "application/json")
    response = client.post(url("import"), {"file": upload})
    assert response.status_code == 302
    item = WalletItem.objects.get(owner=learner)
    assert item.source == "imported"
    assert item.verified
    assert not item.kept_unverified
    assert item.checked_status == "valid"
    download = client.get(url("item_download", item_id=item.public_id))
    assert download.content.decode() == text.strip()
    assert 'data-status="valid"' in page(client.get(url("passport")))


def test_a_tampered_credential_shows_the_report_and_needs_explicit_consent(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    credential = issue_to("other@person.example").award.credential
    credential["credentialSubject"]["achievement"]["name"] = "Rocket Science"
    pasted = json.dumps(credential)
    response = client.post(url("import"), {"text": pasted})
    assert response.status_code == 400
    text = page(response)
    assert 'data-code="wallet.import_needs_confirmation"' in text
    assert "Not valid: the content was changed after signing." in text
    assert not WalletItem.objects.exists()
    response = client.post(url("import"), {"text": pasted, "keep_unverified": "on"})
    assert response.status_code == 302
    item = WalletItem.objects.get()
    assert item.kept_unverified
    assert not item.verified
    assert "Not verified: kept at your request" in page(client.get(url("passport")))
    assert "could not be verified when you imported it" in page(
        client.get(url("item", item_id=item.public_id))
    )


def test_too_large_and_unreadable_input_are_refused_precisely(
    client: Client, learner: User, settings: object
) -> None:
    settings.MICROCRED_VERIFY_MAX_BYTES = 1024  # type: ignore[attr-defined]
    big = SimpleUploadedFile("big.json", b"{" + b" " * 2000 + b"}", "application/json")
    response = client.post(url("import"), {"file": big})
    assert response.status_code == 400
    assert "larger than 1 KiB" in page(response)
    response = client.post(url("import"), {"text": "x" * 1500})
    assert 'data-code="wallet.import_too_large"' in page(response)
    response = client.post(url("import"), {"text": "{not json"})
    assert response.status_code == 400
    assert 'data-code="wallet.import_unreadable"' in page(response)
    response = client.post(url("import"), {"text": "   "})
    assert "Upload a file or paste a credential." in page(response)
    nul = SimpleUploadedFile("nul.json", b'{"name": "A\\u0000B"}', "application/json")
    response = client.post(url("import"), {"file": nul})  # PostgreSQL could not store it
    assert 'data-code="wallet.import_nul"' in page(response)
    assert not WalletItem.objects.exists()


def test_recheck_updates_the_status_of_an_imported_credential(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    from .conftest import revoke

    issued = issue_to("other@person.example")
    client.post(url("import"), {"text": json.dumps(issued.award.credential)})
    item = WalletItem.objects.get()
    revoke(issued, "Annulled")
    assert client.post(url("item_recheck", item_id=item.public_id)).status_code == 302
    item.refresh_from_db()
    assert item.checked_status == "revoked"
    assert 'data-status="revoked"' in page(client.get(url("item", item_id=item.public_id)))


def test_a_vc_jwt_from_another_system_is_imported_and_downloaded_as_given(
    client: Client, learner: User
) -> None:
    from django.utils import timezone

    from ..vc.factories import Issuer, signed

    token = signed(Issuer.did_key(), timezone.now(), "jwt")
    assert isinstance(token, str)
    response = client.post(url("import"), {"text": token + "\n"})
    assert response.status_code == 302
    item = WalletItem.objects.get()
    assert item.media_type == "application/vc+jwt"
    assert item.verified
    download = client.get(url("item_download", item_id=item.public_id))
    assert download["Content-Type"] == "application/vc+jwt"
    assert download.content.decode() == token
