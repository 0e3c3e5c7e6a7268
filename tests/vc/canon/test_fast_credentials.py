"""Random Open Badges 3.0 micro-credentials: the fast path takes every one, exactly.

Hypothesis builds credentials the way the project does (OB 3.0.3 + the microcred
elements context, optional fields present or not, single values or arrays, nested
objects with and without ids, unicode, quotes, newlines and backslashes in strings,
negative and fractional numbers, endorsements with their own @context, zero to two
proofs). For each, the fast path must not decline and must give the reference
path's dataset.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.vc.canon.fast import to_quads_fast, why_declined
from microcred.vc.canon.jsonld import to_quads_reference
from microcred.vc.canon.rdfc import canonicalize
from microcred.vc.contexts import OB_CONTEXT, pinned_loader

ELEMENTS = "https://contexts.microcred.eu/elements/v1.jsonld"
LOADER = pinned_loader()

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=24
) | st.sampled_from(['say "hi"', "back\\slash", "two\nlines\r\n", "tab\there", "", "İÖÜ ğış"])
iris = st.sampled_from(
    [
        "https://mc.example.edu.tr/a",
        "urn:uuid:2f6d4a56-8e0f-4c8a-9d3b-1f2e3d4c5b6a",
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "did:web:mc.example.edu.tr:uni",
        "https://example.org/path?q=1#frag",
        "http://data.europa.eu/esco/skill/aeecc330",
    ]
)
dates = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
).map(lambda moment: moment.isoformat().replace("+00:00", "Z"))
days = dates.map(lambda moment: moment[:10])
# Amounts as issuers write them: whole numbers or at most two decimals.
numbers = st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1) | st.decimals(
    min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False
).map(float)


def one_or_many(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return strategy | st.lists(strategy, min_size=0, max_size=3)


def with_optional(
    required: dict[str, st.SearchStrategy[Any]], optional: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(required, optional=optional)


def typed(name: str) -> st.SearchStrategy[Any]:
    return st.sampled_from([name, [name]])


images = iris | with_optional({"id": iris, "type": st.just("Image")}, {"caption": texts})
addresses = with_optional(
    {"type": typed("Address")},
    {
        "addressCountry": texts,
        "addressCountryCode": st.sampled_from(["TR", "DE"]),
        "addressRegion": texts,
        "addressLocality": texts,
        "postalCode": texts,
        "geo": with_optional(
            {"type": st.just("GeoCoordinates")}, {"latitude": numbers, "longitude": numbers}
        ),
    },
)
profiles = iris | with_optional(
    {"id": iris, "type": typed("Profile")},
    {
        "name": texts,
        "url": iris,
        "email": texts,
        "phone": texts,
        "description": texts,
        "image": images,
        "address": addresses,
        "otherIdentifier": one_or_many(
            with_optional(
                {"type": st.just("IdentifierEntry"), "identifier": texts},
                {"identifierType": st.sampled_from(["sourcedId", "identifier", "ext:Custom"])},
            )
        ),
    },
)
alignments = with_optional(
    {"type": typed("Alignment"), "targetName": texts, "targetUrl": iris},
    {
        "targetCode": texts,
        "targetDescription": texts,
        "targetFramework": texts,
        "targetType": st.sampled_from(["CFItem", "ext:EQFLevel", "ceasn:Competency"]),
    },
)
result_descriptions = with_optional(
    {"id": iris, "type": typed("ResultDescription"), "name": texts, "resultType": texts},
    {
        "allowedValue": st.lists(texts, max_size=4),
        "requiredValue": texts,
        "valueMin": texts,
        "valueMax": texts,
        "requiredLevel": iris,
        "rubricCriterionLevel": one_or_many(
            with_optional(
                {"id": iris, "type": typed("RubricCriterionLevel"), "name": texts},
                {"level": texts, "points": texts, "description": texts},
            )
        ),
        "alignment": one_or_many(alignments),
    },
)
ELEMENT_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "learningOutcome": one_or_many(texts),
    "workloadHours": st.integers(min_value=0, max_value=10_000),
    "assessmentType": one_or_many(
        st.sampled_from(["writtenExam", "oralExam", "project", "portfolio", "other"])
    ),
    "formOfParticipation": st.sampled_from(["online", "onSite", "blended"]),
    "qualityAssurance": with_optional(
        {},
        {
            "qualityAssuranceType": one_or_many(st.sampled_from(["internal", "external"])),
            "qualityAssuranceBody": iris,
        },
    ),
    "supervision": st.sampled_from(["supervisedWithIdentityVerification"]),
    "integration": st.sampled_from(["standAlone", "stackable"]),
    "stackableTowards": one_or_many(iris),
    "additionalLanguage": one_or_many(st.sampled_from(["en", "de"])),
    "validityPeriod": st.sampled_from(["P2Y", "P6M"]),
    "prerequisites": texts,
}
ACHIEVEMENT_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "id": iris,
    "description": texts,
    "achievementType": st.sampled_from(["Certificate", "MicroCredential", "ext:Custom"]),
    "alignment": one_or_many(alignments),
    "creator": profiles,
    "creditsAvailable": numbers,
    "fieldOfStudy": texts,
    "humanCode": texts,
    "image": images,
    "inLanguage": st.sampled_from(["en", "tr", "tr-TR"]),
    "resultDescription": one_or_many(result_descriptions),
    "specialization": texts,
    "tag": one_or_many(texts),
    "version": texts,
}


def achievements(elements: bool) -> st.SearchStrategy[dict[str, Any]]:
    criteria = with_optional({}, {"id": iris, "narrative": texts})
    return with_optional(
        {"type": typed("Achievement"), "name": texts, "criteria": criteria},
        {**ACHIEVEMENT_FIELDS, **(ELEMENT_FIELDS if elements else {})},
    )


results = with_optional(
    {"type": typed("Result")},
    {"resultDescription": iris, "value": texts, "status": texts, "achievedLevel": iris},
)
identities = with_optional(
    {"type": st.just("IdentityObject"), "hashed": st.booleans(), "identityHash": texts},
    {"identityType": st.sampled_from(["emailAddress", "ext:Custom"]), "salt": texts},
)


def subjects(elements: bool) -> st.SearchStrategy[dict[str, Any]]:
    return with_optional(
        {"type": typed("AchievementSubject"), "achievement": achievements(elements)},
        {
            "id": iris,
            "identifier": one_or_many(identities),
            "result": one_or_many(results),
            "activityStartDate": days,
            "activityEndDate": days,
            "creditsEarned": numbers,
            "licenseNumber": texts,
            "role": texts,
            "term": texts,
            "source": profiles,
            "image": images,
        },
    )


proofs = with_optional(
    {
        "type": st.just("DataIntegrityProof"),
        "cryptosuite": st.sampled_from(["eddsa-rdfc-2022", "eddsa-jcs-2022"]),
        "created": dates,
        "verificationMethod": iris,
        "proofPurpose": st.sampled_from(["assertionMethod", "authentication"]),
    },
    {"proofValue": texts, "id": iris, "challenge": texts, "domain": texts, "expires": dates},
)
endorsements = with_optional(
    {
        "@context": st.just(list(OB_CONTEXT)),
        "id": iris,
        "type": st.just(["VerifiableCredential", "EndorsementCredential"]),
        "name": texts,
        "issuer": profiles,
        "validFrom": dates,
        "credentialSubject": with_optional(
            {"id": iris, "type": typed("EndorsementSubject")}, {"endorsementComment": texts}
        ),
    },
    {"proof": proofs},
)


def credentials(elements: bool) -> st.SearchStrategy[dict[str, Any]]:
    return with_optional(
        {
            "@context": st.just([*OB_CONTEXT, ELEMENTS] if elements else list(OB_CONTEXT)),
            "type": st.sampled_from(
                [
                    ["VerifiableCredential", "OpenBadgeCredential"],
                    ["VerifiableCredential", "AchievementCredential"],
                ]
            ),
            "issuer": profiles,
            "validFrom": dates,
            "credentialSubject": subjects(elements),
        },
        {
            "id": iris,
            "name": texts,
            "description": texts,
            "image": images,
            "validUntil": dates,
            "awardedDate": dates,
            "evidence": one_or_many(
                with_optional(
                    {"type": typed("Evidence")},
                    {
                        "id": iris,
                        "name": texts,
                        "narrative": texts,
                        "genre": texts,
                        "audience": texts,
                    },
                )
            ),
            "credentialStatus": with_optional(
                {
                    "type": st.just("BitstringStatusListEntry"),
                    "statusPurpose": st.sampled_from(["revocation", "suspension"]),
                    "statusListIndex": st.integers(min_value=0, max_value=131071).map(str),
                    "statusListCredential": iris,
                },
                {"id": iris},
            ),
            "credentialSchema": with_optional({"id": iris, "type": st.just("JsonSchema")}, {}),
            "endorsement": one_or_many(endorsements),
            "proof": proofs | st.lists(proofs, min_size=2, max_size=2),
        },
    )


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)
@given(st.booleans().flatmap(credentials))
def test_fast_path_takes_random_credentials_exactly(credential: dict[str, Any]) -> None:
    quads = to_quads_fast(credential, document_loader=LOADER)
    assert quads is not None, why_declined(credential, document_loader=LOADER)
    reference = to_quads_reference(credential, document_loader=LOADER)
    assert canonicalize(quads).nquads == canonicalize(reference).nquads
