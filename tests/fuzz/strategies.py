"""Hypothesis strategies for hostile input, and the settings every fuzz test shares.

The suite asserts *what* happens to every input (a value, a report or a documented
refusal), never how fast; its cost is bounded by ``max_examples`` so that all of
``tests/fuzz`` runs in well under two minutes on a small CI machine.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

#: Characters that matter to a JSON scanner, plus escapes that make lone surrogates.
_JSONISH = st.sampled_from(
    ['"', "\\", "[", "]", "{", "}", ",", ":", " ", "0", "1", "-", ".", "e", "a", "true",
     "null", "NaN", "Infinity", '\\"', "\\u", "\\ud800", "\\udfff", "\\ud83d\\ude00",
     "\\u0000", "\x00", "\ud800", "é"]
)  # fmt: skip

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def jsonish_text(draw: st.DrawFn) -> str:
    """Text that is often almost JSON: tokens, escapes, and serialised values spliced."""
    parts = draw(st.lists(_JSONISH | st.text(max_size=4), max_size=40))
    if draw(st.booleans()):
        value = json.dumps(draw(json_values))
        cut = draw(st.integers(0, len(value)))
        parts.insert(
            draw(st.integers(0, len(parts))), value[:cut] if draw(st.booleans()) else value
        )
    return "".join(parts)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@st.composite
def jwt_like(draw: st.DrawFn) -> str:
    """Three (or so) dot-separated segments: JSON, near-JSON or random bytes, base64url."""
    segments = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["json", "text", "bytes", "raw"]))
        if kind == "json":
            value: Any = draw(json_values)
            if draw(st.booleans()):
                value = {"alg": "EdDSA", "kid": draw(st.text(max_size=20)), "x": value}
            segments.append(b64(json.dumps(value).encode()))
        elif kind == "text":
            segments.append(b64(draw(jsonish_text()).encode("utf-8", "surrogatepass")))
        elif kind == "bytes":
            segments.append(b64(draw(st.binary(max_size=80))))
        else:
            segments.append(draw(st.text("AZaz09_-=.", max_size=20)))
    return ".".join(segments)
