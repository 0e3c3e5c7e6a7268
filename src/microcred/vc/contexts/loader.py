"""The pinned context files: an index (URL → file) and a lazy, per-URL parse cache.

Files are parsed on first request and kept, so a broken or missing file fails only the
URL that needs it, and start-up reads nothing but the small index. Parsed documents are
shared between callers and must be treated as read-only: pyld (3.3) does not modify the
documents it loads (``tests/vc/test_contexts.py`` checks this after a canonicalisation),
and copying them would cost ~0.2 ms per load for nothing.
"""

from __future__ import annotations

import json
import threading
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from microcred.vc.errors import DocumentLoadError

__all__ = ["DATA", "INDEX", "read_pinned"]

DATA: Traversable = resources.files(__package__).joinpath("data")


def _read_index() -> dict[str, str]:
    index = json.loads(DATA.joinpath("index.json").read_text("utf-8"))
    if not isinstance(index, dict) or not all(
        isinstance(url, str) and isinstance(name, str) and "/" not in name and name
        for url, name in index.items()
    ):
        raise RuntimeError("contexts/data/index.json must map URLs to file names")
    return index


INDEX: dict[str, str] = _read_index()
_parsed: dict[str, Any] = {}
_lock = threading.Lock()


def read_pinned(url: str) -> Any:
    """The parsed pinned document for ``url`` (the same object every time)."""
    try:
        return _parsed[url]
    except KeyError:
        pass
    name = INDEX[url]
    with _lock:
        if url not in _parsed:
            _parsed[url] = _parse(url, name)
        return _parsed[url]


def _parse(url: str, name: str) -> Any:
    try:
        text = DATA.joinpath(name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentLoadError(
            f"the pinned copy of {url} ({name}) cannot be read: {exc}",
            code="context_file_missing",
        ) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentLoadError(
            f"the pinned copy of {url} ({name}) is not valid JSON: {exc}",
            code="context_file_invalid",
        ) from exc
