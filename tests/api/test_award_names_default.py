"""The API's ``include_name`` now defaults to true; ``false`` keeps the old behaviour, and a
replay of a request recorded under the old default is still recognised as a replay."""

from __future__ import annotations

import pytest
from django.test import Client

from microcred.api.schemas import AwardIn
from microcred.api.services import request_hash
from microcred.catalog.models import SpecificationVersion
from microcred.issuing.models import Award
from microcred.organizations.models import Organization

from .conftest import MakeToken, call

pytestmark = pytest.mark.django_db
LEARNER = {"email": "ayse@uni.example", "name": "Ayşe Yılmaz"}


def names(award: Award) -> list[str]:
    identifiers = award.credential["credentialSubject"]["identifier"]
    return [i["identityHash"] for i in identifiers if i["identityType"] == "name"]


def test_names_are_in_by_default_and_out_on_request(
    client: Client, organization: Organization, published: SpecificationVersion,
    make_token: MakeToken,
) -> None:  # fmt: skip
    token = make_token(organization, "issue")
    body = {"specification": published.public_id, "learner": {**LEARNER, "language": "tr"}}
    named = call(client, "post", "/api/v1/awards", body, token)
    assert named.status_code == 201
    award = Award.objects.get(public_id=named.json()["id"])
    assert names(award) == ["Ayşe Yılmaz"]
    assert award.language == "tr"
    other = {**body, "learner": {**LEARNER, "email": "ali@uni.example"}, "include_name": False}
    unnamed = call(client, "post", "/api/v1/awards", other, token)
    assert names(Award.objects.get(public_id=unnamed.json()["id"])) == []
    bad = {**body, "learner": {**LEARNER, "language": "de"}}
    assert call(client, "post", "/api/v1/awards", bad, token).status_code == 422


def test_a_replay_of_a_request_made_under_the_old_default_is_a_replay(
    client: Client, organization: Organization, published: SpecificationVersion,
    make_token: MakeToken,
) -> None:  # fmt: skip
    token = make_token(organization, "issue")
    body = {"specification": published.public_id, "learner": LEARNER, "idempotency_key": "k1"}
    first = call(client, "post", "/api/v1/awards", {**body, "include_name": False}, token)
    old_hash = request_hash(AwardIn.model_validate(body), omitted_name_means=False)
    Award.objects.filter(public_id=first.json()["id"]).update(request_hash=old_hash)
    replay = call(client, "post", "/api/v1/awards", body, token)
    assert (replay.status_code, replay.json()["id"]) == (200, first.json()["id"])
