"""The holder's share links, again and again: each live link shown with a copy button
(and a read-only field without JavaScript), one certificate link per credential reused by
every PDF, LinkedIn from every credential, and the employer's e-mail check on a share page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from microcred.accounts.models import User
from microcred.wallet import claims, shares
from microcred.wallet.models import ShareLink

from .conftest import IssueTo, MakeLearner, page, signed_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(make_learner: MakeLearner) -> User:
    return make_learner("ayse@uni.example")


def test_the_list_shows_each_live_link_again_with_a_copy_button(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    item = claims.claim(learner, issue_to("ayse@uni.example").award)
    live, token = shares.create_share(learner, [item], label="For Acme")
    gone, _ = shares.create_share(learner, [item], label="Old")
    shares.revoke_share(learner, gone.public_id)
    text = page(signed_in(client, learner).get(url("shares")))
    assert f'value="http://testserver/en/wallet/s/{token}/"' in text
    assert "readonly" in text
    assert 'data-copy="link-' in text
    assert "wallet/copy.js" in text
    assert text.count("/wallet/s/") == 1  # the withdrawn link is not shown
    assert client.get(f"/en/wallet/s/{token}/").status_code == 200  # the shown URL works
    assert live.token_hash != token  # still only its hash is kept


def test_links_made_before_tokens_were_derived_say_they_were_shown_once(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    item = claims.claim(learner, issue_to("ayse@uni.example").award)
    link, _ = shares.create_share(learner, [item])
    ShareLink.objects.filter(pk=link.pk).update(reshowable=False)
    text = page(signed_in(client, learner).get(url("shares")))
    assert "Shown once when it was made." in text
    assert "/wallet/s/" not in text


def test_every_pdf_reuses_the_credentials_one_certificate_link(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    item = claims.claim(learner, issue_to("ayse@uni.example").award)
    signed_in(client, learner)
    for _ in range(3):
        assert client.post(url("item_pdf", item_id=item.public_id)).status_code == 200
    link = ShareLink.objects.get()
    assert link.certificate_for == item
    shares.revoke_share(learner, link.public_id)  # withdrawn: the next print makes a new one
    client.post(url("item_pdf", item_id=item.public_id))
    assert ShareLink.objects.filter(revoked_at__isnull=True).count() == 1


def test_linkedin_from_the_credential_page(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    item = claims.claim(learner, issue_to("ayse@uni.example").award)
    signed_in(client, learner)
    before = page(client.get(url("item", item_id=item.public_id)))
    assert "Add to LinkedIn" in before
    assert "linkedin.com" not in before
    assert not ShareLink.objects.exists()  # looking publishes nothing
    made = client.post(url("item_linkedin", item_id=item.public_id))
    assert made.status_code == 302
    assert made["Location"].endswith("#linkedin")
    after = page(client.get(made["Location"]))
    token = shares.live_certificate_token(item)
    assert token is not None
    found = re.search(r'href="(https://www\.linkedin\.com/profile/add\?[^"]+)"', after)
    assert found is not None
    assert token in found.group(1)
    client.post(url("item_linkedin", item_id=item.public_id))
    assert ShareLink.objects.count() == 1


def test_another_learners_credential_gets_no_link(
    client: Client, issue_to: IssueTo, learner: User, make_learner: MakeLearner
) -> None:
    item = claims.claim(learner, issue_to("ayse@uni.example").award)
    signed_in(client, make_learner("mallory@uni.example"))
    assert client.post(url("item_linkedin", item_id=item.public_id)).status_code == 404
    assert client.post(url("item_pdf", item_id=item.public_id)).status_code == 404
    assert not ShareLink.objects.exists()


def test_an_employer_checks_the_holders_email_on_the_share_page(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    item = claims.claim(learner, issue_to("ayse@uni.example").award)
    _link, token = shares.create_share(learner, [item])
    target = url("shared_holder", token=token)
    yes = page(client.post(target, {"email": " Ayse@Uni.example "}))
    assert "Yes: this credential was issued to the e-mail address you typed." in yes
    no = page(client.post(target, {"email": "someone@else.example"}))
    assert "No: this credential was not issued" in no
    assert "ayse@uni.example" not in no.lower()  # the address is never disclosed
    bad = client.post(target, {"email": "not-an-address"})
    assert bad.status_code == 400
    assert (
        client.post(url("shared_holder", token="unknown"), {"email": "a@b.example"}).status_code
        == 404
    )
