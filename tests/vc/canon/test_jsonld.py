"""JSON-LD → RDF (pyld reference path, safe mode) and canonicalize_jsonld on the vectors."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pyld import jsonld as pyld_jsonld

from microcred.vc.canon import canonicalize_jsonld, parse_nquads, serialize_nquads, to_quads
from microcred.vc.canon import jsonld as canon_jsonld
from microcred.vc.canon.jsonld import to_quads_reference
from microcred.vc.errors import DocumentLoadError, JsonLdError

from .conftest import Loader, make_loader, read_json, read_text

V1 = "https://www.w3.org/2018/credentials/v1"
V2 = "https://www.w3.org/ns/credentials/v2"
OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
XSD = "http://www.w3.org/2001/XMLSchema#"
EDDSA = "w3c-vc-di-eddsa/eddsa-rdfc-2022/"


def _ob_credential() -> dict[str, Any]:
    signed: dict[str, Any] = read_json("1edtech-ob30/linked-data-proof-ob-signed.json")
    del signed["proof"]
    return signed


def _ob_proof_options() -> dict[str, Any]:
    signed = read_json("1edtech-ob30/linked-data-proof-ob-signed.json")
    options: dict[str, Any] = dict(signed["proof"])
    del options["proofValue"]
    options["@context"] = signed["@context"]
    return options


# --- the official vectors -------------------------------------------------------------


def test_w3c_eddsa_rdfc_2022_document(context_loader: Loader) -> None:
    document = read_json("w3c-vc-di-eddsa/unsigned.json")
    expected = read_text(EDDSA + "canonDocDataInt.txt")
    assert canonicalize_jsonld(document, document_loader=context_loader) == expected


def test_w3c_eddsa_rdfc_2022_proof_options(context_loader: Loader) -> None:
    options = read_json(EDDSA + "proofConfigDataInt.json")
    expected = read_text(EDDSA + "proofCanonDataInt.txt")
    assert canonicalize_jsonld(options, document_loader=context_loader) == expected


def test_open_badges_3_document(context_loader: Loader) -> None:
    expected = read_text("1edtech-ob30/document-canon.txt")
    assert canonicalize_jsonld(_ob_credential(), document_loader=context_loader) == expected


def test_open_badges_3_proof_options(context_loader: Loader) -> None:
    expected = read_text("1edtech-ob30/proof-canon.txt")
    assert canonicalize_jsonld(_ob_proof_options(), document_loader=context_loader) == expected


@pytest.mark.parametrize(
    "name",
    [
        "w3c-vc-di-eddsa/unsigned.json",
        EDDSA + "signedDataInt.json",
        EDDSA + "employ/signedDataInt.json",
        "1edtech-ob30/linked-data-proof-ob-signed.json",
    ],
)
def test_quads_are_canonical_terms(name: str, context_loader: Loader) -> None:
    """Every term is already in canonical N-Quads form: re-parsing changes nothing."""
    quads = to_quads_reference(read_json(name), document_loader=context_loader)
    assert len(quads) > 5
    assert parse_nquads(serialize_nquads(quads)) == quads


def test_matches_pyld_text_output(context_loader: Loader) -> None:
    """Same quads as pyld's own N-Quads serialisation (for text without odd escapes)."""
    document = _ob_credential()
    text = pyld_jsonld.to_rdf(
        document, {"documentLoader": context_loader, "format": "application/n-quads"}
    )
    quads = to_quads_reference(document, document_loader=context_loader)
    assert sorted(quads) == sorted(parse_nquads(text))


def test_input_is_not_modified(context_loader: Loader) -> None:
    document = _ob_credential()
    before = copy.deepcopy(document)
    to_quads_reference(document, document_loader=context_loader)
    assert document == before


# --- safe mode ------------------------------------------------------------------------


def _fails(document: dict[str, Any], loader: Loader | None = None) -> JsonLdError:
    with pytest.raises(JsonLdError) as caught:
        to_quads_reference(document, document_loader=loader or make_loader())
    return caught.value


