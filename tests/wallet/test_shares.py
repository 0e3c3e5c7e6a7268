"""Share links: opaque, hashed, expiring, revocable, counted; the public page answers in
plain words and shows nothing but the shared credentials."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from microcred.accounts.models import User
from microcred.wallet import claims, shares
from microcred.wallet.models import ShareLink, WalletItem

from .conftest import IssueTo, MakeLearner, page, revoke, signed_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(make_learner: MakeLearner) -> User:
    return make_learner("ayse@uni.example")


def share_token(response: object) -> str:
    found = re.search(r'value="https?://[^"]+/wallet/s/([^/"]+)/"', page(response))
    assert found is not None
    return found.group(1)


def test_creating_a_link_shows_it_once_and_stores_only_its_hash(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    item = claims.claim(learner, issue_to("ayse@uni.example").award)
    signed_in(client, learner)
    form = {"items": [str(item.pk)], "label": "For Acme", "expires_on": ""}
    response = client.post(url("shares"), form)
    assert response.status_code == 201
    token = share_token(response)
    text = page(response)
    assert "<svg" in text
    assert "linkedin.com/profile/add" in text
    link = ShareLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps(list(ShareLink.objects.values()), default=str)
    assert "For Acme" in page(client.get(url("shares")))


def test_public_page_verifies_and_discloses_only_the_shared_credential(
    client: Client, issue_to: IssueTo, learner: User, make_learner: MakeLearner
) -> None:
    shown = claims.claim(learner, issue_to("ayse@uni.example").award)
    imported = WalletItem.objects.create(
        owner=learner, source="imported", raw="{}", credential={"name": "Secret other badge"}
    )
    _link, token = shares.create_share(learner, [shown])
    anonymous = Client()
    response = anonymous.get(url("shared", token=token))
    assert response.status_code == 200
    text = page(response)
    assert 'data-verdict="valid"' in text
    assert "The signature is valid, but no quality-assurance body" in text  # not recognised
    assert "“Anadolu Üniversitesi” is the name the issuer gives itself" in text
    assert "ayse@uni.example" not in text
    assert "Secret other badge" not in text
    assert imported.public_id not in text
    assert anonymous.get(url("shared", token=token)).status_code == 200
    assert ShareLink.objects.get().view_count == 2
    download = anonymous.get(url("shared_download", token=token, item_id=shown.public_id))
    assert json.loads(download.content) == shown.credential
    other = anonymous.get(url("shared_download", token=token, item_id=imported.public_id))
    assert other.status_code == 404


def test_after_revocation_the_visitor_sees_revoked_with_the_reason(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    issued = issue_to("ayse@uni.example")
    item = claims.claim(learner, issued.award)
    _link, token = shares.create_share(learner, [item])
    assert 'data-verdict="valid"' in page(client.get(url("shared", token=token)))
    revoke(issued, "Exam result annulled")
    text = page(client.get(url("shared", token=token)))
    assert 'data-verdict="revoked"' in text
    assert "Exam result annulled" in text


def test_expired_withdrawn_and_unknown_links_do_not_open(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    item = claims.claim(learner, issue_to("ayse@uni.example").award)
    expiring, token = shares.create_share(
        learner, [item], expires_at=timezone.now() + timedelta(hours=1)
    )
    assert client.get(url("shared", token=token)).status_code == 200
    ShareLink.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - timedelta(1))
    response = client.get(url("shared", token=token))
    assert response.status_code == 410
    assert 'data-code="wallet.share_expired"' in page(response)
    live, token2 = shares.create_share(learner, [item])
    signed_in(client, learner)
    assert client.post(url("share_revoke", share_id=live.public_id)).status_code == 302
    response = Client().get(url("shared", token=token2))
    assert response.status_code == 410
    assert 'data-code="wallet.share_revoked"' in page(response)
    assert Client().get(url("shared", token="x" * 43)).status_code == 404
    assert (
        Client().get(url("shared_download", token=token2, item_id=item.public_id)).status_code
        == 410
    )


def test_share_form_refuses_past_expiry_and_other_learners_items(
    client: Client, issue_to: IssueTo, learner: User, make_learner: MakeLearner
) -> None:
    mine = claims.claim(learner, issue_to("ayse@uni.example").award)
    other = make_learner("mehmet@uni.example")
    theirs = claims.claim(other, issue_to("mehmet@uni.example").award)
    signed_in(client, learner)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(url("shares"), {"items": [str(mine.pk)], "expires_on": yesterday})
    assert response.status_code == 400
    assert "The expiry must be in the future." in page(response)
    response = client.post(url("shares"), {"items": [str(theirs.pk)]})
    assert response.status_code == 400
    assert not ShareLink.objects.exists()


def test_another_learner_cannot_withdraw_my_link(
    client: Client, issue_to: IssueTo, learner: User, make_learner: MakeLearner
) -> None:
    item = claims.claim(learner, issue_to("ayse@uni.example").award)
    link, _token = shares.create_share(learner, [item])
    signed_in(client, make_learner("mehmet@uni.example"))
    assert client.post(url("share_revoke", share_id=link.public_id)).status_code == 404
    assert link.public_id not in page(client.get(url("shares")))
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_shared_pdf_is_a_certificate(client: Client, issue_to: IssueTo, learner: User) -> None:
    item = claims.claim(learner, issue_to("ayse@uni.example").award)
    _link, token = shares.create_share(learner, [item], label="CV")
    response = client.get(url("shared_pdf", token=token, item_id=item.public_id))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
