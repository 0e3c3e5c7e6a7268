"""RDF Dataset Canonicalization, RDFC-1.0 (W3C Recommendation, 21 May 2024).

https://www.w3.org/TR/rdf-canon/ — our own implementation; section numbers below are
the spec's. Quads arrive with their terms already in canonical N-Quads form
(``canon.nquads``), so hashing a quad is string concatenation and relabelling a blank
node is a dictionary look-up.

Why the shape of the code: this runs on every sign and every verify. Almost every
blank node in a credential has a unique first-degree hash, so the hot path is
§4.6 "Hash First Degree Quads"; each blank node's quads are gathered once, and the
expensive §4.8 "Hash N-Degree Quads" only runs for the rare nodes that tie.

Why the work limit: §4.8 is exponential on purpose-built "poison" datasets (a clique of
ten blank nodes needs billions of steps), and a verifier canonicalises documents from
strangers. Each blank node may be the subject of §4.8 at most ``N ** max_work_factor``
times, where N is the number of blank nodes that needed §4.8 at all (the spec's
"maximum number of deep iterations", §4.4.2 / §6). Recursion deeper than
``MAX_RECURSION_DEPTH`` is refused too. Both raise
``CanonicalizationError(code="canonicalization_work_limit")``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Protocol

from microcred.vc.canon.quads import Quad
from microcred.vc.errors import CanonicalizationError

__all__ = ["MAX_RECURSION_DEPTH", "CanonicalResult", "canonicalize"]

MAX_RECURSION_DEPTH = 256
"""Deepest §4.8 recursion accepted; far beyond any credential, far below Python's stack."""

WORK_LIMIT_CODE = "canonicalization_work_limit"


class _Hash(Protocol):
    def hexdigest(self) -> str: ...


_HASHES: dict[str, Callable[[bytes], _Hash]] = {
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
}


@dataclass(frozen=True, slots=True)
class CanonicalResult:
    """The canonical N-Quads (sorted, each line ending ``\\n``) and the issued labels.

    ``issued`` maps each input blank node label (without ``_:``) to its canonical label
    (``c14n0``, ``c14n1``, …), in the order the labels were issued.
    """

    nquads: str
    issued: dict[str, str]


def canonicalize(
    quads: Iterable[Quad],
    *,
    hash_algorithm: str = "sha256",
    max_work_factor: int = 1,
    max_deep_iterations: int | None = None,
) -> CanonicalResult:
    """Canonicalise a dataset with RDFC-1.0 (§4.4.3).

    ``hash_algorithm`` is ``"sha256"`` (the default and what every cryptosuite uses)
    or ``"sha384"``. ``max_deep_iterations`` overrides the limit derived from
    ``max_work_factor`` (see the module docstring). Duplicate quads count once: a
    dataset is a set.
    """
    new_hash = _HASHES.get(hash_algorithm.lower().replace("-", ""))
    if new_hash is None:
        raise ValueError(f"unsupported RDFC-1.0 hash algorithm: {hash_algorithm!r}")
    if max_work_factor < 0 or (max_deep_iterations is not None and max_deep_iterations < 0):
        raise ValueError("work limits must not be negative")
    state = _State(list(dict.fromkeys(quads)), new_hash)
    state.issue_canonical_ids(max_work_factor, max_deep_iterations)
    return CanonicalResult(nquads=state.serialize(), issued=state.issued_map())


