"""Differential fuzzing: random contexts and documents, fast path against reference path.

The property: whenever the fast path gives quads, the reference path gives the same
dataset; whenever the reference path fails, the fast path declines. Contexts mix what
the fast path supports (coercions, containers, property- and type-scoped contexts,
protection, prefixes, ``@vocab``, ``@language``, null terms) with what it must decline,
over several layered contexts, so protection and scoping interact.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.vc.canon.fast import to_quads_fast
from microcred.vc.canon.jsonld import to_quads_reference
from microcred.vc.canon.rdfc import canonicalize
from microcred.vc.errors import DocumentLoadError, VcError

from .conftest import make_loader

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROPERTIES = ["a", "b", "c", "d", "name"]
TYPES = ["T1", "T2", "T3"]
TERMS = PROPERTIES + TYPES

iris = st.sampled_from([f"{EX}x", f"{EX}y", "urn:uuid:1", "did:example:123", "ex:z", f"{EX}a#b"])
strings = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8
) | st.sampled_from(["", "ex:z", "T1", "a", f"{EX}q", "relative", "_:b0", "1.5", "line\nbreak"])
numbers = (
    st.integers(min_value=-(2**60), max_value=2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([0.1, 1.5, -2.25, 1e21, 1e-7, 1000000000000000.5, 2**53 - 1, 2**53])
)
scalars = strings | numbers | st.booleans() | st.none() | iris


def term_definition(scoped: st.SearchStrategy[Any] | None) -> st.SearchStrategy[Any]:
    simple = st.sampled_from(
        [f"{EX}p", f"{EX}q", f"{EX}r", "ex:r", "ex2:s", "ex:t", "@type", "@id", None]
    )
    entry: dict[str, st.SearchStrategy[Any]] = {
        "@type": st.sampled_from(
            ["@id", "@vocab", f"{XSD}dateTime", f"{XSD}integer", f"{XSD}double", "ex:dt", "@json"]
        ),
        "@container": st.sampled_from(
            ["@set", "@list", "@graph", ["@graph", "@set"], "@language", "@index"]
        ),
        "@language": st.sampled_from(["en", "EN", "tr-TR", None]),
        "@protected": st.booleans(),
        "@prefix": st.booleans(),
    }
    if scoped is not None:
        entry["@context"] = scoped | st.none()
    iri = st.sampled_from([f"{EX}p", f"{EX}q", f"{EX}s", "ex:r", "ex:u", "T1", "@type", f"{EX}p/"])
    expanded = st.fixed_dictionaries({"@id": iri}, optional=entry)
    return st.one_of(simple, expanded, expanded, st.fixed_dictionaries({}, optional=entry))


def context(
    definitions: st.SearchStrategy[Any], *, with_vocab: bool = False
) -> st.SearchStrategy[dict[str, Any]]:
    options: dict[str, st.SearchStrategy[Any]] = {
        "@vocab": st.sampled_from([f"{EX}vocab#", "ex:", "http://other.example/"]),
        "@language": st.sampled_from(["en", "de", "en", "de", None]),
        "@protected": st.just(True),  # pyld 3.3 fails on false ("cyclic IRI mapping")
        "@version": st.just(1.1),
    }
    for term in TERMS:
        options[term] = definitions
    required = {
        "ex": st.just(EX),
        "ex2": st.just({"@id": "http://ex2.example/ns#", "@prefix": True}),
    }
    if with_vocab:
        required["@vocab"] = options.pop("@vocab")
    return st.fixed_dictionaries(required, optional=options)


# Scoped contexts nest two deep; each level is built once (and deferred, to keep reprs small).
_innermost = st.deferred(lambda: context(term_definition(None)))
_inner = st.deferred(lambda: context(term_definition(_innermost)))
contexts = st.deferred(
    lambda: context(term_definition(_inner), with_vocab=True) | context(term_definition(_inner))
)

_value = scalars | st.fixed_dictionaries(
    {"@value": scalars},
    optional={
        "@type": st.sampled_from(["ex:dt", f"{XSD}string", "T1"]),
        "@language": st.sampled_from(["en", "EN"]),
    },
)


def node(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    value: st.SearchStrategy[Any] = _value
    if depth > 0:
        value = value | st.deferred(lambda: node(depth - 1))
    values = value | st.lists(value | st.lists(value, max_size=2), max_size=3)
    keys = st.sampled_from([*PROPERTIES, "ex:k", f"{EX}abs", "undefined", "id", "type"])
    keywords = st.fixed_dictionaries(
        {},
        optional={
            "id": iris | st.sampled_from(["relative", "_:x"]),
            "type": st.sampled_from(TYPES) | st.lists(st.sampled_from(TYPES), max_size=2),
            "@context": st.integers(min_value=0, max_value=2),  # one of the document's
        },
    )
    return st.tuples(st.dictionaries(keys, values, max_size=4), keywords).map(
        lambda parts: {**parts[0], **parts[1]}
    )


def with_urls(value: Any, urls: list[str]) -> Any:
    """Replace each embedded ``@context`` index by the URL of that context."""
    if isinstance(value, list):
        return [with_urls(item, urls) for item in value]
    if not isinstance(value, dict):
        return value
    return {
        key: urls[item % len(urls)] if key == "@context" else with_urls(item, urls)
        for key, item in value.items()
    }


def url_for(ctx: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(ctx, sort_keys=True).encode()).hexdigest()[:20]
    return f"https://fuzz.invalid/{digest}"


documents = st.tuples(st.lists(contexts, min_size=1, max_size=3), st.deferred(lambda: node(3)))


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents)
def test_fast_path_never_disagrees_with_the_reference(case: tuple[list[dict[str, Any]], Any]) -> None:
    contexts, body = case
    served = {url_for(ctx): {"@context": ctx} for ctx in contexts}
    urls = [url_for(ctx) for ctx in contexts]
    document = {**with_urls(body, urls), "@context": urls}
    loader = make_loader(served)
    quads = to_quads_fast(document, document_loader=loader)
    if quads is None:
        return
    try:
        reference = to_quads_reference(document, document_loader=loader)
    except (VcError, DocumentLoadError) as exc:
        raise AssertionError(f"the fast path took a document the reference refuses: {exc}") from exc
    assert canonicalize(quads, max_work_factor=3).nquads == canonicalize(
        reference, max_work_factor=3
    ).nquads
