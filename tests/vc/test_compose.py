"""Composing a learner's credential: pure, schema-valid, private by default."""

from __future__ import annotations

from datetime import UTC, date, datetime

from microcred.vc.canon import to_quads
from microcred.vc.compose import Learner, compose_credential
from microcred.vc.contexts import pinned_loader
from microcred.vc.openbadges import IdentityObject, identity_matches, validate_credential
from microcred.vc.testing import sample_credential

ISSUER = "did:web:uni.example:orgs:anadolu"
SAMPLE = sample_credential(issuer=ISSUER)
LEARNER = Learner(
    "Ayşe.Yilmaz@Example.com",
    "Ayşe Yılmaz",
    "85/100",
    date(2026, 5, 1),
    "https://evidence.example/ayse",
)
NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)


def compose(**kwargs: object) -> dict[str, object]:
    return compose_credential(
        credential_id="urn:uuid:9d8f",
        achievement=SAMPLE["credentialSubject"]["achievement"],
        issuer=SAMPLE["issuer"],
        learner=LEARNER,
        issued=NOW,
        **kwargs,  # type: ignore[arg-type]
    )


def test_learner_is_a_salted_email_hash_and_the_credential_is_valid() -> None:
    credential = compose()
    assert validate_credential(credential) == []
    assert "Ayşe" not in str(credential)
    assert "Example.com" not in str(credential)
    [identity] = credential["credentialSubject"]["identifier"]  # type: ignore[index]
    assert identity_matches(IdentityObject.from_jsonld(identity), "ayşe.yilmaz@example.com")
    assert not identity_matches(IdentityObject.from_jsonld(identity), "someone@example.com")
    assert to_quads(credential, document_loader=pinned_loader())  # safe-mode JSON-LD


def test_name_only_when_the_organisation_chooses() -> None:
    credential = compose(include_name=True)
    assert validate_credential(credential) == []
    names = [
        i
        for i in credential["credentialSubject"]["identifier"]  # type: ignore[index]
        if i["identityType"] == "name"
    ]
    assert names == [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": "Ayşe Yılmaz",
        }
    ]


def test_grade_evidence_dates_and_status() -> None:
    entry = {
        "id": "https://uni.example/status/r1#5",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "5",
        "statusListCredential": "https://uni.example/status/r1",
    }
    credential = compose(status=[entry], valid_until=datetime(2030, 1, 1, tzinfo=UTC))
    subject = credential["credentialSubject"]
    assert subject["result"] == [  # type: ignore[index]
        {
            "type": ["Result"],
            "value": "85/100",
            "resultDescription": "https://mc.example.edu.tr/grading/percent",  # the scheme
        }
    ]
    assert subject["activityEndDate"] == "2026-05-01T00:00:00Z"  # type: ignore[index]
    assert credential["evidence"] == [{"id": "https://evidence.example/ayse", "type": ["Evidence"]}]
    assert credential["validFrom"] == "2026-06-01T09:30:00Z"
    assert credential["validUntil"] == "2030-01-01T00:00:00Z"
    assert credential["credentialStatus"] == [entry]
    assert validate_credential(credential) == []


def test_a_subject_of_its_own_is_kept_as_given_without_a_learner() -> None:
    """The CLI's path: the issuer writes the AchievementSubject; the composer adds the rest."""
    credential = compose_credential(
        credential_id="urn:uuid:9d8f",
        achievement=SAMPLE["credentialSubject"]["achievement"],
        issuer=SAMPLE["issuer"],
        subject={"id": "did:example:learner"},
        issued=NOW,
    )
    subject = credential["credentialSubject"]
    assert subject["id"] == "did:example:learner"
    assert subject["type"] == ["AchievementSubject"]
    assert subject["achievement"] == SAMPLE["credentialSubject"]["achievement"]
    assert "identifier" not in subject
    assert "evidence" not in credential
    assert validate_credential(credential) == []
