"""RDFC-1.0 beyond the W3C suite: invariance, pyld agreement, the work limit, the API."""

from __future__ import annotations

import random
import time
from itertools import permutations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyld import jsonld

from microcred.vc.canon import Quad, canonicalize, parse_nquads, serialize_nquads
from microcred.vc.canon.rdfc import MAX_RECURSION_DEPTH, _distinct_permutations
from microcred.vc.errors import CanonicalizationError

from .conftest import VECTORS

BNODES = [f"_:n{i}" for i in range(5)]
IRIS = ["<http://ex/a>", "<http://ex/b>"]
PREDICATES = ["<http://ex/p>", "<http://ex/q>"]
LITERALS = ['"x"', '"y"@en', '"1"^^<http://ex/int>', '"two\\nlines"']
GRAPHS = ["", "", "<http://ex/g>", "_:n0", "_:n1"]

QUADS = st.tuples(
    st.sampled_from([*BNODES, IRIS[0]]),
    st.sampled_from(PREDICATES),
    st.sampled_from([*BNODES, *IRIS, *LITERALS]),
    st.sampled_from(GRAPHS),
)
DATASETS = st.lists(QUADS, min_size=1, max_size=14)
UNLIMITED = 10**6


def _blanks(quad: Quad) -> list[str]:
    return [term for term in (quad[0], quad[2], quad[3]) if term.startswith("_:")]


def _relabel(quads: list[Quad], seed: int) -> list[Quad]:
    labels = sorted({b for q in quads for b in _blanks(q)})
    fresh = [f"_:r{i}" for i in range(len(labels))]
    random.Random(seed).shuffle(fresh)
    mapping = dict(zip(labels, fresh, strict=True))
    relabelled = [
        (mapping.get(s, s), p, mapping.get(o, o), mapping.get(g, g)) for s, p, o, g in quads
    ]
    random.Random(seed + 1).shuffle(relabelled)
    return relabelled


@settings(max_examples=300, deadline=None)
@given(quads=DATASETS, seed=st.integers(0, 2**32))
def test_output_ignores_labels_and_order(quads: list[Quad], seed: int) -> None:
    """The whole point: isomorphic datasets get the same canonical form."""
    first = canonicalize(quads, max_deep_iterations=UNLIMITED)
    second = canonicalize(_relabel(quads, seed), max_deep_iterations=UNLIMITED)
    assert first.nquads == second.nquads
    assert set(first.issued) == {b[2:] for q in quads for b in _blanks(q)}
    assert sorted(first.issued.values()) == sorted(f"c14n{i}" for i in range(len(first.issued)))


def _no_repeated_blank(quad: Quad) -> bool:
    blanks = _blanks(quad)
    return len(blanks) == len(set(blanks))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(quads=st.lists(QUADS.filter(_no_repeated_blank), min_size=1, max_size=14))
def test_agrees_with_pyld(quads: list[Quad]) -> None:
    """pyld implements the same algorithm (as URDNA2015).

    Quads where one blank node fills two positions are left out: pyld 3.3 lists such a
    quad twice for that node, RDFC-1.0 and rdf-canonize (the JavaScript reference) once;
    ``test_rdfc_interop`` checks those against rdf-canonize.
    """
    text = serialize_nquads(quads)
    expected = jsonld.normalize(
        text,
        {
            "algorithm": "URDNA2015",
            "inputFormat": "application/n-quads",
            "format": "application/n-quads",
        },
    )
    assert canonicalize(quads, max_deep_iterations=UNLIMITED).nquads == expected


def test_lines_sorted_and_duplicates_dropped() -> None:
    quads = parse_nquads(
        '_:x <http://ex/p> "b" .\n<http://ex/s> <http://ex/p> _:x .\n_:x <http://ex/p> "b" .\n'
    )
    result = canonicalize(quads)
    assert result.nquads == ('<http://ex/s> <http://ex/p> _:c14n0 .\n_:c14n0 <http://ex/p> "b" .\n')
    assert result.issued == {"x": "c14n0"}
    assert canonicalize([]).nquads == ""


def test_sha384_changes_tie_breaking_hashes_not_the_api() -> None:
    quads = parse_nquads((VECTORS / "w3c-rdf-canon/rdfc10/test075-in.nq").read_text("utf-8"))
    assert canonicalize(quads, hash_algorithm="SHA-384") == canonicalize(
        quads, hash_algorithm="sha384"
    )
    with pytest.raises(ValueError, match="md5"):
        canonicalize(quads, hash_algorithm="md5")


def _poison() -> list[Quad]:
    return parse_nquads((VECTORS / "w3c-rdf-canon/rdfc10/test044-in.nq").read_text("utf-8"))


def test_default_work_limit_refuses_poison_graphs() -> None:
    """test044 is computable when the caller opts in to more work (the suite does so)."""
    with pytest.raises(CanonicalizationError) as caught:
        canonicalize(_poison())
    assert caught.value.code == "canonicalization_work_limit"
    assert canonicalize(_poison(), max_work_factor=2).nquads


def test_explicit_deep_iteration_limit() -> None:
    tie = parse_nquads('_:a <http://ex/p> "same" .\n_:b <http://ex/p> "same" .\n')
    unique = parse_nquads('_:a <http://ex/p> "one" .\n_:b <http://ex/p> "two" .\n')
    assert sorted(canonicalize(unique, max_deep_iterations=0).issued) == ["a", "b"]
    with pytest.raises(CanonicalizationError):
        canonicalize(tie, max_deep_iterations=0)
    assert len(canonicalize(tie, max_deep_iterations=1).issued) == 2
    with pytest.raises(ValueError, match="negative"):
        canonicalize(tie, max_work_factor=-1)


def test_recursion_depth_is_bounded() -> None:
    """Two identical long chains of blank nodes: every link ties, each hash recurses."""
    length = MAX_RECURSION_DEPTH + 20
    lines = [
        f"_:{chain}{i} <http://ex/next> _:{chain}{i + 1} ." for chain in "ab" for i in range(length)
    ]
    with pytest.raises(CanonicalizationError) as caught:
        canonicalize(parse_nquads("\n".join(lines)), max_work_factor=3)
    assert caught.value.code == "canonicalization_work_limit"
    assert "recursion" in str(caught.value)


def test_repeated_related_node_is_not_factorial() -> None:
    """A node linked to one neighbour through 12 named graphs: 12! orderings of the same
    node would take hours; they are one ordering."""
    lines = []
    for node, neighbour, mark in (("a1", "c1", "1"), ("a2", "c2", "2")):
        lines.append(f'_:{neighbour} <http://ex/mark> "{mark}" .')
        lines += [f"_:{node} <http://ex/p> _:{neighbour} <http://ex/g{i}> ." for i in range(12)]
    quads = parse_nquads("\n".join(lines))
    started = time.perf_counter()
    result = canonicalize(quads)
    assert time.perf_counter() - started < 2
    assert result.nquads == canonicalize(_relabel(quads, 7)).nquads


@given(st.lists(st.sampled_from("abcd"), min_size=1, max_size=6))
def test_distinct_permutations(items: list[str]) -> None:
    produced = [tuple(p) for p in _distinct_permutations(items)]
    assert len(produced) == len(set(produced))
    assert set(produced) == set(permutations(items))