class _State:
    """The canonicalization state of §4.2: the maps and the canonical issuer.

    An identifier issuer (§4.3) is a plain ``dict`` from blank node term to issued
    label, in issue order; the next label is ``prefix + str(len(issuer))``. Copying one
    is ``dict(issuer)``, which the permutation loop of §4.8 does a lot.
    """

    __slots__ = (
        "_deep_calls",
        "_deep_limit",
        "_depth",
        "_first_degree",
        "_hash",
        "bnode_quads",
        "canonical",
        "quads",
    )

    def __init__(self, quads: list[Quad], new_hash: Callable[[bytes], _Hash]) -> None:
        self.quads = quads
        self._hash = new_hash
        self.canonical: dict[str, str] = {}
        self._first_degree: dict[str, str] = {}
        self._deep_calls: dict[str, int] = {}
        self._deep_limit = 0
        self._depth = 0
        self.bnode_quads = _blank_node_quads(quads)

    # -- §4.4.3 steps 3-5 -------------------------------------------------------------

    def issue_canonical_ids(self, work_factor: int, deep_limit: int | None) -> None:
        """Issue ``c14n`` labels: unique first-degree hashes first, then the ties."""
        by_hash: dict[str, list[str]] = {}
        for node in self.bnode_quads:
            by_hash.setdefault(self.hash_first_degree(node), []).append(node)
        ties: list[list[str]] = []
        for _, nodes in sorted(by_hash.items()):
            if len(nodes) == 1:
                self.canonical[nodes[0]] = f"c14n{len(self.canonical)}"
            else:
                ties.append(nodes)
        if not ties:
            return
        tied = sum(len(nodes) for nodes in ties)
        self._deep_limit = tied**work_factor if deep_limit is None else deep_limit
        for nodes in ties:
            self._issue_tied(nodes)

    def _issue_tied(self, nodes: list[str]) -> None:
        """§4.4.3 step 5 for one shared first-degree hash."""
        paths: list[tuple[str, dict[str, str]]] = []
        for node in nodes:
            if node in self.canonical:
                continue
            paths.append(self.hash_n_degree(node, {node: "b0"}))
        for _, issuer in sorted(paths, key=lambda result: result[0]):
            for node in issuer:
                if node not in self.canonical:
                    self.canonical[node] = f"c14n{len(self.canonical)}"

    # -- §4.6 Hash First Degree Quads -------------------------------------------------

    def hash_first_degree(self, node: str) -> str:
        """Hash a node's quads with itself as ``_:a`` and every other blank node ``_:z``."""
        cached = self._first_degree.get(node)
        if cached is not None:
            return cached
        lines = []
        for subject, predicate, obj, graph in self.bnode_quads[node]:
            if subject[0] == "_":
                subject = "_:a" if subject == node else "_:z"
            if obj[0] == "_":
                obj = "_:a" if obj == node else "_:z"
            if graph:
                if graph[0] == "_":
                    graph = "_:a" if graph == node else "_:z"
                lines.append(f"{subject} {predicate} {obj} {graph} .\n")
            else:
                lines.append(f"{subject} {predicate} {obj} .\n")
        lines.sort()
        digest = self._hash("".join(lines).encode()).hexdigest()
        self._first_degree[node] = digest
        return digest

    # -- §4.7 Hash Related Blank Node -------------------------------------------------

    def hash_related(self, related: str, quad: Quad, issuer: dict[str, str], pos: str) -> str:
        label = self.canonical.get(related) or issuer.get(related)
        data = pos if pos == "g" else pos + quad[1]
        data += "_:" + label if label is not None else self.hash_first_degree(related)
        return self._hash(data.encode()).hexdigest()

    # -- §4.8 Hash N-Degree Quads -----------------------------------------------------

    def hash_n_degree(self, node: str, issuer: dict[str, str]) -> tuple[str, dict[str, str]]:
        """Hash a node's neighbourhood, choosing the smallest path over permutations."""
        self._charge(node)
        self._depth += 1
        try:
            data = []
            for related_hash, group in sorted(self._related_groups(node, issuer).items()):
                data.append(related_hash)
                path, issuer = self._choose_path(group, issuer)
                data.append(path)
            return self._hash("".join(data).encode()).hexdigest(), issuer
        finally:
            self._depth -= 1

    def _related_groups(self, node: str, issuer: dict[str, str]) -> dict[str, list[str]]:
        """§4.8.3 steps 1-3: related blank nodes grouped by their related hash."""
        groups: dict[str, list[str]] = {}
        for quad in self.bnode_quads[node]:
            subject, _, obj, graph = quad
            if subject[0] == "_" and subject != node:
                groups.setdefault(self.hash_related(subject, quad, issuer, "s"), []).append(subject)
            if obj[0] == "_" and obj != node:
                groups.setdefault(self.hash_related(obj, quad, issuer, "o"), []).append(obj)
            if graph[:1] == "_" and graph != node:
                groups.setdefault(self.hash_related(graph, quad, issuer, "g"), []).append(graph)
        return groups

    def _choose_path(self, group: list[str], issuer: dict[str, str]) -> tuple[str, dict[str, str]]:
        """§4.8.3 step 5.4: the code-point-smallest path over the group's permutations."""
        chosen_path = ""
        chosen_issuer = issuer
        for permutation in _distinct_permutations(group):
            issuer_copy = dict(issuer)
            path = ""
            recursion: list[str] = []
            for related in permutation:
                label = self.canonical.get(related)
                if label is None:
                    label = issuer_copy.get(related)
                    if label is None:
                        recursion.append(related)
                        label = issuer_copy[related] = f"b{len(issuer_copy)}"
                path += "_:" + label
                if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                    break
            else:
                for related in recursion:
                    result_hash, result_issuer = self.hash_n_degree(related, issuer_copy)
                    path += "_:" + issuer_copy[related] + "<" + result_hash + ">"
                    issuer_copy = result_issuer
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        break
                else:
                    if not chosen_path or path < chosen_path:
                        chosen_path, chosen_issuer = path, issuer_copy
        return chosen_path, chosen_issuer

    def _charge(self, node: str) -> None:
        calls = self._deep_calls.get(node, 0) + 1
        if calls > self._deep_limit:
            raise CanonicalizationError(
                f"RDFC-1.0 work limit: blank node {node} needed more than "
                f"{self._deep_limit} deep iterations (a poison dataset?)",
                code=WORK_LIMIT_CODE,
            )
        if self._depth >= MAX_RECURSION_DEPTH:
            raise CanonicalizationError(
                f"RDFC-1.0 work limit: recursion deeper than {MAX_RECURSION_DEPTH}",
                code=WORK_LIMIT_CODE,
            )
        self._deep_calls[node] = calls

    # -- §4.4.3 step 6 ----------------------------------------------------------------

    def serialize(self) -> str:
        """Relabel with the canonical issuer, serialise each quad, sort the lines."""
        canonical = self.canonical
        lines = []
        for subject, predicate, obj, graph in self.quads:
            if subject[0] == "_":
                subject = "_:" + canonical[subject]
            if obj[0] == "_":
                obj = "_:" + canonical[obj]
            if graph:
                if graph[0] == "_":
                    graph = "_:" + canonical[graph]
                lines.append(f"{subject} {predicate} {obj} {graph} .\n")
            else:
                lines.append(f"{subject} {predicate} {obj} .\n")
        lines.sort()
        return "".join(lines)

    def issued_map(self) -> dict[str, str]:
        return {node[2:]: label for node, label in self.canonical.items()}


