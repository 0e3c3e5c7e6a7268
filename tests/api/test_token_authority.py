"""A token acts on its creator's authority, and the audit log names both token and creator."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.test import Client

from microcred.accounts.models import User
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.audit import events_of, who
from microcred.issuing.models import Award
from microcred.organizations.models import Organization
from microcred.organizations.models.people import ApiToken
from microcred.organizations.roles import Role
from microcred.organizations.tokens import create_token
from tests.conftest import MakeMember

from .conftest import call

pytestmark = pytest.mark.django_db
TOKENS = "/en/orgs/anadolu-uni/tokens/"


@pytest.fixture
def admins(
    client: Client, organization: Organization, make_member: MakeMember
) -> tuple[Client, User, User]:
    """A signed-in admin (``client``), and a second admin who made an API token."""
    first = make_member(organization, Role.ADMIN, email="first@anadolu-uni.example")
    maker = make_member(organization, Role.ADMIN, Role.ISSUER, email="maker@anadolu-uni.example")
    client.force_login(first)
    return client, first, maker


def make_token_as(user: User, organization: Organization) -> str:
    _row, plain = create_token(
        organization, name="LMS", scopes=["issue", "read", "revoke"], created_by=user
    )
    return plain.reveal()


def issue(client: Client, token: str, version: SpecificationVersion) -> Any:
    body = {"specification": version.public_id, "learner": {"email": "ayse@uni.example"}}
    return call(client, "post", "/api/v1/awards", body, token)


def refused(response: Any) -> None:
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "organizations.token_creator_not_authorised"


@pytest.mark.parametrize(
    "change",
    [
        ("/en/orgs/anadolu-uni/members/remove/", {}),
        ("/en/orgs/anadolu-uni/members/roles/", {"roles": ["issuer"]}),
    ],
    ids=["removed", "no-longer-admin"],
)
def test_token_stops_working_when_its_creator_loses_the_admin_role(
    admins: tuple[Client, User, User],
    organization: Organization,
    published: SpecificationVersion,
    change: tuple[str, dict[str, Any]],
) -> None:
    client, _first, maker = admins
    token = make_token_as(maker, organization)
    api = Client()
    assert issue(api, token, published).status_code == 201
    assert "Inactive" not in client.get(TOKENS).content.decode()
    path, data = change
    assert client.post(path, {"email": maker.email, **data}).status_code == 302
    refused(issue(api, token, published))
    refused(call(api, "get", f"/api/v1/awards/{Award.objects.get().public_id}", token=token))
    refused(call(api, "post", "/credentials/issue", {"credential": {}}, token))
    assert Award.objects.count() == 1
    listing = client.get(TOKENS).content.decode()
    assert "Inactive: its creator is no longer an admin of this organisation." in listing
    assert maker.email in listing
    turkish = client.get(TOKENS.replace("/en/", "/tr/")).content.decode()
    assert "Etkin değil: oluşturan kişi artık bu kuruluşun yöneticisi değil." in turkish
    message = api.get(
        "/api/v1/awards/x", headers={"Authorization": f"Bearer {token}", "Accept-Language": "tr"}
    )
    assert "artık kuruluşun yöneticisi değil" in message.json()["message"]


def test_a_deactivated_or_deleted_creator_ends_the_token_too(
    admins: tuple[Client, User, User], organization: Organization, published: SpecificationVersion
) -> None:
    _client, _first, maker = admins
    token = make_token_as(maker, organization)
    User.objects.filter(pk=maker.pk).update(is_active=False)
    refused(issue(Client(), token, published))
    User.objects.filter(pk=maker.pk).delete()
    assert ApiToken.objects.get().created_by is None
    refused(issue(Client(), token, published))
    assert not Award.objects.exists()


def test_a_platform_admins_token_keeps_working(
    organization: Organization, published: SpecificationVersion
) -> None:
    root = User.objects.create_superuser("root@platform.example", "a long password here")
    assert issue(Client(), make_token_as(root, organization), published).status_code == 201


def test_audit_events_of_api_calls_name_the_token_and_its_creator(
    admins: tuple[Client, User, User], organization: Organization, published: SpecificationVersion
) -> None:
    client, _first, maker = admins
    token = make_token_as(maker, organization)
    row = ApiToken.objects.get()
    award = issue(Client(), token, published).json()
    revoked = call(Client(), "post", f"/api/v1/awards/{award['id']}/revoke", {"reason": "x"}, token)
    assert revoked.status_code == 200
    events = list(events_of(organization).filter(target=award["id"]).order_by("pk"))
    assert [e.action for e in events] == ["issued", "revoke"]
    for event in events:
        assert event.actor == maker
        assert event.details["api_token"] == {"id": row.public_id, "name": "LMS"}
        assert who(event) == f"maker@anadolu-uni.example, through API token “LMS” ({row.public_id})"
    assert Award.objects.get().issued_by == maker
    page = unescape(client.get("/en/issuing/anadolu-uni/audit/").content.decode())
    assert f"maker@anadolu-uni.example, through API token “LMS” ({row.public_id})" in page
