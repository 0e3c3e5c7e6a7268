"""JSON Schema validation: the official vector passes; each broken rule is reported by path."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import jsonschema_rs
import pytest

from microcred.vc.errors import SchemaError
from microcred.vc.openbadges import SchemaIssue, validate_credential, validate_or_raise
from microcred.vc.openbadges.validation import (
    ACHIEVEMENT_SCHEMA,
    CLR_SCHEMA,
    ENDORSEMENT_SCHEMA,
    load_schema,
    schema_for,
)

from ..conftest import load_vector
from .helpers import clr_document, endorsement_document

Mutation = Callable[[dict[str, Any]], None]


@pytest.fixture
def vector() -> dict[str, Any]:
    document: dict[str, Any] = load_vector("1edtech-ob30/linked-data-proof-ob-signed.json")
    return document


def _achievement(doc: dict[str, Any]) -> dict[str, Any]:
    achievement: dict[str, Any] = doc["credentialSubject"]["achievement"]
    return achievement


def test_official_vector_is_valid(vector: dict[str, Any]) -> None:
    assert validate_credential(vector) == []
    validate_or_raise(vector)


def test_schemas_are_valid_2020_12_schemas() -> None:
    for name in (ACHIEVEMENT_SCHEMA, ENDORSEMENT_SCHEMA, CLR_SCHEMA):
        schema = load_schema(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert jsonschema_rs.meta.is_valid(schema), name


MUTATIONS: dict[str, tuple[Mutation, str, str]] = {
    "missing issuer": (lambda d: d.pop("issuer"), "/issuer", "required"),
    "missing validFrom": (lambda d: d.pop("validFrom"), "/validFrom", "required"),
    "bad validFrom": (
        lambda d: d.update(validFrom="2010-01-01"), "/validFrom", "time zone"
    ),
    "validFrom without zone": (
        lambda d: d.update(validFrom="2010-01-01T00:00:00"), "/validFrom", "time zone"
    ),
    "no OpenBadgeCredential type": (
        lambda d: d.update(type=["VerifiableCredential"]), "/type", "OpenBadgeCredential"
    ),
    "no VerifiableCredential type": (
        lambda d: d.update(type=["OpenBadgeCredential"]), "/type", "VerifiableCredential"
    ),
    "achievement without criteria": (
        lambda d: _achievement(d).pop("criteria"), "/credentialSubject/achievement/criteria",
        "required",
    ),
    "empty criteria": (
        lambda d: _achievement(d).update(criteria={}), "/credentialSubject/achievement/criteria",
        "id or a narrative",
    ),
    "achievement without name": (
        lambda d: _achievement(d).pop("name"), "/credentialSubject/achievement/name", "required"
    ),
    "achievement of the wrong type": (
        lambda d: _achievement(d).update(type=["BadgeClass"]),
        "/credentialSubject/achievement/type", "Achievement",
    ),
    "unknown achievementType": (
        lambda d: _achievement(d).update(achievementType="Microcredential"),
        "/credentialSubject/achievement/achievementType", "achievementType",
    ),
    "issuer not a Profile": (
        lambda d: d["issuer"].update(type=["Issuer"]), "/issuer/type", "Profile"
    ),
    "issuer without id": (lambda d: d["issuer"].pop("id"), "/issuer/id", "required"),
    "issuer as a string": (
        lambda d: d.update(issuer="https://example.edu/issuers/565049"), "/issuer", "object"
    ),
    "VC 1.1 context first": (
        lambda d: d["@context"].__setitem__(0, "https://www.w3.org/2018/credentials/v1"),
        "/@context/0", "https://www.w3.org/ns/credentials/v2",
    ),
    "no OB context": (
        lambda d: d["@context"].__setitem__(1, "https://www.w3.org/ns/credentials/examples/v2"),
        "/@context", "Open Badges",
    ),
    "subject without id or identifier": (
        lambda d: d["credentialSubject"].pop("id"), "/credentialSubject", "identifier"
    ),
    "extension on the subject": (
        lambda d: d["credentialSubject"].update(nickname="Ada"), "/credentialSubject",
        "nickname",
    ),
    "proof without type": (lambda d: d["proof"].pop("type"), "/proof/type", "required"),
    "bad proof created": (
        lambda d: d["proof"].update(created="yesterday"), "/proof/created", "time zone"
    ),
    "credentialStatus without type": (
        lambda d: d.update(credentialStatus={"id": "https://example.edu/status/1#3"}),
        "/credentialStatus/type", "required",
    ),
    "bad identity object": (
        lambda d: d["credentialSubject"].update(
            identifier=[{"type": "IdentityObject", "hashed": "yes", "identityHash": "x",
                         "identityType": "emailAddress"}]
        ),
        "/credentialSubject/identifier/0/hashed", "boolean",
    ),
    "alignment without targetUrl": (
        lambda d: _achievement(d).update(alignment=[{"type": ["Alignment"], "targetName": "x"}]),
        "/credentialSubject/achievement/alignment/0/targetUrl", "required",
    ),
    "negative credits": (
        lambda d: _achievement(d).update(creditsAvailable=-1),
        "/credentialSubject/achievement/creditsAvailable", "minimum",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", MUTATIONS, ids=list(MUTATIONS))
def test_each_broken_rule_is_reported_with_its_path(vector: dict[str, Any], case: str) -> None:
    mutate, path, words = MUTATIONS[case]
    mutate(vector)
    issues = validate_credential(vector)
    assert issues, case
    assert any(i.path == path and words.lower() in i.message.lower() for i in issues), issues


def test_every_issue_is_collected(vector: dict[str, Any]) -> None:
    del vector["issuer"]
    vector["validFrom"] = "soon"
    assert {i.path for i in validate_credential(vector)} == {"/issuer", "/validFrom"}


def test_json_pointer_escaping(vector: dict[str, Any]) -> None:
    vector["issuer"]["address"] = {"type": ["Address"], "a/b~c": "x"}
    issues = validate_credential(vector)
    assert [i.path for i in issues] == ["/issuer/address"]
    assert "a/b~c" in issues[0].message


def test_validate_or_raise(vector: dict[str, Any]) -> None:
    del vector["issuer"]
    with pytest.raises(SchemaError) as raised:
        validate_or_raise(vector)
    assert raised.value.code == "schema_invalid"
    assert "/issuer" in str(raised.value)


def test_schema_chosen_by_type(vector: dict[str, Any]) -> None:
    assert schema_for(vector) == ACHIEVEMENT_SCHEMA
    assert (
        schema_for({"type": ["VerifiableCredential", "AchievementCredential"]})
        == ACHIEVEMENT_SCHEMA
    )
    assert schema_for(endorsement_document()) == ENDORSEMENT_SCHEMA
    assert schema_for(clr_document(vector)) == CLR_SCHEMA
    assert schema_for({"type": "nonsense"}) == ACHIEVEMENT_SCHEMA


def test_endorsement_schema() -> None:
    assert validate_credential(endorsement_document()) == []
    broken = endorsement_document()
    broken["credentialSubject"]["endorsementComment"] = 5
    assert [i.path for i in validate_credential(broken)] == [
        "/credentialSubject/endorsementComment"
    ]


def test_clr_schema(vector: dict[str, Any]) -> None:
    document = clr_document(vector)
    assert validate_credential(document) == []
    inner = copy.deepcopy(document)
    del inner["credentialSubject"]["verifiableCredential"][1]["validFrom"]
    assert [i.path for i in validate_credential(inner)] == [
        "/credentialSubject/verifiableCredential/1/validFrom"
    ]
    empty = copy.deepcopy(document)
    empty["credentialSubject"]["verifiableCredential"] = []
    assert validate_credential(empty)[0].path == "/credentialSubject/verifiableCredential"
    no_clr_context = copy.deepcopy(document)
    no_clr_context["@context"].pop(1)
    assert validate_credential(no_clr_context)[0].path == "/@context"


def test_mapping_input_that_is_not_a_dict(vector: dict[str, Any]) -> None:
    from types import MappingProxyType

    assert validate_credential(MappingProxyType(vector)) == []


def test_misuse_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        validate_credential([])  # type: ignore[arg-type]


def test_issue_is_frozen() -> None:
    issue = SchemaIssue("/a", "b")
    with pytest.raises(AttributeError):
        issue.path = "/c"  # type: ignore[misc]
