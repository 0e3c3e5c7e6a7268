"""Members page: admins change roles and remove people; the last admin stays."""

from __future__ import annotations

from django.test import Client

from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role
from tests.accounts.helpers import fast_passwords, static_sources
from tests.conftest import MakeMember

__all__ = ["fast_passwords", "static_sources"]


def _roles(organization: Organization, email: str) -> set[str]:
    rows = Membership.objects.filter(organization=organization, user__email=email)
    return set(rows.values_list("role", flat=True))


def test_admin_sees_members_and_changes_a_role(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    admin = make_member(organization, Role.ADMIN)
    issuer = make_member(organization, Role.ISSUER)
    client.force_login(admin)
    body = client.get("/en/orgs/anadolu-uni/members/").content.decode()
    assert admin.email in body
    assert issuer.email in body
    response = client.post(
        "/en/orgs/anadolu-uni/members/roles/",
        {"email": issuer.email, "roles": ["designer", "qa_reviewer"]},
    )
    assert response.status_code == 302
    assert _roles(organization, issuer.email) == {"designer", "qa_reviewer"}
    assert f"Roles of {issuer.email} saved." in client.get(response["Location"]).content.decode()


def test_admin_removes_a_member(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    client.force_login(make_member(organization, Role.ADMIN))
    issuer = make_member(organization, Role.ISSUER, Role.DESIGNER)
    response = client.post("/en/orgs/anadolu-uni/members/remove/", {"email": issuer.email})
    assert response.status_code == 302
    assert _roles(organization, issuer.email) == set()


def test_the_last_admin_cannot_be_demoted(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    admin = make_member(organization, Role.ADMIN)
    client.force_login(admin)
    response = client.post(
        "/en/orgs/anadolu-uni/members/roles/", {"email": admin.email, "roles": ["issuer"]}
    )
    assert response.status_code == 409
    assert "is the only admin. Make someone else an admin first." in response.content.decode()
    assert _roles(organization, admin.email) == {"admin"}


def test_the_last_admin_cannot_be_removed(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    admin = make_member(organization, Role.ADMIN, Role.ISSUER)
    client.force_login(admin)
    response = client.post("/en/orgs/anadolu-uni/members/remove/", {"email": admin.email})
    assert response.status_code == 409
    assert "is the only admin and cannot be removed." in response.content.decode()
    assert _roles(organization, admin.email) == {"admin", "issuer"}


def test_with_a_second_admin_the_first_may_step_down(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    first = make_member(organization, Role.ADMIN)
    make_member(organization, Role.ADMIN, email="second@example.org")
    client.force_login(first)
    response = client.post(
        "/en/orgs/anadolu-uni/members/roles/", {"email": first.email, "roles": ["issuer"]}
    )
    assert response.status_code == 302
    assert _roles(organization, first.email) == {"issuer"}


def test_no_roles_and_strangers_are_refused_precisely(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
) -> None:
    client.force_login(make_member(organization, Role.ADMIN))
    issuer = make_member(organization, Role.ISSUER)
    empty = client.post("/en/orgs/anadolu-uni/members/roles/", {"email": issuer.email})
    assert empty.status_code == 409
    assert "Choose at least one role" in empty.content.decode()
    assert _roles(organization, issuer.email) == {"issuer"}
    stranger = make_member(other_organization, Role.ADMIN)
    response = client.post("/en/orgs/anadolu-uni/members/remove/", {"email": stranger.email})
    assert response.status_code == 409
    assert "not a member of the organisation" in response.content.decode()
    assert _roles(other_organization, stranger.email) == {"admin"}


def test_members_page_in_turkish(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    client.force_login(make_member(organization, Role.ADMIN))
    body = client.get("/tr/orgs/anadolu-uni/members/").content.decode()
    assert "Üyeler" in body
    assert "Kuruluş yöneticisi" in body
    assert "Members" not in body
