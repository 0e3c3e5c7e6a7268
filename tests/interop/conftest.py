"""Interop tests: Microcred against Digital Bazaar's Node stack (see interop_harness)."""

from __future__ import annotations

import sys
from pathlib import Path

# The harness modules sit next to the tests; make them importable under any import mode.
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