def _blank_node_quads(quads: list[Quad]) -> dict[str, list[Quad]]:
    """§4.4.3 step 2, the blank node to quads map: each quad once per blank node in it
    (also when the node fills two positions, as rdf-canonize does; pyld 3.3 lists it
    twice), nodes in order of first appearance."""
    found: defaultdict[str, list[Quad]] = defaultdict(list)
    for quad in quads:
        subject, _, obj, graph = quad
        if subject[0] == "_":
            found[subject].append(quad)
        if obj[0] == "_" and obj != subject:
            found[obj].append(quad)
        if graph and graph[0] == "_" and graph != subject and graph != obj:
            found[graph].append(quad)
    return dict(found)


def _distinct_permutations(items: Sequence[str]) -> Iterator[Sequence[str]]:
    """Every ordering of ``items``, each distinct ordering once.

    A blank node can be related twice under the same hash (two quads differing only in
    a named graph); identical orderings give identical paths, so visiting them again
    only burns time — factorially, on a hostile input.
    """
    if len(items) == 1:
        yield items
        return
    if len(set(items)) == len(items):
        yield from permutations(items)
        return
    ranks = {item: rank for rank, item in enumerate(dict.fromkeys(items))}
    values = list(ranks)
    current = sorted(ranks[item] for item in items)
    while True:
        yield [values[rank] for rank in current]
        # Next lexicographic permutation of the rank list (Narayana Pandita).
        i = len(current) - 2
        while i >= 0 and current[i] >= current[i + 1]:
            i -= 1
        if i < 0:
            return
        j = len(current) - 1
        while current[j] <= current[i]:
            j -= 1
        current[i], current[j] = current[j], current[i]
        current[i + 1 :] = reversed(current[i + 1 :])
