"""The demo's desk: one request waits for the demo's recognition reviewer, its credential
verified on submission, and the reviewer finds it from the start page."""

from __future__ import annotations

import pytest
from django.test import Client

from microcred.accounts.models import User
from microcred.recognition.models import Request
from microcred.web.demo.recognition import RPL_REVIEWER
from microcred.web.demo.seed import SLUG, seed

from .conftest import text

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_request_waiting_for_its_reviewer(client: Client) -> None:
    seeded = seed()
    assert RPL_REVIEWER in seeded.accounts
    (waiting,) = Request.objects.all()
    assert not waiting.decisions.exists()
    (credential,) = waiting.credentials.all()
    assert credential.report["verified"] is True
    assert credential.facts["trust"]["code"] == "issuer_recognised"
    client.force_login(User.objects.get(email=RPL_REVIEWER))
    start = text(client.get(f"/tr/orgs/{SLUG}/"))
    assert "1 tanınma talebi karar bekliyor." in start
    review = text(client.get(f"/tr/recognition/desk/{SLUG}/requests/{waiting.public_id}/"))
    assert "Veri Analizine Giriş" in review
