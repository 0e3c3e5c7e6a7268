"""Issue 12 in the wallet: import and re-check under the shared rate limit, verified once,
hostile text refused precisely; the public share page keeps its verdicts and is limited."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from microcred.accounts.models import User
from microcred.wallet import claims, imports, share_answers, shares
from microcred.wallet.models import WalletItem

from .conftest import IssueTo, MakeLearner, page, revoke, signed_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client: Client, make_learner: MakeLearner) -> User:
    user = make_learner("ayse@uni.example")
    signed_in(client, user)
    return user


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every verification the wallet asks for (the real one still runs)."""
    calls: list[str] = []

    def spy(module: Any) -> None:
        real = module.verify_document

        def counted(data: Any, **kwargs: Any) -> Any:
            calls.append(module.__name__)
            return real(data, **kwargs)

        monkeypatch.setattr(module, "verify_document", counted)

    spy(imports)
    spy(share_answers)
    return calls


def test_import_is_limited_before_the_upload_is_read(
    client: Client, learner: User, settings: Any, verifications: list[str]
) -> None:
    settings.MICROCRED_VERIFY_RATE = "1/minute"
    assert client.post(url("import"), {"text": "{}"}).status_code == 400
    response = client.post(
        url("import"), b"--x\r\nbroken", content_type="multipart/form-data; boundary=x"
    )
    assert response.status_code == 429
    assert 'data-code="wallet.rate_limited"' in page(response)
    assert verifications == ["microcred.wallet.imports"]  # the first request's only
    assert not WalletItem.objects.exists()


def test_an_unverifiable_import_is_verified_once(
    client: Client, issue_to: IssueTo, learner: User, verifications: list[str]
) -> None:
    credential = issue_to("other@person.example").award.credential
    credential["name"] = "Changed"
    response = client.post(url("import"), {"text": json.dumps(credential)})
    assert 'data-code="wallet.import_needs_confirmation"' in page(response)
    assert verifications == ["microcred.wallet.imports"]


@pytest.mark.parametrize("pasted", ['{"name": "\\ud800"}', '{"a": 1, "a": 2}'])
def test_hostile_text_is_refused_precisely(client: Client, learner: User, pasted: str) -> None:
    response = client.post(url("import"), {"text": pasted, "keep_unverified": "on"})
    assert response.status_code == 400
    assert 'data-code="wallet.import_unreadable"' in page(response)
    assert not WalletItem.objects.exists()


def test_recheck_is_under_the_rate_limit(
    client: Client, issue_to: IssueTo, learner: User, settings: Any
) -> None:
    text = json.dumps(issue_to("other@person.example").award.credential)
    item = imports.keep(learner, text, keep_unverified=False)
    first_check = item.checked_at
    settings.MICROCRED_VERIFY_RATE = "1/minute"
    client.post(url("item_recheck", item_id=item.public_id))
    checked_once = WalletItem.objects.get().checked_at
    assert checked_once != first_check
    response = client.post(url("item_recheck", item_id=item.public_id), follow=True)
    assert WalletItem.objects.get().checked_at == checked_once
    assert "Too many verifications" in page(response)


def test_the_share_page_keeps_its_verdict_and_still_shows_a_revocation(
    client: Client, issue_to: IssueTo, learner: User, verifications: list[str]
) -> None:
    issued = issue_to("ayse@uni.example")
    _link, token = shares.create_share(learner, [claims.claim(learner, issued.award)])
    anonymous = Client()
    for _ in range(3):
        assert 'data-verdict="valid"' in page(anonymous.get(url("shared", token=token)))
    assert len(verifications) == 1
    revoke(issued, "Exam result annulled")  # our list's version changes: verified afresh
    assert 'data-verdict="revoked"' in page(anonymous.get(url("shared", token=token)))
    assert len(verifications) == 2


def test_share_page_views_are_rate_limited(
    client: Client, issue_to: IssueTo, learner: User, settings: Any
) -> None:
    issued = issue_to("ayse@uni.example")
    _link, token = shares.create_share(learner, [claims.claim(learner, issued.award)])
    settings.MICROCRED_VERIFY_RATE = "2/minute"
    anonymous = Client()
    assert [anonymous.get(url("shared", token=token)).status_code for _ in range(3)] == [
        200, 200, 429,
    ]  # fmt: skip
