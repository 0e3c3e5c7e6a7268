"""The learner, not the issuer, decides whether their name shows on a share link's page
and certificate: hidden unless they tick the box."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from microcred.accounts.models import User
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.organizations.keys import signer_for
from microcred.vc import Learner
from microcred.wallet import claims, shares
from microcred.wallet.models import ShareLink, WalletItem

from .conftest import MakeLearner, page, signed_in, url

pytestmark = pytest.mark.django_db
NAME = "Ayşe Yılmaz"


@pytest.fixture
def named_item(published: SpecificationVersion, make_learner: MakeLearner) -> WalletItem:
    """A credential whose issuer put the learner's name in it, in the learner's passport."""
    request = AwardRequest(
        Learner("ayse@uni.example", NAME, "AA", date(2026, 5, 15)),
        idempotency_key(published.public_id, "ayse@uni.example", "named"),
    )
    with signer_for(published.specification.organization) as signer:
        (issued,) = issue_awards(published, [request], signer=signer, include_name=True)
    return claims.claim(make_learner("ayse@uni.example"), issued.award)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    target = tmp_path / "certificate.pdf"
    target.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def test_the_name_is_hidden_unless_the_learner_chooses_it(
    client: Client, named_item: WalletItem, tmp_path: Path
) -> None:
    owner = named_item.owner
    assert isinstance(owner, User)
    _hidden, hidden_token = shares.create_share(owner, [named_item])
    _shown, shown_token = shares.create_share(owner, [named_item], show_name=True)

    hidden = page(Client().get(url("shared", token=hidden_token)))
    assert "Veri Okuryazarlığı / Data Literacy" in hidden
    assert NAME not in hidden
    shown = page(Client().get(url("shared", token=shown_token)))
    assert NAME in shown
    assert "Awarded to" in shown

    def certificate(token: str) -> str:
        response = Client().get(url("shared_pdf", token=token, item_id="1"))
        assert response.status_code == 200
        return pdf_text(response.content, tmp_path)

    assert NAME not in certificate(hidden_token)
    assert NAME in certificate(shown_token)


def test_the_share_form_leaves_the_box_unticked(client: Client, named_item: WalletItem) -> None:
    owner = named_item.owner
    assert isinstance(owner, User)
    signed_in(client, owner)
    form = page(client.get(url("shares")))
    assert 'name="show_name"' in form
    assert 'name="show_name" checked' not in form
    client.post(url("shares"), {"items": [str(named_item.pk)], "label": "CV"})
    client.post(url("shares"), {"items": [str(named_item.pk)], "label": "Mine", "show_name": "on"})
    assert dict(ShareLink.objects.values_list("label", "show_name")) == {"CV": False, "Mine": True}
    listing = page(client.get(url("shares")))
    assert "Hidden" in listing
    assert "Shown" in listing
