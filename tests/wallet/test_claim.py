"""Claiming from the award e-mail's link: only into an account that confirmed the address
the credential was issued to; a precise refusal otherwise."""

from __future__ import annotations

import pytest
from django.test import Client

from microcred.issuing.notifications import claim_url
from microcred.organizations.models import Organization
from microcred.wallet.models import Claim, WalletItem
from microcred.wallet.services import claimed_count

from .conftest import IssueTo, MakeLearner, page, signed_in, url

pytestmark = pytest.mark.django_db


def test_the_issuers_claim_page_offers_save_to_passport(client: Client, issue_to: IssueTo) -> None:
    issued = issue_to("ayse@uni.example")
    assert issued.claim_token is not None
    text = client.get(claim_url(issued.claim_token, "en").split("8000", 1)[-1]).content.decode()
    assert "Save to my passport" in text
    assert url("claim", token=issued.claim_token) in text


def test_signed_out_learner_is_sent_to_sign_in_keeping_the_token(
    client: Client, issue_to: IssueTo
) -> None:
    issued = issue_to("ayse@uni.example")
    assert issued.claim_token is not None
    target = url("claim", token=issued.claim_token)
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")
    assert issued.claim_token in response["Location"]


def test_claim_with_a_confirmed_matching_address_adds_it_once(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner, organization: Organization
) -> None:
    issued = issue_to("Ayse@Uni.example")
    assert issued.claim_token is not None
    learner = make_learner("ayse@uni.example")
    signed_in(client, learner)
    assert claimed_count(organization) == 0
    response = client.post(url("claim", token=issued.claim_token))
    assert response.status_code == 302
    item = WalletItem.objects.get(owner=learner)
    assert response["Location"] == url("item", item_id=item.public_id)
    assert item.credential == issued.award.credential
    assert item.award_public_id == issued.award.public_id
    assert claimed_count(organization) == 1
    # a second claim neither duplicates the item nor the count
    assert client.post(url("claim", token=issued.claim_token)).status_code == 302
    assert WalletItem.objects.filter(owner=learner).count() == 1
    assert Claim.objects.count() == 1


def test_unconfirmed_address_is_refused_precisely(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner
) -> None:
    issued = issue_to("ayse@uni.example")
    assert issued.claim_token is not None
    signed_in(client, make_learner("ayse@uni.example", verified=False))
    response = client.post(url("claim", token=issued.claim_token))
    assert response.status_code == 409
    text = page(response)
    assert 'data-code="email_not_verified"' in text
    assert "Confirm your e-mail address first" in text
    assert "a***@uni.example" in text
    assert "Send the confirmation link again" in text
    assert not WalletItem.objects.exists()


def test_a_confirmed_but_different_address_is_refused(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner, organization: Organization
) -> None:
    issued = issue_to("ayse@uni.example")
    assert issued.claim_token is not None
    signed_in(client, make_learner("someone@else.example"))
    response = client.post(url("claim", token=issued.claim_token))
    assert response.status_code == 409
    assert 'data-code="identity_mismatch"' in page(response)
    assert not WalletItem.objects.exists()
    assert claimed_count(organization) == 0


def test_unknown_token_is_not_found(client: Client, make_learner: MakeLearner) -> None:
    signed_in(client, make_learner("ayse@uni.example"))
    assert client.get(url("claim", token="nope")).status_code == 404
    assert client.post(url("claim", token="nope")).status_code == 404


def test_a_learner_holds_credentials_from_many_issuers(
    client: Client,
    issue_to: IssueTo,
    make_learner: MakeLearner,
    other_organization: Organization,
) -> None:
    from microcred.catalog import services as catalog

    from ..vc.elements.conftest import full_elements

    other = catalog.publish(
        catalog.create_specification(other_organization, None, full_elements(), hours_per_ects=28)
    )
    first, second = issue_to("ayse@uni.example"), issue_to("ayse@uni.example", other)
    learner = make_learner("ayse@uni.example")
    signed_in(client, learner)
    for issued in (first, second):
        assert issued.claim_token is not None
        assert client.post(url("claim", token=issued.claim_token)).status_code == 302
    assert WalletItem.objects.filter(owner=learner).count() == 2
    assert claimed_count(other_organization) == 1
