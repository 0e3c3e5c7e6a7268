"""Property-based tests of the whole JSON API from its own OpenAPI document (Schemathesis).

Schemathesis reads ``/api/v1/openapi.json`` from the Django WSGI application itself (no
server, no network) and, for every operation, generates requests — valid and invalid
bodies, path parameters, headers — sent with a real organisation token holding every
scope. Each response must pass Schemathesis's checks: never a server error, a status code,
content type and headers the document declares, and a body that conforms to the declared
schema, and data that breaks the schema must be refused with a 4xx. So the published
schema is a contract that the code keeps, not a description.

Left out: ``positive_data_acceptance`` (every schema-valid request must succeed). Our
endpoints rightly refuse much that JSON Schema cannot describe: a credential whose JSON-LD
terms are undefined, a VC-API ``options`` object naming an option we do not support, an
unknown specification id. Those answers are still checked: documented status, content type
and body schema.

Hermetic: the verify endpoints may try to resolve another issuer's did:web; the socket
layer is closed for the test, so such a lookup fails as an unreachable document would.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from schemathesis.specs.openapi.schemas import OpenApiSchema

from microcred.catalog.models import SpecificationVersion
from microcred.issuing.awards import AwardRequest, idempotency_key, issue_awards
from microcred.organizations.keys import signer_for
from microcred.organizations.models import Organization
from microcred.organizations.tokens import Scope
from microcred.vc import Learner
from tests.api.conftest import MakeToken

#: Examples per operation: eight operations in well under a minute on two shared cores.
EXAMPLES = 25


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network access is disabled in this test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


#: Read once, at collection, from the application itself (the view touches no database).
schema: OpenApiSchema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.fixture
def token(
    organization: Organization, published: SpecificationVersion, make_token: MakeToken
) -> str:
    """A token of an organisation with a published specification, so issuing can succeed."""
    return make_token(organization, Scope.ISSUE, Scope.REVOKE, Scope.READ)


@pytest.fixture
def award_id(organization: Organization, published: SpecificationVersion) -> str:
    learner = Learner(
        email="ayse@uni.example", name="Ayşe", grade="", awarded_on=None, evidence_url=""
    )
    key = idempotency_key(published.public_id, learner.email, "")
    with signer_for(organization) as signer:
        [issued] = issue_awards(
            published, [AwardRequest(learner, key)], signer=signer, issued_by=None
        )
    return issued.award.public_id


def aim_at_real_records(case: schemathesis.Case[Any], version_id: str, award_id: str) -> None:
    """Positive cases only: point the generated ids at records that exist, so the success
    paths answer too and their bodies are checked; negative cases stay as generated."""
    if case.meta is None or case.meta.generation.mode.is_negative:
        return
    if "award_id" in case.path_parameters:
        case.path_parameters["award_id"] = award_id
    if isinstance(case.body, dict) and isinstance(case.body.get("specification"), str):
        case.body["specification"] = version_id


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_keeps_its_published_contract(
    case: schemathesis.Case[Any],
    token: str,
    published: SpecificationVersion,
    award_id: str,
    no_network: None,
) -> None:
    aim_at_real_records(case, published.public_id, award_id)
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance]
    )