def test_undefined_property_names_term_and_path() -> None:
    document = {
        "@context": [V1],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:1", "favouriteColour": "green"},
    }
    error = _fails(document)
    assert error.code == "jsonld_undefined_term"
    assert "'favouriteColour'" in str(error)
    assert "$.credentialSubject.favouriteColour" in str(error)


def test_property_defined_as_null_is_refused() -> None:
    error = _fails({"@context": {"x": "https://ex/x", "hidden": None}, "x": 1, "hidden": 2})
    assert error.code == "jsonld_undefined_term"


def test_undefined_type_is_refused() -> None:
    error = _fails({"@context": {"name": "https://schema.org/name"}, "@type": "Badge"})
    assert error.code == "jsonld_undefined_term"
    assert "'Badge'" in str(error)


def test_relative_datatype_is_refused() -> None:
    value = {"@value": "3", "@type": "Count"}
    document = {"@context": {"n": "https://ex/n"}, "@id": "https://ex/s", "n": value}
    assert _fails(document).code == "jsonld_invalid_typed_value"  # pyld's own check
    in_context = {"@context": {"n": {"@id": "https://ex/n", "@type": "Count"}}, "n": "3"}
    assert _fails(in_context).code == "jsonld_invalid_context"


@pytest.mark.parametrize(
    ("node_id", "code"),
    [
        ("credentials/3527", "jsonld_relative_iri"),
        ("#me", "jsonld_relative_iri"),
        ("https://ex/a b", "jsonld_invalid_iri"),
        ("https://ex/a>b <https://x>", "jsonld_invalid_iri"),
    ],
)
def test_id_that_is_not_an_absolute_iri_is_refused(node_id: str, code: str) -> None:
    document = {"@context": {"name": "https://schema.org/name"}, "@id": node_id, "name": "x"}
    error = _fails(document)
    assert error.code == code
    assert repr(node_id) in str(error)


def test_iri_valued_property_with_relative_iri_is_refused() -> None:
    context = {"link": {"@id": "https://ex/link", "@type": "@id"}}
    document = {"@context": context, "@id": "https://ex/s", "link": "elsewhere"}
    assert _fails(document).code == "jsonld_relative_iri"


def test_language_tag_that_could_forge_nquads_is_refused() -> None:
    document = {
        "@context": {"n": "https://ex/n"},
        "@id": "https://ex/s",
        "n": {"@value": "x", "@language": 'en . <https://ex/s> <https://ex/p> "forged"'},
    }
    assert _fails(document).code == "jsonld_invalid_language"


def test_vc2_undeclared_term_is_refused_unless_a_vocab_context_maps_it() -> None:
    """VC 2.0 has no @vocab; the undefined-terms context maps such terms explicitly."""
    document = {
        "@context": [V2],
        "type": ["VerifiableCredential"],
        "issuer": "https://ex/issuer",
        "credentialSubject": {"favouriteColour": "green"},
    }
    assert _fails(document).code == "jsonld_undefined_term"
    document["@context"] = [V2, "https://www.w3.org/ns/credentials/undefined-terms/v2"]
    quads = to_quads_reference(document, document_loader=make_loader())
    predicates = {quad[1] for quad in quads}
    assert "<https://www.w3.org/ns/credentials/undefined-term#favouriteColour>" in predicates


# --- literal typing (JSON-LD 1.1 toRdf §8.6) ------------------------------------------


def _objects(value: Any, datatype: str | None = None) -> list[str]:
    term: dict[str, Any] = {"@id": "https://ex/v"}
    if datatype:
        term["@type"] = datatype
    document = {"@context": {"v": term}, "@id": "https://ex/s", "v": value}
    return [quad[2] for quad in to_quads_reference(document, document_loader=make_loader())]


def test_number_and_boolean_literals() -> None:
    assert _objects([5.0, 7, 1.5, 1e21, True, "5"]) == [
        f'"5"^^<{XSD}integer>',
        f'"7"^^<{XSD}integer>',
        f'"1.5E0"^^<{XSD}double>',
        f'"1.0E21"^^<{XSD}double>',
        f'"true"^^<{XSD}boolean>',
        '"5"',
    ]


