"""Differential fuzzing: random contexts and documents, fast path against reference path.

The property: whenever the fast path gives quads, the reference path gives the same
dataset; whenever the reference path fails, the fast path has declined. Contexts mix
what the fast path supports (coercions, containers, property- and type-scoped contexts,
protection, prefixes, ``@vocab``, ``@language``, null terms, term-to-term references)
with what it must decline, over several layered contexts, so protection and scoping
interact; documents nest nodes, arrays, value objects and embedded contexts.

The generator is plain ``random`` with explicit odds, seeded by Hypothesis: most
documents must stay within the subset or the property would test little (the last test
checks that). A failing seed reproduces with ``random_case(seed)``.
"""

from __future__ import annotations

import hashlib
import json
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.vc.canon.fast import to_quads_fast
from microcred.vc.canon.jsonld import to_quads_reference
from microcred.vc.canon.rdfc import canonicalize
from microcred.vc.errors import VcError

from .conftest import make_loader

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROPERTIES = ["a", "b", "c", "d", "name"]
TYPES = ["T1", "T2", "T3"]


def pick(r: random.Random, weighted: list[tuple[float, Any]]) -> Any:
    """One of the values, with the given odds."""
    return r.choices([value for _, value in weighted], [weight for weight, _ in weighted])[0]


# --- contexts -------------------------------------------------------------------------


def iri_mapping(r: random.Random) -> Any:
    return pick(
        r,
        [
            (4, f"{EX}p{r.randrange(4)}"),
            (2, f"ex:r{r.randrange(3)}"),
            (1, f"ex2:s{r.randrange(3)}"),
            (1, f"{EX}p/"),  # a gen-delim at the end: may be used as a prefix
            (0.5, r.choice(TYPES)),  # a term defined in terms of another
            (0.1, "@type"),
            (0.05, "relative"),
        ],
    )


def term_definition(r: random.Random, depth: int) -> Any:
    form = pick(r, [(3, "simple"), (6, "expanded"), (0.2, "null"), (0.2, "no-id")])
    if form == "simple":
        return iri_mapping(r)
    if form == "null":
        return None
    definition: dict[str, Any] = {} if form == "no-id" else {"@id": iri_mapping(r)}
    if r.random() < 0.4:
        definition["@type"] = pick(
            r,
            [
                (6, "@id"),
                (4, "@vocab"),
                (4, f"{XSD}dateTime"),
                (3, "ex:dt"),
                (1, f"{XSD}integer"),
                (1, f"{XSD}double"),
                (0.5, "@json"),
                (0.3, "@none"),
            ],
        )
    if r.random() < 0.3:
        definition["@container"] = pick(
            r,
            [
                (7, "@set"),
                (5, "@list"),
                (2, "@graph"),
                (1, ["@graph", "@set"]),
                (0.5, "@language"),
                (0.5, "@index"),
                (0.2, ["@set", "@list"]),
            ],
        )
    if r.random() < 0.1:
        definition["@language"] = pick(r, [(3, "en"), (2, "tr-tr"), (2, None), (0.5, "EN")])
    if r.random() < 0.15:
        definition["@protected"] = r.random() < 0.6
    if r.random() < 0.05:
        definition["@prefix"] = r.random() < 0.7
    if depth > 0 and r.random() < 0.25:
        definition["@context"] = None if r.random() < 0.1 else context(r, depth - 1, top=False)
    return definition


def context(r: random.Random, depth: int, *, top: bool, density: float = 0.85) -> dict[str, Any]:
    ctx: dict[str, Any] = {}
    if top:
        ctx.update({"id": "@id", "type": "@type", "ex": EX})
        ctx["ex2"] = {"@id": "http://ex2.example/ns#", "@prefix": True}
    if r.random() < (0.6 if top else 0.15):
        ctx["@vocab"] = pick(r, [(3, f"{EX}vocab#"), (1, "ex:"), (1, "http://other.example/")])
    elif not top and r.random() < 0.05:
        ctx["@vocab"] = None
    if r.random() < 0.2:
        ctx["@language"] = pick(r, [(4, "en"), (2, "de"), (0.3, None)])
    if r.random() < 0.15:
        ctx["@protected"] = True  # pyld 3.3 fails on false ("cyclic IRI mapping")
    if r.random() < 0.3:  # a prefix whose meaning depends on the context in force
        ctx["ex3"] = f"http://ex3.example/{r.randrange(3)}/"
    for term in PROPERTIES + TYPES:
        if r.random() < (density if top else 0.3):
            ctx[term] = term_definition(r, depth)
    return ctx


# --- documents ------------------------------------------------------------------------


