"""One digest for every secret token: what the database keeps is what a lookup computes."""

from __future__ import annotations

import hashlib

import pytest

from microcred.infra.token_digest import token_digest
from microcred.organizations.models import Organization
from microcred.organizations.tokens import Scope, authenticate_token, create_token

pytestmark = pytest.mark.django_db


def test_the_digest_is_sha256_hex_of_the_utf8_token() -> None:
    assert token_digest("ğüş-token") == hashlib.sha256("ğüş-token".encode()).hexdigest()
    assert token_digest("a") != token_digest("b")


def test_an_api_token_is_stored_as_its_digest_and_found_by_it() -> None:
    org = Organization.objects.create(slug="digest-uni", name="Digest University")
    stored, plain = create_token(org, name="ci", scopes=[Scope.READ], created_by=None)
    raw = plain.reveal()
    assert stored.secret_hash == token_digest(raw)
    assert raw not in stored.secret_hash
    grant = authenticate_token(raw)
    assert grant is not None
    assert grant.organization == org