def test_xsd_double_coercion_applies_to_numbers_not_strings() -> None:
    """pyld 3.3 would rewrite the string to "1.5E0"; the spec and jsonld.js keep it."""
    assert _objects([2, "1.5"], f"{XSD}double") == [
        f'"2.0E0"^^<{XSD}double>',
        f'"1.5"^^<{XSD}double>',
    ]


def test_literal_escaping_is_canonical() -> None:
    assert _objects('quote " backslash \\ newline \n tab \t bell \x07') == [
        '"quote \\" backslash \\\\ newline \\n tab \\t bell \\u0007"'
    ]


# --- contexts and the loader ----------------------------------------------------------


def test_unknown_context_is_document_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(url: str, options: dict[str, Any]) -> dict[str, Any]:
        raise AssertionError(f"pyld's network loader was used for {url}")

    monkeypatch.setattr(pyld_jsonld, "_default_document_loader", no_network)
    error = _fails({"@context": ["https://evil.example/context.jsonld"], "name": "x"})
    assert error.code == "document_not_available"
    assert "https://evil.example/context.jsonld" in str(error)
    assert isinstance(error.__cause__, DocumentLoadError)


def test_loader_failing_otherwise_is_loading_failed() -> None:
    def broken(url: str, options: dict[str, Any]) -> dict[str, Any]:
        raise OSError("disk on fire")

    error = _fails({"@context": [V2], "type": "VerifiableCredential"}, broken)
    assert error.code == "jsonld_loading_failed"


def test_a_loader_is_required() -> None:
    with pytest.raises(TypeError):
        to_quads_reference({"@context": [V2]})  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        to_quads_reference({"@context": [V2]}, document_loader=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("term", ["id", "type", "name", "VerifiableCredential"])
def test_redefining_a_protected_vc2_term_is_refused(term: str) -> None:
    document = {"@context": [V2, {term: f"https://ex/{term}"}], "id": "urn:uuid:1"}
    error = _fails(document)
    assert error.code == "jsonld_protected_term_redefinition"
    assert term in str(error)


def test_old_open_badges_context_after_vc2_is_refused() -> None:
    """The OB 3.0.1 context redefines protected VC terms (see contexts/README)."""
    context = [V2, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json"]
    error = _fails({"@context": context, "type": ["VerifiableCredential"]})
    assert error.code == "jsonld_protected_term_redefinition"


def test_invalid_context_is_refused() -> None:
    error = _fails({"@context": {"@vocab": 5}, "x": 1})
    assert error.code == "jsonld_invalid_context"


def test_context_cache_is_per_loader() -> None:
    """Two loaders answering differently for one URL (both "static") never mix."""
    url = "https://ex/context"

    def serving(prefix: str) -> Loader:
        def load(requested: str, options: dict[str, Any]) -> dict[str, Any]:
            context = {"@context": {"name": f"{prefix}name"}}
            return {
                "contextUrl": None,
                "documentUrl": requested,
                "document": context,
                "tag": "static",
            }

        return load

    first, second = serving("https://a.example/"), serving("https://b.example/")
    document = {"@context": url, "@id": "https://ex/s", "name": "x"}
    for loader, prefix in ((first, "a"), (second, "b"), (first, "a")):
        (quad,) = to_quads_reference(document, document_loader=loader)
        assert quad[1] == f"<https://{prefix}.example/name>"


# --- the fast-path hook ---------------------------------------------------------------


def test_to_quads_prefers_the_fast_path_when_it_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    answer = [("<https://ex/s>", "<https://ex/p>", '"fast"', "")]
    calls: list[Any] = []

    def fast(document: Any, *, document_loader: Loader) -> Any:
        calls.append(document)
        return answer if document.get("fast") else None

    monkeypatch.setattr(canon_jsonld, "_fast_path", lambda: fast)
    loader = make_loader()
    assert to_quads({"fast": True}, document_loader=loader) is answer
    fallback = to_quads(_ob_credential(), document_loader=loader)
    assert fallback == to_quads_reference(_ob_credential(), document_loader=loader)
    assert len(calls) == 2
