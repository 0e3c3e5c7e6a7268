"""The passport and credential pages: grouping, totals, status with the issuer's reason,
the status history, exact downloads, and that nobody else sees a learner's items."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from pypdf import PdfReader

from microcred.accounts.models import User
from microcred.issuing.awards import Issued
from microcred.wallet import claims
from microcred.wallet.models import WalletItem

from .conftest import IssueTo, MakeLearner, page, revoke, signed_in, url

pytestmark = pytest.mark.django_db

SKILL = "http://data.europa.eu/esco/skill/aeecc330-0be9-419f-bddb-5218de926004"


def claimed(learner: User, issued: Issued) -> WalletItem:
    return claims.claim(learner, issued.award)


@pytest.fixture
def learner(make_learner: MakeLearner) -> User:
    return make_learner("ayse@uni.example")


def test_passport_groups_by_issuer_and_skill_with_totals(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    claimed(learner, issue_to("ayse@uni.example"))
    response = signed_in(client, learner).get(url("passport"))
    assert response.status_code == 200
    text = page(response)
    assert "Anadolu Üniversitesi" in text
    assert "Veri Okuryazarlığı / Data Literacy" in text
    assert '<dd class="ects-total">2.5</dd>' in text
    assert "EQF level 6" in text
    assert "TQF level 6" in text
    assert SKILL in text
    assert 'data-status="valid"' in text


def test_revoked_credential_stays_with_reason_and_leaves_the_totals(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    issued = issue_to("ayse@uni.example")
    item = claimed(learner, issued)
    revoke(issued, "Exam result annulled")
    signed_in(client, learner)
    text = page(client.get(url("passport")))
    assert 'data-status="revoked"' in text
    assert "Exam result annulled" in text
    assert '<dd class="ects-total">0</dd>' in text
    assert SKILL not in text  # no longer evidence of the skill
    detail = page(client.get(url("item", item_id=item.public_id)))
    assert 'data-action="issued"' in detail
    assert 'data-action="revoke"' in detail
    assert detail.index('data-action="issued"') < detail.index('data-action="revoke"')
    assert "Revoked: " in detail
    assert "Exam result annulled" in detail


def test_download_is_exactly_what_was_issued_even_when_revoked(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    issued = issue_to("ayse@uni.example")
    item = claimed(learner, issued)
    revoke(issued, "Exam result annulled")
    response = signed_in(client, learner).get(url("item_download", item_id=item.public_id))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    assert json.loads(response.content) == issued.award.credential
    assert "proof" in json.loads(response.content)


def test_pages_need_sign_in(client: Client, issue_to: IssueTo, learner: User) -> None:
    item = claimed(learner, issue_to("ayse@uni.example"))
    for target in (url("passport"), url("item", item_id=item.public_id), url("shares")):
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/sign-in/")


def test_another_learners_items_are_not_found(
    client: Client, issue_to: IssueTo, learner: User, make_learner: MakeLearner
) -> None:
    item = claimed(learner, issue_to("ayse@uni.example"))
    signed_in(client, make_learner("mehmet@uni.example"))
    assert "Data Literacy" not in page(client.get(url("passport")))
    for name in ("item", "item_download"):
        assert client.get(url(name, item_id=item.public_id)).status_code == 404
    for name in ("item_pdf", "item_remove", "item_recheck"):
        assert client.post(url(name, item_id=item.public_id)).status_code == 404
    assert WalletItem.objects.filter(pk=item.pk).exists()


def test_learner_may_remove_an_item(client: Client, issue_to: IssueTo, learner: User) -> None:
    item = claimed(learner, issue_to("ayse@uni.example"))
    response = signed_in(client, learner).post(url("item_remove", item_id=item.public_id))
    assert response.status_code == 302
    assert not WalletItem.objects.filter(pk=item.pk).exists()


def test_printable_certificate_is_a_pdf_with_a_share_link(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    item = claimed(learner, issue_to("ayse@uni.example"))
    response = signed_in(client, learner).post(url("item_pdf", item_id=item.public_id))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    link = learner.share_links.get()
    assert list(link.items.all()) == [item]
    assert link.label == "Certificate link"
    assert link.certificate_for == item


def test_the_certificate_carries_the_issuers_logo(
    client: Client, issue_to: IssueTo, learner: User
) -> None:
    """The organisation's logo (its settings page) is on certificates of what it issued."""
    from microcred.wallet.documents.qr import qr_png

    issued = issue_to("ayse@uni.example")
    item = claimed(learner, issued)
    signed_in(client, learner)
    before = client.post(url("item_pdf", item_id=item.public_id)).content
    organization = issued.award.organization
    organization.logo, organization.logo_type = qr_png("logo", scale=2), "image/png"
    organization.save(update_fields=["logo", "logo_type"])
    after = client.post(url("item_pdf", item_id=item.public_id)).content
    images = [len(PdfReader(io.BytesIO(pdf)).pages[0].images) for pdf in (before, after)]
    assert images[1] == images[0] + 1


def test_turkish_passport(client: Client, issue_to: IssueTo, learner: User) -> None:
    claimed(learner, issue_to("ayse@uni.example"))
    text = page(signed_in(client, learner).get(url("passport", lang="tr")))
    assert "Pasaportum" in text
    assert "Geçerli" in text
