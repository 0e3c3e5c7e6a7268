"""The public surface of ``microcred.vc.canon`` changes only on purpose."""

from __future__ import annotations

import microcred.vc.canon as canon

EXPORTED = {
    "CanonicalResult",
    "Quad",
    "canonicalize",
    "canonicalize_jsonld",
    "jcs",
    "parse_nquads",
    "serialize_nquads",
    "to_quads",
}


def test_exported_names() -> None:
    assert set(canon.__all__) == EXPORTED
    assert all(getattr(canon, name, None) is not None for name in EXPORTED)
