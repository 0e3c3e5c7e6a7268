"""After signing in a person lands where their work is, and every organisation page shows
the organisation's navigation with the sections their roles open."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.conftest import PASSWORD, MakeMember

from microcred.accounts.models import User
from microcred.organizations.models import Membership, Organization
from microcred.organizations.roles import Role

pytestmark = pytest.mark.django_db


def _landing(client: Client, user: User) -> str:
    client.force_login(user)
    response = client.get("/en/start/")
    assert response.status_code == 302
    return str(response["Location"])


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get("/tr/start/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tr/accounts/sign-in/")


def test_signing_in_goes_to_the_landing_page(client: Client, db: None) -> None:
    User.objects.create_user("ada@example.org", PASSWORD)
    response = client.post(
        "/en/accounts/sign-in/", {"username": "ada@example.org", "password": PASSWORD}
    )
    assert response["Location"] == "/en/start/"


def test_a_learner_lands_on_the_passport(client: Client) -> None:
    learner = User.objects.create_user("learner@example.org", PASSWORD)
    assert _landing(client, learner) == "/en/wallet/"


def test_a_member_of_one_organisation_lands_on_its_start_page(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    officer = make_member(organization, Role.ISSUER)
    assert _landing(client, officer) == f"/en/orgs/{organization.slug}/"


def test_a_member_of_several_organisations_chooses(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
) -> None:
    person = make_member(organization, Role.DESIGNER)
    Membership.objects.create(organization=other_organization, user=person, role=Role.ISSUER)
    assert _landing(client, person) == "/en/accounts/"


def test_the_platform_admin_without_memberships_sees_every_organisation(client: Client) -> None:
    admin = User.objects.create_user("root@example.org", PASSWORD, is_superuser=True)
    assert _landing(client, admin) == "/en/orgs/"


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        (Role.DESIGNER, ["/catalog/anadolu-uni/specifications/new"], ["/issuing/", "/members/"]),
        (
            Role.ISSUER,
            ["/issuing/anadolu-uni/issue/", "/issuing/anadolu-uni/batches/"],
            ["/specifications/new", "/members/"],
        ),
        (
            Role.ADMIN,
            [
                "/orgs/anadolu-uni/members/",
                "/orgs/anadolu-uni/keys/",
                "/issuing/anadolu-uni/audit/",
            ],
            [],
        ),
    ],
)
def test_the_start_page_offers_the_next_actions_of_each_role(
    client: Client,
    organization: Organization,
    make_member: MakeMember,
    role: Role,
    present: list[str],
    absent: list[str],
) -> None:
    client.force_login(make_member(organization, role))
    page = client.get(f"/en/orgs/{organization.slug}/").content.decode()
    actions = page[page.index('<ul class="cards">') :]
    for link in present:
        assert link in actions, link
    for link in absent:
        assert link not in actions, link


@pytest.mark.parametrize(
    "path",
    [
        "/tr/catalog/anadolu-uni/specifications/",
        "/tr/issuing/anadolu-uni/awards/",
        "/tr/issuing/anadolu-uni/batches/",
        "/tr/orgs/anadolu-uni/members/",
        "/tr/strategy/anadolu-uni/",
    ],
)
def test_every_organisation_page_carries_the_organisation_bar(
    client: Client, organization: Organization, make_member: MakeMember, path: str
) -> None:
    client.force_login(make_member(organization, Role.ADMIN))
    page = client.get(path).content.decode()
    assert page.count('class="org-nav"') == 1
    assert 'aria-label="Kuruluş: Anadolu Üniversitesi"' in page
    for section in ("Tanımlar", "Belge verme", "Strateji", "Yönetim"):
        assert f">{section}</a>" in page, section
