"""The API's messages follow the request's language (the catalogues themselves are checked
for every app by tests/test_translations.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from microcred.api.errors import not_found


@pytest.mark.django_db
def test_messages_follow_the_request_language(client: Client) -> None:
    """Turkish requests get Turkish errors."""
    with translation.override("tr"):
        assert not_found().message == "Böyle bir kaynak yok."
    response = client.post(
        "/credentials/verify", data=b"{", content_type="application/json",
        headers={"Accept-Language": "tr"},
    )  # fmt: skip
    assert response.json()["message"] == "İstek gövdesi geçerli bir JSON değil."
