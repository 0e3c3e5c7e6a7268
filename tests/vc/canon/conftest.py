"""Fixtures for the canonicalisation tests: the vectors on disk and offline loaders.

``context_loader`` is the project's real ``pinned_loader()``. ``make_loader`` builds a
plain one over the same files (via ``contexts/data/index.json``) plus documents of the
test's own, refusing everything else with ``DocumentLoadError`` (code
``document_not_available``): for tests of what the JSON-LD layer does with a loader's
answers and refusals, independent of the pinned loader's own policy.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from microcred.vc.contexts import pinned_loader
from microcred.vc.errors import DocumentLoadError

ROOT = Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors"
CONTEXT_DATA = ROOT / "src" / "microcred" / "vc" / "contexts" / "data"

Loader = Callable[[str, dict[str, Any]], dict[str, Any]]


def _index() -> dict[str, str]:
    index: dict[str, str] = json.loads((CONTEXT_DATA / "index.json").read_text("utf-8"))
    return index


def make_loader(extra: dict[str, Any] | None = None) -> Loader:
    """A pyld document loader over the pinned contexts plus ``extra`` {url: document}."""
    index = _index()
    served = dict(extra or {})

    def load(url: str, options: dict[str, Any]) -> dict[str, Any]:
        if url in served:
            document = json.loads(json.dumps(served[url]))
        elif url in index and (CONTEXT_DATA / index[url]).is_file():
            document = json.loads((CONTEXT_DATA / index[url]).read_text("utf-8"))
        else:
            raise DocumentLoadError(f"not a pinned document: {url}")
        return {"contextUrl": None, "documentUrl": url, "document": document}

    return load


@pytest.fixture
def context_loader() -> Loader:
    return pinned_loader()


def read_json(relative: str) -> Any:
    return json.loads((VECTORS / relative).read_text("utf-8"))


def read_text(relative: str) -> str:
    return (VECTORS / relative).read_text("utf-8")
