"""Claiming from the award e-mail's link: the link proves the address it was sent to, so a
new learner gets a confirmed account and the credential in one form; an existing account
signs in and saves; another account is told so. Tokens, addresses and the sign-in budget
are checked on every path."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from microcred.accounts.models import User
from microcred.accounts.models.email import EmailAddress
from microcred.issuing.models import Award
from microcred.issuing.notifications import claim_url
from microcred.organizations.models import Organization
from microcred.wallet.models import Claim, WalletItem
from microcred.wallet.services import claimed_count
from tests.conftest import PASSWORD

from .conftest import IssueTo, MakeLearner, page, signed_in, url

pytestmark = pytest.mark.django_db
EMAIL = "ayse@uni.example"


def new_passport(name: str = "Ayşe Yılmaz", password: str = PASSWORD) -> dict[str, str]:
    return {"display_name": name, "password1": password, "password2": password}


def test_the_issuers_claim_page_offers_save_to_passport(client: Client, issue_to: IssueTo) -> None:
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    text = client.get(claim_url(issued.claim_token, "en").split("8000", 1)[-1]).content.decode()
    assert "Save to my passport" in text
    assert url("claim", token=issued.claim_token) in text


def test_a_new_learner_claims_in_one_form(
    client: Client, issue_to: IssueTo, organization: Organization
) -> None:
    issued = issue_to("Ayse@Uni.example")
    assert issued.claim_token is not None
    target = url("claim", token=issued.claim_token)
    shown = client.get(target)
    assert shown.status_code == 200
    assert shown["Cache-Control"] == "private, no-store"
    text = page(shown)
    assert 'data-step="new-passport"' in text
    assert EMAIL in text
    assert 'value="Ayşe Yılmaz"' in text  # the name on the award, to keep or change
    assert "/en/accounts/privacy/" in text

    response = client.post(target, new_passport())
    assert response.status_code == 302
    assert response["Location"] == url("passport")
    user = User.objects.get(email=EMAIL)
    assert user.display_name == "Ayşe Yılmaz"
    assert EmailAddress.objects.get(user=user, email=EMAIL).verified
    assert client.session["_auth_user_id"] == str(user.pk)
    item = WalletItem.objects.get(owner=user)
    assert item.award_public_id == issued.award.public_id
    assert claimed_count(organization) == 1
    passport = page(client.get(response["Location"]))
    assert "The micro-credential was saved to your passport." in passport
    assert "Veri Okuryazarlığı / Data Literacy" in passport


def test_the_new_passport_form_checks_the_password(client: Client, issue_to: IssueTo) -> None:
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    response = client.post(
        url("claim", token=issued.claim_token), new_passport(password="12345678")
    )
    assert response.status_code == 400
    assert "too common" in page(response)
    assert not User.objects.exists()


def test_a_wrong_claim_token_opens_nothing(client: Client, issue_to: IssueTo) -> None:
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    for token in ("nope", issued.claim_token[:-1] + "x", "a" * 200):
        assert client.get(url("claim", token=token)).status_code == 404
        assert client.post(url("claim", token=token), new_passport()).status_code == 404
    assert not User.objects.exists()


def test_the_token_is_kept_only_as_a_hash(issue_to: IssueTo) -> None:
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    award = Award.objects.get()
    assert issued.claim_token not in award.claim_token_hash
    assert len(award.claim_token_hash) == 64


def test_an_existing_account_signs_in_and_saves_in_one_form(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner
) -> None:
    learner = make_learner(EMAIL)
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    target = url("claim", token=issued.claim_token)
    text = page(client.get(target))
    assert 'data-step="sign-in"' in text
    assert 'data-step="new-passport"' not in text
    response = client.post(target, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == url("passport")
    assert WalletItem.objects.get(owner=learner).award_public_id == issued.award.public_id


def test_a_wrong_password_on_the_claim_page_counts_towards_the_sign_in_limit(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner, settings: Settings
) -> None:
    settings.MICROCRED_SIGN_IN_FAILURES_PER_ACCOUNT = 3
    make_learner(EMAIL)
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    target = url("claim", token=issued.claim_token)
    for _attempt in range(3):
        wrong = client.post(target, {"password": "not the password"})
        assert wrong.status_code == 400
        assert "That password is not right" in page(wrong)
    blocked = client.post(target, {"password": PASSWORD})  # even the right one waits now
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    # the sign-in page shares the budget
    shared = client.post("/en/accounts/sign-in/", {"username": EMAIL, "password": PASSWORD})
    assert shared.status_code == 429
    assert not WalletItem.objects.exists()
    assert "_auth_user_id" not in client.session


def test_an_unconfirmed_address_is_confirmed_by_the_link(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner
) -> None:
    learner = make_learner(EMAIL, verified=False)
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    signed_in(client, learner)
    target = url("claim", token=issued.claim_token)
    assert "Save to my passport" in page(client.get(target))
    assert client.post(target).status_code == 302
    assert EmailAddress.objects.get(user=learner, email=EMAIL).verified
    assert WalletItem.objects.filter(owner=learner).count() == 1


def test_an_abandoned_unconfirmed_account_does_not_block_the_learner(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner
) -> None:
    squatter = make_learner(EMAIL, verified=False)  # signed up with the address, never confirmed
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    target = url("claim", token=issued.claim_token)
    assert 'data-step="new-passport"' in page(client.get(target))
    assert client.post(target, new_passport(password="a new and different one")).status_code == 302
    assert not User.objects.filter(pk=squatter.pk).exists()
    owner = User.objects.get(email=EMAIL)
    assert owner.check_password("a new and different one")


def test_another_account_is_told_and_can_switch(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner, organization: Organization
) -> None:
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    signed_in(client, make_learner("someone@else.example"))
    target = url("claim", token=issued.claim_token)
    text = page(client.get(target))
    assert 'data-step="other-account"' in text
    assert "You are signed in as someone@else.example" in text
    assert "a***@uni.example" in text
    assert EMAIL not in text
    refused = client.post(target)
    assert refused.status_code == 409
    assert not WalletItem.objects.exists()
    assert claimed_count(organization) == 0
    # "Sign out and continue": back on the claim page, signed out, with the new-passport form
    switched = client.post("/en/accounts/sign-out/", {"next": target})
    assert switched["Location"] == target
    assert 'data-step="new-passport"' in page(client.get(target))


def test_an_address_confirmed_by_another_account_cannot_be_taken(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner
) -> None:
    make_learner(EMAIL)  # the owner
    other = User.objects.create_user("other@else.example", PASSWORD)
    EmailAddress.objects.create(user=other, email=EMAIL)  # added, never confirmed
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    signed_in(client, other)
    response = client.post(url("claim", token=issued.claim_token))
    assert response.status_code == 409
    assert 'data-code="accounts.email_taken"' in page(response)
    assert not WalletItem.objects.exists()


def test_claiming_twice_keeps_one_item(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner, organization: Organization
) -> None:
    learner = make_learner(EMAIL)
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    signed_in(client, learner)
    target = url("claim", token=issued.claim_token)
    assert client.post(target).status_code == 302
    again = client.get(target)
    item = WalletItem.objects.get(owner=learner)
    assert again["Location"] == url("item", item_id=item.public_id)
    assert client.post(target).status_code == 302
    assert WalletItem.objects.filter(owner=learner).count() == 1
    assert Claim.objects.count() == 1


def test_an_erased_address_leaves_the_claim_to_a_confirmed_account(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner
) -> None:
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    Award.objects.update(learner_email="")
    target = url("claim", token=issued.claim_token)
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")
    signed_in(client, make_learner(EMAIL))  # the credential's e-mail hash still matches
    assert client.post(target).status_code == 302
    assert WalletItem.objects.count() == 1


def test_the_claim_page_is_in_turkish(client: Client, issue_to: IssueTo) -> None:
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    text = page(client.get(url("claim", "tr", token=issued.claim_token)))
    assert "Pasaportuma kaydet" in text
    assert "/tr/accounts/privacy/" in text


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
    first, second = issue_to(EMAIL), issue_to(EMAIL, other)
    learner = make_learner(EMAIL)
    signed_in(client, learner)
    for issued in (first, second):
        assert issued.claim_token is not None
        assert client.post(url("claim", token=issued.claim_token)).status_code == 302
    assert WalletItem.objects.filter(owner=learner).count() == 2
    assert claimed_count(other_organization) == 1


def test_an_account_with_two_factor_claims_in_three_forms(
    client: Client, issue_to: IssueTo, make_learner: MakeLearner
) -> None:
    import time

    from microcred.accounts import totp, two_factor
    from microcred.accounts.models.two_factor import TwoFactorDevice

    learner = make_learner(EMAIL)
    two_factor.start_enrolment(learner)
    secret = totp.secret_bytes(TwoFactorDevice.objects.get(user=learner).secret)
    two_factor.confirm_enrolment(learner, totp.totp(secret, time.time()))
    issued = issue_to(EMAIL)
    assert issued.claim_token is not None
    target = url("claim", token=issued.claim_token)

    password = client.post(target, {"password": PASSWORD})  # form 1
    assert password["Location"] == "/en/accounts/sign-in/code/"
    assert "_auth_user_id" not in client.session
    code = client.post(password["Location"], {"code": totp.totp(secret, time.time() + 30)})  # 2
    assert code["Location"] == target
    assert "Save to my passport" in page(client.get(target))
    saved = client.post(target)  # form 3
    assert saved["Location"] == url("passport")
    assert WalletItem.objects.get(owner=learner).award_public_id == issued.award.public_id