def scalar(r: random.Random) -> Any:
    return pick(
        r,
        [
            (5, r.choice(["", "x", "hello world", "İzmir", "a\nb", 'say "hi"', "back\\slash"])),
            (2, r.choice(["T1", "T2", "a", "ex:z", "ex2:s1", "ex3:q", f"{EX}q", "did:example:1"])),
            (2, r.randint(-1000, 1000)),
            (1, r.choice([0.1, 1.5, -2.25, 1e-7, 3.0, 123456.789])),
            (1, r.choice([True, False])),
            (0.15, r.choice([2**53 - 1, 2**53, 10**21, 1e21, 1000000000000000.5, -0.0])),
            (0.15, r.choice(["relative", "_:b0", "@id", "\x00\x7f", "\u2028"])),
        ],
    )


def value(r: random.Random, depth: int, urls: list[str]) -> Any:
    kind = pick(
        r,
        [(5, "scalar"), (4 if depth else 0, "node"), (3, "array"), (0.7, "value"), (0.5, "null")],
    )
    if kind == "scalar":
        return scalar(r)
    if kind == "node":
        return node(r, depth - 1, urls)
    if kind == "array":
        items = [value(r, depth, urls) for _ in range(r.randrange(4))]
        return items if r.random() < 0.95 else [items]
    if kind == "value":
        literal: dict[str, Any] = {"@value": scalar(r)}
        if r.random() < 0.4:
            literal["@type"] = pick(r, [(3, "ex:dt"), (1, f"{XSD}string"), (1, "T1")])
        elif r.random() < 0.4:
            literal = {
                "@value": r.choice(["chat", "", "x y"]),
                "@language": pick(r, [(4, "en"), (1, "EN")]),
            }
        return literal
    return None


def node(r: random.Random, depth: int, urls: list[str]) -> dict[str, Any]:
    if r.random() < 0.1:  # a lone reference: keeps a type-scoped context in force
        return {"id": r.choice(["ex3:z", "ex:z", f"{EX}x", "ex2:s1"])}
    result: dict[str, Any] = {}
    if r.random() < 0.05:
        result["@context"] = r.choice(urls)
    if r.random() < 0.5:
        result["id"] = pick(
            r,
            [
                (6, r.choice([f"{EX}x", f"{EX}y", "urn:uuid:1", "ex:z", "ex3:y"])),
                (0.1, "relative"),
            ],
        )
    if r.random() < 0.6:
        types = r.sample(TYPES, r.randint(1, 2))
        result["type"] = types if len(types) > 1 or r.random() < 0.5 else types[0]
    for key in r.sample([*PROPERTIES, "ex:k"], r.randint(1, 4)):
        result[key] = value(r, depth, urls)
    if r.random() < 0.05:
        result[r.choice([f"{EX}abs", "undefined"])] = scalar(r)
    return result


def url_for(ctx: dict[str, Any]) -> str:
    """A URL named after the content, so a cached context is never served changed."""
    digest = hashlib.sha256(json.dumps(ctx, sort_keys=True).encode()).hexdigest()[:20]
    return f"https://fuzz.invalid/{digest}"


def random_case(seed: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A document and the contexts it needs ({url: document})."""
    r = random.Random(seed)
    layers = pick(r, [(5, 1), (3, 2), (1, 3)])
    contexts = [context(r, 2, top=True, density=0.85 if n == 0 else 0.3) for n in range(layers)]
    urls = [url_for(ctx) for ctx in contexts]
    document = {**node(r, 3, urls), "@context": urls}
    return document, {url: {"@context": ctx} for url, ctx in zip(urls, contexts, strict=True)}


def check(seed: int) -> bool:
    """The property for one seed; True if the fast path took the document."""
    document, served = random_case(seed)
    loader = make_loader(served)
    quads = to_quads_fast(document, document_loader=loader)
    if quads is None:
        return False
    try:
        reference = to_quads_reference(document, document_loader=loader)
    except VcError as exc:
        raise AssertionError(f"seed {seed}: taken, but the reference refuses: {exc}") from exc
    fast_form = canonicalize(quads, max_work_factor=3).nquads
    assert fast_form == canonicalize(reference, max_work_factor=3).nquads, f"seed {seed}"
    return True


@settings(max_examples=500, deadline=None, database=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_fast_path_never_disagrees_with_the_reference(seed: int) -> None:
    check(seed)


def test_the_fuzzer_mostly_stays_in_the_subset() -> None:
    """Otherwise the property above would hold vacuously."""
    taken = sum(check(seed) for seed in range(300))
    print(f"fuzz: the fast path took {taken} of 300 random documents")
    assert taken >= 90
