"""Pathway pages over HTTP: designers and admins create, edit, add rules and publish; other
roles are refused (403), non-members and other organisations' pathways are 404; bad
rules get a precise, translated message and nothing is saved; learners follow a published
pathway, see their progress in the passport and request the stacked credential."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.test import Client

from microcred.accounts.models import User
from microcred.catalog.models import SpecificationVersion
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from microcred.pathways.models import Follow, Pathway, StackedCredential
from microcred.wallet.models import WalletItem
from tests.conftest import PASSWORD, MakeMember

from .conftest import IssueTo, Publish, Scenario, achievement_url, hold

pytestmark = pytest.mark.django_db


def signed_in(client: Client, user: User) -> Client:
    assert client.login(username=user.email, password=PASSWORD)
    return client


def text(response: Any) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def target(organization: Organization, publish: Publish) -> SpecificationVersion:
    return publish(organization, "Veri Bilimi Sertifika Programı")


BASICS = {
    "name_tr": "Veri Bilimi Sertifika Programı",
    "name_en": "Data Science Certificate Programme",
    "description_tr": "Açıklama",
    "description_en": "Description",
}


def _create(client: Client, org: Organization, target: SpecificationVersion) -> Pathway:
    response = client.post(
        f"/en/pathways/{org.slug}/new", {**BASICS, "target": target.specification.public_id}
    )
    assert response.status_code == 302, text(response)
    return Pathway.objects.get()


@pytest.mark.parametrize("role", [Role.DESIGNER, Role.ADMIN])
def test_designers_and_admins_create_add_rules_and_publish(
    client: Client,
    organization: Organization,
    make_member: MakeMember,
    target: SpecificationVersion,
    role: Role,
) -> None:
    signed_in(client, make_member(organization, role))
    overview = text(client.get(f"/en/orgs/{organization.slug}/"))
    assert f"/en/pathways/{organization.slug}/" in overview  # reachable from the start page
    pathway = _create(client, organization, target)
    edit = f"/en/pathways/{organization.slug}/{pathway.public_id}/"
    rule = {"kind": "all_of", "specs": [target.specification.public_id]}
    assert client.post(edit + "rules", rule).status_code == 302
    assert client.post(edit + "rules", {"kind": "min_ects", "ects": "2.5"}).status_code == 302
    page = text(client.get(edit))
    assert "All of: Veri Bilimi Sertifika Programı" in page
    assert "At least 2.5 ECTS credits from the counted micro-credentials" in page
    assert client.post(edit + "publish").status_code == 302
    pathway.refresh_from_db()
    assert pathway.status == Pathway.Status.PUBLISHED
    assert len(pathway.rules) == 2
    assert client.post(edit + "rules/1/remove").status_code == 302
    pathway.refresh_from_db()
    assert len(pathway.rules) == 1
    refused = client.post(edit + "rules/0/remove")
    assert refused.status_code == 409
    assert "keeps at least one rule" in text(refused)


def test_a_bad_rule_gets_a_precise_message_in_turkish_and_nothing_is_saved(
    client: Client,
    organization: Organization,
    make_member: MakeMember,
    target: SpecificationVersion,
) -> None:
    signed_in(client, make_member(organization, Role.DESIGNER))
    pathway = _create(client, organization, target)
    edit = f"/tr/pathways/{organization.slug}/{pathway.public_id}/"
    no_issuer = {"kind": "all_of", "achievements": "https://academy.example/a/ml"}
    response = client.post(edit + "rules", no_issuer)
    assert response.status_code == 400
    assert "Başka bir kurumun her başarısı için" in text(response)
    too_many = {"kind": "n_of", "n": "3", "specs": [target.specification.public_id]}
    assert "“N”" in text(client.post(edit + "rules", too_many))
    publish = client.post(edit + "publish")
    assert publish.status_code == 409
    assert "Yayımlamadan önce en az bir kural ekleyin." in text(publish)
    pathway.refresh_from_db()
    assert pathway.rules == []
    assert pathway.status == Pathway.Status.DRAFT


def test_other_roles_are_refused_and_outsiders_see_nothing(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
    target: SpecificationVersion,
) -> None:
    signed_in(client, make_member(organization, Role.DESIGNER))
    pathway = _create(client, organization, target)
    edit = f"/en/pathways/{organization.slug}/{pathway.public_id}/"
    client.logout()
    assert client.get(edit).status_code == 302  # sign in first
    signed_in(client, make_member(organization, Role.ISSUER))
    assert client.get(f"/en/pathways/{organization.slug}/").status_code == 403
    assert client.post(edit + "publish").status_code == 403
    signed_in(client, make_member(other_organization, Role.ADMIN))
    assert client.get(edit).status_code == 404
    assert (
        client.get(f"/en/pathways/{other_organization.slug}/{pathway.public_id}/").status_code
        == 404
    )
    assert client.get(f"/en/pathways/p/{pathway.public_id}/").status_code == 404  # a draft
    pathway.refresh_from_db()
    assert pathway.status == Pathway.Status.DRAFT


def test_a_target_of_another_organisation_is_refused(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
    publish: Publish,
) -> None:
    theirs = publish(other_organization, "Someone else's")
    signed_in(client, make_member(organization, Role.DESIGNER))
    response = client.post(
        f"/en/pathways/{organization.slug}/new",
        {**BASICS, "target": theirs.specification.public_id},
    )
    assert response.status_code == 400
    assert not Pathway.objects.exists()


def test_learner_follows_sees_progress_and_requests_the_stack(
    client: Client, scenario: Scenario, learner: User, issue_to: IssueTo
) -> None:
    public = f"/en/pathways/p/{scenario.pathway.public_id}/"
    anonymous = text(client.get(public))
    assert "Machine Learning Basics from Other Academy" in anonymous
    assert "Sign in to follow this pathway" in anonymous
    assert client.post(public + "follow").status_code == 302
    assert not Follow.objects.exists()
    signed_in(client, learner)
    hold(learner, issue_to(scenario.python))
    assert client.post(public + "follow").status_code == 302
    assert Follow.objects.filter(user=learner).count() == 1
    passport = text(client.get("/en/wallet/"))
    assert "Data Science Certificate Programme" in passport
    assert "1 of 2 so far. Still missing: Machine Learning Basics" in passport
    assert "Request the stacked credential" not in passport
    stack_url = f"/en/wallet/pathways/{scenario.pathway.public_id}/stack"
    early = client.post(stack_url, follow=True)
    assert "The pathway is not complete yet." in text(early)
    hold(learner, issue_to(scenario.ml))
    turkish = text(client.get("/tr/wallet/"))
    assert "Veri Bilimi Sertifika Programı" in turkish
    assert "Yığın belgeyi isteyin" in turkish
    response = client.post(stack_url)
    assert response.status_code == 302
    stack = StackedCredential.objects.get(learner=learner)
    item = WalletItem.objects.get(owner=learner, award_public_id=stack.award_public_id)
    assert response["Location"] == f"/en/wallet/items/{item.public_id}/"
    assert (
        achievement_url(scenario.target)
        == item.credential["credentialSubject"]["achievement"]["id"]
    )


def test_a_draft_pathway_cannot_be_followed_or_requested(
    client: Client, scenario: Scenario, learner: User
) -> None:
    scenario.pathway.status = Pathway.Status.DRAFT
    scenario.pathway.save()
    signed_in(client, learner)
    assert client.post(f"/en/pathways/p/{scenario.pathway.public_id}/follow").status_code == 404
    assert client.post(f"/en/wallet/pathways/{scenario.pathway.public_id}/stack").status_code == 404
