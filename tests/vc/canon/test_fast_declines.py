"""Where the fast path must decline, and how its context cache trusts a loader.

Declining (``None``) is always safe: the reference path then gives the dataset or the
error. So each case checks both sides: the fast path declines, and the reference path
does what it does (raises with its code, or succeeds, which shows the decline is the
fast path's caution, not the document's fault).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from microcred.vc.canon.fast import clear_cache, to_quads_fast, why_declined
from microcred.vc.canon.jsonld import to_quads_reference
from microcred.vc.canon.rdfc import canonicalize
from microcred.vc.contexts import OB_CONTEXT, VC_V2, pinned_loader
from microcred.vc.errors import DocumentLoadError, JsonLdError

from .conftest import make_loader

LOADER = pinned_loader()
EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"
XSD = "http://www.w3.org/2001/XMLSchema#"


def credential(**extra: Any) -> dict[str, Any]:
    return {
        "@context": list(OB_CONTEXT),
        "id": "urn:uuid:7e8a1e2a-6f3f-4a49-9b9e-3f4a1c1c0d11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:web:issuer.example", "type": ["Profile"], "name": "Issuer"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://issuer.example/achievements/1",
                "type": ["Achievement"],
                "name": "Data Literacy",
                "criteria": {"narrative": "Pass the project."},
            },
        },
        **extra,
    }


def achievement_with(**fields: Any) -> dict[str, Any]:
    document = credential()
    document["credentialSubject"]["achievement"].update(fields)
    return document


def same(document: dict[str, Any], loader: Any = LOADER) -> bool:
    quads = to_quads_fast(document, document_loader=loader)
    assert quads is not None, why_declined(document, document_loader=loader)
    reference = to_quads_reference(document, document_loader=loader)
    return canonicalize(quads).nquads == canonicalize(reference).nquads


def declines(document: Any, loader: Any = LOADER) -> str:
    reason = why_declined(document, document_loader=loader)
    assert reason is not None
    assert to_quads_fast(document, document_loader=loader) is None
    return reason


# --- documents the reference refuses: the fast path must not take them ---------------


@pytest.mark.parametrize(
    ("document", "code"),
    [
        (credential(undefinedTerm="x"), "jsonld_undefined_term"),
        (credential(id="relative/id"), "jsonld_relative_iri"),
        (achievement_with(image="images/badge.png"), "jsonld_relative_iri"),
        (credential(type=["VerifiableCredential", "NoSuchType"]), "jsonld_undefined_term"),
        (credential(issuer={"id": "https://x.example/a b"}), "jsonld_invalid_iri"),
    ],
    ids=["undefined-term", "relative-id", "relative-coerced-id", "undefined-type", "iri-space"],
)
def test_declines_what_the_reference_refuses(document: dict[str, Any], code: str) -> None:
    declines(document)
    with pytest.raises(JsonLdError) as raised:
        to_quads_reference(document, document_loader=LOADER)
    assert raised.value.code == code


def test_declines_a_protected_term_redefinition() -> None:
    url = "https://test.invalid/fast/redefines-name"
    loader = make_loader({url: {"@context": {"name": "https://example.org/not-schema-name"}}})
    document = credential()
    document["@context"] = [*OB_CONTEXT, url]
    declines(document, loader)
    with pytest.raises(JsonLdError) as raised:
        to_quads_reference(document, document_loader=loader)
    assert raised.value.code == "jsonld_protected_term_redefinition"


def test_declines_a_context_the_loader_refuses() -> None:
    document = credential()
    document["@context"] = [*OB_CONTEXT, "https://not-pinned.example/context.jsonld"]
    declines(document)
    with pytest.raises(JsonLdError) as raised:
        to_quads_reference(document, document_loader=LOADER)
    assert raised.value.code == "context_not_pinned"


def test_declines_documents_nested_too_deeply() -> None:
    document = credential()
    node = document["credentialSubject"]["achievement"]
    for _ in range(5000):
        node["description"] = {"@value": "x"} if node is None else {}
        node = node["description"]
    assert to_quads_fast(document, document_loader=LOADER) is None


# --- documents the reference takes, outside the subset ---------------------------------


OUTSIDE = {
    "inline-context": {**credential(), "@context": [*OB_CONTEXT, {"extra": "https://x.example/e"}]},
    "embedded-inline-context": achievement_with(
        criteria={"@context": {"n": "https://x.example/n"}, "n": "x"}
    ),
    "blank-node-id": credential(id="_:credential"),
    "json-literal": {
        "@context": [VC_V2],
        "type": ["VerifiableCredential"],
        "issuer": "did:web:issuer.example",
        "credentialSchema": {
            "id": "https://x.example/schema",
            "type": "JsonSchema",
            "jsonSchema": {"type": "object"},
        },
    },
    "upper-case-language": achievement_with(description={"@value": "Data", "@language": "EN"}),
    "integer-beyond-2**53": achievement_with(creditsAvailable=2**53),
    "integral-float-beyond-2**53": achievement_with(creditsAvailable=2.0**60),
    "float-halfway-at-16-digits": achievement_with(creditsAvailable=1000000000000000.5),
    "direction": achievement_with(description={"@value": "x", "@direction": "rtl"}),
    "reverse": credential(**{"@reverse": {"https://x.example/p": {"id": "https://x.example/s"}}}),
    "included": credential(**{"@included": [{"id": "https://x.example/s"}]}),
    "index": achievement_with(criteria={"@index": "i", "narrative": "x"}),
    "explicit-list": achievement_with(tag={"@list": ["a", "b"]}),
    "list-of-lists": achievement_with(
        resultDescription=[
            {
                "type": "ResultDescription",
                "name": "n",
                "resultType": "Percent",
                "allowedValue": [["a"], "b"],
            }
        ]
    ),
    "scalar-in-graph-container": credential(proof="https://x.example/proof"),
    "lone-surrogate": achievement_with(name="\ud800"),
}


@pytest.mark.parametrize("name", sorted(OUTSIDE))
def test_declines_what_it_does_not_reproduce(name: str) -> None:
    declines(OUTSIDE[name])


def test_declines_strings_typed_xsd_double() -> None:
    """pyld 3.3 rewrites "1.5" typed xsd:double to "1.5E0"; the spec and jsonld.js do not."""
    url = "https://test.invalid/fast/double"
    loader = make_loader(
        {url: {"@context": {"d": {"@id": "https://x.example/d", "@type": f"{XSD}double"}}}}
    )
    document = {"@context": [url], "@id": "https://x.example/s", "d": "1.5"}
    declines(document, loader)
    declines({**document, "d": 2}, loader)
    assert [q[2] for q in to_quads_reference(document, document_loader=loader)] == [
        f'"1.5"^^<{XSD}double>'
    ]


@pytest.mark.parametrize("document", [[credential()], "a string", 42, None])
def test_declines_what_is_not_a_json_object(document: Any) -> None:
    assert to_quads_fast(document, document_loader=LOADER) is None


# --- edges it does take ------------------------------------------------------------------


@pytest.mark.parametrize(
    "credits",
    [
        0,
        -3,
        2**53 - 1,
        -(2**53) + 1,
        3.0,
        -0.0,
        2.5,
        -1e-7,
        0.1,
        123456.789,
        1.7976931348623157e308,
    ],
)
def test_numbers_in_the_shared_range(credits: Any) -> None:
    if isinstance(credits, float) and abs(credits) > 2**53:
        declines(achievement_with(creditsAvailable=credits))
    else:
        assert same(achievement_with(creditsAvailable=credits))


def test_numbers_become_the_spec_lexical_forms() -> None:
    quads = to_quads_fast(
        achievement_with(creditsAvailable=-1e-7, humanCode=3.0, version=True),
        document_loader=LOADER,
    )
    objects = {q[2] for q in quads or ()}
    assert '"-1.0E-7"^^<https://www.w3.org/2001/XMLSchema#float>' in objects
    assert f'"3"^^<{XSD}integer>' in objects
    assert f'"true"^^<{XSD}boolean>' in objects


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        [None, "a", ["b", ["c"]]],
        ["a", "a"],
        {"@value": "chat", "@language": "en"},
        {"@value": "x", "@type": "https://x.example/dt"},
        {"@value": None},
        {"@value": 5, "@type": f"{XSD}decimal"},
        'quotes " and \\ and \n and \x00 and \u2028',
    ],
)
def test_values_nulls_arrays_and_value_objects(value: Any) -> None:
    assert same(achievement_with(description=value, tag=value))


def test_vocab_maps_undefined_terms() -> None:
    document = {
        "@context": [VC_V2, EXAMPLES],
        "type": ["VerifiableCredential", "ExampleCredential"],
        "issuer": "did:web:issuer.example",
        "credentialSubject": {"id": "did:example:1", "degree": {"type": "Bachelor", "name": "x"}},
    }
    assert same(document)
    quads = to_quads_fast(document, document_loader=LOADER) or []
    assert any(q[1] == "<https://www.w3.org/ns/credentials/examples#degree>" for q in quads)


def test_contexts_that_pull_in_other_contexts_by_url() -> None:
    outer = "https://test.invalid/fast/outer"
    extra = {"extra": {"@id": "https://x.example/extra", "@type": "@id"}}
    loader = make_loader({outer: {"@context": [VC_V2, extra]}})
    document = credential(extra="https://x.example/thing")
    document["@context"] = [outer, OB_CONTEXT[1]]
    assert same(document, loader)


def test_a_context_listed_twice_and_an_empty_context_list() -> None:
    document = credential()
    document["@context"] = [VC_V2, VC_V2, OB_CONTEXT[1]]
    assert same(document)
    assert same({"@context": [], "@id": "https://x.example/s", "https://x.example/p": "v"})


def test_the_walk_does_not_modify_its_input() -> None:
    document = achievement_with(tag=["a", ["b"]], description={"@value": "d", "@language": "en"})
    original = copy.deepcopy(document)
    to_quads_fast(document, document_loader=LOADER)
    assert document == original


# --- the context cache -------------------------------------------------------------------


class CountingLoader:
    """Serves ``documents``; counts calls; tags answers static if asked to."""

    def __init__(self, documents: dict[str, Any], *, static: bool) -> None:
        self.documents = documents
        self.static = static
        self.calls = 0

    def __call__(self, url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        self.calls += 1
        if url not in self.documents:
            raise DocumentLoadError(f"not served: {url}")
        answer = {"contextUrl": None, "documentUrl": url, "document": self.documents[url]}
        return {**answer, "tag": "static"} if self.static else answer


CONTEXT_URL = "https://test.invalid/fast/cache"
FIRST = {"@context": {"p": "https://x.example/first"}}
SECOND = {"@context": {"p": "https://x.example/second"}}


def cache_document() -> dict[str, Any]:
    return {"@context": CONTEXT_URL, "@id": "https://x.example/s", "p": "v"}


@pytest.fixture
def fresh_cache() -> Callable[[], None]:
    clear_cache()
    return clear_cache


@pytest.mark.usefixtures("fresh_cache")
def test_a_loader_serving_another_document_is_not_trusted() -> None:
    first = CountingLoader({CONTEXT_URL: FIRST}, static=True)
    quads = to_quads_fast(cache_document(), document_loader=first)
    assert quads == [("<https://x.example/s>", "<https://x.example/first>", '"v"', "")]
    other = CountingLoader({CONTEXT_URL: SECOND}, static=True)
    assert to_quads_fast(cache_document(), document_loader=other) is None
    assert to_quads_reference(cache_document(), document_loader=other)[0][1] == (
        "<https://x.example/second>"
    )


@pytest.mark.usefixtures("fresh_cache")
def test_a_loader_refusing_a_cached_url_makes_the_fast_path_decline() -> None:
    to_quads_fast(
        cache_document(), document_loader=CountingLoader({CONTEXT_URL: FIRST}, static=True)
    )
    refusing = CountingLoader({}, static=True)
    assert to_quads_fast(cache_document(), document_loader=refusing) is None
    assert refusing.calls == 1


@pytest.mark.usefixtures("fresh_cache")
def test_a_static_loader_is_trusted_after_one_check() -> None:
    compiling = CountingLoader({CONTEXT_URL: FIRST}, static=True)
    to_quads_fast(cache_document(), document_loader=compiling)
    assert compiling.calls == 1
    to_quads_fast(cache_document(), document_loader=compiling)
    assert compiling.calls == 1  # trusted: no loading at all
    same_documents = CountingLoader({CONTEXT_URL: copy.deepcopy(FIRST)}, static=True)
    for _ in range(3):
        assert to_quads_fast(cache_document(), document_loader=same_documents) is not None
    assert same_documents.calls == 1


@pytest.mark.usefixtures("fresh_cache")
def test_a_loader_without_static_documents_is_checked_every_time() -> None:
    loader = CountingLoader({CONTEXT_URL: FIRST}, static=False)
    for _ in range(3):
        assert to_quads_fast(cache_document(), document_loader=loader) is not None
    assert loader.calls == 3
    loader.documents[CONTEXT_URL] = SECOND  # it may change its answer: we follow
    assert to_quads_fast(cache_document(), document_loader=loader) is None


@pytest.mark.usefixtures("fresh_cache")
def test_the_cache_keeps_its_own_copy_of_the_contexts() -> None:
    served = copy.deepcopy(FIRST)
    loader = CountingLoader({CONTEXT_URL: served}, static=False)
    assert to_quads_fast(cache_document(), document_loader=loader) is not None
    served["@context"]["p"] = "https://x.example/mutated"
    assert to_quads_fast(cache_document(), document_loader=loader) is None


def test_why_declined_says_why() -> None:
    assert why_declined(credential(), document_loader=LOADER) is None
    assert "@context" in (why_declined(OUTSIDE["inline-context"], document_loader=LOADER) or "")
    assert "undefinedTerm" in (
        why_declined(credential(undefinedTerm="x"), document_loader=LOADER) or ""
    )
