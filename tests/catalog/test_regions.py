"""Regions by name: people choose and read "İzmir"; credentials keep ``TR-35``."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from microcred.catalog import services
from microcred.catalog.regions import TR_PROVINCES, region_choices, region_name
from microcred.organizations.models import Organization
from microcred.wallet.documents.content import element_rows
from tests.catalog.conftest import complete_data
from tests.catalog.helpers import create, url


def test_every_province_has_its_plate_code() -> None:
    assert len(TR_PROVINCES) == 81
    assert (TR_PROVINCES["TR-06"], TR_PROVINCES["TR-34"], TR_PROVINCES["TR-35"]) == (
        "Ankara",
        "İstanbul",
        "İzmir",
    )
    assert (TR_PROVINCES["TR-33"], TR_PROVINCES["TR-81"]) == ("Mersin", "Düzce")
    assert len(set(TR_PROVINCES.values())) == 81


def test_names_are_read_back_and_other_codes_left_as_they_are() -> None:
    assert region_name("TR-26") == "Eskişehir"
    assert region_name("tr-26") == "Eskişehir"
    assert region_name("DE-BY") == "DE-BY"
    assert region_name(None) == ""


def test_the_choices_are_in_turkish_alphabetical_order() -> None:
    names = [name for _, name in region_choices()]
    assert names[:3] == ["Adana", "Adıyaman", "Afyonkarahisar"]
    assert names.index("Çanakkale") < names.index("Denizli")
    assert names.index("İstanbul") < names.index("Kars")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_editor_offers_the_provinces_by_name(
    designer_client: Client, organization: Organization, lang: str
) -> None:
    version = create(designer_client, organization, region="TR-35")
    assert services.elements_of(version).awarding_body is not None
    assert services.elements_of(version).awarding_body.region == "TR-35"  # type: ignore[union-attr]
    edit = url("edit", organization, lang, version_id=version.public_id)
    page = unescape(designer_client.get(edit).content.decode())
    assert 'list="regions"' in page
    assert '<option value="TR-35">İzmir</option>' in page


@pytest.mark.django_db
def test_a_region_that_is_no_code_gets_a_clear_message(
    designer_client: Client, organization: Organization
) -> None:
    version = create(designer_client, organization)
    edit = url("edit", organization, "tr", version_id=version.public_id)
    response = designer_client.post(edit, complete_data(region="İzmir"), follow=True)
    page = unescape(response.content.decode())
    assert "Listeden bir il seçin ya da DE-BY gibi bir kod yazın." in page


@pytest.mark.django_db
def test_the_registry_filter_offers_the_provinces(client: Client) -> None:
    page = unescape(client.get("/tr/registry/").content.decode())
    assert 'list="regions"' in page
    assert '<option value="TR-06">Ankara</option>' in page


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "place"), [("tr", "(Eskişehir)"), ("en", "(Eskişehir)")])
def test_certificates_name_the_province_not_its_code(
    designer_client: Client, organization: Organization, lang: str, place: str
) -> None:
    version = create(designer_client, organization)  # region TR-26
    rows = element_rows(services.elements_of(version), lang)  # type: ignore[arg-type]
    text = " ".join(value for row in rows for value in row.values)
    assert place in text
    assert "TR-26" not in text
