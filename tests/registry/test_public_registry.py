"""The public registry, for anyone without an account: pages in both languages, search and
filters, the JSON API, and the signed trust lists served like every public document."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from microcred.accounts.models import User
from microcred.catalog.models import SpecificationVersion
from microcred.organizations.keys import did_for
from microcred.organizations.models import Organization
from microcred.registry import decisions
from microcred.registry.models import Application
from microcred.vc.contexts.integrity import pinned_bytes
from microcred.vc.trustlist import TRUST_LIST_CONTEXT_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def recognised(submitted: Application, reviewer: User) -> Organization:
    decisions.decide_application(
        submitted,
        outcome="recognised",
        reason="Meets every criterion.",
        by=reviewer,
        valid_from=timezone.now() - timedelta(days=30),
        valid_until=timezone.now() + timedelta(days=700),
        eqf_levels=[6],
        fields_of_study=["Education"],
    )
    return submitted.provider


def test_the_registry_pages_answer_without_sign_in(
    client: Client, recognised: Organization, body: Organization, published: SpecificationVersion
) -> None:
    for lang, words in (("en", "Recognised by"), ("tr", "tarafından")):
        index = client.get(f"/{lang}/registry/").content.decode()
        assert published.title in index
        assert words in index
        assert "Kalite Kurulu" in client.get(f"/{lang}/registry/qa-bodies/").content.decode()
        page = client.get(f"/{lang}/registry/qa-bodies/{body.slug}/").content.decode()
        assert recognised.name in page
        assert "Meets every criterion." in page  # the decision and its reason
        assert recognised.name in client.get(f"/{lang}/registry/providers/").content.decode()
        issuer = client.get(f"/{lang}/registry/issuers/{recognised.slug}/").content.decode()
        assert words in issuer
        achievement = client.get(f"/{lang}/registry/achievements/{published.public_id}/")
        assert words in achievement.content.decode()
    assert client.get("/en/registry/qa-bodies/anadolu-uni/").status_code == 404  # a provider


def test_search_and_filters(
    client: Client, published: SpecificationVersion, organization: Organization
) -> None:
    def titles(query: str) -> bool:
        return published.title in client.get(f"/en/registry/?{query}").content.decode()

    assert titles("q=" + published.title.upper().replace("I", "İ")[:12])
    assert titles("eqf=6&tqf=6&country=TR&provider=anadolu-uni")
    assert not titles("eqf=3")
    assert titles("ects_min=1&ects_max=10")
    assert not titles("ects_min=50")
    assert not titles("provider=other-academy")
    assert titles("eqf=banana&ects_min=x")  # unreadable filters are ignored


def test_the_json_api(
    client: Client, recognised: Organization, body: Organization, published: SpecificationVersion
) -> None:
    bodies = client.get("/api/v1/registry/qa-bodies")
    assert bodies["Access-Control-Allow-Origin"] == "*"
    assert bodies.json()[0]["did"] == did_for(body)
    (provider,) = client.get("/api/v1/registry/providers").json()
    assert provider["did"] == did_for(recognised)
    assert provider["recognitions"][0]["eqfLevels"] == [6]
    offers = client.get("/api/v1/registry/micro-credentials?eqf=6").json()
    assert offers["count"] == 1
    assert offers["items"][0]["recognitions"][0]["body"] == "Kalite Kurulu"
    assert offers["items"][0]["approvedBy"] is None
    assert client.get("/api/v1/registry/micro-credentials?eqf=3").json()["count"] == 0
    assert client.get("/api/v1/registry/micro-credentials?eqf=12").status_code == 422
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/registry/micro-credentials" in schema["paths"]


def test_the_trust_list_is_served_like_a_public_document(
    client: Client, recognised: Organization, body: Organization
) -> None:
    latest = client.get("/registry/trust-lists/kalite", HTTP_ACCEPT="application/vc")
    assert latest.status_code == 200
    assert latest["Content-Type"] == "application/vc"
    assert latest["Access-Control-Allow-Origin"] == "*"
    document = json.loads(latest.content)
    number = document["credentialSubject"]["listVersion"]
    assert number == 2  # the empty list at creation, then the recognition
    again = client.get(
        "/registry/trust-lists/kalite",
        HTTP_ACCEPT="application/vc",
        HTTP_IF_NONE_MATCH=latest["ETag"],
    )
    assert again.status_code == 304
    first = json.loads(client.get("/registry/trust-lists/kalite/v1").content)
    assert first["credentialSubject"]["recognition"] == []
    assert client.get("/registry/trust-lists/kalite/v9").status_code == 404
    assert client.get("/registry/trust-lists/anadolu-uni").status_code == 404
    page = client.get("/registry/trust-lists/kalite", HTTP_ACCEPT="text/html")
    assert page.status_code == 303
    assert client.post("/registry/trust-lists/kalite").status_code == 405
    context = client.get("/contexts/trust-list/v1.jsonld")
    assert context.content == pinned_bytes(TRUST_LIST_CONTEXT_URL)
    assert document["relatedResource"][0]["id"].endswith("/contexts/trust-list/v1.jsonld")
