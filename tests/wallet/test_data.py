"""The learner's data: a sealed holder did:key, a signed presentation and a CLR of their
credentials, a full personal-data export, and deletion that leaves nothing behind."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from microcred.vc import verify_presentation
from microcred.vc.did import did_key_for
from microcred.vc.keys import Ed25519PublicKey
from microcred.vc.multibase import b64url_decode
from microcred.wallet import claims, holder, shares
from microcred.wallet.models import Claim, HolderKey, ShareLink, WalletItem

from .conftest import IssueTo, MakeLearner, page, signed_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(make_learner: MakeLearner, issue_to: IssueTo) -> User:
    user = make_learner("ayse@uni.example")
    claims.claim(user, issue_to("ayse@uni.example").award)
    return user


def test_holder_key_is_a_did_key_sealed_at_rest(learner: User) -> None:
    key = holder.holder_key(learner)
    assert holder.holder_key(learner).pk == key.pk  # made once
    did = holder.holder_did(key)
    assert did == did_key_for(Ed25519PublicKey.from_multikey(key.public_multikey))
    with holder.holder_signer(learner) as (_key, pair):
        seed = b64url_decode(pair.private_jwk()["d"])
        assert pair.public.multikey == key.public_multikey
        signature = pair.sign(b"hello")
    assert Ed25519PublicKey.from_multikey(key.public_multikey).verify(signature, b"hello")
    assert len(seed) == 32
    assert seed not in bytes(key.sealed_seed)
    assert seed not in bytes(key.wrapped_data_key)


def test_holder_key_does_not_open_under_another_kek(
    learner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from microcred.keystore import KeyStoreError, generate_kek_text, get_keystore

    holder.holder_key(learner)
    monkeypatch.setenv("MICROCRED_KEK", generate_kek_text())
    get_keystore.cache_clear()
    with pytest.raises(KeyStoreError) as caught, holder.holder_signer(learner):
        pass
    assert caught.value.code == "keystore.kek_mismatch"


def test_a_sealed_key_moved_to_another_learner_does_not_open(
    learner: User, make_learner: MakeLearner
) -> None:
    from microcred.keystore import KeyStoreError

    mine = holder.holder_key(learner)
    other = make_learner("mehmet@uni.example")
    theirs = holder.holder_key(other)
    HolderKey.objects.filter(pk=theirs.pk).update(
        sealed_seed=mine.sealed_seed,
        wrapped_data_key=mine.wrapped_data_key,
        public_multikey=mine.public_multikey,
        key_id=mine.key_id,
    )
    with pytest.raises(KeyStoreError), holder.holder_signer(other):
        pass


def test_presentation_export_is_signed_by_the_holder(client: Client, learner: User) -> None:
    response = signed_in(client, learner).get(url("export_presentation"))
    assert response.status_code == 200
    vp = json.loads(response.content)
    assert vp["holder"] == holder.holder_did(HolderKey.objects.get(owner=learner))
    report = verify_presentation(vp, now=timezone.now(), check_status=False)
    own = [c.code for c in report.failures if c.check != "credentials"]
    assert own == []  # the holder proof and shape are sound (the issuer is not resolvable here)
    assert len(vp["verifiableCredential"]) == 1


def test_clr_export_holds_the_credentials(client: Client, learner: User) -> None:
    response = signed_in(client, learner).get(url("export_clr"))
    assert response.status_code == 200
    clr = json.loads(response.content)
    assert "ClrCredential" in clr["type"]
    embedded = clr["credentialSubject"]["verifiableCredential"]
    assert embedded == [WalletItem.objects.get(owner=learner).credential]


def test_personal_data_export_has_everything_but_secrets(client: Client, learner: User) -> None:
    item = WalletItem.objects.get(owner=learner)
    _link, token = shares.create_share(learner, [item], label="CV")
    holder.holder_key(learner)
    response = signed_in(client, learner).get(url("export_personal"))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["account"]["email"] == "ayse@uni.example"
    assert data["emailAddresses"][0]["email"] == "ayse@uni.example"
    assert json.loads(data["credentials"][0]["credential"]) == item.credential
    assert data["shareLinks"][0]["label"] == "CV"
    assert data["holder"]["did"].startswith("did:key:z6Mk")
    assert token not in response.content.decode()
    assert "sealed" not in response.content.decode()


def test_deletion_needs_the_password_then_leaves_nothing(
    client: Client, learner: User, make_learner: MakeLearner
) -> None:
    bystander = make_learner("mehmet@uni.example")
    item = WalletItem.objects.get(owner=learner)
    shares.create_share(learner, [item])
    holder.holder_key(learner)
    signed_in(client, learner)
    refused = client.post(url("delete_account"), {"password": "wrong", "confirm": "on"})
    assert refused.status_code == 400
    assert "This is not your password." in page(refused)
    assert User.objects.filter(pk=learner.pk).exists()
    from tests.conftest import PASSWORD

    response = client.post(url("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email="ayse@uni.example").exists()
    for model in (EmailAddress, WalletItem, ShareLink, HolderKey):
        assert not model.objects.exclude(**_owner_of(model, bystander)).exists(), model
    assert Claim.objects.count() == 1  # the issuer's count, with no link to the person
    assert client.get(url("passport")).status_code == 302  # signed out


def _owner_of(model: type, user: User) -> dict[str, User]:
    return {"user": user} if model is EmailAddress else {"owner": user}


def test_data_page_shows_the_holder_did_never_the_key(client: Client, learner: User) -> None:
    text = page(signed_in(client, learner).get(url("data")))
    key = HolderKey.objects.get(owner=learner)
    assert holder.holder_did(key) in text
    assert "Delete my account" in text
