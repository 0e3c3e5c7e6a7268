"""The W3C RDFC-1.0 test suite, every entry, each its own test.

Eval tests compare the canonical N-Quads byte for byte, map tests the issued blank node
labels; the negative test (a 10-node clique) must hit the work limit. The suite marks
its poison graphs "high" computational complexity: those are run with
``max_work_factor=2`` (a caller opting in to more work), everything else with the
default, which is what credentials get.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from microcred.vc.canon import canonicalize, parse_nquads
from microcred.vc.canon.rdfc import CanonicalResult
from microcred.vc.errors import CanonicalizationError

from .conftest import VECTORS

SUITE = VECTORS / "w3c-rdf-canon"
MANIFEST: dict[str, Any] = json.loads((SUITE / "manifest.jsonld").read_text("utf-8"))
ENTRIES: list[dict[str, Any]] = MANIFEST["entries"]
HIGH_WORK_FACTOR = 2


def _ids(kind: str) -> list[Any]:
    return [
        pytest.param(entry, id=entry["id"].lstrip("#"))
        for entry in ENTRIES
        if entry["type"] == f"rdfc:{kind}"
    ]


def _run(entry: dict[str, Any]) -> CanonicalResult:
    quads = parse_nquads((SUITE / entry["action"]).read_text("utf-8"))
    high = entry.get("computationalComplexity") == "high"
    return canonicalize(
        quads,
        hash_algorithm=entry.get("hashAlgorithm", "sha256"),
        max_work_factor=HIGH_WORK_FACTOR if high else 1,
    )


def test_suite_is_complete() -> None:
    """Guard against a truncated copy: the snapshot has 86 entries of three kinds."""
    kinds = {entry["type"] for entry in ENTRIES}
    assert len(ENTRIES) == 86
    assert kinds == {"rdfc:RDFC10EvalTest", "rdfc:RDFC10MapTest", "rdfc:RDFC10NegativeEvalTest"}


@pytest.mark.parametrize("entry", _ids("RDFC10EvalTest"))
def test_eval(entry: dict[str, Any]) -> None:
    expected = (SUITE / entry["result"]).read_bytes()
    assert _run(entry).nquads.encode("utf-8") == expected


@pytest.mark.parametrize("entry", _ids("RDFC10MapTest"))
def test_map(entry: dict[str, Any]) -> None:
    expected = json.loads((SUITE / entry["result"]).read_text("utf-8"))
    assert _run(entry).issued == expected


@pytest.mark.parametrize("entry", _ids("RDFC10NegativeEvalTest"))
def test_negative(entry: dict[str, Any]) -> None:
    with pytest.raises(CanonicalizationError) as caught:
        _run(entry)
    assert caught.value.code == "canonicalization_work_limit"
