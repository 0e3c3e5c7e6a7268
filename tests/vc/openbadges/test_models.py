"""OB 3.0 / CLR 2.0 models: exact round trips, defaults, and what the spec refuses."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pydantic import ValidationError

from microcred.vc.errors import SchemaError
from microcred.vc.openbadges import (
    ELEMENTS_CONTEXT_URL,
    OB_CONTEXTS,
    Achievement,
    AchievementCredential,
    AchievementSubject,
    Address,
    Alignment,
    Association,
    ClrCredential,
    ClrSubject,
    Criteria,
    EndorsementCredential,
    EndorsementSubject,
    Evidence,
    IdentityObject,
    Image,
    OpenBadgeCredential,
    Profile,
    Result,
    ResultDescription,
)

from ..conftest import load_vector
from .helpers import clr_document, endorsement_document

VECTOR = "1edtech-ob30/linked-data-proof-ob-signed.json"


@pytest.fixture
def vector() -> dict[str, Any]:
    document: dict[str, Any] = load_vector(VECTOR)
    return document


def test_vector_round_trips_exactly(vector: dict[str, Any]) -> None:
    credential = OpenBadgeCredential.from_jsonld(vector)
    assert credential.to_jsonld() == vector
    assert OpenBadgeCredential.from_jsonld(credential.to_jsonld()) == credential


def test_vector_without_proof_round_trips(vector: dict[str, Any]) -> None:
    unsigned = {k: v for k, v in vector.items() if k != "proof"}
    credential = OpenBadgeCredential.from_jsonld(unsigned)
    assert credential.proof is None
    assert credential.to_jsonld() == unsigned


def test_vector_fields_are_reachable(vector: dict[str, Any]) -> None:
    credential = OpenBadgeCredential.from_jsonld(vector)
    assert credential.issuer.id == "https://example.edu/issuers/565049"
    assert credential.valid_from == "2010-01-01T00:00:00Z"
    achievement = credential.credential_subject.achievement
    assert achievement.name == "Teamwork"
    assert achievement.criteria.narrative is not None
    assert credential.types == ("VerifiableCredential", "OpenBadgeCredential")


def test_json_text_round_trip_keeps_numbers_and_type_forms(vector: dict[str, Any]) -> None:
    """2 stays 2 (not 2.0) and a string type stays a string: signed bytes must not move."""
    document = copy.deepcopy(vector)
    document["credentialSubject"]["achievement"]["creditsAvailable"] = 2
    document["credentialSubject"]["achievement"]["type"] = "Achievement"
    text = json.dumps(OpenBadgeCredential.from_jsonld(document).to_jsonld(), sort_keys=True)
    assert text == json.dumps(document, sort_keys=True)
    assert '"creditsAvailable": 2,' in text


def test_alias_is_the_same_class() -> None:
    assert AchievementCredential is OpenBadgeCredential


def _minimal_subject(**extra: Any) -> AchievementSubject:
    achievement = Achievement(
        id="urn:uuid:a", name="A", description="D", criteria=Criteria(narrative="N"), **extra
    )
    return AchievementSubject(id="did:example:learner", achievement=achievement)


def test_built_credential_gets_the_ob_context_and_types() -> None:
    credential = OpenBadgeCredential(
        id="urn:uuid:c",
        name="A",
        issuer=Profile(id="did:example:issuer"),
        valid_from="2026-01-01T00:00:00Z",
        credential_subject=_minimal_subject(),
    )
    document = credential.to_jsonld()
    assert document["@context"] == list(OB_CONTEXTS)
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["issuer"] == {"id": "did:example:issuer", "type": ["Profile"]}
    assert "validUntil" not in document  # None fields are left out
    assert OpenBadgeCredential.from_jsonld(document) == credential


def test_extension_terms_add_our_context() -> None:
    credential = OpenBadgeCredential(
        id="urn:uuid:c",
        name="A",
        issuer=Profile(id="did:example:issuer"),
        valid_from="2026-01-01T00:00:00Z",
        credential_subject=_minimal_subject(workloadHours=10),
    )
    assert credential.to_jsonld()["@context"] == [*OB_CONTEXTS, ELEMENTS_CONTEXT_URL]


def test_parsed_context_is_kept_as_is(vector: dict[str, Any]) -> None:
    vector["@context"] = [*vector["@context"], "https://w3id.org/security/data-integrity/v2"]
    assert OpenBadgeCredential.from_jsonld(vector).to_jsonld()["@context"] == vector["@context"]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("type",), ["VerifiableCredential"]),
        (("type",), ["OpenBadgeCredential"]),
        (("validFrom",), "2010-01-01"),
        (("issuer", "type"), ["Issuer"]),
        (("credentialSubject", "achievement", "type"), ["Badge"]),
        (("credentialSubject", "achievement", "achievementType"), "Microcredential"),
        (("credentialSubject", "achievement", "criteria"), {}),
        (("credentialSubject", "extension"), "not allowed on AchievementSubject"),
    ],
)
def test_invalid_documents_raise_schema_error(
    vector: dict[str, Any], path: tuple[str, ...], value: Any
) -> None:
    node = vector
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(SchemaError) as raised:
        OpenBadgeCredential.from_jsonld(vector)
    assert raised.value.code == "model_invalid"


def test_subject_needs_id_or_identifier(vector: dict[str, Any]) -> None:
    del vector["credentialSubject"]["id"]
    with pytest.raises(SchemaError, match="id or at least one identifier"):
        OpenBadgeCredential.from_jsonld(vector)
    vector["credentialSubject"]["identifier"] = [
        {
            "type": "IdentityObject",
            "hashed": False,
            "identityHash": "a@example.org",
            "identityType": "emailAddress",
        }
    ]
    subject = OpenBadgeCredential.from_jsonld(vector).credential_subject
    assert subject.identifier is not None
    assert subject.identifier[0].identity_hash == "a@example.org"


def test_extensible_classes_keep_extension_properties() -> None:
    achievement = Achievement.from_jsonld(
        {
            "id": "urn:uuid:a",
            "type": ["Achievement"],
            "name": "A",
            "description": "D",
            "criteria": {"narrative": "N", "extra": 1},
            "learningOutcome": ["x"],
        }
    )
    assert achievement.model_extra == {"learningOutcome": ["x"]}
    assert achievement.to_jsonld()["criteria"] == {"narrative": "N", "extra": 1}


@pytest.mark.parametrize(
    ("model", "document"),
    [
        (Image, {"id": "https://x/i.png", "type": "Image", "size": 3}),
        (Address, {"type": ["Address"], "planet": "Earth"}),
        (IdentityObject, {"hashed": True, "identityHash": "x", "identityType": "emailAddress",
                          "extra": 1}),
        (EndorsementSubject, {"id": "urn:x", "rating": 5}),
    ],
)  # fmt: skip
def test_closed_classes_refuse_extension_properties(
    model: type[Image | Address | IdentityObject | EndorsementSubject], document: dict[str, Any]
) -> None:
    with pytest.raises(SchemaError):
        model.from_jsonld(document)


def test_models_are_frozen(vector: dict[str, Any]) -> None:
    credential = OpenBadgeCredential.from_jsonld(vector)
    with pytest.raises(ValidationError):
        credential.name = "Other"


@pytest.mark.parametrize(
    ("factory", "message"),
    [
        (lambda: Alignment(target_name="x", target_url="y", target_type="Skill"), "targetType"),
        (lambda: Alignment(target_name="x", target_url="y", type=("Thing",)), "Alignment"),
        (lambda: ResultDescription(id="r", name="n", result_type="Grade"), "resultType"),
        (lambda: Result(status="Passed"), "result status"),
        (lambda: IdentityObject(hashed=True, identity_hash="h", identity_type="email"),
         "identityType"),
        (lambda: Criteria(), "id or a narrative"),
        (lambda: Address(address_country_code="TUR"), "pattern"),
        (lambda: Achievement(id="a", name="n", description="d", criteria=Criteria(id="c"),
                             in_language="Turkish"), "pattern"),
        (lambda: Achievement(id="a", name="n", description="d", criteria=Criteria(id="c"),
                             credits_available=-1), "greater than or equal"),
        (lambda: Achievement(id="a", name="n", description="d", criteria=Criteria(id="c"),
                             credits_available=True), "int"),
    ],
)  # fmt: skip
def test_spec_rules_are_enforced(factory: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        factory()


def test_extension_vocabulary_terms_are_accepted() -> None:
    alignment = Alignment(target_name="x", target_url="y", target_type="ext:EQFLevel")
    assert alignment.to_jsonld()["targetType"] == "ext:EQFLevel"


def test_endorsement_round_trips_and_nests_in_an_achievement(vector: dict[str, Any]) -> None:
    endorsement = EndorsementCredential.from_jsonld(endorsement_document())
    assert endorsement.to_jsonld() == endorsement_document()
    vector["credentialSubject"]["achievement"]["endorsement"] = [endorsement_document()]
    credential = OpenBadgeCredential.from_jsonld(vector)
    nested = credential.credential_subject.achievement.endorsement
    assert nested is not None
    assert nested[0] == endorsement
    assert credential.to_jsonld() == vector


def test_endorsement_type_is_required() -> None:
    document = endorsement_document()
    document["type"] = ["VerifiableCredential", "OpenBadgeCredential"]
    with pytest.raises(SchemaError):
        EndorsementCredential.from_jsonld(document)


def test_evidence_round_trips(vector: dict[str, Any]) -> None:
    vector["evidence"] = [{"type": ["Evidence"], "name": "Project", "genre": "Report"}]
    credential = OpenBadgeCredential.from_jsonld(vector)
    assert credential.evidence == (Evidence(name="Project", genre="Report"),)
    assert credential.to_jsonld() == vector


def test_clr_round_trips(vector: dict[str, Any]) -> None:
    document = clr_document(vector)
    clr = ClrCredential.from_jsonld(document)
    assert clr.to_jsonld() == document
    assert clr.credential_subject.verifiable_credential[0] == OpenBadgeCredential.from_jsonld(
        vector
    )


def test_clr_built_without_context_gets_the_clr_contexts(vector: dict[str, Any]) -> None:
    clr = ClrCredential(
        id="urn:uuid:clr",
        name="Record",
        issuer=Profile(id="did:example:issuer"),
        valid_from="2024-01-01T00:00:00Z",
        credential_subject=ClrSubject(
            verifiable_credential=(OpenBadgeCredential.from_jsonld(vector),)
        ),
    )
    assert clr.context[1] == "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
    assert clr.types == ("VerifiableCredential", "ClrCredential")


def test_clr_needs_a_credential_and_known_association_types(vector: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="at least one"):
        ClrSubject(verifiable_credential=())
    with pytest.raises(ValidationError, match="associationType"):
        Association(association_type="contains", source_id="a", target_id="b")
