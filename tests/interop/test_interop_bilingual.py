"""A bilingual credential (title, description and outcomes as VC 2.0 language value
objects, decision 0009) verifies with ``microcred verify`` and with Digital Bazaar's
verifier, and a changed English title is refused by both."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from interop_harness import Microcred, node_side, write_json
from tests.vc.elements.conftest import full_elements
from tests.vc.elements.helpers import bilingual
from tests.vc.factories import Issuer

from microcred.vc.elements import (
    AwardingBody,
    LearnerIdentification,
    MicroCredentialElements,
    elements_to_credential,
)
from microcred.vc.issue import issue_credential

pytestmark = pytest.mark.interop

NOW = datetime.now(UTC).replace(microsecond=0)


def _signed(issuer: Issuer) -> dict[str, Any]:
    el: MicroCredentialElements = bilingual(
        full_elements(),
        awarding_body=AwardingBody(id=issuer.did, name="Ege Üniversitesi", country="TR"),
        co_awarding_bodies=(),
        learner=LearnerIdentification(id="did:example:learner"),
        date_of_issuing=NOW,
    )
    unsigned = elements_to_credential(
        el,
        credential_id="urn:uuid:0b6c1f0e-3f43-4a8e-9d51-2a4c8d0f7e13",
        achievement_id="https://issuer.example/achievements/veri",
        description="Veriyi okumak, temizlemek ve sunmak.",
    ).to_jsonld()
    signed = issue_credential(
        unsigned,
        key=issuer.key,
        verification_method=issuer.method,
        now=NOW,
        documents=issuer.documents,
    )
    assert isinstance(signed, dict)
    return signed


def test_a_bilingual_credential_verifies_on_both_sides(tmp_path: Path) -> None:
    issuer = Issuer.did_web()
    credential = _signed(issuer)
    names = credential["credentialSubject"]["achievement"]["https://schema.org/name"]
    assert {"@value": "Data Literacy", "@language": "en"} in names
    changed = {**credential}
    changed["credentialSubject"] = {
        **credential["credentialSubject"],
        "achievement": {
            **credential["credentialSubject"]["achievement"],
            "https://schema.org/name": [
                names[0],
                {"@value": "Brain Surgery", "@language": "en"},
            ],
        },
    }
    good = write_json(tmp_path / "bilingual.json", credential)
    bad = write_json(tmp_path / "changed.json", changed)
    documents = write_json(tmp_path / "documents.json", issuer.documents)

    ours = Microcred(tmp_path).verify([good, bad], documents=documents)
    assert ours["bilingual.json"].verified, ours["bilingual.json"].checks
    assert not ours["changed.json"].verified

    theirs = node_side(tmp_path).verify_files([good, bad], documents=documents)
    assert theirs["bilingual.json"].verified, theirs["bilingual.json"].error
    assert not theirs["changed.json"].verified
