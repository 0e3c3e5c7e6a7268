"""The fast JSON-LD → RDF path on every credential shape the project signs or verifies.

For each shape the fast path must *take* the document (no fallback) and give exactly
the reference path's dataset: equal RDFC-1.0 canonical N-Quads, which also proves the
datasets isomorphic. Where a published vector gives the canonical form, that must match
too.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from microcred.vc.canon.fast import to_quads_fast
from microcred.vc.canon.jsonld import to_quads_reference
from microcred.vc.canon.rdfc import canonicalize
from microcred.vc.contexts import OB_CONTEXT, VC_V2, pinned_loader
from microcred.vc.status import BitstringStatusList, status_entry, status_list_credential
from microcred.vc.testing import sample_credential

from .conftest import read_json, read_text

ELEMENTS = "https://contexts.microcred.eu/elements/v1.jsonld"
ISSUER = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
LOADER = pinned_loader()


def fast_canonical(document: dict[str, Any]) -> str:
    quads = to_quads_fast(document, document_loader=LOADER)
    assert quads is not None, "the fast path declined a shape the project produces"
    return canonicalize(quads).nquads


def reference_canonical(document: dict[str, Any]) -> str:
    return canonicalize(to_quads_reference(document, document_loader=LOADER)).nquads


def proof_config(document: dict[str, Any]) -> dict[str, Any]:
    """What eddsa-rdfc-2022 canonicalises for the proof: its options with the @context."""
    proof = dict(document["proof"])
    proof.pop("proofValue", None)
    proof["@context"] = document["@context"]
    return proof


def without_proof(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "proof"}


def data_integrity_proof(**extra: Any) -> dict[str, Any]:
    return {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2026-06-01T09:30:00Z",
        "verificationMethod": f"{ISSUER}#{ISSUER.removeprefix('did:key:')}",
        "proofPurpose": "assertionMethod",
        "proofValue": "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiZ",
        **extra,
    }


def rich_achievement() -> dict[str, Any]:
    """An Achievement with (nearly) every optional OB 3.0.3 field."""
    return {
        "id": "https://mc.example.edu.tr/achievements/robotics",
        "type": ["Achievement"],
        "name": "Robotics Fundamentals",
        "description": 'Builds and programs a line-following robot.\nTwo lines; "quotes"\\.',
        "achievementType": "Course",
        "creator": {
            "id": "https://mc.example.edu.tr",
            "type": ["Profile"],
            "name": "Ege Üniversitesi",
            "email": "info@example.edu.tr",
            "phone": "+90 232 000 00 00",
            "official": "Rector",
            "parentOrg": {"id": "https://example.gov.tr", "type": ["Profile"], "name": "YÖK"},
            "address": {
                "type": ["Address"],
                "addressCountry": "Türkiye",
                "addressCountryCode": "TR",
                "addressLocality": "İzmir",
                "postalCode": "35040",
                "streetAddress": "Erzene Mah.",
                "geo": {"type": "GeoCoordinates", "latitude": 38.4589, "longitude": 27.2281},
            },
            "otherIdentifier": [
                {"type": "IdentifierEntry", "identifier": "1234", "identifierType": "sourcedId"}
            ],
        },
        "creditsAvailable": 2.5,
        "criteria": {
            "id": "https://mc.example.edu.tr/achievements/robotics/criteria",
            "narrative": "# Criteria\n* Build the robot\n* Pass the exam",
        },
        "fieldOfStudy": "Engineering",
        "humanCode": "ROB101",
        "image": {
            "id": "https://mc.example.edu.tr/img/robotics.png",
            "type": "Image",
            "caption": "A robot",
        },
        "inLanguage": "en",
        "specialization": "Mechatronics",
        "tag": ["robotics", "stem", "arduino"],
        "version": "1.0",
        "alignment": [
            {
                "type": ["Alignment"],
                "targetName": "Programming",
                "targetUrl": "https://example.org/frameworks/programming",
                "targetDescription": "Writes small programs",
                "targetCode": "PRG-1",
                "targetFramework": "Example Framework",
                "targetType": "CFItem",
            }
        ],
        "otherIdentifier": [
            {"type": "IdentifierEntry", "identifier": "ROB-101", "identifierType": "identifier"}
        ],
        "related": [
            {
                "id": "https://mc.example.edu.tr/achievements/robotics-tr",
                "type": ["Related"],
                "inLanguage": "tr-TR",
                "version": "1.0",
            }
        ],
        "resultDescription": [
            {
                "id": "urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c",
                "type": ["ResultDescription"],
                "name": "Letter grade",
                "resultType": "LetterGrade",
                "allowedValue": ["A", "B", "C", "D", "F"],
                "requiredValue": "C",
                "valueMax": "A",
                "valueMin": "F",
            },
            {
                "id": "urn:uuid:a1c4ad5a-5d4c-4f9b-bb66-1a3b5d0c2e77",
                "type": ["ResultDescription"],
                "name": "Rubric",
                "resultType": "RubricCriterionLevel",
                "requiredLevel": "urn:uuid:3b1b8a2e-0c3e-4d5b-a4e5-8d2f0f1c9a10",
                "rubricCriterionLevel": [
                    {
                        "id": "urn:uuid:3b1b8a2e-0c3e-4d5b-a4e5-8d2f0f1c9a10",
                        "type": ["RubricCriterionLevel"],
                        "name": "Proficient",
                        "level": "2",
                        "points": "20",
                        "alignment": [
                            {
                                "type": ["Alignment"],
                                "targetName": "Rubric level",
                                "targetUrl": "https://example.org/rubric/2",
                            }
                        ],
                    }
                ],
            },
        ],
    }


def endorsement() -> dict[str, Any]:
    return {
        "@context": list(OB_CONTEXT),
        "id": "https://endorser.example/endorsements/1",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "YÖKAK endorses Robotics Fundamentals",
        "issuer": {"id": "did:web:endorser.example", "type": ["Profile"], "name": "YÖKAK"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "https://mc.example.edu.tr/achievements/robotics",
            "type": ["EndorsementSubject"],
            "endorsementComment": "Meets the national quality criteria.",
        },
        "proof": data_integrity_proof(),
    }


def rich_credential() -> dict[str, Any]:
    """An OB 3.0 credential with many optional fields, nested endorsement and two proofs."""
    achievement = rich_achievement()
    achievement["endorsement"] = [endorsement()]
    return {
        "@context": [*OB_CONTEXT, ELEMENTS],
        "id": "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": "Robotics Fundamentals",
        "description": "Awarded for completing Robotics Fundamentals.",
        "image": {"id": "https://mc.example.edu.tr/img/badge.png", "type": "Image"},
        "issuer": {
            "id": ISSUER,
            "type": ["Profile"],
            "name": "Ege University",
            "url": "https://mc.example.edu.tr",
            "image": "https://mc.example.edu.tr/logo.png",
            "description": "A public university in İzmir.",
        },
        "validFrom": "2026-06-01T09:30:00Z",
        "validUntil": "2031-06-01T09:30:00Z",
        "awardedDate": "2026-06-01T09:30:00Z",
        "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "type": ["AchievementSubject"],
            "activityStartDate": "2026-02-01",
            "activityEndDate": "2026-05-30",
            "creditsEarned": 2.5,
            "licenseNumber": "A-1",
            "role": "Student",
            "term": "Spring 2026",
            "source": {"id": "https://mc.example.edu.tr/depts/eee", "type": ["Profile"]},
            "achievement": achievement,
            "identifier": [
                {
                    "type": "IdentityObject",
                    "hashed": False,
                    "identityHash": "ayse@example.org",
                    "identityType": "emailAddress",
                }
            ],
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": "urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c",
                    "value": "A",
                    "status": "Completed",
                },
                {
                    "type": ["Result"],
                    "resultDescription": "urn:uuid:a1c4ad5a-5d4c-4f9b-bb66-1a3b5d0c2e77",
                    "achievedLevel": "urn:uuid:3b1b8a2e-0c3e-4d5b-a4e5-8d2f0f1c9a10",
                    "alignment": [
                        {"type": ["Alignment"], "targetName": "x", "targetUrl": "https://x.example"}
                    ],
                },
            ],
        },
        "evidence": [
            {
                "id": "https://mc.example.edu.tr/evidence/42",
                "type": ["Evidence"],
                "name": "Final project",
                "narrative": "Video of the robot",
                "description": "The robot follows the line.",
                "genre": "Video",
                "audience": "Teachers",
            }
        ],
        "credentialStatus": status_entry(
            list_credential="https://mc.example.edu.tr/status/1", index=94567, purpose="revocation"
        ),
        "credentialSchema": [
            {
                "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
                "type": "JsonSchema",
            }
        ],
        "endorsement": [endorsement()],
        "proof": [
            data_integrity_proof(),
            data_integrity_proof(
                id="urn:uuid:0d6a3c68-2a3f-4ac3-9d1c-8b38a0c6c1a7",
                previousProof="urn:uuid:5e1b5b0a-7c8e-4f0e-9b5a-2f3c4d5e6f70",
                challenge="1235abcd6789",
                domain="example.org",
                nonce="123",
                expires="2031-06-01T09:30:00Z",
            ),
        ],
    }


def status_list() -> dict[str, Any]:
    return status_list_credential(
        id="https://mc.example.edu.tr/status/1",
        issuer=ISSUER,
        purpose="revocation",
        encoded_list=BitstringStatusList().encode(),
        valid_from="2026-06-01T00:00:00Z",
        valid_until="2026-07-01T00:00:00Z",
    )


def signed(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "proof": data_integrity_proof()}


def presentation() -> dict[str, Any]:
    """A VP: each credential is a graph and brings its own @context (the VP's term
    ``verifiableCredential`` resets the context to null)."""
    return {
        "@context": [VC_V2],
        "id": "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
        "type": ["VerifiablePresentation"],
        "holder": "did:example:ebfeb1f712ebc6f1c276e12ec21",
        "verifiableCredential": [signed(sample_credential(issuer=ISSUER)), endorsement()],
        "proof": data_integrity_proof(
            proofPurpose="authentication", challenge="99612b24", domain="verifier.example"
        ),
    }


SHAPES: dict[str, Callable[[], dict[str, Any]]] = {
    "w3c-unsigned": lambda: read_json("w3c-vc-di-eddsa/unsigned.json"),
    "w3c-signed": lambda: read_json("w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json"),
    "w3c-proof-config": lambda: read_json(
        "w3c-vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json"
    ),
    "w3c-employ": lambda: read_json("w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/signedDataInt.json"),
    "1edtech-signed": lambda: read_json("1edtech-ob30/linked-data-proof-ob-signed.json"),
    "1edtech-unsigned": lambda: without_proof(
        read_json("1edtech-ob30/linked-data-proof-ob-signed.json")
    ),
    "1edtech-proof-config": lambda: proof_config(
        read_json("1edtech-ob30/linked-data-proof-ob-signed.json")
    ),
    "sample": lambda: sample_credential(issuer=ISSUER),
    "sample-did-web": lambda: sample_credential(issuer="did:web:mc.example.edu.tr:uni"),
    "sample-signed": lambda: signed(sample_credential(issuer=ISSUER)),
    "sample-proof-config": lambda: proof_config(signed(sample_credential(issuer=ISSUER))),
    "rich": rich_credential,
    "rich-unsigned": lambda: without_proof(rich_credential()),
    "endorsement": endorsement,
    "status-list": status_list,
    "status-list-signed": lambda: signed(status_list()),
    "presentation": presentation,
    "presentation-proof-config": lambda: proof_config(presentation()),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_fast_path_takes_the_shape_and_matches_the_reference(shape: str) -> None:
    document = SHAPES[shape]()
    original = copy.deepcopy(document)
    assert fast_canonical(document) == reference_canonical(document)
    assert document == original  # the walk never modifies its input


@pytest.mark.parametrize(
    ("document", "canonical"),
    [
        ("w3c-vc-di-eddsa/unsigned.json", "w3c-vc-di-eddsa/eddsa-rdfc-2022/canonDocDataInt.txt"),
        (
            "w3c-vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json",
            "w3c-vc-di-eddsa/eddsa-rdfc-2022/proofCanonDataInt.txt",
        ),
    ],
)
def test_fast_path_gives_the_published_canonical_form(document: str, canonical: str) -> None:
    assert fast_canonical(read_json(document)) == read_text(canonical)


def test_fast_path_gives_the_1edtech_canonical_forms() -> None:
    signed_vector = read_json("1edtech-ob30/linked-data-proof-ob-signed.json")
    assert fast_canonical(without_proof(signed_vector)) == read_text(
        "1edtech-ob30/document-canon.txt"
    )
    assert fast_canonical(proof_config(signed_vector)) == read_text("1edtech-ob30/proof-canon.txt")


def test_the_proof_is_a_named_graph_of_its_own() -> None:
    quads = to_quads_fast(
        read_json("w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json"), document_loader=LOADER
    )
    assert quads is not None
    [(subject, _, graph, _)] = [q for q in quads if q[1] == "<https://w3id.org/security#proof>"]
    assert subject == "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33>"
    assert graph.startswith("_:")
    in_graph = [q for q in quads if q[3] == graph]
    assert len(in_graph) == 6
    assert all(q[0].startswith("_:") and q[0] != graph for q in in_graph)


def test_types_and_values_are_the_expected_terms() -> None:
    """A few quads spelled out, so a shared mistake of both paths would still show."""
    quads = set(to_quads_fast(rich_credential(), document_loader=LOADER) or ())
    ob = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#"
    xsd = "https://www.w3.org/2001/XMLSchema#"  # sic: the OB 3.0.3 context says https
    subject = "<did:example:ebfeb1f712ebc6f1c276e12ec21>"
    assert (subject, f"<{ob}creditsEarned>", f'"2.5E0"^^<{xsd}float>', "") in quads
    assert (subject, f"<{ob}activityStartDate>", f'"2026-02-01"^^<{xsd}date>', "") in quads
    credential = "<urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002>"
    assert (
        credential,
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
        f"<{ob}OpenBadgeCredential>",  # AchievementCredential is an alias
        "",
    ) in quads
    assert (credential, f"<{ob}awardedDate>", '"2026-06-01T09:30:00Z"^^<xsd:dateTime>', "") in quads
    achievement = "<https://mc.example.edu.tr/achievements/robotics>"
    description = (
        achievement,
        "<https://schema.org/description>",
        '"Builds and programs a line-following robot.\\nTwo lines; \\"quotes\\"\\\\."',
        "",
    )
    assert description in quads


def test_status_list_matches_with_either_context_order() -> None:
    document = status_list()
    document["@context"] = [VC_V2, "https://w3id.org/security/data-integrity/v2"]
    assert fast_canonical(signed(document)) == reference_canonical(signed(document))
