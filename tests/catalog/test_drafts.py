"""Drafts through HTTP: always saved (even empty), autosaved as JSON, deleted when unwanted."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from microcred.catalog import services
from microcred.catalog.models import Specification, SpecificationVersion
from microcred.organizations.models import Organization
from microcred.organizations.roles import Role
from tests.catalog.conftest import complete_data, signed_in
from tests.catalog.helpers import create, url
from tests.conftest import MakeMember

pytestmark = pytest.mark.django_db
Status = SpecificationVersion.Status


def text(response: object) -> str:
    return unescape(response.content.decode())  # type: ignore[attr-defined]


def autosave_new(org: Organization, lang: str = "en") -> str:
    return url("autosave_new", org, lang)


def test_an_empty_draft_is_saved_and_listed_as_untitled(
    designer_client: Client, organization: Organization
) -> None:
    response = designer_client.post(url("new", organization), {})
    assert response.status_code == 302
    version = SpecificationVersion.objects.get()
    assert (version.title, version.status) == ("", Status.DRAFT)
    english = text(designer_client.get(url("list", organization)))
    assert ">(Untitled draft)</a>" in english
    turkish = text(designer_client.get(url("list", organization, "tr")))
    assert ">(Adsız taslak)</a>" in turkish


def test_publishing_an_incomplete_draft_lists_precisely_what_is_open(
    designer_client: Client, organization: Organization
) -> None:
    version = create(
        designer_client, organization, qa_types=[], eqf_level="9", learning_outcomes="Knows data."
    )
    response = designer_client.post(url("publish", organization, version_id=version.public_id))
    assert response.status_code == 409
    page = text(response)
    assert "Not published: this is still open" in page
    assert "Missing: Type of quality assurance" in page
    assert "EQF level: Levels run from 1 to 8." in page
    assert "Not acknowledged: “Knows data.”: its verb describes an inner state" in page


def test_autosave_creates_then_updates_the_draft(
    designer_client: Client, organization: Organization
) -> None:
    first = designer_client.post(autosave_new(organization), {"title": "Veri", "ects": "5"})
    assert first.status_code == 200
    answer = first.json()
    assert answer["saved"] is True
    assert answer["status"].startswith("Saved ")
    version = SpecificationVersion.objects.get(public_id=answer["version"])
    assert version.draft_input["title"] == "Veri"
    assert answer["edit_url"].endswith(f"/v/{version.public_id}/edit")

    second = designer_client.post(answer["autosave_url"], complete_data(workload_hours="300"))
    assert second.status_code == 200
    assert second.json()["version"] == version.public_id
    version.refresh_from_db()
    assert version.title == "Data Literacy for Teachers"
    assert version.draft_input["workload_hours"] == "300"  # kept as typed
    assert SpecificationVersion.objects.count() == 1


def test_autosave_speaks_turkish(designer_client: Client, organization: Organization) -> None:
    answer = designer_client.post(autosave_new(organization, "tr"), {"title": "Veri"}).json()
    assert answer["status"].startswith("Kaydedildi ")


def test_autosave_needs_the_csrf_token(organization: Organization, make_member: MakeMember) -> None:
    client = signed_in(Client(enforce_csrf_checks=True), make_member(organization, Role.DESIGNER))
    assert client.post(autosave_new(organization), {"title": "Veri"}).status_code == 403
    page = client.get(url("new", organization))
    token = page.cookies["csrftoken"].value
    saved = client.post(autosave_new(organization), {"title": "Veri"}, HTTP_X_CSRFTOKEN=token)
    assert saved.status_code == 200
    assert not SpecificationVersion.objects.exclude(title="Veri").exists()


def test_autosave_is_for_editors_of_the_organisation_only(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    version = services.create_specification(
        organization, None, services.MicroCredentialElements(title="Veri")
    )
    signed_in(client, make_member(organization, Role.ISSUER))
    assert client.post(autosave_new(organization), {"title": "X"}).status_code == 403
    autosave = url("autosave", organization, version_id=version.public_id)
    assert client.post(autosave, {"title": "X"}).status_code == 403
    other = Organization.objects.create(name="Başka", slug="baska", country="TR")
    signed_in(client, make_member(other, Role.DESIGNER))
    assert client.post(autosave, {"title": "X"}).status_code == 404
    own_path_other_version = url("autosave", other, version_id=version.public_id)
    assert client.post(own_path_other_version, {"title": "X"}).status_code == 404
    version.refresh_from_db()
    assert version.title == "Veri"


def test_autosave_of_a_version_under_review_is_refused(
    designer_client: Client, organization: Organization
) -> None:
    version = create(designer_client, organization)
    SpecificationVersion.objects.filter(pk=version.pk).update(status=Status.SUBMITTED)
    response = designer_client.post(
        url("autosave", organization, version_id=version.public_id), {"title": "X"}
    )
    assert response.status_code == 409
    assert "under review" in response.json()["status"]


def test_a_draft_is_deleted_after_a_confirmation(
    designer_client: Client, organization: Organization
) -> None:
    version = create(designer_client, organization)
    delete = url("delete", organization, version_id=version.public_id)
    confirm = designer_client.get(delete)
    assert confirm.status_code == 200
    assert "It was never published, and it cannot be recovered." in text(confirm)
    assert SpecificationVersion.objects.exists()  # asking deletes nothing
    response = designer_client.post(delete)
    assert response.status_code == 302
    assert not SpecificationVersion.objects.exists()
    assert not Specification.objects.exists()
    listed = text(designer_client.get(response["Location"]))
    assert "The draft “Data Literacy for Teachers” was deleted." in listed


def test_a_published_version_cannot_be_deleted(
    designer_client: Client, organization: Organization
) -> None:
    version = create(designer_client, organization)
    assert designer_client.post(url("publish", organization, version_id=version.public_id))
    version.refresh_from_db()
    assert version.status == Status.PUBLISHED
    response = designer_client.post(url("delete", organization, version_id=version.public_id))
    assert response.status_code == 409
    assert "Only a draft that was never published" in text(response)
    assert SpecificationVersion.objects.filter(pk=version.pk).exists()


def test_only_editors_may_delete(
    client: Client, organization: Organization, make_member: MakeMember
) -> None:
    version = services.create_specification(
        organization, None, services.MicroCredentialElements(title="Veri")
    )
    signed_in(client, make_member(organization, Role.ISSUER))
    assert client.post(url("delete", organization, version_id=version.public_id)).status_code == 403
    assert SpecificationVersion.objects.filter(pk=version.pk).exists()


@pytest.mark.parametrize(("lang", "words"), [("en", "5 years"), ("tr", "5 yıl")])
def test_the_validity_period_is_shown_in_words(
    designer_client: Client, organization: Organization, lang: str, words: str
) -> None:
    version = create(designer_client, organization)
    assert services.elements_of(version).validity_period == "P5Y"
    page = text(
        designer_client.get(url("version", organization, lang, version_id=version.public_id))
    )
    assert f"<dd>{words}</dd>" in page
    card = page.split('class="json-preview"')[0]
    assert "P5Y" not in card  # only the credential's JSON carries the ISO duration
    edit = text(designer_client.get(url("edit", organization, lang, version_id=version.public_id)))
    assert 'name="validity_number" value="5"' in edit
    assert '<option value="Y" selected>' in edit


def test_eighteen_months_round_trip_through_the_picker(
    designer_client: Client, organization: Organization
) -> None:
    version = create(designer_client, organization, validity_number="18", validity_unit="M")
    assert services.elements_of(version).validity_period == "P18M"
    page = text(designer_client.get(url("version", organization, version_id=version.public_id)))
    assert "<dd>18 months</dd>" in page


def _set_period(version: SpecificationVersion, period: str) -> SpecificationVersion:
    """As the API sets it: elements only, nothing typed into the editor."""
    elements = services.elements_of(version).model_copy(update={"validity_period": period})
    return services.save_draft(version, elements, hours_per_ects=25, draft_input=None)


def test_weeks_from_the_api_show_in_the_picker(
    designer_client: Client, organization: Organization
) -> None:
    version = _set_period(create(designer_client, organization), "P2W")
    edit = text(designer_client.get(url("edit", organization, version_id=version.public_id)))
    assert 'name="validity_number" value="2"' in edit
    assert '<option value="W" selected>' in edit


@pytest.mark.parametrize(("lang", "words"), [("en", "1 year, 2 days"), ("tr", "1 yıl, 2 gün")])
def test_a_period_the_picker_cannot_show_survives_saving_the_draft(
    designer_client: Client, organization: Organization, lang: str, words: str
) -> None:
    version = _set_period(create(designer_client, organization), "P1Y2D")
    edit = text(designer_client.get(url("edit", organization, lang, version_id=version.public_id)))
    assert 'name="validity_kept" value="P1Y2D"' in edit
    assert words in edit.split('id="validity-kept"')[1].split("</p>")[0]
    # saved again as the page sends it (no number chosen): the period stays
    data = complete_data(validity_number="", validity_kept="P1Y2D")
    save = url("edit", organization, lang, version_id=version.public_id)
    assert designer_client.post(save, data).status_code == 302
    version.refresh_from_db()
    assert services.elements_of(version).validity_period == "P1Y2D"
    # a number chosen replaces it
    data = complete_data(validity_number="3", validity_unit="M", validity_kept="P1Y2D")
    assert designer_client.post(save, data).status_code == 302
    version.refresh_from_db()
    assert services.elements_of(version).validity_period == "P3M"


def test_a_forged_kept_period_is_refused_not_stored(
    designer_client: Client, organization: Organization
) -> None:
    version = create(designer_client, organization)
    save = url("edit", organization, version_id=version.public_id)
    designer_client.post(save, complete_data(validity_number="", validity_kept="P1Y; DROP"))
    version.refresh_from_db()
    assert services.elements_of(version).validity_period is None
