"""What the issuing tests share: URLs, pages, awards made directly, the issue form, a CSV
of learners, and the public documents a verifier fetches (test modules never import each
other; fixtures are in ``conftest.py``)."""

from __future__ import annotations

import io
import json
from datetime import date
from html import unescape
from typing import Any

from django.test import Client
from django.urls import reverse

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.issuing.batches import prepare_batch
from microcred.issuing.models import Award
from microcred.organizations.keys import did_document, did_for, signer_for
from microcred.organizations.models import Organization
from microcred.vc import Learner
from tests.conftest import PASSWORD

#: Grades the published specification's scheme accepts, cycled through by ``learners_csv``.
PASSING = ("AA", "BA", "BB", "CB", "CC", "DC", "DD")


def url(name: str, lang: str = "en", **kwargs: str) -> str:
    path = reverse(f"issuing:{name}", kwargs=kwargs)
    return f"/{lang}/" + path.split("/", 2)[2]


def page(response: Any) -> str:
    return unescape(response.content.decode())


def signed_in(client: Client, user: Any) -> Client:
    assert client.login(username=user.email, password=PASSWORD)
    return client


def award_to(version: SpecificationVersion, *emails: str) -> list[Award]:
    requests = [
        AwardRequest(
            Learner(email, email.split("@")[0].title(), "", date(2026, 5, 1)),
            idempotency_key(version.public_id, email, "2026-05-01"),
        )
        for email in emails
    ]
    with signer_for(version.specification.organization) as signer:
        return [i.award for i in issue_awards(version, requests, signer=signer)]


def issue_form(version: SpecificationVersion, **changes: str) -> dict[str, str]:
    data = {
        "version": version.public_id,
        "name": "Ayşe Yılmaz",
        "email": "Ayse@Uni.example",
        "grade": "AA",
        "awarded_on": "2026-05-15",
        "evidence_url": "https://evidence.example/ayse",
        "include_name": "on",
    }
    return {**data, **changes}


def documents_for(client: Client, organization: Organization) -> dict[str, Any]:
    """Everything a verifier needs, fetched over HTTP as an outsider would."""
    did = did_for(organization)
    response = client.get(f"/orgs/{organization.slug}/did.json")
    assert response.status_code == 200
    documents: dict[str, Any] = {did: response.json()}
    assert documents[did] == did_document(organization)
    return documents


def fetch_documents(client: Client, organization: Organization, award: Award) -> dict[str, Any]:
    """The issuer's DID document and the award's status lists, fetched over HTTP."""
    documents = documents_for(client, organization)
    for entry in award.credential["credentialStatus"]:
        address = entry["statusListCredential"]
        response = client.get(address.removeprefix("http://localhost:8000"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vc"
        documents[address] = json.loads(response.content)
    return documents


def learners_csv(count: int, *, bad: dict[int, str] | None = None) -> bytes:
    """A CSV of ``count`` passing learners; ``bad`` spoils given physical lines."""
    lines = ["name,email,grade,date"]
    for i in range(count):
        line = i + 2
        name, email, day = f"Learner {i}", f"learner{i}@uni.example", "2026-05-01"
        match (bad or {}).get(line):
            case "email":
                email = "not-an-address"
            case "date":
                day = "2999-01-01"
            case "name":
                name = ""
        lines.append(f"{name},{email},{PASSING[i % len(PASSING)]},{day}")
    return ("\r\n".join(lines) + "\r\n").encode()


def prepare(org: Organization, version: SpecificationVersion, data: bytes) -> Any:
    return prepare_batch(org, version, io.BytesIO(data), filename="cohort.csv", by=None)
