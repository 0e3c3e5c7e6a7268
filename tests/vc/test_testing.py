"""The shared sample credential: realistic size, valid, expands cleanly, deterministic."""

from __future__ import annotations

import json

import pytest

from microcred.vc.canon import to_quads
from microcred.vc.contexts import pinned_loader
from microcred.vc.elements import elements_from_credential, missing_mandatory
from microcred.vc.openbadges import ELEMENTS_CONTEXT_URL, OpenBadgeCredential, validate_credential
from microcred.vc.testing import sample_credential

DID_KEY = "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH"
DID_WEB = "did:web:mc.example.edu.tr:issuers:ege"


@pytest.mark.parametrize("issuer", [DID_KEY, DID_WEB])
def test_sample_is_a_valid_ob_credential(issuer: str) -> None:
    credential = sample_credential(issuer=issuer)
    assert credential["issuer"]["id"] == issuer
    assert credential["@context"][-1] == ELEMENTS_CONTEXT_URL
    assert validate_credential(credential) == []
    assert OpenBadgeCredential.from_jsonld(credential).to_jsonld() == credential


def test_sample_size_and_shape() -> None:
    credential = sample_credential(issuer=DID_KEY)
    size = len(json.dumps(credential).encode("utf-8"))
    assert 2500 <= size <= 3600, size
    quads = to_quads(credential, document_loader=pinned_loader())
    blank_nodes = {term for quad in quads for term in quad if term.startswith("_:")}
    assert 65 <= len(quads) <= 90, len(quads)
    assert len(blank_nodes) >= 6
    assert "proof" not in credential


def test_sample_is_deterministic_and_complete() -> None:
    assert sample_credential(issuer=DID_KEY) == sample_credential(issuer=DID_KEY)
    assert sample_credential(issuer=DID_KEY) != sample_credential(issuer=DID_WEB)
    assert missing_mandatory(elements_from_credential(sample_credential(issuer=DID_KEY))) == []
