"""Our extension context expands cleanly next to VC 2.0 and OB 3.0.3, in safe mode.

Checked twice: with pyld directly (an ``on_property_dropped`` handler that fails, so any
term the contexts do not define is an error, and nothing may fall into an
issuer-dependent namespace), and through the project's own ``to_quads``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pyld import jsonld

from microcred.vc.canon import to_quads
from microcred.vc.contexts import load_context, pinned_loader
from microcred.vc.elements import (
    ELEMENTS_CONTEXT_URL,
    MicroCredentialElements,
    elements_to_credential,
)
from microcred.vc.errors import JsonLdError
from microcred.vc.openbadges.contexts import elements_terms

from .conftest import BASE

VOCAB = "https://contexts.microcred.eu/elements/v1#"


class DroppedTermError(Exception):
    pass


def _fail_on_drop(term: str | None) -> None:
    raise DroppedTermError(term)


def _credential(elements: MicroCredentialElements) -> dict[str, Any]:
    return elements_to_credential(
        elements,
        credential_id="urn:uuid:0b6c1f0e-3f43-4a8e-9d51-2a4c8d0f7e11",
        achievement_id=f"{BASE}/achievements/data-literacy",
        description="Reading, cleaning and presenting data.",
    ).to_jsonld()


def _expand(document: dict[str, Any]) -> list[Any]:
    processor = jsonld.JsonLdProcessor(on_property_dropped=_fail_on_drop)
    expanded: list[Any] = processor.expand(document, {"documentLoader": pinned_loader()})
    return expanded


def _iris(node: Any) -> set[str]:
    """Every property and type IRI and every @id in an expanded document."""
    found: set[str] = set()
    if isinstance(node, list):
        for item in node:
            found |= _iris(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type" and isinstance(value, list):
                found |= set(value)
            elif key == "@id":
                found.add(value)
            elif not key.startswith("@"):
                found.add(key)
            found |= _iris(value)
    return found


def test_context_file_shape() -> None:
    context = load_context(ELEMENTS_CONTEXT_URL)["@context"]
    assert context["@protected"] is True
    assert context["@version"] == 1.1
    for term in elements_terms():
        assert context[term]["@id"] == VOCAB + term
    for definition in context.values():
        scoped = definition.get("@context") if isinstance(definition, dict) else None
        if scoped:
            assert scoped["@protected"] is True
            assert all(v["@id"].startswith(VOCAB) for k, v in scoped.items() if k[0] != "@")


def test_full_credential_expands_with_nothing_dropped(elements: MicroCredentialElements) -> None:
    iris = _iris(_expand(_credential(elements)))
    assert not any("issuer-dependent" in iri for iri in iris)
    for term in elements_terms():
        assert VOCAB + term in iris, term
    assert {VOCAB + "Project", VOCAB + "OralExam", VOCAB + "OnSite", VOCAB + "FirstCycle",
            VOCAB + "SupervisedWithIdentityVerification", VOCAB + "Stackable",
            VOCAB + "External", VOCAB + "AccreditedProgramme",
            VOCAB + "qualityAssuranceType", VOCAB + "qualityAssuranceBody"} <= iris  # fmt: skip


def test_full_credential_to_rdf_in_the_project_safe_mode(
    elements: MicroCredentialElements,
) -> None:
    quads = to_quads(_credential(elements), document_loader=pinned_loader())
    predicates = {quad[1] for quad in quads}
    assert f"<{VOCAB}workloadHours>" in predicates
    hours = [q for q in quads if q[1] == f"<{VOCAB}workloadHours>"]
    assert hours[0][2] == '"70"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>'
    period = [q for q in quads if q[1] == f"<{VOCAB}validityPeriod>"]
    assert period[0][2] == '"P5Y"^^<http://www.w3.org/2001/XMLSchema#duration>'
    towards = [q for q in quads if q[1] == f"<{VOCAB}stackableTowards>"]
    assert towards[0][2] == f"<{BASE}/programmes/digital-education>"


def test_an_undefined_term_is_still_caught(elements: MicroCredentialElements) -> None:
    document = _credential(elements)
    document["credentialSubject"]["achievement"]["learningOutcomes"] = ["typo: plural"]
    with pytest.raises(DroppedTermError):
        _expand(document)
    with pytest.raises(JsonLdError):
        to_quads(document, document_loader=pinned_loader())


def test_a_value_outside_the_vocabulary_is_refused(elements: MicroCredentialElements) -> None:
    document = _credential(elements)
    document["credentialSubject"]["achievement"]["formOfParticipation"] = "hybrid"
    with pytest.raises(JsonLdError):
        to_quads(document, document_loader=pinned_loader())


def test_our_terms_need_our_context(elements: MicroCredentialElements) -> None:
    document = copy.deepcopy(_credential(elements))
    document["@context"].remove(ELEMENTS_CONTEXT_URL)
    with pytest.raises(DroppedTermError):
        _expand(document)


def test_protected_terms_cannot_be_redefined_after_ours(
    elements: MicroCredentialElements,
) -> None:
    document = _credential(elements)
    document["@context"].append({"workloadHours": "https://attacker.example/hours"})
    with pytest.raises(jsonld.JsonLdError, match="protected"):
        _expand(document)
