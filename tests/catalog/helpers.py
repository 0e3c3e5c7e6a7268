"""What the catalogue's tests share (test modules never import each other)."""

from __future__ import annotations

from html import unescape

from django.test import Client
from django.urls import reverse

from microcred.catalog.models import SpecificationVersion
from microcred.organizations.models import Organization
from tests.catalog.conftest import complete_data


def url(name: str, org: Organization, lang: str = "en", **kwargs: str) -> str:
    path = reverse(f"catalog:{name}", kwargs={"org": org.slug, **kwargs})
    return f"/{lang}/" + path.split("/", 2)[2]


def create(
    client: Client, org: Organization, lang: str = "en", **changes: object
) -> SpecificationVersion:
    response = client.post(url("new", org, lang), complete_data(**changes))
    assert response.status_code == 302, unescape(response.content.decode())
    return SpecificationVersion.objects.get(public_id=response["Location"].split("/v/")[1][:-1])
