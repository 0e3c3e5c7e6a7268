"""The key management pages: admins only, this organisation only, public facts only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from microcred.keystore import get_keystore
from microcred.organizations import keys
from microcred.organizations.models import Organization
from microcred.organizations.models.keys import SigningKey
from microcred.organizations.roles import Role
from tests.conftest import PASSWORD, MakeMember
from tests.organizations.keys_support import (  # noqa: F401
    URLCONF,
    kek,
    leaks,
    plain_static,
    seed_of,
)

pytestmark = [pytest.mark.usefixtures("kek", "plain_static"), pytest.mark.urls(URLCONF)]
LIST = "/en/orgs/anadolu-uni/keys/"
ROTATE = LIST + "rotate/"
NON_ADMIN_ROLES = [Role.DESIGNER, Role.ISSUER, Role.QA_REVIEWER]


def retire_url(key: SigningKey) -> str:
    return f"/en/orgs/{key.organization.slug}/keys/{key.public_id}/retire/"


def retire_data(**changes: str) -> dict[str, str]:
    past = (timezone.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    return {"effective": past, "reason": "The laptop holding a backup was stolen.", **changes}


def signed_in(client: Client, make_member: MakeMember, org: Organization, *roles: Role) -> Client:
    user = make_member(org, *roles)
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def admin(client: Client, make_member: MakeMember, organization: Organization) -> Client:
    return signed_in(client, make_member, organization, Role.ADMIN)


def test_admin_sees_keys_but_no_private_material(admin: Client, organization: Organization) -> None:
    key = keys.ensure_signing_key(organization)
    keys.rotate(organization, by=None)
    with keys.signer_for(organization) as signer:
        seeds = [seed_of(signer.key)]
    with get_keystore().signer(key.ref()) as old:
        seeds.append(seed_of(old))
    response = admin.get(LIST)
    assert response.status_code == 200
    page = response.content
    for expected in (b"#key-1", b"#key-2", b"Superseded", b"Active", key.public_multikey.encode()):
        assert expected in page
    assert keys.did_for(organization).encode() in page
    assert b"/orgs/anadolu-uni/did.json" in page
    for seed in seeds:
        assert not leaks(page, seed)
    assert not leaks(page, bytes(key.sealed_seed))
    assert not leaks(page, bytes(key.wrapped_data_key))
    assert response["Cache-Control"].startswith("max-age=0")


def test_turkish_page(admin: Client, organization: Organization) -> None:
    keys.ensure_signing_key(organization)
    page = admin.get("/tr/orgs/anadolu-uni/keys/").content.decode()
    assert "İmza anahtarları" in page
    assert "mikro-yeterlilik" in page


def test_admin_rotates(admin: Client, organization: Organization) -> None:
    keys.ensure_signing_key(organization)
    response = admin.post(ROTATE, follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "key-2" in response.content.decode()
    assert [k.status for k in keys.list_keys(organization)] == ["superseded", "active"]


def test_first_key_is_made_from_the_page(admin: Client, organization: Organization) -> None:
    assert b"There is no signing key yet" in admin.get(LIST).content
    assert admin.post(ROTATE).status_code == 302
    assert [k.fragment for k in keys.list_keys(organization)] == ["key-1"]


def test_admin_retires(admin: Client, organization: Organization) -> None:
    key = keys.ensure_signing_key(organization)
    response = admin.post(retire_url(key), retire_data())
    assert response.status_code == 302
    assert response["Location"] == LIST
    key.refresh_from_db()
    assert key.status == "retired"
    assert key.retire_reason.startswith("The laptop")
    assert key.retired_by is not None
    assert key.retired_by.email.startswith("admin@")
    assert keys.active_key(organization) is not None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": ""}, "This field is required."),
        (
            {"effective": (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")},
            "The date cannot be in the future.",
        ),
        ({"effective": "yesterday"}, "Enter a valid date/time."),
    ],
)
def test_bad_retirement_says_why_and_changes_nothing(
    admin: Client, organization: Organization, changes: dict[str, str], message: str
) -> None:
    key = keys.ensure_signing_key(organization)
    response = admin.post(retire_url(key), retire_data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    key.refresh_from_db()
    assert key.status == "active"
    assert SigningKey.objects.count() == 1


def test_retiring_twice_is_explained(admin: Client, organization: Organization) -> None:
    key = keys.ensure_signing_key(organization)
    keys.retire(key, effective=timezone.now(), reason="lost", by=None)
    response = admin.post(retire_url(key), retire_data())
    assert response.status_code == 400
    assert "This key is already retired." in response.content.decode()


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_other_roles_are_refused(
    client: Client, make_member: MakeMember, organization: Organization, role: Role
) -> None:
    key = keys.ensure_signing_key(organization)
    signed_in(client, make_member, organization, role)
    assert client.get(LIST).status_code == 403
    assert client.post(ROTATE).status_code == 403
    assert client.post(retire_url(key), retire_data()).status_code == 403
    assert [k.status for k in keys.list_keys(organization)] == ["active"]


def test_admins_of_other_organisations_get_404(
    client: Client,
    make_member: MakeMember,
    organization: Organization,
    other_organization: Organization,
) -> None:
    key = keys.ensure_signing_key(organization)
    signed_in(client, make_member, other_organization, Role.ADMIN)
    assert client.get(LIST).status_code == 404
    assert client.post(ROTATE).status_code == 404
    assert client.post(retire_url(key), retire_data()).status_code == 404
    assert [k.status for k in keys.list_keys(organization)] == ["active"]


def test_a_key_of_another_organisation_is_404_even_for_an_admin(
    admin: Client, organization: Organization, other_organization: Organization
) -> None:
    theirs = keys.ensure_signing_key(other_organization)
    url = f"/en/orgs/anadolu-uni/keys/{theirs.public_id}/retire/"
    assert admin.post(url, retire_data()).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "active"


def test_anonymous_is_sent_to_sign_in(client: Client, organization: Organization) -> None:
    assert client.get(LIST).status_code == 302
    assert client.post(ROTATE).status_code == 302
    assert not keys.list_keys(organization)


def test_platform_admin_may_manage_keys(client: Client, organization: Organization) -> None:
    from microcred.accounts.models import User

    User.objects.create_superuser("root@platform.example", PASSWORD)
    assert client.login(email="root@platform.example", password=PASSWORD)
    assert client.post(ROTATE).status_code == 302
    assert client.get(LIST).status_code == 200


def test_get_is_not_allowed_on_actions(admin: Client, organization: Organization) -> None:
    key = keys.ensure_signing_key(organization)
    assert admin.get(ROTATE).status_code == 405
    assert admin.get(retire_url(key)).status_code == 405
