"""Specifications through HTTP: create, publish, lock and version, preview, access rules."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from microcred.catalog import services
from microcred.catalog.models import SpecificationVersion
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.catalog.conftest import complete_data, signed_in
from tests.conftest import MakeMember

from .helpers import create, url

pytestmark = pytest.mark.django_db
Status = SpecificationVersion.Status


def test_designer_creates_a_specification_with_every_mandatory_element(
    designer_client: Client, organization: Organization
) -> None:
    version = create(designer_client, organization)
    assert (version.number, version.status, version.locked) == (1, Status.DRAFT, False)
    el = services.elements_of(version)
    assert el.title == "Data Literacy for Teachers"
    assert el.awarding_body is not None
    assert el.awarding_body.id == "did:web:testserver:orgs:anadolu-uni"
    assert services.open_issues(version) == []
    page = unescape(designer_client.get(url("list", organization)).content.decode())
    assert "Data Literacy for Teachers" in page
    assert "version 1" in page
    assert "Draft" in page


def test_invalid_input_is_saved_as_typed_and_shown_next_to_its_field(
    designer_client: Client, organization: Organization
) -> None:
    version = create(designer_client, organization, eqf_level="9", workload_hours="300")
    assert version.draft_input["eqf_level"] == "9"  # nothing typed is lost
    assert services.elements_of(version).eqf_level is None  # and nothing wrong is used
    page = unescape(
        designer_client.get(
            url("edit", organization, version_id=version.public_id)
        ).content.decode()
    )
    assert 'value="Data Literacy for Teachers"' in page
    assert 'value="9"' in page
    assert "Levels run from 1 to 8." in page
    assert "5 ECTS means 125 to 150 hours of work (25-30 hours per credit), not 300." in page
    assert "Value error" not in page


def test_publish_is_refused_while_incomplete_and_allowed_when_complete(
    designer_client: Client, organization: Organization
) -> None:
    version = create(designer_client, organization, qa_types=[], assessment_types=[])
    response = designer_client.post(url("publish", organization, version_id=version.public_id))
    assert response.status_code == 409
    page = unescape(response.content.decode())
    assert "Type of quality assurance" in page
    assert "Type of assessment" in page
    version.refresh_from_db()
    assert version.status == Status.DRAFT

    edit = url("edit", organization, version_id=version.public_id)
    assert designer_client.post(edit, complete_data()).status_code == 302
    response = designer_client.post(url("publish", organization, version_id=version.public_id))
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED
    assert version.published_at is not None
    assert services.get_issuable_version(organization, version.public_id) == version


def test_a_verb_warning_blocks_publishing_until_it_is_acknowledged(
    designer_client: Client, organization: Organization
) -> None:
    version = create(designer_client, organization, learning_outcomes="Understands data.")
    publish = url("publish", organization, version_id=version.public_id)
    response = designer_client.post(publish)
    assert response.status_code == 409
    page = unescape(response.content.decode())
    assert "Not acknowledged: “Understands data.”: its verb describes an inner state" in page
    assert (
        "An outcome that starts (in English) or ends (in Turkish) with an observable verb" in page
    )
    version.refresh_from_db()
    assert version.status == Status.DRAFT
    [key] = [w.key for w in services.readiness(version).warnings]
    assert designer_client.post(publish, {"acknowledge": [key]}).status_code == 302
    version.refresh_from_db()
    assert (version.status, version.acknowledged) == (Status.PUBLISHED, [key])


def test_editing_a_locked_version_creates_version_two(
    designer_client: Client, organization: Organization
) -> None:
    v1 = create(designer_client, organization)
    designer_client.post(url("publish", organization, version_id=v1.public_id))
    v1.refresh_from_db()
    services.mark_issued(v1)
    before = dict(v1.elements)

    response = designer_client.post(
        url("edit", organization, version_id=v1.public_id), complete_data(title="Data Literacy II")
    )
    assert response.status_code == 302
    v1.refresh_from_db()
    v2 = SpecificationVersion.objects.get(specification=v1.specification, number=2)
    assert (v1.title, v1.elements, v1.status, v1.locked) == (
        "Data Literacy for Teachers",
        before,
        Status.PUBLISHED,
        True,
    )
    assert (v2.title, v2.status, v2.locked) == ("Data Literacy II", Status.DRAFT, False)
    assert v2.public_id in response["Location"]


def test_editing_a_draft_changes_it_in_place(
    designer_client: Client, organization: Organization
) -> None:
    v1 = create(designer_client, organization)
    edit = url("edit", organization, version_id=v1.public_id)
    form = unescape(designer_client.get(edit).content.decode())
    assert "Explains statistical charts." in form
    assert "Python (computer programming)" in form
    designer_client.post(edit, complete_data(title="Renamed"))
    v1.refresh_from_db()
    assert v1.title == "Renamed"
    assert SpecificationVersion.objects.count() == 1


def test_issuing_services(designer_client: Client, organization: Organization) -> None:
    version = create(designer_client, organization)
    with pytest.raises(services.NotIssuable):
        services.get_issuable_version(organization, version.public_id)  # still a draft
    services.publish(version)
    version = services.get_issuable_version(organization, version.public_id)
    achievement = services.achievement_for(version, base_url="https://mc.example/")
    assert achievement["id"] == f"https://mc.example/catalog/achievements/{version.public_id}"
    assert achievement["name"] == "Data Literacy for Teachers"
    assert achievement["creditsAvailable"] == 5
    assert achievement["achievementType"] == "MicroCredential"
    services.mark_issued(version)
    version.refresh_from_db()
    assert version.locked


def test_other_organisation_cannot_issue_a_version(
    designer_client: Client, organization: Organization, other_organization: Organization
) -> None:
    version = create(designer_client, organization)
    services.publish(version)
    with pytest.raises(services.NotIssuable):
        services.get_issuable_version(other_organization, version.public_id)


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_preview_renders_card_and_json(
    designer_client: Client, organization: Organization, lang: str
) -> None:
    version = create(designer_client, organization)
    page = unescape(
        designer_client.get(
            url("version", organization, lang, version_id=version.public_id)
        ).content.decode()
    )
    assert "Explains statistical charts." in page
    assert "OpenBadgeCredential" in page
    assert "did:example:learner" in page
    assert f"/catalog/achievements/{version.public_id}" in page
    if lang == "tr":
        assert "Öğrenme çıktıları" in page
        assert "karma" in page
    else:
        assert "Learning outcomes" in page
        assert "blended" in page


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_editor_page_loads_htmx_without_inline_script(
    designer_client: Client, organization: Organization, lang: str
) -> None:
    response = designer_client.get(url("new", organization, lang))
    page = response.content.decode()
    assert response.status_code == 200
    assert "catalog/vendor/htmx.min.js" in page
    assert '"allowEval":false' in page
    assert '"includeIndicatorStyles":false' in page
    assert "<script>" not in page
    assert " style=" not in page
    assert f'<html lang="{lang}">' in page
    assert 'value="Anadolu Üniversitesi"' in unescape(page)  # the organisation prefilled


VIEWS = ("list", "new", "check", "version", "edit", "publish")
EDITOR_ONLY = {"new", "check", "edit", "publish"}
POSTED = {"check", "publish"}


def request(client: Client, name: str, org: Organization, version_id: str) -> int:
    kwargs = {"version_id": version_id} if name in {"version", "edit", "publish"} else {}
    target = url(name, org, **kwargs)
    response = client.post(target, {}) if name in POSTED else client.get(target)
    return response.status_code


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("role", [Role.ISSUER, Role.QA_REVIEWER])
def test_other_roles_may_view_but_not_edit(
    client: Client,
    organization: Organization,
    make_member: MakeMember,
    name: str,
    role: Role,
) -> None:
    version = services.create_specification(
        organization, None, services.MicroCredentialElements(title="X")
    )
    signed_in(client, make_member(organization, role))
    expected = 403 if name in EDITOR_ONLY else 200
    assert request(client, name, organization, version.public_id) == expected


@pytest.mark.parametrize("name", VIEWS)
def test_other_organisations_get_404(
    client: Client,
    organization: Organization,
    other_organization: Organization,
    make_member: MakeMember,
    name: str,
) -> None:
    version = services.create_specification(
        organization, None, services.MicroCredentialElements(title="X")
    )
    signed_in(client, make_member(other_organization, Role.DESIGNER, Role.ADMIN))
    assert request(client, name, organization, version.public_id) == 404
    # …and the version cannot be reached through the stranger's own organisation either
    if name in {"version", "edit", "publish"}:
        assert request(client, name, other_organization, version.public_id) == 404


@pytest.mark.parametrize("name", VIEWS)
def test_signed_out_visitors_are_sent_to_sign_in(
    client: Client, organization: Organization, name: str
) -> None:
    version = services.create_specification(
        organization, None, services.MicroCredentialElements(title="X")
    )
    assert request(client, name, organization, version.public_id) == 302


def test_admins_may_edit(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    signed_in(client, make_member(organization, Role.ADMIN))
    assert client.get(url("new", organization)).status_code == 200
