"""Review of the wallet: authorisation, secret-URL pages, view counts, deletion, uploads."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import models
from django.test import Client

from microcred.accounts.models import User
from microcred.infra.token_digest import token_digest
from microcred.wallet import claims, holder, shares
from microcred.wallet.models import ShareLink, WalletItem
from tests.conftest import PASSWORD

from .conftest import IssueTo, MakeLearner, signed_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(make_learner: MakeLearner) -> User:
    return make_learner("ayse@uni.example")


@pytest.fixture
def item(learner: User, issue_to: IssueTo) -> WalletItem:
    return claims.claim(learner, issue_to("ayse@uni.example").award)


ITEM_VIEWS = [
    ("item", "get"),
    ("item_download", "get"),
    ("item_recheck", "post"),
    ("item_pdf", "post"),
    ("item_remove", "post"),
]


@pytest.mark.parametrize(("name", "method"), ITEM_VIEWS)
def test_another_learners_item_is_not_found(
    client: Client, item: WalletItem, make_learner: MakeLearner, name: str, method: str
) -> None:
    signed_in(client, make_learner("mehmet@uni.example"))
    response = getattr(client, method)(url(name, item_id=item.public_id))
    assert response.status_code == 404
    assert WalletItem.objects.filter(pk=item.pk).exists()
    assert not ShareLink.objects.exists()  # item_pdf made no link for the stranger


def test_another_learners_share_cannot_be_revoked(
    client: Client, item: WalletItem, learner: User, make_learner: MakeLearner
) -> None:
    link, _token = shares.create_share(learner, [item])
    signed_in(client, make_learner("mehmet@uni.example"))
    assert client.post(url("share_revoke", share_id=link.public_id)).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("item_recheck", {"item_id": "x"}),
        ("item_pdf", {"item_id": "x"}),
        ("item_remove", {"item_id": "x"}),
        ("share_revoke", {"share_id": "x"}),
        ("delete_account", {}),
    ],
)
def test_state_changes_refuse_get(
    client: Client, learner: User, name: str, kwargs: dict[str, str]
) -> None:
    assert signed_in(client, learner).get(url(name, **kwargs)).status_code == 405


def test_forms_are_csrf_protected(item: WalletItem, learner: User) -> None:
    strict = Client(enforce_csrf_checks=True)
    signed_in(strict, learner)
    assert strict.post(url("item_remove", item_id=item.public_id)).status_code == 403
    assert strict.post(url("shares"), {"items": [str(item.pk)]}).status_code == 403
    assert WalletItem.objects.filter(pk=item.pk).exists()
    assert not ShareLink.objects.exists()


def _views(token: str) -> int:
    return ShareLink.objects.get(token_hash=token_digest(token)).view_count


def test_only_a_get_of_the_page_counts_as_a_view(
    client: Client, item: WalletItem, learner: User
) -> None:
    _link, token = shares.create_share(learner, [item])
    assert client.head(url("shared", token=token)).status_code == 200
    assert _views(token) == 0
    client.get(url("shared_download", token=token, item_id=item.public_id))
    assert _views(token) == 0
    assert client.get(url("shared", token=token)).status_code == 200
    assert _views(token) == 1


def test_the_owner_looking_at_their_own_link_is_not_a_view(
    client: Client, item: WalletItem, learner: User
) -> None:
    _link, token = shares.create_share(learner, [item])
    signed_in(client, learner).get(url("shared", token=token))
    assert _views(token) == 0


def _secret_headers(response: Any) -> None:
    assert "no-store" in response["Cache-Control"], response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_every_page_under_a_share_token_is_uncached_and_sends_no_referrer(
    client: Client, item: WalletItem, learner: User
) -> None:
    link, token = shares.create_share(learner, [item])
    _secret_headers(client.get(url("shared", token=token)))
    _secret_headers(client.get(url("shared_download", token=token, item_id=item.public_id)))
    _secret_headers(client.get(url("shared_pdf", token=token, item_id=item.public_id)))
    _secret_headers(client.get(url("shared", token="no-such-token")))
    shares.revoke_share(learner, link.public_id)
    _secret_headers(client.get(url("shared", token=token)))


def test_the_gone_page_says_nothing_about_the_holder(
    client: Client, item: WalletItem, learner: User
) -> None:
    link, token = shares.create_share(learner, [item], label="For Acme Ltd")
    shares.revoke_share(learner, link.public_id)
    text = client.get(url("shared", token=token)).content.decode()
    for secret in ("For Acme Ltd", "ayse@uni.example", "Ayşe", item.public_id, link.public_id):
        assert secret not in text


def _rows_pointing_at(user: User, removed_items: list[int]) -> list[str]:
    """Every row of every table with a foreign key to the user or to a wallet item."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if not isinstance(field, models.ForeignKey):
                continue
            if field.related_model is User:
                ids = [user.pk]
            elif field.related_model is WalletItem:
                ids = removed_items
            else:
                continue
            if model._default_manager.filter(**{f"{field.name}__in": ids}).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_deletion_leaves_no_row_and_no_session_behind(
    client: Client, item: WalletItem, learner: User
) -> None:
    shares.create_share(learner, [item])
    holder.holder_key(learner)
    other_device = Client()
    signed_in(other_device, learner)
    assert other_device.get(url("passport")).status_code == 200
    signed_in(client, learner)
    response = client.post(url("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert _rows_pointing_at(learner, [item.pk]) == []
    sessions = [s.get_decoded() for s in Session.objects.all()]
    assert not [s for s in sessions if s.get("_auth_user_id") == str(learner.pk)]
    assert other_device.get(url("passport")).status_code == 302


def test_an_imported_file_never_touches_the_disk(
    client: Client, learner: User, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 16  # Django would spill anything bigger to /tmp

    def spilled(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the upload was written to a temporary file")

    monkeypatch.setattr(TemporaryUploadedFile, "__init__", spilled)
    signed_in(client, learner)
    upload = SimpleUploadedFile("c.json", b'{"name": "not a credential"}' + b" " * 500)
    response = client.post(url("import"), {"file": upload})
    assert response.status_code == 400
    assert 'data-code="wallet.import_needs_confirmation"' in response.content.decode()


def test_an_oversized_import_is_refused_without_reading_it_all(
    client: Client, learner: User, settings: Any
) -> None:
    settings.MICROCRED_VERIFY_MAX_BYTES = 1024
    signed_in(client, learner)
    upload = SimpleUploadedFile("big.json", b"{" + b" " * 200_000 + b"}")
    response = client.post(url("import"), {"file": upload})
    assert response.status_code in (400, 413)
    assert "larger than 1 KiB" in response.content.decode()
    assert not WalletItem.objects.exists()


def test_the_shared_page_and_its_files_name_no_id_of_ours(
    client: Client, item: WalletItem, learner: User
) -> None:
    second = WalletItem.objects.create(
        owner=learner, source="imported", raw='{"name": "Second"}', credential={"name": "Second"}
    )
    link, token = shares.create_share(learner, [item, second])
    text = client.get(url("shared", token=token)).content.decode()
    for internal in (item.public_id, second.public_id, link.public_id):
        assert internal not in text
    download = client.get(url("shared_download", token=token, item_id="2"))
    assert json.loads(download.content) == second.credential
    assert second.public_id not in download["Content-Disposition"]
    pdf = client.get(url("shared_pdf", token=token, item_id="1"))
    assert pdf["Content-Type"] == "application/pdf"
    assert item.public_id not in pdf["Content-Disposition"]
    for missing in ("0", "3", "99999999999999999999"):
        assert client.get(url("shared_download", token=token, item_id=missing)).status_code == 404


def test_a_claim_racing_another_gets_the_same_item_not_an_error(
    learner: User, issue_to: IssueTo, monkeypatch: pytest.MonkeyPatch
) -> None:
    award = issue_to("ayse@uni.example").award
    first = claims.claim(learner, award)
    monkeypatch.setattr(claims, "find_claimed", lambda user, award: None)  # the check raced
    assert claims.claim(learner, award) == first
    assert WalletItem.objects.filter(owner=learner).count() == 1


def test_the_holder_private_key_shows_nowhere(
    client: Client, item: WalletItem, learner: User, caplog: pytest.LogCaptureFixture
) -> None:
    """Not in a page, an export, a presentation, a log line, or the key row's repr."""
    caplog.set_level(logging.DEBUG)
    with holder.holder_signer(learner) as (key, pair):
        secrets = [pair.secret_multikey, pair.private_jwk()["d"]]
        stored = [bytes(key.sealed_seed).hex(), bytes(key.wrapped_data_key).hex()]
        assert not any(secret in repr(pair) for secret in secrets)
    signed_in(client, learner)
    seen = [
        client.get(url(name)).content.decode()
        for name in ("data", "export_personal", "export_presentation", "export_clr", "passport")
    ]
    seen += [caplog.text, repr(holder.holder_key(learner)), str(holder.holder_key(learner))]
    for text in seen:
        for secret in secrets + stored:
            assert secret not in text


def test_anonymous_certificate_rendering_is_rate_limited(
    client: Client, item: WalletItem, learner: User, settings: Any
) -> None:
    settings.MICROCRED_VERIFY_RATE = "1/minute"
    cache.clear()
    _link, token = shares.create_share(learner, [item])
    assert client.get(url("shared_pdf", token=token, item_id="1")).status_code == 200
    refused = client.get(url("shared_pdf", token=token, item_id="1"))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    _secret_headers(refused)
    assert client.get(url("shared", token=token)).status_code == 200  # its own budget
    cache.clear()
